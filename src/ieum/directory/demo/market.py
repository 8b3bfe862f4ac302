"""Investors and demand companies.

Investors are invented (one manages a 보건산업펀드, the Korea Health Industry Fund).
Demand companies mix well-known Korean drug makers, with public interests only and no
confidential notes, and invented global pharma and medtech firms.
"""

INVESTORS = [
    {
        "slug": "hanbit-health-investment",
        "name_ko": "한빛보건산업투자",
        "name_en": "Hanbit Health Industry Investment",
        "region": "seoul",
        "city": "서울",
        "type": "fund_manager",
        "areas": ["oncology", "metabolic", "cardiovascular"],
        "fields": ["biologics", "medical-device", "digital-health"],
        "stages": ["under-3", "3-to-7"],
        "ticket": (1_000_000_000, 5_000_000_000),
        "notes": "보건산업펀드 잔여 약정 약 180억 원, 비수도권 기업 투자 비율 20% 이상 유지 필요.",
        "summary_ko": (
            "보건산업펀드를 운용하는 투자사로, 병원과 연계된 기술을 가진 초기·도약기 바이오헬스 "
            "기업에 투자합니다."
        ),
        "summary_en": (
            "Manages a Korea Health Industry Fund and invests in early and growth-stage "
            "bio-health companies with hospital-linked technology."
        ),
    },
    {
        "slug": "dongnam-bio-ventures",
        "name_ko": "동남바이오벤처스",
        "name_en": "Dongnam Bio Ventures",
        "region": "busan",
        "city": "부산",
        "type": "vc",
        "areas": ["infectious", "rehabilitation"],
        "fields": ["medical-device", "ivd", "biomaterials"],
        "stages": ["under-3", "3-to-7"],
        "ticket": (500_000_000, 3_000_000_000),
        "notes": "김해·양산 의료기기 기업 후속 투자 검토 목록 운영.",
        "summary_ko": "동남권 의료기기·체외진단 기업에 집중하는 벤처캐피털입니다.",
        "summary_en": "A venture capital firm focused on medical-device and diagnostics "
        "companies of the southeast.",
    },
    {
        "slug": "medibridge-partners",
        "name_ko": "메디브릿지파트너스",
        "name_en": "MediBridge Partners",
        "region": "seoul",
        "city": "서울",
        "type": "accelerator",
        "areas": ["mental-health", "metabolic"],
        "fields": ["digital-health", "medical-ai"],
        "stages": ["pre-startup", "under-3"],
        "ticket": (50_000_000, 300_000_000),
        "notes": "",
        "summary_ko": (
            "임상의 멘토와 함께 디지털헬스·의료 AI 예비창업자와 초기 기업을 키우는 "
            "액셀러레이터입니다."
        ),
        "summary_en": "An accelerator that grows digital-health and medical-AI founders with "
        "clinician mentors.",
    },
    {
        "slug": "biospark-accelerator",
        "name_ko": "바이오스파크액셀러레이터",
        "name_en": "BioSpark Accelerator",
        "region": "daejeon",
        "city": "대전",
        "type": "accelerator",
        "areas": ["oncology", "rare"],
        "fields": ["biologics", "cell-gene"],
        "stages": ["pre-startup", "under-3"],
        "ticket": (100_000_000, 500_000_000),
        "notes": "",
        "summary_ko": (
            "연구소 창업 바이오 벤처에 초기 자금과 사업개발을 지원하는 액셀러레이터입니다."
        ),
        "summary_en": "An accelerator giving lab spin-off bio ventures seed money and business "
        "development help.",
    },
    {
        "slug": "openmed-investment",
        "name_ko": "오픈메드인베스트먼트",
        "name_en": "OpenMed Investment",
        "region": "gyeonggi",
        "city": "성남시",
        "type": "vc",
        "areas": ["neurology", "cardiovascular"],
        "fields": ["medical-ai", "digital-health", "medical-robotics"],
        "stages": ["3-to-7", "over-7"],
        "ticket": (2_000_000_000, 10_000_000_000),
        "notes": "상장 전 단계(pre-IPO) 라운드 위주, 2025년 하반기 신규 투자 4건 목표.",
        "summary_ko": "의료 AI·디지털헬스·의료로봇 성장기 기업에 투자하는 벤처캐피털입니다.",
        "summary_en": "A venture capital firm investing in growth-stage medical AI, digital "
        "health and surgical robotics.",
    },
]

