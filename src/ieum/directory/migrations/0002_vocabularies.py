"""Reference vocabularies with Korean and English labels.

Loaded here so that every database has them; platform admins edit them afterwards in the
admin, so this migration only adds terms that are missing and never overwrites edits.
"""

from django.db import migrations

# vocabulary: [(code, Korean, English, synonyms)]
VOCABULARIES = {
    "therapeutic_area": [
        (
            "metabolic",
            "대사성질환",
            "Metabolic diseases",
            "당뇨 비만 diabetes obesity 내분비 endocrine",
        ),
        (
            "joint-immune",
            "관절면역질환",
            "Joint and immune diseases",
            "류마티스 관절염 자가면역 rheumatology arthritis autoimmune 근골격",
        ),
        ("oncology", "항암", "Oncology", "암 종양 cancer tumor 항암제 anticancer"),
        (
            "cardiovascular",
            "심혈관질환",
            "Cardiovascular diseases",
            "심장 혈관 순환기 heart cardiac cardiology vascular",
        ),
        ("ophthalmology", "안과질환", "Eye diseases", "안과 눈 망막 ophthalmic retina vision"),
        (
            "gastroenterology",
            "소화기질환",
            "Digestive diseases",
            "소화기 위장 간 gastrointestinal gastro liver",
        ),
        ("respiratory", "호흡기질환", "Respiratory diseases", "호흡기 폐 lung pulmonary"),
        ("neurology", "신경계질환", "Neurological diseases", "신경 뇌 치매 neuro brain dementia"),
        ("infectious", "감염질환", "Infectious diseases", "감염 바이러스 infection virus HIV"),
        ("rare", "희귀질환", "Rare diseases", "희귀 난치 orphan"),
        ("dermatology", "피부질환", "Skin diseases", "피부 dermatology skin"),
        ("dental", "치과", "Dentistry", "치과 구강 dental oral implant"),
        (
            "rehabilitation",
            "재활",
            "Rehabilitation",
            "재활 rehabilitation physical therapy 물리치료",
        ),
        ("mental-health", "정신건강", "Mental health", "정신 우울 psychiatry depression"),
        ("womens-health", "여성건강", "Women's health", "여성 산부인과 obstetrics gynecology"),
    ],
    "technology_field": [
        ("medical-device", "의료기기", "Medical devices", "기기 device"),
        ("ivd", "체외진단", "In-vitro diagnostics", "진단 diagnostic IVD 진단키트"),
        (
            "digital-health",
            "디지털헬스케어",
            "Digital health",
            "디지털 헬스케어 앱 digital healthcare",
        ),
        (
            "medical-ai",
            "의료 인공지능",
            "Medical AI",
            "AI 인공지능 영상판독 artificial intelligence imaging",
        ),
        ("pharmaceuticals", "합성의약품", "Pharmaceuticals", "신약 의약품 drug small molecule"),
        ("biologics", "바이오의약품", "Biologics", "바이오 항체 biopharmaceutical antibody"),
        ("cell-gene", "세포·유전자치료", "Cell and gene therapy", "세포 유전자 cell gene"),
        ("regenerative", "재생의료", "Regenerative medicine", "재생 regenerative"),
        ("biomaterials", "생체재료", "Biomaterials", "생체소재 바이오소재 biomaterial 유착방지"),
        ("nanomaterials", "나노소재", "Nanomaterials", "나노 nano 나노섬유 나노분쇄"),
        ("medical-robotics", "의료로봇", "Medical robotics", "로봇 robot surgical"),
        ("wearables", "웨어러블", "Wearables", "웨어러블 wearable 센서 sensor"),
        (
            "infection-control",
            "감염관리·멸균",
            "Infection control and sterilization",
            "멸균 소독 sterilizer sterilization",
        ),
        ("cosmetics", "화장품", "Cosmetics", "화장품 cosmetic"),
        ("health-food", "건강기능식품", "Health functional food", "건강기능식품 nutraceutical"),
        ("cro-cdmo", "임상·위탁생산 서비스", "CRO and CDMO services", "CRO CDMO 위탁생산 임상대행"),
    ],
    "modality": [
        ("small-molecule", "저분자화합물", "Small molecule", ""),
        ("antibody", "항체", "Antibody", "mAb"),
        ("protein-peptide", "단백질·펩타이드", "Protein and peptide", ""),
        ("cell-therapy", "세포치료제", "Cell therapy", ""),
        ("gene-therapy", "유전자치료제", "Gene therapy", ""),
        ("vaccine", "백신", "Vaccine", ""),
        ("microbiome", "마이크로바이옴", "Microbiome", ""),
        ("hardware-device", "하드웨어 기기", "Hardware device", ""),
        ("samd", "소프트웨어 의료기기", "Software as a medical device", "SaMD 소프트웨어"),
        ("diagnostic-reagent", "진단시약", "Diagnostic reagent", ""),
        ("implant-material", "이식·생체재료", "Implant and biomaterial", ""),
    ],
    "trl": [
        ("trl-1", "TRL 1 · 기초 원리 발견", "TRL 1 · Basic principles observed", ""),
        ("trl-2", "TRL 2 · 기술 개념 정립", "TRL 2 · Technology concept formulated", ""),
        ("trl-3", "TRL 3 · 개념 증명", "TRL 3 · Proof of concept", ""),
        ("trl-4", "TRL 4 · 실험실 검증", "TRL 4 · Validated in the lab", ""),
        ("trl-5", "TRL 5 · 유사 환경 검증", "TRL 5 · Validated in a relevant environment", ""),
        ("trl-6", "TRL 6 · 시제품 실증", "TRL 6 · Prototype demonstrated", ""),
        ("trl-7", "TRL 7 · 실제 환경 실증", "TRL 7 · Demonstrated in operation", ""),
        ("trl-8", "TRL 8 · 인허가·양산 준비", "TRL 8 · Qualified and approved", ""),
        ("trl-9", "TRL 9 · 사업화", "TRL 9 · On the market", ""),
    ],
    "device_class": [
        ("class-1", "1등급 (잠재적 위해성 낮음)", "Class 1 (low risk)", ""),
        ("class-2", "2등급 (위해성 낮음)", "Class 2 (low to moderate risk)", ""),
        ("class-3", "3등급 (위해성 중간)", "Class 3 (moderate to high risk)", ""),
        ("class-4", "4등급 (위해성 높음)", "Class 4 (high risk)", ""),
    ],
    "approval_route": [
        ("notification", "신고", "Notification", ""),
        ("certification", "인증", "Certification", ""),
        ("approval", "허가", "Approval", ""),
    ],
    "stage": [
        ("pre-startup", "예비창업", "Pre-startup", "예비창업자 pre-founding"),
        ("under-3", "3년 미만", "Under 3 years", "초기창업 early stage"),
        ("3-to-7", "3–7년", "3 to 7 years", "도약기 growth stage"),
        ("over-7", "7년 이상", "7 years and more", "성숙기 mature"),
    ],
    "region": [
        ("seoul", "서울", "Seoul", ""),
        ("busan", "부산", "Busan", ""),
        ("daegu", "대구", "Daegu", ""),
        ("incheon", "인천", "Incheon", ""),
        ("gwangju", "광주", "Gwangju", ""),
        ("daejeon", "대전", "Daejeon", ""),
        ("ulsan", "울산", "Ulsan", ""),
        ("sejong", "세종", "Sejong", ""),
        ("gyeonggi", "경기", "Gyeonggi", ""),
        ("gangwon", "강원", "Gangwon", ""),
        ("chungbuk", "충북", "Chungbuk", "충청북도 North Chungcheong"),
        ("chungnam", "충남", "Chungnam", "충청남도 South Chungcheong"),
        ("jeonbuk", "전북", "Jeonbuk", "전라북도 전북특별자치도 North Jeolla"),
        ("jeonnam", "전남", "Jeonnam", "전라남도 South Jeolla"),
        ("gyeongbuk", "경북", "Gyeongbuk", "경상북도 North Gyeongsang"),
        ("gyeongnam", "경남", "Gyeongnam", "경상남도 South Gyeongsang"),
        ("jeju", "제주", "Jeju", ""),
    ],
    "certification": [
        ("iso-13485", "ISO 13485", "ISO 13485", "품질경영"),
        ("kgmp", "의료기기 GMP (KGMP)", "Korean medical-device GMP (KGMP)", "GMP"),
        ("ce-mdr", "CE (MDR/IVDR)", "CE (MDR/IVDR)", "유럽 CE"),
        ("fda", "미국 FDA 인허가", "US FDA clearance or approval", "510k FDA"),
        ("venture", "벤처기업 인증", "Venture company certification", "벤처"),
        ("innobiz", "이노비즈", "Inno-Biz", ""),
    ],
    "hospital_service": [
        ("clinical-trial-consulting", "임상시험 컨설팅", "Clinical-trial consulting", "임상 설계"),
        (
            "investigator-initiated-trial",
            "연구자 주도 임상시험",
            "Investigator-initiated trials",
            "IIT",
        ),
        ("clinical-validation", "임상 실증", "Clinical validation", "실증 validation"),
        ("medical-data", "의료 빅데이터", "Medical data access", "빅데이터 데이터 data"),
        ("testing-analysis", "시험·분석", "Testing and analysis", "시험 분석 testing"),
        ("clinician-mentoring", "임상의 멘토링", "Clinician mentoring", "멘토링 mentoring"),
        ("unmet-needs", "미충족 수요 발굴", "Unmet-needs sourcing", "unmet needs 수요"),
    ],
}


def load_vocabularies(apps, schema_editor):
    Term = apps.get_model("directory", "Term")
    for vocabulary, terms in VOCABULARIES.items():
        for order, (code, name_ko, name_en, synonyms) in enumerate(terms, start=1):
            Term.objects.get_or_create(
                vocabulary=vocabulary,
                code=code,
                defaults={
                    "name_ko": name_ko,
                    "name_en": name_en,
                    "synonyms": synonyms,
                    "sort_order": order,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load_vocabularies, migrations.RunPython.noop)]
