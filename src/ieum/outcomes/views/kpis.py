"""The platform admins' pages for KPI definitions and exchange rates.

Everyone else is refused (403); a code that names no KPI is 404. Every change goes
through `outcomes.kpi_editing`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ieum.core.forms import add_domain_error
from ieum.outcomes import kpi_editing
from ieum.outcomes.enums import Currency
from ieum.outcomes.kpi_forms import FOREIGN_CURRENCIES, ExchangeRateForm, KPIForm
from ieum.outcomes.models import ExchangeRate, KPIDefinition

RATES_PAGE_SIZE = 30


def _require(user, permission: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied


@login_required
def kpi_list(request):
    _require(request.user, "outcomes.manage_kpis")
    kpis = KPIDefinition.objects.order_by("sort_order", "code")
    return render(request, "outcomes/kpis/list.html", {"kpis": kpis})


def _render_form(request, form, kpi=None):
    status = 400 if form.errors else 200
    return render(request, "outcomes/kpis/form.html", {"form": form, "kpi": kpi}, status=status)


@login_required
def kpi_new(request):
    _require(request.user, "outcomes.manage_kpis")
    form = KPIForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kpi = kpi_editing.create_kpi(
                by=request.user, code=form.cleaned_data["code"], data=form.kpi_data()
            )
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The KPI “%(name)s” is added.") % {"name": kpi.name})
            return redirect("outcomes:kpi_list")
    return _render_form(request, form)


@login_required
def kpi_edit(request, code: str):
    _require(request.user, "outcomes.manage_kpis")
    kpi = get_object_or_404(KPIDefinition, code=code)
    form = KPIForm(request.POST or None, kpi=kpi)
    if request.method == "POST" and form.is_valid():
        try:
            kpi = kpi_editing.update_kpi(by=request.user, kpi=kpi, data=form.kpi_data())
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The KPI “%(name)s” is saved.") % {"name": kpi.name})
            return redirect("outcomes:kpi_list")
    return _render_form(request, form, kpi)


@login_required
@require_POST
def kpi_toggle(request, code: str):
    _require(request.user, "outcomes.manage_kpis")
    kpi = get_object_or_404(KPIDefinition, code=code)
    kpi = kpi_editing.set_kpi_active(
        by=request.user, kpi=kpi, is_active=request.POST.get("is_active") == "1"
    )
    if kpi.is_active:
        messages.success(request, _("“%(name)s” is shown on the dashboards.") % {"name": kpi.name})
    else:
        messages.success(
            request, _("“%(name)s” is hidden from the dashboards.") % {"name": kpi.name}
        )
    return redirect(f"{reverse('outcomes:kpi_list')}#kpi-{kpi.code}")


def _chosen_currency(value: str | None) -> str:
    currencies = [value for value, _label in FOREIGN_CURRENCIES]
    return value if value in currencies else Currency.USD


@login_required
def exchange_rates(request):
    _require(request.user, "outcomes.manage_exchange_rates")
    currency = _chosen_currency(request.POST.get("currency") or request.GET.get("currency"))
    form = ExchangeRateForm(request.POST or None, initial={"currency": currency})
    if request.method == "POST" and form.is_valid():
        try:
            rate = kpi_editing.add_exchange_rate(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("The %(currency)s rate from %(day)s is added.")
                % {"currency": rate.currency, "day": f"{rate.effective_on:%Y-%m-%d}"},
            )
            return redirect(f"{reverse('outcomes:exchange_rates')}?currency={rate.currency}")
    summary = {
        row["currency"]: row
        for row in ExchangeRate.objects.values("currency")
        .annotate(count=Count("pk"), latest=Max("effective_on"))
        .order_by()
    }
    tabs = [
        {"code": code, "label": label, "summary": summary.get(code)}
        for code, label in FOREIGN_CURRENCIES
    ]
    rates = ExchangeRate.objects.filter(currency=currency).order_by("-effective_on")
    page = Paginator(rates, RATES_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "tabs": tabs, "currency": currency, "page": page}
    status = 400 if form.errors else 200
    return render(request, "outcomes/kpis/exchange_rates.html", context, status=status)
