"""The real network: the strategic center, the clusters and their operators, partners.

Facts (names, years, figures) follow public reporting on the K-BioHealth regional
centers; the descriptions are written for this demo. Term codes are those of
`directory/migrations/0002_vocabularies.py`.
"""

# The national strategic center: platform admins belong here.
STRATEGIC_CENTER = {
    "slug": "khidi",
    "kind": "public_agency",
    "name_ko": "한국보건산업진흥원",
    "name_en": "Korea Health Industry Development Institute (KHIDI)",
    "region": "chungbuk",
    "city": "청주시",
    "website": "https://www.khidi.or.kr",
    "summary_ko": (
        "보건복지부 산하에서 보건산업 육성을 맡은 전문기관입니다. K-바이오헬스 전략센터로서 "
        "전국 바이오헬스 클러스터를 하나의 협력망으로 묶고, 글로벌 오픈이노베이션 위크와 "
        "2023년부터 매달 열리는 K-BIC 벤처카페를 운영합니다."
    ),
    "summary_en": (
        "The Ministry of Health and Welfare's agency for growing the health industry. As the "
        "K-BioHealth strategic center it ties the regional bio-health clusters into one "
        "network and runs the Global Open Innovation Week and the K-BIC Venture Cafe, held "
        "every month since 2023."
    ),
}

