"""What companies book each demo resource for, by catalog key. Resources not named here
draw from the purposes of their kind (`texts.PURPOSES`)."""

PURPOSES_BY_KEY = {
    # Gimhae
    "gimhae-confocal": (
        "약물 전달체의 세포 내 위치 관찰",
        "오가노이드 단면 형광 영상",
        "표지 세포 생존 확인",
    ),
    "gimhae-flow": (
        "세포치료제 후보 세포 표면 마커 분석",
        "면역세포 활성도 측정",
        "진단 항체 특이도 확인",
    ),
    "gimhae-qpcr": (
        "체외진단 시약 로트별 성능 확인",
        "분자진단 키트 검출한계 시험",
        "유전자 발현량 비교",
    ),
    "gimhae-lcms": (
        "혈중 바이오마커 정량법 개발",
        "약동학 시료 약물 농도 분석",
        "원료 불순물 정량",
    ),
    "gimhae-fesem": (
        "나노섬유 지지체 표면 관찰",
        "임플란트 표면처리 형상 확인",
        "나노 분말 형상·성분 분석",
    ),
    "gimhae-dls": ("나노 분쇄 원료 입도 분포 측정", "나노입자 제형 안정성 확인", "제타전위 측정"),
    "gimhae-electrospinning": ("나노섬유 인서트 시제품 제작", "방사 조건 최적화"),
    "gimhae-metal3d": ("티타늄 척추 임플란트 시제품 출력", "코발트크롬 치과 보철 구조물 출력"),
    "gimhae-plasma-sterilizer": (
        "멸균 밸리데이션 시험",
        "포장재 멸균 적합성 확인",
        "멸균 주기 검증",
    ),
    "gimhae-ivd-lab": (
        "분석적 성능시험(정밀도·검출한계)",
        "검체 전처리 조건 확인",
        "교차반응 시험",
    ),
    "gimhae-gpu": (
        "의료영상 판독 AI 모델 학습",
        "모델 성능 검증용 추론 실험",
        "영상 데이터 전처리",
    ),
    "gimhae-seminar": ("투자설명회", "입주기업 재직자 교육", "제품 설명회"),
    # Gwangju
    "gwangju-microct": (
        "임플란트 주위 신생골 3차원 분석",
        "골이식재 기공 구조 분석",
        "골유착 정량",
    ),
    "gwangju-utm": ("차폐막 인장강도 시험", "골이식재 압축강도 시험", "봉합사 인장 시험"),
    "gwangju-fatigue": ("ISO 14801 임플란트 피로 시험", "설계 변경 후 피로 재시험"),
    "gwangju-exakt": ("비탈회 골 조직 절편 제작", "임플란트 매식 시편 연마"),
    "gwangju-large-animal": ("미니돼지 치과 임플란트 매식 시험", "비글 골이식재 비임상 시험"),
    "gwangju-cytotox": ("ISO 10993-5 세포독성 시험", "용출물 제조와 예비 시험"),
    "gwangju-contact-angle": ("표면처리 조건별 친수성 비교",),
    "gwangju-ra-room": ("규제과학 교육 실습", "인허가 컨설팅 회의", "병원 공동연구 회의"),
    # Jeonnam
    "jeonnam-fermenter": (
        "재조합 단백질 발효 스케일업",
        "백신 항원 생산 공정 개발",
        "균주 대량 배양",
    ),
    "jeonnam-cell-gmp": ("백신 후보물질 비임상 시료 생산", "세포주 적응 배양"),
    "jeonnam-freeze-dryer": ("백신 동결건조 주기 개발", "프로바이오틱스 분말화"),
    "jeonnam-hplc": ("천연물 지표성분 함량 분석", "추출 조건별 성분 비교", "원료 규격 시험"),
    "jeonnam-gcms": ("향 성분 분석", "잔류용매 시험"),
    "jeonnam-spray-dryer": ("천연 추출물 분말화", "부형제 배합 조건 확인"),
    "jeonnam-sfe": ("무용매 식물성 오일 추출",),
    # Jeonbuk
    "jeonbuk-pilot": ("건강기능식품 시제품 생산", "추출·농축 스케일업", "정제 성형 조건 확인"),
    "jeonbuk-anaerobic": ("장내 미생물 분리 배양", "혐기성 균주 보존 배양"),
    "jeonbuk-maldi": ("프로바이오틱스 균주 동정", "오염균 동정"),
    "jeonbuk-texture": ("젤리형 제품 물성 측정", "정제 경도 시험"),
    "jeonbuk-livinglab": ("웨어러블 기기 사용성 평가", "건강관리 앱 사용자 시험"),
    # Chungbuk
    "chungbuk-skin": ("화장품 보습 효능 평가", "탄력 개선 효능 측정"),
    "chungbuk-climate-room": ("인체적용시험 피험자 안정화", "피부 측정 세션"),
    "chungbuk-qtof": ("천연물 성분 동정", "대사체 분석"),
    "chungbuk-emulsifier": ("크림 제형 시제품 제조", "유화 조건 스케일업"),
    "chungbuk-ultracentrifuge": ("엑소좀 분리", "바이러스 입자 정제"),
    # Osong
    "osong-cryoem": ("항체-항원 복합체 구조 분석", "막단백질 구조 분석"),
    "osong-spr": ("항체 후보 결합력 분석", "저분자 화합물 결합 스크리닝"),
    "osong-hcs": ("384웰 약효 스크리닝", "세포독성 이미징 분석"),
    "osong-mri": ("뇌종양 모델 영상 평가", "심장 기능 영상 평가", "약효 평가 종단 영상"),
    "osong-akta": ("항체 정제", "재조합 단백질 정제"),
    "osong-xrd": ("후보물질 결정 구조 확인",),
    "osong-bio-gmp": ("임상시료 생산 배치", "스케일업 공정 개발 배치"),
    # Daegu
    "daegu-nmr": ("합성 화합물 구조 확인", "불순물 구조 규명"),
    "daegu-hrms": ("불순물 구조 규명", "대사체 동정", "합성 중간체 확인"),
    "daegu-prep-hplc": ("합성 화합물 정제", "불순물 표준품 분취"),
    "daegu-cnc": ("정형외과 금속 부품 시제품 가공", "치과용 어버트먼트 시제품 가공"),
    "daegu-injection": ("카테터 허브 시제품 사출", "의료용 플라스틱 하우징 사출"),
    "daegu-esa": ("IEC 60601-1 사전 시험", "설계 변경 후 재시험"),
    "daegu-osd-gmp": ("임상시험용 정제 배치 생산", "캡슐 충전 공정 검증"),
    # Daejeon
    "daejeon-sorter": ("항원 특이 세포 분리", "단일세포 클론 분리"),
    "daejeon-ngs": ("장내 미생물 군집 분석", "표적 유전자 패널 분석"),
    "daejeon-ddpcr": ("유전자치료제 벡터 역가 측정", "희귀 변이 검출"),
    "daejeon-platereader": ("효소 활성 측정", "세포 생존율 측정(발광)"),
    "daejeon-incucyte": ("세포 증식 장기 관찰", "항암 후보물질 세포사멸 추적"),
    "daejeon-bsl2": ("바이러스 벡터 형질도입 실험", "세포 배양과 계대", "시료 전처리"),
    # Wonju
    "wonju-emc": ("IEC 60601-1-2 사전 시험", "설계 변경 후 전자파 재시험"),
    "wonju-esa": ("IEC 60601-1 사전 시험", "출하 전 전기안전 점검"),
    "wonju-usability": ("IEC 62366-1 총괄 평가", "사용성 형성평가"),
    "wonju-sla": ("수술 가이드 출력", "치과 모델 출력", "시제품 외형 출력"),
    "wonju-laser-marker": ("UDI 각인 시제품 제작", "각인 내구성 시편 제작"),
    "wonju-climate": ("보관 안정성 시험", "운송 환경 시험"),
    "wonju-vibration": ("운송 포장 진동 시험",),
    "wonju-proto-lab": ("시제품 회로 조립", "시제품 외관 검사"),
}
