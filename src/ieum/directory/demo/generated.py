"""Several hundred plausible companies, the same ones on every run (a fixed seed).

`generate_companies()` returns plain dictionaries in the shape of the named companies
(`demo/companies.py`) plus where they are; it never touches the database.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils.text import slugify

from ieum.directory.demo.network import CLUSTERS
from ieum.directory.demo.wordlists import (
    CLUSTER_PLACES,
    FIELDS,
    LEGAL_FORMS_EN,
    NAME_PREFIXES,
    NO_CLUSTER_WEIGHT,
    OTHER_PLACES,
    REGION_NAMES,
    STAGES,
)

SEED = 20250416
COUNT = 400
UNLISTED_SHARE = 0.15
# Dates are drawn relative to this day, not today, so every run gives the same data.
REFERENCE_DATE = date(2025, 6, 30)
ITEM_NUMBER_PREFIX = {"notification": "제신", "certification": "제인", "approval": "제허"}
ROUTE_FOR_CLASS = {
    "class-1": "notification",
    "class-2": "certification",
    "class-3": "approval",
    "class-4": "approval",
}
AREA_NAMES = {
    "metabolic": ("대사성질환", "metabolic diseases"),
    "joint-immune": ("관절면역질환", "joint and immune diseases"),
    "oncology": ("항암", "oncology"),
    "cardiovascular": ("심혈관질환", "cardiovascular diseases"),
    "ophthalmology": ("안과질환", "eye diseases"),
    "gastroenterology": ("소화기질환", "digestive diseases"),
    "respiratory": ("호흡기질환", "respiratory diseases"),
    "neurology": ("신경계질환", "neurological diseases"),
    "infectious": ("감염질환", "infectious diseases"),
    "rare": ("희귀질환", "rare diseases"),
    "dermatology": ("피부질환", "skin diseases"),
    "dental": ("치과", "dentistry"),
    "rehabilitation": ("재활", "rehabilitation"),
    "mental-health": ("정신건강", "mental health"),
    "womens-health": ("여성건강", "women's health"),
}
STAGE_SENTENCES = {
    "pre-startup": (
        "예비창업 단계로 법인 설립과 첫 시제품을 준비하고 있습니다.",
        "Still pre-startup, it is preparing incorporation and a first prototype.",
    ),
    "under-3": (
        "시제품 검증을 마치고 첫 투자 유치를 준비하고 있습니다.",
        "With its prototype validated, it is preparing a first funding round.",
    ),
    "3-to-7": (
        "인허가와 초기 판매를 거쳐 해외 진출을 모색하고 있습니다.",
        "Past approval and first sales, it is now looking abroad.",
    ),
    "over-7": (
        "국내외 판매망을 갖추고 후속 제품을 개발하고 있습니다.",
        "With sales channels at home and abroad, it is developing its next products.",
    ),
}
CONFIDENTIAL_NOTES = [
    "미공개 특허 출원 {n}건 ({phrase} 핵심 공정).",
    "병원 공동연구 중간 결과 보유, 학회 발표 전까지 비공개.",
    "시리즈 {round} 투자 협상 중 (기업가치 {value}억 원 논의).",
    "해외 유통사 {n}곳과 공급 계약 조건 협의 중.",
    "핵심 원료 공급사 단일화 위험, 대체 공급선 검토 중.",
]


def has_final_consonant(word: str) -> bool:
    last = word.rstrip()[-1]
    if "가" <= last <= "힣":
        return (ord(last) - ord("가")) % 28 != 0
    # Latin letters and digits as Koreans read them: 엘, 엠, 엔, 알; 영, 일, 삼, 육, 칠, 팔.
    return last.upper() in "LMNR013678"


def josa(word: str, after_consonant: str, after_vowel: str) -> str:
    return word + (after_consonant if has_final_consonant(word) else after_vowel)


def article(word: str) -> str:
    return "an" if word[:1].lower() in "aeio" else "a"


def _weighted(rng: random.Random, options: list, weights: list):
    return rng.choices(options, weights=weights, k=1)[0]


def _place(rng: random.Random, regions: dict[str, str]) -> dict:
    clusters = [*CLUSTER_PLACES, None]
    weights = [weight for weight, _cities in CLUSTER_PLACES.values()] + [NO_CLUSTER_WEIGHT]
    cluster = _weighted(rng, clusters, weights)
    if cluster is None:
        region, city_ko, city_en, _weight = _weighted(
            rng, OTHER_PLACES, [place[3] for place in OTHER_PLACES]
        )
        return {"cluster": None, "region": region, "city": city_ko, "city_en": city_en}
    city_ko, city_en = rng.choice(CLUSTER_PLACES[cluster][1])
    return {"cluster": cluster, "region": regions[cluster], "city": city_ko, "city_en": city_en}


def _field(rng: random.Random, cluster: str | None, focus: dict[str, list[str]]) -> str:
    if cluster is not None and rng.random() < 0.65:
        return rng.choice(focus[cluster])
    return rng.choice(list(FIELDS))


def _name(rng, field: str, used_names: set[str], used_slugs: set[str]) -> tuple[str, str, str]:
    """A Korean name, its romanized form without the legal form, and a slug."""
    suffixes = FIELDS[field]["suffixes"]
    while True:
        prefix_ko, prefix_en = rng.choice(NAME_PREFIXES)
        suffix_ko, suffix_en = rng.choice(suffixes)
        name_ko = prefix_ko + suffix_ko
        base_en = f"{prefix_en} {suffix_en}"
        slug = slugify(base_en)
        if name_ko.upper() not in used_names and slug not in used_slugs:
            used_names.add(name_ko.upper())
            used_slugs.add(slug)
            return name_ko, base_en, slug


def _founded(rng: random.Random, stage: str) -> date | None:
    years = STAGES[stage]["founded"]
    if years is None:
        return None
    founded = date(rng.randint(*years), rng.randint(1, 12), rng.randint(1, 28))
    return min(founded, REFERENCE_DATE)


def _money(rng: random.Random, ceiling: int) -> int | None:
    if not ceiling:
        return None
    return int(round(rng.uniform(0.05, 1.0) * ceiling, -7))


def _products(
    rng, field: str, main_phrase: tuple, trl: int, stage: str, prefix_en: str, founded
) -> list[tuple]:
    """The main product first, then others of the same field, with model numbers."""
    spec = FIELDS[field]
    low, high = STAGES[stage]["products"]
    others = [phrase for phrase in spec["phrases"] if phrase != main_phrase]
    count = min(rng.randint(low, high), len(spec["phrases"]))
    chosen = ([main_phrase, *rng.sample(others, count - 1)]) if count else []
    series = rng.randint(1, 9) * 100
    products = []
    for number, (phrase_ko, _plural, product_en, _areas) in enumerate(chosen):
        model = f"{prefix_en[:2].upper()}-{series + 10 * (number + 1)}"
        is_public = trl >= 7 or rng.random() < 0.3
        device_class = rng.choice(spec["classes"]) if spec["classes"] else ""
        route, item_number = "", ""
        if device_class and trl >= 8 and is_public:
            route = ROUTE_FOR_CLASS[device_class]
            year = rng.randint(max(founded.year if founded else 2015, 2015), 2025) % 100
            item_number = f"{ITEM_NUMBER_PREFIX[route]} {year:02d}-{rng.randint(10, 999):03d}호"
        products.append(
            (
                f"{model} {phrase_ko}",
                f"{model} {product_en}",
                device_class,
                route,
                item_number,
                is_public,
            )
        )
    return products


def _certifications(rng: random.Random, field: str, trl: int, stage: str) -> list[str]:
    found = []
    if stage != "pre-startup" and rng.random() < 0.6:
        found.append("venture")
    if FIELDS[field]["classes"]:
        if trl >= 8:
            found.append("kgmp")
        if trl >= 7 and rng.random() < 0.5:
            found.append("iso-13485")
        if stage == "over-7" and rng.random() < 0.3:
            found.append("ce-mdr")
        if stage == "over-7" and rng.random() < 0.1:
            found.append("fda")
    if stage in ("3-to-7", "over-7") and rng.random() < 0.15:
        found.append("innobiz")
    return found


def _confidential(rng: random.Random, phrase_ko: str) -> str:
    notes = rng.sample(CONFIDENTIAL_NOTES, rng.randint(1, 2))
    return " ".join(
        note.format(
            n=rng.randint(1, 4),
            phrase=phrase_ko,
            round=rng.choice("AB"),
            value=rng.randint(80, 900),
        )
        for note in notes
    )


def _summaries(
    rng, *, name_ko, name_en, field, phrase, area, place, cluster_names, stage, resident
) -> tuple[str, str]:
    field_ko, field_en = FIELDS[field]["label"]
    phrase_ko, phrase_en = phrase[0], phrase[1]
    region_ko, region_en = REGION_NAMES[place["region"]]
    where_ko = (
        place["city"] if place["city"].startswith(region_ko) else (f"{region_ko} {place['city']}")
    )
    where_en = (
        place["city_en"] if region_en in place["city_en"] else (f"{place['city_en']}, {region_en}")
    )
    if rng.random() < 0.5:
        first_ko = (
            f"{josa(name_ko, '은', '는')} {where_ko}에서 "
            f"{josa(phrase_ko, '을', '를')} 개발하는 {field_ko} 기업입니다."
        )
        first_en = (
            f"{name_en} is {article(field_en)} {field_en} company in {where_en}, "
            f"developing {phrase_en}."
        )
    else:
        first_ko = (
            f"{where_ko}의 {field_ko} 기업으로, {josa(phrase_ko, '을', '를')} 주력으로 합니다."
        )
        first_en = (
            f"{article(field_en).capitalize()} {field_en} company from {where_en}, "
            f"working on {phrase_en}."
        )
    area_ko, area_en = AREA_NAMES[area] if area else (field_ko, field_en)
    cluster = place["cluster"]
    if cluster and resident:
        second_ko = (
            f"{cluster_names[cluster][0]}에 입주해 공용 장비와 병원 연계 프로그램을 활용합니다."
        )
        second_en = (
            f"A resident of the {cluster_names[cluster][1]}, it uses shared equipment "
            f"and hospital-link programs."
        )
    elif cluster:
        second_ko = (
            f"{cluster_names[cluster][0]} 회원사로 {area_ko} 분야 임상 실증을 준비하고 있습니다."
        )
        second_en = (
            f"As a member of the {cluster_names[cluster][1]}, it is preparing "
            f"clinical validation in {area_en}."
        )
    elif area:
        second_ko = f"{area_ko} 분야에 강한 병원과 공동연구를 진행하고 있습니다."
        second_en = f"It runs joint research with hospitals strong in {area_en}."
    else:
        second_ko = "병원·연구기관과 함께 공동 프로젝트를 수행하고 있습니다."
        second_en = "It runs joint projects with hospitals and research institutes."
    parts_ko, parts_en = [first_ko, second_ko], [first_en, second_en]
    if rng.random() < 0.5:
        parts_ko.append(STAGE_SENTENCES[stage][0])
        parts_en.append(STAGE_SENTENCES[stage][1])
    return " ".join(parts_ko), " ".join(parts_en)


def generate_companies(
    *, count: int = COUNT, seed: int = SEED, reserved_slugs=(), reserved_names=()
) -> list[dict]:
    """`count` companies; their slugs and names avoid the reserved ones."""
    rng = random.Random(seed)
    regions = {cluster["slug"]: cluster["region"] for cluster in CLUSTERS}
    focus = {cluster["slug"]: cluster["focus"] for cluster in CLUSTERS}
    cluster_names = {
        cluster["slug"]: (cluster["name_ko"], cluster["name_en"]) for cluster in CLUSTERS
    }
    used_slugs = set(reserved_slugs)
    used_names = {name.upper() for name in reserved_names}
    stage_codes = list(STAGES)
    stage_weights = [STAGES[code]["weight"] for code in stage_codes]
    companies = []
    for _index in range(count):
        place = _place(rng, regions)
        field = _field(rng, place["cluster"], focus)
        spec = FIELDS[field]
        name_ko, base_en, slug = _name(rng, field, used_names, used_slugs)
        name_en = f"{base_en} {rng.choice(LEGAL_FORMS_EN)}"
        stage = _weighted(rng, stage_codes, stage_weights)
        stage_spec = STAGES[stage]
        trl = rng.randint(*stage_spec["trl"])
        founded = _founded(rng, stage)
        phrase = rng.choice(spec["phrases"])
        areas = list(phrase[3])
        if rng.random() < 0.2:
            extra = rng.choice(list(AREA_NAMES))
            if extra not in areas:
                areas.append(extra)
        fields = [field]
        if rng.random() < 0.3:
            fields.append(rng.choice(spec["related"]))
        resident = place["cluster"] is not None and rng.random() < 0.4
        joined = None
        if place["cluster"] is not None:
            earliest = max(founded or REFERENCE_DATE - timedelta(days=200), date(2016, 1, 1))
            span = max((REFERENCE_DATE - earliest).days, 1)
            joined = earliest + timedelta(days=rng.randint(0, span))
        summary_ko, summary_en = _summaries(
            rng,
            name_ko=name_ko,
            name_en=base_en,
            field=field,
            phrase=phrase,
            area=areas[0] if areas else "",
            place=place,
            cluster_names=cluster_names,
            stage=stage,
            resident=resident,
        )
        prefix_en = base_en.split(" ", 1)[0]
        companies.append(
            {
                "slug": slug,
                "name_ko": name_ko,
                "name_en": name_en,
                "region": place["region"],
                "city": place["city"],
                "cluster": place["cluster"],
                "joined": joined,
                "resident": resident,
                "is_listed": rng.random() >= UNLISTED_SHARE,
                "founded": founded,
                "stage": stage,
                "trl": f"trl-{trl}",
                "employees": rng.randint(*stage_spec["employees"]),
                "areas": areas,
                "fields": fields,
                "modalities": [rng.choice(spec["modalities"])] if spec["modalities"] else [],
                "certifications": _certifications(rng, field, trl, stage),
                "revenue": _money(rng, stage_spec["revenue"]),
                "funding": _money(rng, stage_spec["funding"]),
                "confidential": _confidential(rng, phrase[0]),
                "summary_ko": summary_ko,
                "summary_en": summary_en,
                "products": _products(rng, field, phrase, trl, stage, prefix_en, founded),
            }
        )
    return companies