# Each cluster with its operating organization (kind cluster_operator).
# `years`: the years it held the K-BioHealth regional-center designation. The program
# runs since 2022; the six hosts below were selected in April 2025, the first round
# limited to cluster operators. The reports name no earlier designations for them.
CLUSTERS = [
    {
        "slug": "gimhae-biomedical",
        "name_ko": "김해 의생명 클러스터",
        "name_en": "Gimhae Biomedical Cluster",
        "region": "gyeongnam",
        "focus": [
            "medical-device",
            "ivd",
            "medical-ai",
            "biomaterials",
            "nanomaterials",
            "cell-gene",
        ],
        "years": [2025],
        "summary_ko": (
            "동남권 의료기기·의생명 기업이 한데 모인 클러스터입니다. 체외진단, 의료영상 AI, "
            "생체재료, 나노소재 기업이 입주해 있고, 세포·유전자치료제와 전자약을 다음 성장 "
            "분야로 키우고 있습니다."
        ),
        "summary_en": (
            "The southeast's cluster of medical-device and biomedical companies. Residents "
            "work on in-vitro diagnostics, imaging AI, biomaterials and nanomaterials, while "
            "cell and gene therapy and electroceuticals are being grown as the next fields."
        ),
        "operator": {
            "slug": "gimhae-biomedical-agency",
            "name_ko": "김해의생명산업진흥원",
            "name_en": "Gimhae Biomedical Industry Promotion Agency",
            "city": "김해시",
            "summary_ko": (
                "김해시의 산업진흥 기관입니다. 2006년 의생명 산업 지원센터로 출발해 2017년 통합 "
                "재단을 거쳐 2021년 지금의 이름을 얻었습니다. 메디컬실용화센터를 거점으로 "
                "의료기기·의생명 기업을 유치하고 사업화를 단계별로 돕습니다. 2025년 K-바이오헬스 "
                "지역센터 주관기관으로 선정되었습니다."
            ),
            "summary_en": (
                "Gimhae's industry promotion agency. It began in 2006 as a biomedical support "
                "center, became a merged foundation in 2017 and took its present name in 2021. "
                "From its Medical Commercialization Center it attracts medical-device and "
                "biomedical companies and takes them to market step by step. Selected as a "
                "K-BioHealth regional center in 2025."
            ),
        },
    },
    {
        "slug": "daejeon-biohealth",
        "name_ko": "대전 바이오헬스 클러스터",
        "name_en": "Daejeon Bio-Health Cluster",
        "region": "daejeon",
        "focus": ["biologics", "pharmaceuticals", "ivd", "cell-gene"],
        "years": [2025],
        "summary_ko": (
            "정부출연연구소와 연구중심 바이오 벤처가 밀집한 대전의 클러스터입니다. 바이오의약품, "
            "신약 후보물질 발굴, 체외진단 기업이 많습니다."
        ),
        "summary_en": (
            "Daejeon's cluster, dense with government research institutes and research-driven "
            "bio ventures in biologics, drug discovery and diagnostics."
        ),
        "operator": {
            "slug": "daejeon-technopark",
            "name_ko": "대전테크노파크",
            "name_en": "Daejeon Technopark",
            "city": "대전",
            "summary_ko": (
                "대전 지역 산업을 키우는 테크노파크입니다. 대덕 연구단지의 기술과 "
                "바이오 창업기업을 잇는 지원 프로그램을 운영하며, 2025년 K-바이오헬스 "
                "지역센터 주관기관으로 선정되었습니다."
            ),
            "summary_en": (
                "The technopark that grows Daejeon's regional industry, linking Daedeok research "
                "district technology with bio startups. Selected as a K-BioHealth regional "
                "center in 2025."
            ),
        },
    },
    {
        "slug": "wonju-medical-device",
        "name_ko": "원주 의료기기 클러스터",
        "name_en": "Wonju Medical Device Cluster",
        "region": "gangwon",
        "focus": ["medical-device", "wearables", "digital-health", "medical-robotics"],
        "years": [2025],
        "summary_ko": (
            "국내 대표 의료기기 집적지 가운데 하나로, 영상·재활·웨어러블 기기를 만드는 "
            "제조기업이 모여 있습니다."
        ),
        "summary_en": (
            "One of Korea's main medical-device hubs, home to makers of imaging, "
            "rehabilitation and wearable devices."
        ),
        "operator": {
            "slug": "wonju-medical-technovalley",
            "name_ko": "원주의료기기테크노밸리",
            "name_en": "Wonju Medical Industry Techno Valley",
            "city": "원주시",
            "summary_ko": (
                "원주 의료기기 산업을 지원하는 재단법인입니다. 시험·인증 장비, 시제품 제작, "
                "인허가 상담을 제공하며 2025년 K-바이오헬스 지역센터 주관기관으로 선정되었습니다."
            ),
            "summary_en": (
                "The foundation supporting Wonju's medical-device industry with test and "
                "certification equipment, prototyping and regulatory advice. Selected as a "
                "K-BioHealth regional center in 2025."
            ),
        },
    },
    {
        "slug": "jeonnam-bio",
        "name_ko": "전남 바이오 클러스터",
        "name_en": "Jeonnam Bio Cluster",
        "region": "jeonnam",
        "focus": ["biologics", "health-food", "cosmetics", "cro-cdmo"],
        "years": [2025],
        "summary_ko": (
            "백신·생물의약과 천연물 기반 기능성 소재 기업이 모인 전남의 클러스터입니다."
        ),
        "summary_en": (
            "South Jeolla's cluster of vaccine, biopharmaceutical and natural-product "
            "ingredient companies."
        ),
        "operator": {
            "slug": "jeonnam-bio-foundation",
            "name_ko": "전남바이오진흥원",
            "name_en": "Jeonnam Bioindustry Foundation",
            "city": "",
            "summary_ko": (
                "전라남도의 바이오산업 진흥 기관으로, 생물의약·천연물·기능성 소재 연구센터를 "
                "운영합니다. 2025년 K-바이오헬스 지역센터 주관기관으로 선정되었습니다."
            ),
            "summary_en": (
                "South Jeolla's bio-industry agency, with research centers for "
                "biopharmaceuticals, natural products and functional materials. Selected as a "
                "K-BioHealth regional center in 2025."
            ),
        },
    },
    {
        "slug": "jeonbuk-biohealth",
        "name_ko": "전북 바이오헬스 클러스터",
        "name_en": "Jeonbuk Bio-Health Cluster",
        "region": "jeonbuk",
        "focus": ["health-food", "digital-health", "biologics", "medical-device"],
        "years": [2025],
        "summary_ko": (
            "농생명 자원을 바탕으로 건강기능식품, 마이크로바이옴, 디지털헬스 창업기업이 성장하는 "
            "전북의 클러스터입니다."
        ),
        "summary_en": (
            "Jeonbuk's cluster, where startups in health functional food, microbiome and "
            "digital health grow from the region's agri-bio resources."
        ),
        "operator": {
            "slug": "jeonbuk-economy-agency",
            "name_ko": "전북특별자치도경제통상진흥원",
            "name_en": "Jeonbuk State Economy and Trade Promotion Agency",
            "city": "전주시",
            "summary_ko": (
                "전북특별자치도의 중소기업 지원과 통상 진흥을 맡는 기관입니다. 바이오헬스 "
                "창업기업의 성장과 판로 개척을 돕고, 2025년 K-바이오헬스 지역센터 주관기관으로 "
                "선정되었습니다."
            ),
            "summary_en": (
                "Jeonbuk State's agency for small businesses and trade, helping bio-health "
                "startups grow and find markets. Selected as a K-BioHealth regional center in "
                "2025."
            ),
        },
    },
    {
        "slug": "chungbuk-bio-convergence",
        "name_ko": "충북 바이오 산학융합 클러스터",
        "name_en": "Chungbuk Bio Industry-Academia Cluster",
        "region": "chungbuk",
        "focus": ["pharmaceuticals", "cosmetics", "health-food", "biologics"],
        "years": [2025],
        "summary_ko": (
            "대학 연구실과 기업이 한 캠퍼스에서 협력하는 충북의 클러스터로, 천연물 의약과 "
            "화장품, 바이오 소재 기업이 중심입니다."
        ),
        "summary_en": (
            "Chungbuk's cluster where university labs and companies share a campus, centered "
            "on natural-product medicine, cosmetics and bio materials."
        ),
        "operator": {
            "slug": "chungbuk-bio-convergence-institute",
            "name_ko": "충북바이오산학융합원",
            "name_en": "Chungbuk Bio Industry-Academia Convergence Institute",
            "city": "",
            "summary_ko": (
                "대학과 기업의 공동 연구와 인력 양성을 지원하는 충북의 산학융합 기관입니다. 2025년 "
                "K-바이오헬스 지역센터 주관기관으로 선정되었습니다."
            ),
            "summary_en": (
                "Chungbuk's industry-academia institute for joint research and talent "
                "development. Selected as a K-BioHealth regional center in 2025."
            ),
        },
    },
    {
        "slug": "gwangju-biomaterials",
        "name_ko": "광주 생체재료 클러스터",
        "name_en": "Gwangju Biomaterials Cluster",
        "region": "gwangju",
        "focus": ["biomaterials", "medical-device", "regenerative"],
        "years": [],
        "summary_ko": (
            "이식형 생체재료 의료기기에 특화된 광주의 클러스터입니다. 2018년부터 5년간 치과용 "
            "생체흡수성 소재 기업 116곳이 전주기 지원 471건을 받아 해외 인허가 8건, 특허 출원 "
            "38건, 약 596억 원 규모의 수출계약을 이뤘습니다. 새 실증 기반 구축 사업(국비 등 "
            "176억 원)으로 치과·정형외과에서 심혈관·일반외과·안과용 이식 기기까지 넓혀 갑니다."
        ),
        "summary_en": (
            "Gwangju's cluster for implantable biomaterial devices. Over five years from 2018, "
            "116 companies making bioabsorbable dental materials received 471 full-cycle "
            "support services, leading to 8 overseas approvals, 38 patent filings and export "
            "contracts of about USD 45.6 million. A new KRW 17.6 billion validation "
            "infrastructure extends the work from dental and orthopedic implants to "
            "cardiovascular, general-surgery and ophthalmic ones."
        ),
        "operator": {
            "slug": "jnu-biomaterials-center",
            "name_ko": "전남대학교 생체재료개발센터",
            "name_en": "Chonnam National University Biomaterials Development Center",
            "city": "광주",
            "summary_ko": (
                "이식형 생체재료의 비임상 실증을 맡는 글로벌 실증센터입니다. 국제실험동물관리평가 "
                "인증을 받았고, 광주권 첫 의료기기 규제과학(RA) 전문가 교육기관이자 동물용 "
                "의료기기 임상시험 실시기관으로 지정되었습니다."
            ),
            "summary_en": (
                "A nonclinical validation center for implantable biomaterials, accredited for "
                "laboratory animal care; the Gwangju area's first training institution for "
                "medical-device regulatory science (RA) and a designated site for veterinary "
                "device trials."
            ),
        },
    },
    {
        "slug": "osong-medical-complex",
        "name_ko": "오송 첨단의료복합단지",
        "name_en": "Osong High-tech Medical Complex",
        "region": "chungbuk",
        "focus": ["biologics", "pharmaceuticals", "medical-device"],
        "years": [],
        "summary_ko": (
            "보건의료 국책기관이 모인 충북 오송의 국가 첨단의료복합단지로, 단백질 의약품을 비롯한 "
            "바이오의약품 개발의 거점입니다."
        ),
        "summary_en": (
            "The national high-tech medical complex in Osong, beside the national health "
            "agencies, and a base for protein drugs and other biologics."
        ),
        "operator": {
            "slug": "osong-medical-foundation",
            "name_ko": "오송첨단의료산업진흥재단",
            "name_en": "Osong Medical Innovation Foundation",
            "city": "청주시",
            "summary_ko": (
                "오송 첨단의료복합단지를 운영하는 재단으로, 신약·의료기기 개발을 위한 공용 연구 "
                "장비와 실험동물 시설을 제공합니다."
            ),
            "summary_en": (
                "The foundation running the Osong complex, with shared research equipment and "
                "laboratory-animal facilities for drug and device development."
            ),
        },
    },
    {
        "slug": "daegu-medical-complex",
        "name_ko": "대구 첨단의료복합단지",
        "name_en": "Daegu High-tech Medical Complex",
        "region": "daegu",
        "focus": ["pharmaceuticals", "medical-device", "medical-robotics"],
        "years": [],
        "summary_ko": (
            "합성신약과 첨단 의료기기 개발에 특화된 대구 신서혁신도시의 "
            "국가 첨단의료복합단지입니다."
        ),
        "summary_en": (
            "The national high-tech medical complex in Daegu's Sinseo innovation city, "
            "specialized in small-molecule drugs and advanced medical devices."
        ),
        "operator": {
            "slug": "kmedi-hub",
            "name_ko": "대구경북첨단의료산업진흥재단",
            "name_en": "Daegu-Gyeongbuk Medical Innovation Foundation (K-MEDI hub)",
            "city": "대구",
            "summary_ko": (
                "대구 첨단의료복합단지를 운영하는 재단으로, 신약 후보물질 개발과 의료기기 시제품 "
                "제작, 시험·평가를 지원합니다."
            ),
            "summary_en": (
                "The foundation running the Daegu complex, supporting drug-candidate "
                "development, device prototyping, testing and evaluation."
            ),
        },
    },
]

