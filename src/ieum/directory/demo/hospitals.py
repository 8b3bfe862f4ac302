"""Research hospitals with their specialties, and the nonclinical testing institute.

The specialty pairs (서울아산병원 항암, 연세의료원 심혈관질환, ...) are those of the
national open-innovation platform's hospital partners; bed counts are rounded.
They work with every cluster through agreements, not as cluster members (members'
confidential data is open to the cluster's staff).
"""

ALL_SERVICES = [
    "clinical-trial-consulting",
    "investigator-initiated-trial",
    "clinical-validation",
    "medical-data",
    "testing-analysis",
    "clinician-mentoring",
    "unmet-needs",
]

HOSPITALS = [
    {
        "slug": "asan-medical-center",
        "name_ko": "서울아산병원",
        "name_en": "Asan Medical Center",
        "region": "seoul",
        "city": "서울",
        "specialties": ["oncology"],
        "services": ALL_SERVICES,
        "beds": 2700,
        "trial_center": True,
        "summary_ko": (
            "서울 송파구의 대형 종합병원으로 항암 분야 연계를 맡습니다. 대규모 암 환자 코호트를 "
            "바탕으로 항암제와 암 진단 기술의 임상시험 설계와 실증을 돕습니다."
        ),
        "summary_en": (
            "A large general hospital in Songpa, Seoul, and the network's partner for "
            "oncology. Its cancer cohorts support trial design and clinical validation of "
            "anticancer drugs and cancer diagnostics."
        ),
        "notes": "항암 실증 요청은 종양내과 연구지원팀이 1차 검토 (평균 회신 5영업일).",
    },
    {
        "slug": "yonsei-health-system",
        "name_ko": "연세의료원",
        "name_en": "Yonsei University Health System (Severance)",
        "region": "seoul",
        "city": "서울",
        "specialties": ["cardiovascular"],
        "services": ALL_SERVICES,
        "beds": 2400,
        "trial_center": True,
        "summary_ko": (
            "세브란스병원을 중심으로 한 연세대학교 의료원으로 심혈관질환 분야 연계를 맡습니다. "
            "심혈관 중재시술 기기와 치료제의 임상 실증, 심혈관 영상·진료 데이터 연계, 임상의 "
            "멘토링을 제공합니다."
        ),
        "summary_en": (
            "Yonsei University Health System, centered on Severance Hospital, is strong in "
            "cardiovascular care. It offers clinical validation of cardiovascular devices and "
            "therapies, access to cardiology imaging and records, and mentoring by clinicians."
        ),
        "notes": "심장내과 인터벤션 실증은 분기별 2건까지 수용 가능.",
    },
    {
        "slug": "seoul-st-marys",
        "name_ko": "서울성모병원",
        "name_en": "Seoul St. Mary's Hospital",
        "region": "seoul",
        "city": "서울",
        "specialties": ["joint-immune"],
        "services": [
            "investigator-initiated-trial",
            "clinical-validation",
            "clinician-mentoring",
            "unmet-needs",
        ],
        "beds": 1350,
        "trial_center": True,
        "summary_ko": (
            "가톨릭대학교 서울성모병원은 관절·면역질환 분야 연계를 맡아 류마티스와 자가면역 "
            "질환 제품의 연구자 주도 임상을 지원합니다."
        ),
        "summary_en": (
            "The Catholic University's Seoul St. Mary's Hospital is the partner for joint and "
            "immune diseases, supporting investigator-initiated trials in rheumatology and "
            "autoimmunity."
        ),
        "notes": "",
    },
    {
        "slug": "gachon-gil",
        "name_ko": "가천대길병원",
        "name_en": "Gachon University Gil Medical Center",
        "region": "incheon",
        "city": "인천",
        "specialties": ["metabolic"],
        "services": ["clinical-validation", "medical-data", "unmet-needs", "clinician-mentoring"],
        "beds": 1400,
        "trial_center": True,
        "summary_ko": (
            "인천의 가천대길병원은 대사성질환 분야 연계를 맡습니다. T2B 센터를 통해 당뇨·비만 "
            "관련 기술의 임상 실증과 현장의 미충족 수요 발굴을 돕습니다."
        ),
        "summary_en": (
            "Gachon University Gil Medical Center in Incheon is the partner for metabolic "
            "diseases; its T2B center validates diabetes and obesity technologies and sources "
            "unmet clinical needs."
        ),
        "notes": "",
    },
    {
        "slug": "inha-university-hospital",
        "name_ko": "인하대병원",
        "name_en": "Inha University Hospital",
        "region": "incheon",
        "city": "인천",
        "specialties": ["gastroenterology"],
        "services": ["clinical-validation", "testing-analysis", "clinician-mentoring"],
        "beds": 900,
        "trial_center": True,
        "summary_ko": (
            "인천의 인하대병원은 소화기질환 분야 연계를 맡아 내시경과 간질환 관련 기술의 임상 "
            "실증, 시험·분석을 지원합니다."
        ),
        "summary_en": (
            "Inha University Hospital in Incheon is the partner for digestive diseases, "
            "validating endoscopy and liver-disease technologies and running tests."
        ),
        "notes": "",
    },
    {
        "slug": "busan-paik",
        "name_ko": "인제대학교 부산백병원",
        "name_en": "Inje University Busan Paik Hospital",
        "region": "busan",
        "city": "부산",
        "specialties": ["ophthalmology"],
        "services": ["clinical-validation", "investigator-initiated-trial", "clinician-mentoring"],
        "beds": 800,
        "trial_center": True,
        "summary_ko": (
            "부산의 인제대학교 부산백병원은 안과질환 분야 연계를 맡아 망막·시력 관련 기기와 "
            "치료제의 임상 실증을 돕습니다."
        ),
        "summary_en": (
            "Inje University Busan Paik Hospital is the partner for eye diseases, validating "
            "retina and vision devices and therapies."
        ),
        "notes": "",
    },
    {
        "slug": "snu-bundang",
        "name_ko": "분당서울대학교병원",
        "name_en": "Seoul National University Bundang Hospital",
        "region": "gyeonggi",
        "city": "성남시",
        "specialties": ["neurology", "rehabilitation"],
        "services": ["medical-data", "clinical-validation", "clinical-trial-consulting"],
        "beds": 1300,
        "trial_center": True,
        "summary_ko": (
            "경기 성남의 연구중심병원으로 의료 빅데이터와 디지털헬스 실증에 강점이 있습니다. "
            "지역 클러스터와 협약을 맺어 기업의 임상 연계를 돕습니다."
        ),
        "summary_en": (
            "A research hospital in Seongnam, strong in medical big data and digital-health "
            "validation, with agreements with the regional clusters."
        ),
        "notes": "",
    },
    {
        "slug": "cha-bundang",
        "name_ko": "분당차병원",
        "name_en": "CHA Bundang Medical Center",
        "region": "gyeonggi",
        "city": "성남시",
        "specialties": ["womens-health", "oncology"],
        "services": ["investigator-initiated-trial", "clinical-validation", "testing-analysis"],
        "beds": 1000,
        "trial_center": True,
        "summary_ko": (
            "차의과학대학교 분당차병원은 여성건강과 재생의료 연구에 강점이 있으며 세포치료 "
            "기술의 임상 연계를 지원합니다."
        ),
        "summary_en": (
            "CHA University's hospital in Bundang, strong in women's health and regenerative "
            "medicine research, linking cell-therapy technologies to the clinic."
        ),
        "notes": "",
    },
]

# The nonclinical testing institute: a research institute, so kind `university`
# ("University or institute"); its respiratory strength is said in its description.
INSTITUTES = [
    {
        "slug": "kit-toxicology",
        "kind": "university",
        "name_ko": "안전성평가연구소",
        "name_en": "Korea Institute of Toxicology",
        "region": "daejeon",
        "city": "대전",
        "summary_ko": (
            "비임상 안전성 시험을 전문으로 하는 정부출연연구기관입니다. 흡입독성 평가 등 "
            "호흡기질환 분야 시험에 강하며, 신약과 의료기기의 GLP 시험·분석을 제공합니다."
        ),
        "summary_en": (
            "A government research institute for nonclinical safety studies, strong in "
            "inhalation toxicology and respiratory disease models; it runs GLP tests and "
            "analyses for drugs and devices."
        ),
    },
]
