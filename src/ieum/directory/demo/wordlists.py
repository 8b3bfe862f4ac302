"""Word lists for the generated companies: name parts, places and what each field makes.

Written as compact text and read into tuples at import:
- a name part or city is `Korean/English`;
- a phrase is `Korean | English plural (descriptions) | English singular (product names)
  | therapeutic-area codes`;
- `classes` are MFDS device classes typical of the field; fields without classes make
  drugs, food, cosmetics or services.
"""


def pairs(text: str) -> list[tuple[str, str]]:
    """`한빛/Hanbit 누리/Nuri` → [("한빛", "Hanbit"), ("누리", "Nuri")]; `_` is a space."""
    return [tuple(item.replace("_", " ").split("/", 1)) for item in text.split()]


def phrases(*lines: str) -> list[tuple[str, str, str, tuple[str, ...]]]:
    parsed = []
    for line in lines:
        korean, plural, singular, areas = (part.strip() for part in line.split("|"))
        parsed.append((korean, plural, singular, tuple(areas.split())))
    return parsed


NAME_PREFIXES = pairs("""
    한빛/Hanbit 누리/Nuri 다온/Daon 라온/Raon 세움/Seum 나래/Narae 가온/Gaon 미르/Mir
    새론/Saeron 하람/Haram 한결/Hangyeol 초록/Chorok 푸른/Pureun 해솔/Haesol 단비/Danbi
    마루/Maru 여울/Yeoul 아라/Ara 온유/Onyu 소담/Sodam 다솜/Dasom 별하/Byeolha 윤슬/Yunseul
    은결/Eungyeol 지음/Jieum 늘봄/Neulbom 한울/Hanul 청림/Cheongrim 명진/Myeongjin
    성원/Seongwon 동방/Dongbang 서광/Seogwang 삼원/Samwon 우성/Useong 일신/Ilsin 세진/Sejin
    유진/Yujin 도담/Dodam 보람/Boram 에이스/Ace 코어/Core 네오/Neo 옵티/Opti 프라임/Prime
    에버/Ever 넥스/Nex 제노/Geno 바이탈/Vital 메타/Meta 트루/True 유니/Uni 큐어/Cure 휴/Hu
    아이엠/IM 에코/Eco 퀀텀/Quantum 오름/Oreum 슬기/Seulgi 고운/Goun 참빛/Chambit
""")

LEGAL_FORMS_EN = ["Inc.", "Co., Ltd.", "Corp."]

# Places outside the clusters: (region code, Korean city, English city, weight).
OTHER_PLACES = [
    ("seoul", "서울 강남구", "Gangnam, Seoul", 4),
    ("seoul", "서울 금천구", "Geumcheon, Seoul", 2),
    ("seoul", "서울 송파구", "Songpa, Seoul", 2),
    ("gyeonggi", "성남시", "Seongnam", 4),
    ("gyeonggi", "수원시", "Suwon", 1),
    ("gyeonggi", "용인시", "Yongin", 1),
    ("gyeonggi", "시흥시", "Siheung", 1),
    ("incheon", "인천", "Incheon", 2),
    ("busan", "부산", "Busan", 2),
    ("ulsan", "울산", "Ulsan", 1),
]

# Each cluster: (weight among generated companies, its cities; repeats weigh more).
CLUSTER_PLACES = {
    "gimhae-biomedical": (20, pairs("김해시/Gimhae " * 4 + "창원시/Changwon 양산시/Yangsan")),
    "daejeon-biohealth": (11, pairs("대전/Daejeon")),
    "wonju-medical-device": (12, pairs("원주시/Wonju " * 3 + "춘천시/Chuncheon 강릉시/Gangneung")),
    "jeonnam-bio": (7, pairs("화순군/Hwasun 나주시/Naju 순천시/Suncheon")),
    "jeonbuk-biohealth": (7, pairs("전주시/Jeonju 익산시/Iksan 정읍시/Jeongeup")),
    "chungbuk-bio-convergence": (6, pairs("제천시/Jecheon 충주시/Chungju 청주시/Cheongju")),
    "gwangju-biomaterials": (8, pairs("광주/Gwangju")),
    "osong-medical-complex": (9, pairs("청주시/Cheongju")),
    "daegu-medical-complex": (9, pairs("대구/Daegu")),
}
NO_CLUSTER_WEIGHT = 11

REGION_NAMES = {
    code: pair
    for code, pair in zip(
        ["seoul", "busan", "daegu", "incheon", "gwangju", "daejeon", "ulsan", "gyeonggi",
         "gangwon", "chungbuk", "jeonbuk", "jeonnam", "gyeongnam"],
        pairs("""
            서울/Seoul 부산/Busan 대구/Daegu 인천/Incheon 광주/Gwangju 대전/Daejeon 울산/Ulsan
            경기/Gyeonggi 강원/Gangwon 충북/Chungbuk 전북/Jeonbuk 전남/Jeonnam 경남/Gyeongnam
        """),
        strict=True,
    )
}  # fmt: skip

