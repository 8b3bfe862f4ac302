"""Words of the demo activity: what bookings are for, why they were cancelled or
refused, the downtime log, the voucher programs and the training requests."""

# What a booking is for, by the resource's kind, where `purposes.py` names nothing.
PURPOSES = {
    "lab": [
        "세포 배양과 계대",
        "시료 전처리",
        "병원 공동연구 실험",
        "예비 효능 실험",
    ],
    "clean_room": [
        "세포치료제 공정 개발 배치",
        "무균 공정 모의시험(배지 충전)",
        "임상시료 생산 전 공정 검증",
    ],
    "animal_facility": [
        "효력시험 동물 사육",
        "이식형 의료기기 비임상 시험",
        "독성시험 예비 연구",
    ],
    "pilot_plant": ["스케일업 공정 개발 배치", "임상시료 시험 생산", "시제품 생산"],
    "office": ["임시 업무 공간", "투자 미팅 준비", "팀 집중 근무일", "인허가 서류 작업"],
    "meeting_room": [
        "병원 공동연구 회의",
        "투자사 미팅",
        "인허가 컨설팅 회의",
        "팀 주간 회의",
        "고객사 제품 시연",
    ],
}

CANCEL_REASONS = [
    "시료 준비가 늦어져 일정을 미룹니다.",
    "실험 일정 변경",
    "담당 연구원 출장",
    "시약 입고 지연",
    "병원 측 회의 일정 변경",
    "",
]

REJECT_REASONS = [
    "시료의 물질안전보건자료(MSDS)가 제출되지 않았습니다. 보완 후 다시 신청해 주세요.",
    "같은 시간에 장비 정기 교정이 예정되어 있습니다. 다른 날짜로 신청해 주세요.",
    "분석 의뢰서의 측정 항목이 비어 있습니다.",
    "이 시간대에는 교육 이수자 동반 사용이 어렵습니다.",
    "이번 달 회사별 이용 한도에 가까워 다음 달로 조정을 부탁드립니다.",
]

# (resource keys, kind, days from today, start time, hours, description)
DOWNTIMES = [
    (
        ["gimhae-fesem"],
        "incident",
        -41,
        "14:20",
        6 * 24,
        "전자총 진공도 저하로 사용 중지. 이온펌프 교체 후 재가동했습니다.",
    ),
    (["gimhae-lcms"], "maintenance", -76, "09:00", 9, "분기 정기점검: 이온원 세척과 질량 교정"),
    (["gimhae-confocal"], "maintenance", -19, "09:00", 9, "레이저 광축 정렬과 검출기 점검"),
    (
        ["gimhae-gmp-cell"],
        "maintenance",
        15,
        "00:00",
        72,
        "정기 환경 모니터링 재적격성 평가와 구역 소독",
    ),
    (
        ["gimhae-office", "gimhae-meeting", "gimhae-metal3d", "gimhae-gpu"],
        "closure",
        -33,
        "06:00",
        14,
        "메디컬실용화센터 전기설비 법정 점검에 따른 정전",
    ),
    (
        ["osong-bio-gmp"],
        "maintenance",
        -130,
        "00:00",
        14 * 24,
        "연간 정기 셧다운: 설비 유지보수와 재밸리데이션",
    ),
    (
        ["daejeon-ngs"],
        "incident",
        -55,
        "11:00",
        52,
        "유체 시스템 오류로 진행 중이던 런이 중단되어 제조사 엔지니어가 수리했습니다.",
    ),
    (["wonju-emc"], "maintenance", 9, "09:00", 33, "안테나와 수신기 연간 교정 (외부 교정기관)"),
    (["daegu-nmr"], "maintenance", -100, "09:00", 48, "액체 헬륨 충전과 프로브 점검"),
    (["jeonnam-fermenter"], "maintenance", -60, "08:00", 5 * 24, "발효조 CIP·SIP 밸리데이션"),
]

# Support programs that pay part of companies' fees: (name_ko, name_en, share %, budget).
VOUCHER_PROGRAMS = {
    "gimhae": (
        "김해형 강소기업 육성사업 장비 바우처",
        "Gimhae hidden-champion program equipment voucher",
        50,
        3_000_000,
    ),
    "regional": (
        "K-바이오헬스 지역센터 장비활용 지원",
        "K-BioHealth regional center equipment support",
        70,
        5_000_000,
    ),
    "startup": (
        "창업기업 시설 이용료 지원",
        "Startup facility-fee support",
        80,
        1_000_000,
    ),
}

TRAINING_MESSAGES = {
    "gimhae-metal3d": "교육 유효기간이 지나 재교육을 신청합니다. 티타늄 임플란트 시제품을 "
    "직접 출력하려고 합니다.",
    "gimhae-confocal": "세포 내 약물 전달체 위치를 관찰하려고 합니다. 사용자 교육을 신청합니다.",
    "gimhae-lcms": "혈중 바이오마커 정량법을 직접 개발하려고 합니다.",
    "gimhae-gmp-cell": "세포치료제 공정 개발을 위해 GMP 구역 출입 교육을 신청합니다.",
}
TRAINING_DECLINED_NOTE = (
    "GMP 구역은 무균 복장과 환경 모니터링 기초 교육을 먼저 이수해야 합니다. 이수 후 다시 "
    "신청해 주세요."
)
