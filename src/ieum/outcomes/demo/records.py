"""The raw input of one counted record, as a company would type it: (kind, data).

Numbers follow their registries' formats: KIPO applications 10-YYYY-NNNNNNN, PCT
PCT/KRYYYY/NNNNNN, MFDS 제허/제인/제신 YY-NNN호, FDA K-numbers, CRIS KCT00NNNNN and
IRIS RS-YYYY-NNNNNNNN.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from ieum.outcomes.demo.figures import EXPORT_SIZE, RND_SIZE
from ieum.outcomes.demo.texts import (
    BUYERS,
    DEFAULT_TOPICS,
    DRUG_FIELDS,
    EURO_COUNTRIES,
    EXPORT_WEIGHTS,
    HOSPITALS,
    INVESTORS,
    LICENSEES,
    LICENSORS,
    NOTIFIED_BODIES,
    OTHER_AUTHORITIES,
    PATENT_FORMS,
    PRODUCT_FORMS,
    RND_FORMS,
    RND_PROGRAMMES,
    TOPICS,
)
from ieum.outcomes.demo.world import Company
from ieum.outcomes.enums import (
    APPROVAL_COUNTRY,
    HOME_COUNTRY,
    Currency,
    OutcomeKind,
    OutcomeSubtype,
    PatentScope,
)

K, S = OutcomeKind, OutcomeSubtype
MFDS_PREFIX = {1: "제신", 2: "제인", 3: "제허", 4: "제허"}
# Rough units of a currency per US dollar, to state a contract in its own currency.
PER_USD = {Currency.EUR: Decimal("0.91"), Currency.JPY: Decimal(140), Currency.CNY: Decimal(7)}


def topic(company: Company, rng: random.Random) -> str:
    choices = [t for field in company.fields for t in TOPICS.get(field, ())]
    return rng.choice(choices or DEFAULT_TOPICS)


def is_overseas(kind: str, data: dict) -> bool:
    if kind == K.EXPORT:
        return True
    if kind == K.APPROVAL:
        country = APPROVAL_COUNTRY.get(data.get("subtype"), data.get("country", ""))
        return country not in ("", HOME_COUNTRY)
    return False


def patent_application(company: Company, day: date, rng: random.Random):
    year = day.year
    draw = rng.random()
    data = {
        "subtype": S.PATENT_APPLICATION,
        "occurred_on": day,
        "title": rng.choice(PATENT_FORMS).format(topic=topic(company, rng)),
    }
    if draw < 0.72:
        data.update(
            patent_scope=PatentScope.DOMESTIC, reference=f"10-{year}-{rng.randint(1, 199_999):07d}"
        )
    elif draw < 0.9:
        data.update(
            patent_scope=PatentScope.PCT, reference=f"PCT/KR{year}/{rng.randint(1, 19_999):06d}"
        )
    else:
        country = rng.choice(["US", "JP", "CN", "DE"])
        references = {
            "US": f"US {year % 100 - 3}/{rng.randint(100, 999)},{rng.randint(100, 999)}",
            "JP": f"JP {year}-{rng.randint(1, 199_999):06d}",
            "CN": f"CN {year}1{rng.randint(0, 9_999_999):07d}",
            "DE": f"DE 10 {year} {rng.randint(100_000, 999_999)}.{rng.randint(0, 9)}",
        }
        data.update(
            patent_scope=PatentScope.FOREIGN, country=country, reference=references[country]
        )
    return K.PATENT, data


def patent_registration(company: Company, day: date, rng: random.Random):
    data = {
        "subtype": S.PATENT_REGISTRATION,
        "occurred_on": day,
        "title": rng.choice(PATENT_FORMS).format(topic=topic(company, rng)),
    }
    if rng.random() < 0.85:
        first = 2_100_000 + (day.year - 2020) * 130_000
        data.update(
            patent_scope=PatentScope.DOMESTIC, reference=f"10-{rng.randint(first, first + 129_999)}"
        )
    else:
        data.update(
            patent_scope=PatentScope.FOREIGN,
            country="US",
            reference=f"US {rng.randint(10_900_000, 12_400_000):,}",
        )
    return K.PATENT, data


def approval(company: Company, day: date, rng: random.Random, *, overseas: bool):
    product = rng.choice(PRODUCT_FORMS).format(topic=topic(company, rng))
    yy = day.year % 100
    data = {"occurred_on": day, "title": product}
    if not overseas:
        device_class = rng.choices([1, 2, 3, 4], weights=[15, 55, 25, 5])[0]
        reference = f"{MFDS_PREFIX[device_class]} {yy}-{rng.randint(10, 1999)}호"
        data.update(
            subtype=S.MFDS,
            device_class=device_class,
            reference=reference,
            counterparty="식품의약품안전처",
        )
        return K.APPROVAL, data
    draw = rng.random()
    if draw < 0.45:
        data.update(
            subtype=S.FDA_510K,
            reference=f"K{yy}{rng.randint(0, 9999):04d}",
            counterparty="U.S. FDA",
        )
    elif draw < 0.5:
        data.update(
            subtype=S.FDA_DE_NOVO,
            reference=f"DEN{yy}{rng.randint(0, 9999):04d}",
            counterparty="U.S. FDA",
        )
    elif draw < 0.85:
        data.update(
            subtype=S.CE_MDR,
            reference=f"MDR {rng.randint(700_000, 799_999)}",
            counterparty=rng.choice(NOTIFIED_BODIES),
        )
    else:
        country, authority = rng.choice(OTHER_AUTHORITIES)
        data.update(
            subtype=S.OTHER_APPROVAL,
            country=country,
            counterparty=authority,
            reference=f"{country}-{day.year}-{rng.randint(1000, 9999)}",
        )
    return K.APPROVAL, data


def export(company: Company, day: date, rng: random.Random, *, slug: str, usd: Decimal | None):
    countries = list(EXPORT_WEIGHTS)
    country = rng.choices(countries, weights=[EXPORT_WEIGHTS[c] for c in countries])[0]
    currency = Currency.USD
    if usd is None:
        size = EXPORT_SIZE.get(slug, 1.0)
        usd = Decimal(round(min(8e6, max(2e4, rng.lognormvariate(12.3, 0.9) * size)), -3))
        if country in EURO_COUNTRIES and rng.random() < 0.6:
            currency = Currency.EUR
        elif country == "JP" and rng.random() < 0.3:
            currency = Currency.JPY
        elif country == "CN" and rng.random() < 0.3:
            currency = Currency.CNY
    amount = usd if currency == Currency.USD else (usd * PER_USD[currency]).quantize(Decimal(100))
    data = {
        "occurred_on": day,
        "title": f"{topic(company, rng)} 공급 계약",
        "country": country,
        "counterparty": rng.choice(BUYERS[country]),
        "amount": amount,
        "currency": currency,
    }
    return K.EXPORT, data


def investment(company: Company, day: date, rng: random.Random):
    age = day.year - (company.founded_year or day.year - 5)
    if age < 3:
        rounds = [(S.SEED, 3, 10), (S.PRE_A, 10, 30)]
    elif age < 7:
        rounds = [(S.SERIES_A, 30, 100), (S.SERIES_B, 80, 250), (S.STRATEGIC, 10, 100)]
    else:
        rounds = [(S.SERIES_B, 80, 250), (S.SERIES_C_PLUS, 200, 600), (S.STRATEGIC, 10, 100)]
    subtype, low, high = rng.choice(rounds)
    data = {
        "subtype": subtype,
        "occurred_on": day,
        "counterparty": rng.choice(INVESTORS),
        "amount": rng.randint(low, high) * 100_000_000,
        "currency": Currency.KRW,
    }
    return K.INVESTMENT, data


def clinical_trial(company: Company, day: date, rng: random.Random):
    drug = bool(DRUG_FIELDS & set(company.fields))
    subtype = rng.choice(
        [S.PHASE_1, S.PHASE_1, S.PHASE_2, S.PHASE_3] if drug else [S.DEVICE_PILOT, S.DEVICE_PIVOTAL]
    )
    data = {
        "subtype": subtype,
        "occurred_on": day,
        "title": f"{topic(company, rng)}의 유효성과 안전성 평가 임상시험",
        "reference": f"KCT{rng.randint(4_000, 11_999):07d}",
        "counterparty": rng.choice(HOSPITALS),
        "country": HOME_COUNTRY,
    }
    return K.CLINICAL_TRIAL, data


def tech_transfer(company: Company, day: date, rng: random.Random):
    if rng.random() < 0.6:
        subtype, counterparty, title = S.TRANSFER, rng.choice(LICENSORS), "기술이전"
    else:
        subtype, counterparty, title = S.LICENSE, rng.choice(LICENSEES), "라이선스 아웃"
    data = {
        "subtype": subtype,
        "occurred_on": day,
        "title": f"{topic(company, rng)} {title}",
        "counterparty": counterparty,
    }
    if rng.random() < 0.7:
        data.update(amount=rng.randint(3, 300) * 10_000_000, currency=Currency.KRW)
    return K.TECH_TRANSFER, data


def national_rnd(company: Company, day: date, rng: random.Random, *, slug: str, krw: int | None):
    agency, programme = rng.choice(RND_PROGRAMMES)
    if krw is None:
        size = RND_SIZE.get(slug, 1.0)
        krw = round(min(5e9, max(1e8, rng.lognormvariate(20.4, 0.7) * size)), -6)
    data = {
        "occurred_on": day,
        "title": f"[{programme}] " + rng.choice(RND_FORMS).format(topic=topic(company, rng)),
        "reference": f"RS-{day.year}-{rng.randint(0, 999_999):08d}",
        "counterparty": agency,
        "amount": int(krw),
        "currency": Currency.KRW,
    }
    return K.NATIONAL_RND, data


BUILDERS = {
    "patent_application": patent_application,
    "patent_registration": patent_registration,
    "investment": investment,
    "clinical_trial": clinical_trial,
    "tech_transfer": tech_transfer,
}