# Partner organizations: public agencies and universities. `clusters` are the slugs of
# the clusters they belong to.
PARTNERS = [
    {
        "slug": "gwangju-technopark",
        "kind": "public_agency",
        "name_ko": "광주테크노파크",
        "name_en": "Gwangju Technopark",
        "region": "gwangju",
        "city": "광주",
        "clusters": ["gwangju-biomaterials"],
        "summary_ko": "광주 지역 기업의 기술 고도화와 사업화를 지원하는 테크노파크입니다.",
        "summary_en": "The technopark helping Gwangju companies upgrade technology and sell it.",
    },
    {
        "slug": "kpbma",
        "kind": "public_agency",
        "name_ko": "한국제약바이오협회",
        "name_en": "Korea Pharmaceutical and Bio-Pharma Manufacturers Association",
        "region": "seoul",
        "city": "서울",
        "clusters": [],
        "summary_ko": (
            "국내 제약바이오 기업의 협회로, 오픈이노베이션 플라자를 열어 벤처와 제약사의 "
            "협력을 잇습니다."
        ),
        "summary_en": (
            "The association of Korea's pharmaceutical and bio companies; its Open Innovation "
            "Plaza connects ventures with drug makers."
        ),
    },
    {
        "slug": "kmdia",
        "kind": "public_agency",
        "name_ko": "한국의료기기산업협회",
        "name_en": "Korea Medical Devices Industry Association",
        "region": "seoul",
        "city": "서울",
        "clusters": [],
        "summary_ko": "의료기기 기업의 인허가, 수출, 교육을 지원하는 산업 협회입니다.",
        "summary_en": "The industry association helping device makers with approvals, export "
        "and training.",
    },
    {
        "slug": "chosun-university-rnd",
        "kind": "university",
        "name_ko": "조선대학교 산학협력단",
        "name_en": "Chosun University Industry-Academic Cooperation Foundation",
        "region": "gwangju",
        "city": "광주",
        "clusters": ["gwangju-biomaterials"],
        "summary_ko": (
            "치과 생체재료와 의료기기 분야 산학 공동연구를 수행하고, 외부 평가위원을 추천합니다."
        ),
        "summary_en": (
            "Runs joint industry research on dental biomaterials and devices and nominates "
            "external evaluators."
        ),
    },
    {
        "slug": "inje-university-rnd",
        "kind": "university",
        "name_ko": "인제대학교 산학협력단",
        "name_en": "Inje University Industry-Academic Cooperation Foundation",
        "region": "gyeongnam",
        "city": "김해시",
        "clusters": ["gimhae-biomedical"],
        "summary_ko": "김해 캠퍼스에서 의생명 분야 기술이전과 창업 교육을 지원합니다.",
        "summary_en": "Supports biomedical technology transfer and startup education on its "
        "Gimhae campus.",
    },
]
