"""Amounts in KRW and USD at the exchange rate of the record's date.

A `RateBook` holds every stored rate in memory (a few thousand rows at most), so an
import of thousands of rows converts its amounts without a query per row.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ieum.outcomes.enums import Currency
from ieum.outcomes.models import ExchangeRate

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str
    amount_krw: int
    amount_usd: Decimal
    krw_per_unit: Decimal
    krw_per_usd: Decimal
    rates_on: date


class RateBook:
    def __init__(self, rates: dict[str, list[tuple[date, Decimal]]]) -> None:
        # Per currency, (day, KRW per unit) sorted by day.
        self._rates = {code: sorted(days) for code, days in rates.items()}

    @classmethod
    def load(cls) -> RateBook:
        rates: dict[str, list[tuple[date, Decimal]]] = {}
        for currency, day, value in ExchangeRate.objects.values_list(
            "currency", "effective_on", "krw_per_unit"
        ):
            rates.setdefault(currency, []).append((day, value))
        return cls(rates)

    def rate_on(self, currency: str, day: date) -> tuple[date, Decimal]:
        """The latest rate on or before `day`; ValidationError when there is none."""
        if currency == Currency.KRW:
            return day, Decimal(1)
        days = self._rates.get(currency, [])
        index = bisect.bisect_right(days, (day, Decimal("Infinity"))) - 1
        if index < 0:
            raise ValidationError(
                _("There is no %(currency)s exchange rate on or before %(day)s.")
                % {"currency": currency, "day": date_format(day, "DATE_FORMAT")},
                code="no_rate",
            )
        return days[index]

    def convert(self, *, amount: Decimal, currency: str, day: date) -> Money:
        if currency not in Currency.values:
            raise ValidationError(
                _("%(currency)s is not a currency we take; use one of %(known)s.")
                % {"currency": currency, "known": ", ".join(Currency.values)},
                code="currency",
            )
        unit_day, krw_per_unit = self.rate_on(currency, day)
        usd_day, krw_per_usd = self.rate_on(Currency.USD, day)
        amount_krw = (amount * krw_per_unit).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        if currency == Currency.USD:
            amount_usd = amount.quantize(CENT, rounding=ROUND_HALF_UP)
        else:
            amount_usd = (amount_krw / krw_per_usd).quantize(CENT, rounding=ROUND_HALF_UP)
        return Money(
            amount=amount,
            currency=currency,
            amount_krw=int(amount_krw),
            amount_usd=amount_usd,
            krw_per_unit=krw_per_unit,
            krw_per_usd=krw_per_usd,
            rates_on=min(unit_day, usd_day),
        )
