"""Words of the outcomes demo: what companies patent, approve, sell and win, the names
of buyers, investors, agencies and hospitals, and why staff rejected a record. They
are records' data, written as Korean companies write them, so they are not translated.
"""

# What a company works on → what its patents and projects are about.
TOPICS = {
    "medical-device": ["혈관 내 스텐트 전달 장치", "일회용 수술 기구", "휴대형 초음파 진단기"],
    "ivd": ["현장진단용 면역 검사 카트리지", "다중 유전자 증폭 진단 키트", "HIV 신속 진단 키트"],
    "medical-ai": ["흉부 엑스선 판독 보조 인공지능", "병리 영상 분석 알고리즘"],
    "biomaterials": ["생체흡수성 골 고정 나사", "치과용 차폐막", "유착 방지 젤"],
    "nanomaterials": ["나노섬유 상처 피복재", "약물 전달 나노입자 코팅"],
    "cell-gene": ["중간엽 줄기세포 배양 공정", "유전자 전달 벡터 정제 방법"],
    "biologics": ["항체 정제 공정", "재조합 단백질 발현 세포주"],
    "pharmaceuticals": ["서방형 경구 제제", "항염증 저분자 화합물"],
    "wearables": ["웨어러블 심전도 패치", "자세 교정 센서 밴드"],
    "digital-health": ["원격 재활 관리 플랫폼", "복약 순응도 모니터링 시스템"],
    "medical-robotics": ["재활 보행 보조 로봇", "수술 보조 로봇 팔 제어 장치"],
    "regenerative": ["연골 재생용 지지체", "피부 재생 하이드로겔"],
    "cro-cdmo": ["세포치료제 무균 충전 공정", "바이오의약품 분석법 밸리데이션"],
    "cosmetics": ["피부 장벽 개선 조성물", "천연 유래 미백 소재"],
    "health-food": ["장 건강 프로바이오틱스 조성물", "혈당 조절 기능성 소재"],
    "infection-control": ["저온 플라즈마 멸균기", "의료용 공기 살균 장치"],
}
DEFAULT_TOPICS = ["의료기기용 생체 신호 처리 장치", "바이오 소재 표면 처리 방법"]
PATENT_FORMS = [
    "{topic} 및 그 제조 방법",
    "{topic}",
    "{topic}를 이용한 진단 방법",
    "개선된 {topic}",
]

# Fields whose products are drugs or biologics: trials by phase, not device trials.
DRUG_FIELDS = frozenset({"pharmaceuticals", "biologics", "cell-gene", "regenerative"})

PRODUCT_FORMS = ["{topic}", "{topic} (개량형)", "{topic} 2세대"]

NOTIFIED_BODIES = ["TÜV SÜD Product Service", "BSI Group The Netherlands", "DEKRA Certification"]
OTHER_AUTHORITIES = [
    ("JP", "PMDA (일본 의약품의료기기종합기구)"),
    ("CN", "NMPA (중국 국가약품감독관리국)"),
    ("BR", "ANVISA (브라질 국가위생감시국)"),
    ("TH", "Thai FDA"),
]

# Export buyers by country, and how often each country buys.
BUYERS = {
    "US": ["MedLink Supply Inc.", "Pacific Surgical Distributors", "Northstar Diagnostics LLC"],
    "DE": ["Rhein Medizintechnik GmbH", "Hansa Dental Vertrieb GmbH"],
    "FR": ["Clinique Distribution SAS"],
    "IT": ["Medica Adriatica S.r.l."],
    "ES": ["Iberia Salud Distribuciones S.L."],
    "PL": ["Vistula Med Sp. z o.o."],
    "JP": ["Sakura Medical Trading K.K.", "Osaka Dental Shoji"],
    "CN": ["Shanghai Huamei Medical Co.", "Guangzhou Kangtai Trading"],
    "VN": ["Saigon Medical Equipment JSC"],
    "TH": ["Siam Healthcare Supply Co."],
    "ID": ["PT Nusantara Alat Kesehatan"],
    "SA": ["Riyadh Medical Care Est."],
    "AE": ["Gulf Medical Trading LLC"],
    "BR": ["Distribuidora Saúde Brasil Ltda."],
    "MX": ["Distribuidora Médica del Norte"],
    "IN": ["Mumbai Surgicals Pvt. Ltd."],
    "TR": ["Anadolu Medikal A.Ş."],
}
EXPORT_WEIGHTS = {"US": 18, "DE": 8, "FR": 4, "IT": 3, "ES": 3, "PL": 2, "JP": 9, "CN": 8,
                  "VN": 8, "TH": 5, "ID": 5, "SA": 4, "AE": 4, "BR": 4, "MX": 3, "IN": 4,
                  "TR": 3}  # fmt: skip
