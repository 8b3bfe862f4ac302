"""Named companies of the Gimhae cluster, modeled on the kinds of firms Gimhae attracted
(HIV diagnostics, imaging AI, posture belts, sterilizers, nanofiber inserts, nano-milling,
anti-adhesion agents). The names are invented; figures are confidential demo values.

Products: (name_ko, name_en, device class code or "", approval route code or "",
MFDS item number, public).
"""

GIMHAE = "gimhae-biomedical"

NAMED_COMPANIES = [
    {
        "slug": "h-bio-diagnostics",
        "name_ko": "(주)에이치바이오진단",
        "name_en": "H-Bio Diagnostics Co., Ltd.",
        "cluster": GIMHAE,
        "moved_from": "",
        "founded": (2012, 3, 5),
        "stage": "over-7",
        "trl": "trl-9",
        "employees": 85,
        "areas": ["infectious"],
        "fields": ["ivd"],
        "modalities": ["diagnostic-reagent"],
        "certifications": ["iso-13485", "kgmp", "ce-mdr", "venture"],
        "revenue": 12_400_000_000,
        "funding": 18_000_000_000,
        "confidential": (
            "측방유동 면역분석에 신호증폭 나노입자를 결합해 HIV 항원·항체 동시 검출한계를 "
            "기존 대비 약 3배 낮춤. 특허 출원 전, 2026년 상반기 CE 변경 신고 예정."
        ),
        "summary_ko": (
            "HIV 체외진단기기를 만드는 상장사 계열 진단기업입니다. 김해 자회사를 통해 신속진단 "
            "키트를 생산하며, 성매개 감염 다중진단 제품을 준비하고 있습니다."
        ),
        "summary_en": (
            "A diagnostics maker, part of a listed group, producing HIV in-vitro diagnostic "
            "kits through its Gimhae subsidiary and preparing multiplex tests for sexually "
            "transmitted infections."
        ),
        "products": [
            (
                "HIV 1/2 항체 신속진단키트",
                "HIV-1/2 Antibody Rapid Test",
                "class-3",
                "approval",
                "제허 19-482호",
                True,
            ),
            (
                "HIV 항원·항체 동시진단 시약",
                "HIV Ag/Ab Combo Assay",
                "class-3",
                "approval",
                "제허 22-155호",
                True,
            ),
            (
                "성매개감염 다중 현장진단 카트리지",
                "STI Multiplex Point-of-care Cartridge",
                "class-3",
                "",
                "",
                False,
            ),
        ],
    },
    {
        "slug": "deepreader-medical",
        "name_ko": "(주)딥리더메디컬",
        "name_en": "DeepReader Medical Inc.",
        "cluster": GIMHAE,
        "moved_from": "서울",
        "founded": (2019, 7, 1),
        "stage": "3-to-7",
        "trl": "trl-8",
        "employees": 42,
        "areas": ["respiratory", "oncology"],
        "fields": ["medical-ai", "digital-health"],
        "modalities": ["samd"],
        "certifications": ["venture", "iso-13485"],
        "revenue": 2_100_000_000,
        "funding": 9_500_000_000,
        "confidential": (
            "3개 병원 다기관 후향 검증에서 폐결절 검출 민감도 94%, 위양성 0.2건/영상. "
            "뇌 MRI 제품은 확증 임상 설계 중."
        ),
        "summary_ko": (
            "인공지능으로 의료영상 판독을 돕는 소프트웨어 기업입니다. 서울에서 김해로 본사를 "
            "옮겨 지역 병원과 판독 실증을 이어가고 있습니다."
        ),
        "summary_en": (
            "A software company whose AI assists radiologists in reading medical images. It "
            "moved its head office from Seoul to Gimhae and validates its products with "
            "regional hospitals."
        ),
        "products": [
            (
                "흉부 X-ray 판독 보조 AI",
                "Chest X-ray Reading Assistant AI",
                "class-2",
                "certification",
                "제인 23-311호",
                True,
            ),
            ("뇌 MRI 병변 검출 AI", "Brain MRI Lesion Detection AI", "class-2", "", "", False),
        ],
    },
    {
        "slug": "bareun-posture-lab",
        "name_ko": "(주)바른자세랩",
        "name_en": "Bareun Posture Lab Co., Ltd.",
        "cluster": GIMHAE,
        "moved_from": "부산",
        "founded": (2020, 4, 20),
        "stage": "3-to-7",
        "trl": "trl-9",
        "employees": 14,
        "areas": ["rehabilitation"],
        "fields": ["wearables", "medical-device"],
        "modalities": ["hardware-device"],
        "certifications": ["venture"],
        "revenue": 900_000_000,
        "funding": 1_200_000_000,
        "confidential": "진동 피드백 알고리즘 2.0 개발 완료, 정형외과 공동연구 계약 협의 중.",
        "summary_ko": (
            "착용자의 허리 각도를 감지해 바른 자세를 알려주는 자세교정밸트를 만듭니다. 부산에서 "
            "김해로 생산 거점을 옮겼습니다."
        ),
        "summary_en": (
            "Makes a posture-correction belt that senses the wearer's back angle and prompts "
            "a better posture; production moved from Busan to Gimhae."
        ),
        "products": [
            (
                "스마트 자세교정밸트",
                "Smart Posture-Correction Belt",
                "class-1",
                "notification",
                "제신 21-1045호",
                True,
            ),
        ],
    },
    {
        "slug": "clean-steritech",
        "name_ko": "(주)클린스테리텍",
        "name_en": "CleanSteritech Co., Ltd.",
        "cluster": GIMHAE,
        "moved_from": "부산",
        "founded": (2011, 9, 15),
        "stage": "over-7",
        "trl": "trl-9",
        "employees": 63,
        "areas": ["infectious"],
        "fields": ["infection-control", "medical-device"],
        "modalities": ["hardware-device"],
        "certifications": ["kgmp", "iso-13485", "ce-mdr", "innobiz"],
        "revenue": 8_700_000_000,
        "funding": 3_000_000_000,
        "confidential": "동남아 3개국 대리점 계약 협상 중 (2025년 예상 수출 120만 달러).",
        "summary_ko": (
            "병원과 치과에서 쓰는 멸균기를 개발·생산합니다. 부산에서 김해로 공장을 옮겨 "
            "저온 플라즈마 멸균 제품군을 키우고 있습니다."
        ),
        "summary_en": (
            "Develops and builds sterilizers for hospitals and dental clinics; after moving "
            "its plant from Busan to Gimhae it is growing a low-temperature plasma line."
        ),
        "products": [
            (
                "저온 플라즈마 멸균기",
                "Low-temperature Plasma Sterilizer",
                "class-2",
                "certification",
                "제인 17-204호",
                True,
            ),
            (
                "치과용 고압증기 멸균기",
                "Dental Steam Autoclave",
                "class-2",
                "certification",
                "제인 14-088호",
                True,
            ),
        ],
    },
    {
        "slug": "nanofit",
        "name_ko": "(주)나노핏",
        "name_en": "NanoFit Inc.",
        "cluster": GIMHAE,
        "moved_from": "부산",
        "founded": (2019, 2, 11),
        "stage": "3-to-7",
        "trl": "trl-8",
        "employees": 11,
        "areas": ["metabolic", "rehabilitation"],
        "fields": ["nanomaterials", "medical-device"],
        "modalities": ["hardware-device"],
        "certifications": ["venture"],
        "revenue": 640_000_000,
        "funding": 2_000_000_000,
        "confidential": (
            "은 나노입자 함침 전기방사 조건(미공개), 당뇨발 궤양 예방 파일럿 30명 진행."
        ),
        "summary_ko": (
            "전기방사 나노섬유로 통기성과 항균성을 높인 의료용 인서트(깔창)를 만듭니다. 당뇨발 "
            "환자의 압력 분산 제품을 개발하고 있습니다."
        ),
        "summary_en": (
            "Makes medical shoe inserts of electrospun nanofiber that breathe and resist "
            "bacteria, and is developing pressure-relief inserts for diabetic feet."
        ),
        "products": [
            (
                "나노섬유 의료용 인서트",
                "Nanofiber Medical Insert",
                "class-1",
                "notification",
                "제신 22-2210호",
                True,
            ),
        ],
    },
    {
        "slug": "apex-nano",
        "name_ko": "(주)에이펙스나노",
        "name_en": "Apex Nano Co., Ltd.",
        "cluster": GIMHAE,
        "moved_from": "",
        "founded": (2023, 11, 1),
        "stage": "under-3",
        "trl": "trl-5",
        "employees": 6,
        "areas": [],
        "fields": ["nanomaterials", "pharmaceuticals", "cro-cdmo"],
        "modalities": ["small-molecule"],
        "certifications": [],
        "revenue": 300_000_000,
        "funding": 1_500_000_000,
        "confidential": "습식 비드밀 공정으로 평균 입도 150nm 재현성 확보, 제약사 2곳과 NDA 체결.",
        "summary_ko": (
            "나노분쇄 기술로 물에 잘 녹지 않는 약물의 흡수를 높이는 신설 법인입니다. 제약사를 "
            "위한 나노 제형 위탁 개발을 합니다."
        ),
        "summary_en": (
            "A newly founded company whose nano-milling raises the absorption of poorly "
            "soluble drugs; it develops nano formulations for drug makers on contract."
        ),
        "products": [
            (
                "난용성 약물 나노분쇄 제형 서비스",
                "Nano-milling Formulation Service",
                "",
                "",
                "",
                True,
            ),
        ],
    },
    {
        "slug": "gaya-meditech",
        "name_ko": "(주)가야메디텍",
        "name_en": "Gaya Meditech Co., Ltd.",
        "cluster": GIMHAE,
        "moved_from": "양산",
        "founded": (2014, 6, 2),
        "stage": "over-7",
        "trl": "trl-8",
        "employees": 37,
        "areas": ["womens-health", "gastroenterology"],
        "fields": ["biomaterials", "medical-device"],
        "modalities": ["implant-material"],
        "certifications": ["kgmp", "iso-13485", "innobiz"],
        "revenue": 5_300_000_000,
        "funding": 6_000_000_000,
        "confidential": (
            "스프레이형 제품 확증 임상 120명 등록 완료, 중국 파트너와 기술이전 협의 중."
        ),
        "summary_ko": (
            "수술 후 장기가 달라붙는 것을 막는 흡수성 유착방지제를 만듭니다. 양산에서 김해로 "
            "옮겨 생산 시설을 넓혔습니다."
        ),
        "summary_en": (
            "Makes absorbable anti-adhesion agents that keep organs from sticking together "
            "after surgery; it moved from Yangsan to Gimhae and expanded production."
        ),
        "products": [
            (
                "흡수성 유착방지 겔",
                "Absorbable Anti-adhesion Gel",
                "class-4",
                "approval",
                "제허 20-617호",
                True,
            ),
            ("스프레이형 유착방지제", "Spray-on Anti-adhesion Agent", "class-4", "", "", False),
        ],
    },
]
