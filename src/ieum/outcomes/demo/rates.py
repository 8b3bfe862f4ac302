"""Exchange rates of the demo: one rate per currency and month, from January 2019 on.

The won per US dollar follows the path of the Bank of Korea's monthly averages (about
1,100 in early 2021, above 1,400 in late 2022 and again from late 2024). The euro, yen
and yuan are crossed from the dollar with each year's average dollar rate of that
currency, eased from one year to the next so no month jumps. A rate applies from the
first day of its month, so a record of any day finds one.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ieum.core.bulk_audit import log_bulk_creation
from ieum.outcomes.enums import Currency
from ieum.outcomes.models import ExchangeRate

FIRST_YEAR = 2019

# KRW per USD, January to December.
# fmt: off
USD_BY_MONTH = {
    2019: (1122, 1123, 1131, 1141, 1183, 1175, 1175, 1208, 1197, 1184, 1167, 1176),
    2020: (1164, 1194, 1220, 1225, 1228, 1210, 1199, 1187, 1179, 1144, 1117, 1097),
    2021: (1099, 1112, 1131, 1119, 1124, 1122, 1145, 1161, 1170, 1183, 1183, 1182),
    2022: (1195, 1198, 1220, 1236, 1269, 1285, 1307, 1319, 1391, 1427, 1364, 1297),
    2023: (1242, 1271, 1306, 1321, 1328, 1296, 1286, 1318, 1328, 1350, 1309, 1304),
    2024: (1323, 1331, 1331, 1367, 1366, 1380, 1384, 1355, 1334, 1361, 1394, 1435),
    2025: (1455, 1445, 1457, 1444, 1396, 1365, 1375, 1389, 1392, 1423, 1457, 1465),
    2026: (1452, 1441, 1430, 1422, 1411, 1402, 1396, 1391, 1387, 1394, 1401, 1405),
}
# fmt: on

# Units of the currency per US dollar, a year's average (EUR: dollars per euro).
USD_PER_EUR = {2019: 1.12, 2020: 1.14, 2021: 1.18, 2022: 1.05, 2023: 1.08, 2024: 1.08,
               2025: 1.13, 2026: 1.16}  # fmt: skip
JPY_PER_USD = {2019: 109.0, 2020: 106.8, 2021: 109.8, 2022: 131.5, 2023: 140.5,
               2024: 151.4, 2025: 149.0, 2026: 150.5}  # fmt: skip
CNY_PER_USD = {2019: 6.91, 2020: 6.90, 2021: 6.45, 2022: 6.73, 2023: 7.08, 2024: 7.19,
               2025: 7.20, 2026: 7.10}  # fmt: skip


def _eased(by_year: dict[int, float], year: int, month: int) -> float:
    """The year's average at mid-year, moving in a straight line towards the next."""
    position = year + (month - 0.5) / 12
    low = min(max(int(position - 0.5), min(by_year)), max(by_year))
    high = min(low + 1, max(by_year))
    share = min(max(position - 0.5 - low, 0.0), 1.0)
    return by_year[low] + (by_year[high] - by_year[low]) * share


def monthly_rates(*, until: date) -> list[tuple[str, date, Decimal]]:
    """(currency, first day of the month, KRW per unit) for every month up to `until`."""
    rates = []
    for year, months in USD_BY_MONTH.items():
        for month, usd in enumerate(months, start=1):
            day = date(year, month, 1)
            if day > until:
                return rates
            crosses = {
                Currency.USD: usd,
                Currency.EUR: usd * _eased(USD_PER_EUR, year, month),
                Currency.JPY: usd / _eased(JPY_PER_USD, year, month),
                Currency.CNY: usd / _eased(CNY_PER_USD, year, month),
            }
            for currency, krw in crosses.items():
                places = "0.0001" if currency == Currency.JPY else "0.01"
                rates.append((currency, day, Decimal(str(krw)).quantize(Decimal(places))))
    return rates


def ensure_rates(*, today: date, actor) -> int:
    """Add the demo rates that are missing (a rate an admin entered for the same day
    stays as it is), with their audit entries; returns how many were added."""
    wanted = monthly_rates(until=today)
    existing = set(
        ExchangeRate.objects.filter(effective_on__gte=date(FIRST_YEAR, 1, 1)).values_list(
            "currency", "effective_on"
        )
    )
    missing = [
        ExchangeRate(currency=currency, effective_on=day, krw_per_unit=value)
        for currency, day, value in wanted
        if (currency, day) not in existing
    ]
    ExchangeRate.objects.bulk_create(missing)
    log_bulk_creation(missing, actor=actor)
    return len(missing)