EURO_COUNTRIES = frozenset({"DE", "FR", "IT", "ES"})

INVESTORS = [
    "한빛보건산업투자",
    "메디브릿지파트너스",
    "동남바이오벤처스",
    "오픈메드인베스트먼트",
    "바이오스파크액셀러레이터",
    "경남지역혁신펀드",
    "한국투자파트너스",
    "KB인베스트먼트",
    "스마일게이트인베스트먼트",
    "IBK기업은행",
]

HOSPITALS = [
    "가천대길병원",
    "분당서울대학교병원",
    "분당차병원",
    "서울성모병원",
    "서울아산병원",
    "연세의료원",
    "인제대학교 부산백병원",
    "인하대병원",
    "전남대학교병원",
    "조선대학교병원",
]

LICENSORS = [
    "인제대학교 산학협력단",
    "조선대학교 산학협력단",
    "한국생명공학연구원",
    "KAIST",
    "전남대학교 산학협력단",
]
LICENSEES = ["대웅제약", "유한양행", "한미약품", "노스브리지 메디컬", "헬베티아 메드텍", "청람제약"]

# National R&D: (agency, programme) pairs a title is written with.
RND_PROGRAMMES = [
    ("한국보건산업진흥원", "범부처전주기의료기기연구개발사업"),
    ("한국보건산업진흥원", "보건의료기술연구개발사업"),
    ("한국산업기술기획평가원", "바이오산업기술개발사업"),
    ("중소기업기술정보진흥원", "중소기업기술혁신개발사업"),
    ("한국연구재단", "바이오·의료기술개발사업"),
    ("정보통신산업진흥원", "디지털헬스케어 실증사업"),
]
RND_FORMS = ["{topic} 상용화 개발", "{topic} 임상 실증", "{topic} 고도화 및 인허가 대응"]

# Why cluster staff sent a record back, by kind.
REJECTIONS = {
    "patent": [
        "증빙으로 올린 출원서의 출원번호가 특허정보검색서비스(KIPRIS)에서 확인되지 않습니다. "
        "출원번호를 다시 확인해 주세요.",
    ],
    "export": [
        "같은 수출 계약이 이미 등록되어 있습니다(계약일·상대방·금액 동일). 중복 입력으로 "
        "반려합니다.",
        "계약서에 금액이 나와 있지 않아 확인할 수 없습니다. 금액이 적힌 계약서나 발주서를 "
        "첨부해 다시 올려 주세요.",
        "국내 지사와 맺은 계약이라 수출 실적으로 볼 수 없습니다.",
    ],
    "approval": [
        "인증서가 아니라 인증 신청 접수증입니다. 인증서를 받은 뒤 다시 입력해 주세요.",
    ],
    "revenue": [
        "매출액이 재무제표와 다릅니다(부가세 포함 금액으로 보입니다). 재무제표 기준으로 고쳐 "
        "주세요.",
    ],
}

# Demand companies' headquarters as the directory writes them.
COUNTRY_CODES = {"대한민국": "KR", "미국": "US", "독일": "DE", "일본": "JP", "스위스": "CH",
                 "영국": "GB", "덴마크": "DK", "싱가포르": "SG", "아일랜드": "IE",
                 "프랑스": "FR", "호주": "AU"}  # fmt: skip
