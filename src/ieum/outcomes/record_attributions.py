"""Which clusters, programs and events a record may be attributed to, and by whom.

A record counts towards the figures of what it is attributed to, and cluster staff see
and verify the records attributed to their clusters, so an attribution is a claim that
must be checked like any figure:

- Clusters: only clusters the company is a member of. Its members and platform admins
  may pick any of them; cluster staff only the clusters they staff among them, so that
  nobody hands a record to another cluster's desk. A record of a company in a cluster
  is attributed to at least one (someone there must be able to verify it), and a
  record staff enter carries one of their own clusters (or they would lose sight of it).
- Programs: the programs of those clusters, and any program (national ones included)
  in which the company holds a cohort seat or has a support case.
- Events: the events of those clusters, and any partnering event the company
  registered for and did not cancel.

The choices do not depend on which clusters are ticked, so the form shows exactly what
the check accepts. When a record is changed, attributions already on it that the person
could not have chosen (another cluster's, kept by its staff) stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from ieum.accounts.access import access_for
from ieum.directory.enums import OrganizationKind
from ieum.directory.models import Cluster, Organization
from ieum.partnering.models import Event
from ieum.programs.models import Program


@dataclass(frozen=True)
class AttributionChoices:
    clusters: QuerySet[Cluster]
    programs: QuerySet[Program]
    events: QuerySet[Event]


@dataclass(frozen=True)
class Attributions:
    """The primary keys a record ends up attributed to."""

    clusters: frozenset[int]
    programs: frozenset[int]
    events: frozenset[int]


def recordable_companies(user) -> QuerySet[Organization]:
    """The organizations the person may enter records for (`outcomes.record_for_company`
    as a query): their own, their clusters' members for staff, all for admins. Cluster
    operators are left out; their outcomes are their companies'."""
    access = access_for(user)
    organizations = Organization.objects.exclude(kind=OrganizationKind.CLUSTER_OPERATOR)
    if access.is_platform_admin:
        return organizations
    return organizations.filter(
        Q(pk__in=access.organization_ids)
        | Q(cluster_memberships__cluster_id__in=access.staffed_cluster_ids)
    ).distinct()


def _records_for_own_company(by, company: Organization) -> bool:
    access = access_for(by)
    return access.is_platform_admin or company.pk in access.organization_ids


def attribution_choices(*, by, company: Organization) -> AttributionChoices:
    cluster_filter = Q(memberships__organization=company)
    if not _records_for_own_company(by, company):
        cluster_filter &= Q(pk__in=access_for(by).staffed_cluster_ids)
    clusters = Cluster.objects.filter(cluster_filter).distinct().order_by("name_ko")
    cluster_ids = clusters.values("pk")
    programs = Program.objects.filter(
        Q(cluster_id__in=cluster_ids)
        | Q(cohorts__members__company=company)
        | Q(support_cases__company=company)
    ).distinct()
    events = Event.objects.filter(
        Q(cluster_id__in=cluster_ids)
        | Q(registrations__organization=company, registrations__is_cancelled=False)
    ).distinct()
    return AttributionChoices(
        clusters=clusters,
        programs=programs.order_by("name_ko"),
        events=events.order_by("-starts_on", "name_ko"),
    )


def _ids(values: Iterable[Model | int | str] | None) -> set[int]:
    """Primary keys from model instances or keys (as the form, the API and the import
    hand them over); anything that is not a key becomes -1, which nothing allows."""
    ids = set()
    for value in values or ():
        if isinstance(value, Model):
            ids.add(value.pk)
        elif str(value).strip().isdigit():
            ids.add(int(value))
        else:
            ids.add(-1)
    return ids


def check_attributions(
    *,
    company: Organization,
    clusters: Iterable,
    programs: Iterable,
    events: Iterable,
    by,
    current: Attributions | None = None,
) -> Attributions:
    """The attributions a record of `company` gets when `by` picks these; a
    ValidationError by field (clusters, programs, events) naming what is not allowed.

    `current` is what a record being changed holds now: what of it `by` could not have
    picked is kept.
    """
    choices = attribution_choices(by=by, company=company)
    allowed = Attributions(
        clusters=frozenset(choices.clusters.values_list("pk", flat=True)),
        programs=frozenset(choices.programs.values_list("pk", flat=True)),
        events=frozenset(choices.events.values_list("pk", flat=True)),
    )
    picked = {"clusters": _ids(clusters), "programs": _ids(programs), "events": _ids(events)}
    messages = {
        "clusters": _("A record can only be attributed to clusters the company is a member of.")
        if _records_for_own_company(by, company)
        else _(
            "A record can only be attributed to clusters the company is a member of and "
            "you work for."
        ),
        "programs": _(
            "A record can only be attributed to programs of the company's clusters or "
            "programs the company took part in."
        ),
        "events": _(
            "A record can only be attributed to events of the company's clusters or "
            "events the company registered for."
        ),
    }
    errors: dict[str, list[str]] = {}
    for name, ids in picked.items():
        if ids - getattr(allowed, name):
            errors[name] = [messages[name]]
    if not _records_for_own_company(by, company) and not allowed.clusters:
        errors["clusters"] = [
            _("You can enter records only for member companies of the clusters you work for.")
        ]
    elif allowed.clusters and not picked["clusters"] and "clusters" not in errors:
        errors["clusters"] = [
            _("Attribute the record to at least one cluster, so that its staff can verify it.")
        ]
    if errors:
        raise ValidationError(errors)
    kept = current or Attributions(frozenset(), frozenset(), frozenset())
    return Attributions(
        clusters=frozenset(picked["clusters"] | (kept.clusters - allowed.clusters)),
        programs=frozenset(picked["programs"] | (kept.programs - allowed.programs)),
        events=frozenset(picked["events"] | (kept.events - allowed.events)),
    )
