"""Who may apply to a call: company age band, region, cluster membership and fields.

Each rule a call sets is checked against the company's directory record, and every
failed rule gives one translated reason, so an applicant reads exactly what keeps them
out. An empty list of reasons means the company is eligible. A rule the call leaves
empty (no age bands, no regions, no fields) restricts nothing.

Company age counts full years from the founding date to the day of the check, in Seoul:
a company founded on 2023-03-10 is under 3 until 2026-03-09 and 3–7 from 2026-03-10.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from ieum.core.business_days import seoul_today
from ieum.directory.enums import OrganizationKind
from ieum.directory.models import ClusterMember, CompanyProfile, Organization
from ieum.programs.enums import CompanyAge
from ieum.programs.models import Call


def full_years(*, since: date, on: date) -> int:
    """Whole years from `since` to `on`; a 29 February anniversary falls on 1 March."""
    years = on.year - since.year
    if (on.month, on.day) < (since.month, since.day):
        years -= 1
    return years


def _profile(company: Organization) -> CompanyProfile | None:
    # Read afresh: the check stands for the moment of submission, not for whatever
    # copy of the profile the caller happens to hold.
    return (
        CompanyProfile.objects.filter(organization_id=company.pk)
        .prefetch_related("therapeutic_areas", "technology_fields")
        .first()
    )


def _age_band(profile: CompanyProfile | None, on: date) -> str:
    if profile is None or profile.founded_on is None or profile.founded_on > on:
        return CompanyAge.PRE_STARTUP
    years = full_years(since=profile.founded_on, on=on)
    if years < 3:
        return CompanyAge.UNDER_3
    if years < 7:
        return CompanyAge.FROM_3_TO_7
    return CompanyAge.OVER_7


def company_age(*, company: Organization, on: date) -> str:
    """The company's age band (a CompanyAge value) on the given day."""
    return _age_band(_profile(company), on)


def _listed(names) -> str:
    return ", ".join(str(name) for name in names)


def _age_labels(call: Call) -> str:
    # In the order of the bands, not of the stored list.
    return _listed(label for value, label in CompanyAge.choices if value in call.eligible_ages)


def _is_cluster_member(call: Call, company: Organization) -> bool:
    members = ClusterMember.objects.filter(organization=company)
    cluster_id = call.program.cluster_id
    # A national program open to "members only" means members of any cluster.
    if cluster_id is not None:
        members = members.filter(cluster_id=cluster_id)
    return members.exists()


def eligibility_reasons(*, call: Call, company: Organization, on: date | None = None) -> list[str]:
    """Why the company may NOT apply to the call; an empty list means it may."""
    on = on or seoul_today()
    if company.kind != OrganizationKind.COMPANY:
        return [_("Only companies may apply to this call.")]
    reasons: list[str] = []
    profile = _profile(company)
    if call.eligible_ages:
        age = _age_band(profile, on)
        if age not in call.eligible_ages:
            reasons.append(
                _("The call is open to companies aged: %(bands)s. Your company is: %(age)s.")
                % {"bands": _age_labels(call), "age": CompanyAge(age).label}
            )
    regions = list(call.eligible_regions.all())
    if regions and company.region_id not in {region.pk for region in regions}:
        if company.region_id is None:
            reasons.append(
                _(
                    "The call is open to companies in: %(regions)s. Your company's "
                    "directory entry names no region."
                )
                % {"regions": _listed(regions)}
            )
        else:
            reasons.append(
                _("The call is open to companies in: %(regions)s. Your company is in %(region)s.")
                % {"regions": _listed(regions), "region": company.region}
            )
    if call.members_only and not _is_cluster_member(call, company):
        cluster = call.program.cluster
        if cluster is None:
            reasons.append(_("Only member companies of a cluster may apply."))
        else:
            reasons.append(
                _("Only member companies of %(cluster)s may apply.") % {"cluster": cluster}
            )
    fields = list(call.eligible_fields.all())
    if fields:
        own: set[int] = set()
        if profile is not None:
            own = {term.pk for term in profile.therapeutic_areas.all()}
            own |= {term.pk for term in profile.technology_fields.all()}
        if not own & {term.pk for term in fields}:
            reasons.append(
                _(
                    "The call is for companies working in: %(fields)s. Your company's "
                    "profile lists none of them."
                )
                % {"fields": _listed(fields)}
            )
    return reasons


def eligibility_rules(call: Call) -> list[str]:
    """The call's rules in words, for its public page."""
    rules = [_("Companies only.")]
    if call.eligible_ages:
        rules.append(_("Company age: %(bands)s.") % {"bands": _age_labels(call)})
    regions = list(call.eligible_regions.all())
    if regions:
        rules.append(_("Region: %(regions)s.") % {"regions": _listed(regions)})
    if call.members_only:
        cluster = call.program.cluster
        if cluster is None:
            rules.append(_("Member companies of a cluster only."))
        else:
            rules.append(_("Member companies of %(cluster)s only.") % {"cluster": cluster})
    fields = list(call.eligible_fields.all())
    if fields:
        rules.append(_("Fields: %(fields)s.") % {"fields": _listed(fields)})
    return rules