DEMAND_COMPANIES = [
    {
        "slug": "daewoong-pharmaceutical",
        "name_ko": "대웅제약",
        "name_en": "Daewoong Pharmaceutical",
        "region": "seoul",
        "country": "대한민국",
        "fields": ["cell-gene", "biologics", "digital-health"],
        "areas": ["metabolic", "gastroenterology"],
        "interests_ko": (
            "세포·유전자치료제 등 차세대 치료제와 디지털헬스 분야의 공동연구, 기술 도입"
        ),
        "interests_en": "Joint research and in-licensing in cell and gene therapy and digital "
        "health",
        "notes": "",
        "summary_ko": "국내 제약기업으로, 오픈이노베이션으로 바이오 벤처와 협력합니다.",
        "summary_en": "A Korean drug maker working with bio ventures through open innovation.",
    },
    {
        "slug": "yuhan-corporation",
        "name_ko": "유한양행",
        "name_en": "Yuhan Corporation",
        "region": "seoul",
        "country": "대한민국",
        "fields": ["pharmaceuticals", "biologics"],
        "areas": ["oncology", "metabolic"],
        "interests_ko": "항암·대사성질환 신약 후보물질의 기술 도입과 공동개발",
        "interests_en": "In-licensing and co-development of oncology and metabolic drug candidates",
        "notes": "",
        "summary_ko": "국내 제약기업으로, 외부 혁신 기술을 도입해 신약 파이프라인을 넓힙니다.",
        "summary_en": "A Korean drug maker widening its pipeline with outside innovation.",
    },
    {
        "slug": "hanmi-pharmaceutical",
        "name_ko": "한미약품",
        "name_en": "Hanmi Pharmaceutical",
        "region": "seoul",
        "country": "대한민국",
        "fields": ["pharmaceuticals", "biologics"],
        "areas": ["metabolic", "rare", "oncology"],
        "interests_ko": "비만·대사질환과 희귀질환 치료제 분야 협력",
        "interests_en": "Partnerships in obesity, metabolic and rare-disease therapies",
        "notes": "",
        "summary_ko": "국내 제약기업으로, 바이오 벤처와의 공동연구에 관심이 많습니다.",
        "summary_en": "A Korean drug maker open to joint research with bio ventures.",
    },
    {
        "slug": "rheinfeld-pharma",
        "name_ko": "라인펠트 파마",
        "name_en": "Rheinfeld Pharma AG",
        "region": "",
        "country": "독일",
        "fields": ["biologics", "cell-gene"],
        "areas": ["oncology", "neurology"],
        "interests_ko": "이중항체·ADC 플랫폼, 신경계질환 유전자치료 기술",
        "interests_en": "Bispecific and ADC platforms, gene therapy for neurological diseases",
        "notes": "아시아 기술 도입 예산 2026년 증액 예정, 비임상 데이터 패키지 필수.",
        "summary_ko": "독일에 본사를 둔 글로벌 제약사로, 아시아 바이오 기술을 찾고 있습니다.",
        "summary_en": "A global drug maker headquartered in Germany, scouting Asian biotech.",
    },
    {
        "slug": "northbridge-medical",
        "name_ko": "노스브리지 메디컬",
        "name_en": "Northbridge Medical Inc.",
        "region": "",
        "country": "미국",
        "fields": ["medical-device", "wearables", "medical-ai"],
        "areas": ["cardiovascular", "metabolic"],
        "interests_ko": "심혈관 중재 기기, 웨어러블 심전도, 혈당 모니터링 기술",
        "interests_en": "Cardiovascular interventional devices, wearable ECG and glucose "
        "monitoring",
        "notes": "한국 기업 대상 FDA 510(k) 공동 인허가 파일럿 1건 검토 중.",
        "summary_ko": "미국 의료기기 기업으로, 심혈관·대사질환 기기 분야 협력사를 찾습니다.",
        "summary_en": "A US medical-device company looking for partners in cardiovascular and "
        "metabolic devices.",
    },
    {
        "slug": "sakura-diagnostics",
        "name_ko": "사쿠라 다이아그노스틱스",
        "name_en": "Sakura Diagnostics K.K.",
        "region": "",
        "country": "일본",
        "fields": ["ivd"],
        "areas": ["infectious", "oncology"],
        "interests_ko": "현장진단 분자진단, 감염병 다중진단 카트리지",
        "interests_en": "Point-of-care molecular tests and multiplex infectious-disease cartridges",
        "notes": "",
        "summary_ko": "일본 체외진단 기업으로, 한국 진단기업과의 공동개발을 추진합니다.",
        "summary_en": "A Japanese diagnostics company seeking co-development with Korean "
        "diagnostics firms.",
    },
    {
        "slug": "helvetia-medtech",
        "name_ko": "헬베티아 메드텍",
        "name_en": "Helvetia MedTech SA",
        "region": "",
        "country": "스위스",
        "fields": ["biomaterials", "medical-robotics"],
        "areas": ["dental", "rehabilitation"],
        "interests_ko": "치과·정형외과용 생체흡수성 소재와 수술 보조 로봇",
        "interests_en": "Bioabsorbable dental and orthopedic materials, surgical assistance robots",
        "notes": "",
        "summary_ko": "스위스 의료기기 기업으로, 이식형 소재 분야 기술을 찾고 있습니다.",
        "summary_en": "A Swiss medical-device company scouting implant-material technology.",
    },
    {
        "slug": "lumen-digital-health",
        "name_ko": "루멘 디지털헬스",
        "name_en": "Lumen Digital Health Ltd",
        "region": "",
        "country": "영국",
        "fields": ["digital-health", "medical-ai"],
        "areas": ["mental-health", "neurology"],
        "interests_ko": "디지털 치료기기와 정신건강 AI의 유럽 공동 실증",
        "interests_en": "European co-validation of digital therapeutics and mental-health AI",
        "notes": "",
        "summary_ko": "영국 디지털헬스 기업으로, 한국 디지털 치료기기 기업과 협력합니다.",
        "summary_en": "A UK digital-health company partnering with Korean digital-therapeutics "
        "makers.",
    },
]