FIELDS = {
    "medical-device": {
        "label": ("의료기기", "medical-device"),
        "suffixes": pairs("메디칼/Medical 메드텍/MedTech 디바이스/Devices 메딕스/Medix"),
        "modalities": ["hardware-device"],
        "classes": ["class-1", "class-2", "class-2", "class-3"],
        "related": ["wearables", "medical-robotics"],
        "phrases": phrases(
            "초음파 방광 용적 측정기 | ultrasound bladder scanners | Bladder Scanner "
            "| rehabilitation",
            "일회용 내시경 카테터 | single-use endoscopic catheters | Endoscopic Catheter "
            "| gastroenterology",
            "수술용 에너지 기기 | surgical energy devices | Surgical Energy System |",
            "혈관 내 초음파 카테터 | intravascular ultrasound catheters | IVUS Catheter "
            "| cardiovascular",
            "가정용 저주파 치료기 | home electrotherapy devices | Home Electrotherapy Unit "
            "| rehabilitation",
        ),
    },
    "ivd": {
        "label": ("체외진단", "in-vitro diagnostics"),
        "suffixes": pairs("진단/Diagnostics 다이아텍/DiaTech 바이오진단/BioDx"),
        "modalities": ["diagnostic-reagent"],
        "classes": ["class-2", "class-3", "class-3", "class-4"],
        "related": ["nanomaterials", "medical-ai"],
        "phrases": phrases(
            "현장진단용 면역 신속진단키트 | rapid immunoassay kits for point-of-care testing "
            "| Rapid Immunoassay Kit | infectious",
            "분자진단 PCR 시약 | molecular PCR reagents | PCR Reagent Kit | infectious",
            "액체생검 암 조기진단 패널 | liquid-biopsy panels for early cancer detection "
            "| Liquid Biopsy Panel | oncology",
            "호흡기 병원체 다중진단 카트리지 | multiplex respiratory pathogen cartridges "
            "| Respiratory Multiplex Cartridge | respiratory infectious",
            "심근경색 표지자 진단키트 | cardiac marker test kits | Cardiac Marker Test "
            "| cardiovascular",
        ),
    },
    "digital-health": {
        "label": ("디지털헬스케어", "digital-health"),
        "suffixes": pairs("헬스케어/Healthcare 헬스/Health 케어랩/Care_Lab"),
        "modalities": ["samd"],
        "classes": ["class-2"],
        "related": ["medical-ai", "wearables"],
        "phrases": phrases(
            "당뇨 관리 앱 | diabetes management apps | Diabetes Care App | metabolic",
            "불면증 디지털 치료기기 | digital therapeutics for insomnia | Insomnia DTx "
            "| mental-health",
            "원격 환자 모니터링 플랫폼 | remote patient-monitoring platforms "
            "| Remote Monitoring Platform | cardiovascular",
            "뇌졸중 재활 훈련 앱 | stroke rehabilitation training apps | Stroke Rehab App "
            "| neurology rehabilitation",
        ),
    },
    "medical-ai": {
        "label": ("의료 인공지능", "medical AI"),
        "suffixes": pairs("에이아이/AI 비전/Vision 인사이트/Insight"),
        "modalities": ["samd"],
        "classes": ["class-2", "class-2", "class-3"],
        "related": ["digital-health"],
        "phrases": phrases(
            "흉부 CT 폐결절 검출 AI | lung-nodule detection AI for chest CT | Lung Nodule AI "
            "| respiratory oncology",
            "병리 슬라이드 분석 AI | pathology slide analysis AI | Pathology AI | oncology",
            "심전도 부정맥 판독 AI | ECG arrhythmia reading AI | ECG Arrhythmia AI "
            "| cardiovascular",
            "망막 영상 판독 AI | retinal image reading AI | Retina Reading AI | ophthalmology",
            "치매 조기 선별 AI | early dementia screening AI | Dementia Screening AI | neurology",
        ),
    },
    "pharmaceuticals": {
        "label": ("합성의약품", "pharmaceutical"),
        "suffixes": pairs("파마/Pharma 제약/Pharmaceutical 사이언스/Sciences"),
        "modalities": ["small-molecule"],
        "classes": [],
        "related": ["nanomaterials"],
        "phrases": phrases(
            "저분자 표적항암제 | small-molecule targeted cancer drugs | Targeted Anticancer "
            "| oncology",
            "서방형 개량신약 | extended-release improved drugs | Extended-release Tablet "
            "| metabolic",
            "천연물 유래 신약 후보 | natural-product drug candidates | Botanical Candidate "
            "| gastroenterology",
            "특발성 폐섬유증 치료제 | idiopathic pulmonary fibrosis drugs | IPF Candidate "
            "| respiratory rare",
        ),
    },
    "biologics": {
        "label": ("바이오의약품", "biologics"),
        "suffixes": pairs("바이오로직스/Biologics 바이오/Bio 바이오텍/Biotech"),
        "modalities": ["antibody", "protein-peptide", "vaccine"],
        "classes": [],
        "related": ["cro-cdmo"],
        "phrases": phrases(
            "이중항체 치료제 | bispecific antibodies | Bispecific Antibody | oncology",
            "재조합 단백질 의약품 | recombinant protein drugs | Recombinant Protein | metabolic",
            "mRNA 백신 | mRNA vaccines | mRNA Vaccine | infectious",
            "자가면역질환 항체 치료제 | antibodies for autoimmune diseases "
            "| Autoimmune Antibody | joint-immune",
        ),
    },
    "cell-gene": {
        "label": ("세포·유전자치료", "cell and gene therapy"),
        "suffixes": pairs("셀/Cell 테라퓨틱스/Therapeutics 진/Gene"),
        "modalities": ["cell-therapy", "gene-therapy"],
        "classes": [],
        "related": ["regenerative"],
        "phrases": phrases(
            "CAR-NK 세포치료제 | CAR-NK cell therapies | CAR-NK Therapy | oncology",
            "AAV 유전자치료제 | AAV gene therapies | AAV Gene Therapy | rare ophthalmology",
            "줄기세포 유래 엑소좀 치료제 | stem-cell exosome therapies | Exosome Therapy "
            "| joint-immune",
        ),
    },
    "regenerative": {
        "label": ("재생의료", "regenerative-medicine"),
        "suffixes": pairs("리젠/Regen 티슈/Tissue 바이오메드/BioMed"),
        "modalities": ["cell-therapy", "implant-material"],
        "classes": ["class-3", "class-4"],
        "related": ["biomaterials", "cell-gene"],
        "phrases": phrases(
            "3D 바이오프린팅 인공조직 | 3D-bioprinted tissues | Bioprinted Tissue Patch "
            "| dermatology",
            "연골 재생 스캐폴드 | cartilage regeneration scaffolds | Cartilage Scaffold "
            "| joint-immune",
            "오가노이드 기반 재생 치료 | organoid-based regenerative therapies "
            "| Organoid Therapy | gastroenterology",
        ),
    },
    "biomaterials": {
        "label": ("생체재료", "biomaterials"),
        "suffixes": pairs("바이오소재/Biomaterials 머티리얼즈/Materials 바이오메디칼/BioMedical"),
        "modalities": ["implant-material"],
        "classes": ["class-3", "class-4", "class-4"],
        "related": ["medical-device", "regenerative"],
        "phrases": phrases(
            "생체흡수성 골이식재 | bioabsorbable bone grafts | Bioabsorbable Bone Graft | dental",
            "치과용 차폐막 | dental barrier membranes | Dental Barrier Membrane | dental",
            "흡수성 봉합사 | absorbable sutures | Absorbable Suture |",
            "혈관 스텐트 코팅 소재 | vascular stent coatings | Stent Coating | cardiovascular",
            "수술 후 유착방지제 | post-surgical anti-adhesion barriers | Anti-adhesion Barrier "
            "| gastroenterology",
        ),
    },
    "nanomaterials": {
        "label": ("나노소재", "nanomaterials"),
        "suffixes": pairs("나노/Nano 나노텍/NanoTech 나노바이오/NanoBio"),
        "modalities": ["implant-material", "small-molecule"],
        "classes": ["class-1", "class-2", "class-3"],
        "related": ["biomaterials", "pharmaceuticals"],
        "phrases": phrases(
            "나노입자 약물전달체 | nanoparticle drug carriers | Nanoparticle Carrier | oncology",
            "나노섬유 상처 드레싱 | nanofiber wound dressings | Nanofiber Dressing | dermatology",
            "나노 은 항균 코팅 | nano-silver antibacterial coatings | Nano-silver Coating "
            "| infectious",
        ),
    },
    "medical-robotics": {
        "label": ("의료로봇", "medical-robotics"),
        "suffixes": pairs("로보틱스/Robotics 로봇/Robot 메카트로닉스/Mechatronics"),
        "modalities": ["hardware-device"],
        "classes": ["class-2", "class-3"],
        "related": ["medical-device", "medical-ai"],
        "phrases": phrases(
            "복강경 수술 보조 로봇 | laparoscopic assistant robots | Laparoscopic Robot "
            "| gastroenterology",
            "상지 재활 로봇 | upper-limb rehabilitation robots | Upper-limb Rehab Robot "
            "| rehabilitation neurology",
            "혈관 중재 시술 로봇 | vascular intervention robots | Vascular Intervention Robot "
            "| cardiovascular",
        ),
    },
    "wearables": {
        "label": ("웨어러블", "wearable"),
        "suffixes": pairs("웨어/Wear 센서/Sensor 핏/Fit"),
        "modalities": ["hardware-device"],
        "classes": ["class-2", "class-2", "class-3"],
        "related": ["digital-health"],
        "phrases": phrases(
            "패치형 심전도 측정기 | patch-type ECG monitors | ECG Patch | cardiovascular",
            "연속혈당 측정 센서 | continuous glucose sensors | CGM Sensor | metabolic",
            "보행 분석 스마트 인솔 | gait-analysis smart insoles | Smart Insole | rehabilitation",
        ),
    },
    "infection-control": {
        "label": ("감염관리·멸균", "infection-control"),
        "suffixes": pairs("클린/Clean 스테리/Steri 세이프/Safe"),
        "modalities": ["hardware-device"],
        "classes": ["class-2"],
        "related": ["medical-device"],
        "phrases": phrases(
            "과산화수소 플라즈마 멸균기 | hydrogen-peroxide plasma sterilizers "
            "| Plasma Sterilizer | infectious",
            "내시경 세척 소독기 | endoscope washer-disinfectors | Endoscope Washer "
            "| infectious gastroenterology",
            "UV 공기 살균 장치 | UV air disinfection units | UV Air Disinfector | infectious",
        ),
    },
    "cosmetics": {
        "label": ("화장품", "cosmetics"),
        "suffixes": pairs("코스메틱/Cosmetic 뷰티랩/Beauty_Lab 더마/Derma"),
        "modalities": [],
        "classes": [],
        "related": ["health-food"],
        "phrases": phrases(
            "더마 코스메틱 기능성 크림 | dermocosmetic creams | Derma Repair Cream | dermatology",
            "발효 천연 화장품 원료 | fermented natural cosmetic ingredients "
            "| Fermented Ingredient | dermatology",
        ),
    },
    "health-food": {
        "label": ("건강기능식품", "health functional food"),
        "suffixes": pairs("네이처/Nature 푸드바이오/FoodBio 웰니스/Wellness"),
        "modalities": ["microbiome"],
        "classes": [],
        "related": ["cosmetics"],
        "phrases": phrases(
            "장 건강 프로바이오틱스 | gut-health probiotics | Gut Probiotic | gastroenterology",
            "혈당 관리 건강기능식품 | blood-sugar health foods | Glucose Care Supplement "
            "| metabolic",
            "홍삼 면역 기능성 원료 | red-ginseng immune ingredients | Red Ginseng Extract "
            "| joint-immune",
        ),
    },
    "cro-cdmo": {
        "label": ("임상·위탁생산 서비스", "CRO and CDMO"),
        "suffixes": pairs("바이오서비스/Bio_Services 랩스/Labs 리서치/Research"),
        "modalities": [],
        "classes": [],
        "related": ["biologics"],
        "phrases": phrases(
            "비임상 효력 평가 서비스 | nonclinical efficacy-testing services "
            "| Efficacy Study Service |",
            "항체 위탁개발생산 서비스 | antibody CDMO services | Antibody CDMO Service | oncology",
            "의료기기 인허가 대행 | medical-device regulatory services | Regulatory Service |",
        ),
    },
}

# Which share of companies falls in each stage, and what follows from the stage:
# founding years, TRL levels, employees, revenue and funding (KRW, up to), products.
STAGES = {
    "pre-startup": {"weight": 8, "founded": None, "trl": (2, 4), "employees": (1, 3),
                    "revenue": 0, "funding": 100_000_000, "products": (0, 1)},
    "under-3": {"weight": 32, "founded": (2023, 2025), "trl": (3, 6), "employees": (2, 15),
                "revenue": 500_000_000, "funding": 3_000_000_000, "products": (0, 1)},
    "3-to-7": {"weight": 35, "founded": (2018, 2022), "trl": (5, 8), "employees": (8, 60),
               "revenue": 5_000_000_000, "funding": 20_000_000_000, "products": (1, 2)},
    "over-7": {"weight": 25, "founded": (2003, 2017), "trl": (7, 9), "employees": (30, 300),
               "revenue": 80_000_000_000, "funding": 50_000_000_000, "products": (1, 3)},
}  # fmt: skip
