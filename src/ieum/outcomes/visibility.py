"""The query forms of `rules.py`: every list, export, drill-down, dashboard and API list
of outcome records starts here, so a record a person may not see is absent everywhere."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from ieum.accounts.access import access_for
from ieum.directory.models import Cluster
from ieum.outcomes.models import OutcomeImport, OutcomeRecord
from ieum.programs.models import Program

ClusterAttribution = OutcomeRecord.clusters.through


def attributed_to_clusters(cluster_ids) -> Exists:
    return Exists(
        ClusterAttribution.objects.filter(
            outcomerecord_id=OuterRef("pk"), cluster_id__in=cluster_ids
        )
    )


def visible_records(user) -> QuerySet[OutcomeRecord]:
    access = access_for(user)
    if access.is_platform_admin:
        return OutcomeRecord.objects.all()
    if not access.organization_ids and not access.staffed_cluster_ids:
        return OutcomeRecord.objects.none()
    own = OutcomeRecord.objects.filter(company_id__in=access.organization_ids)
    if not access.staffed_cluster_ids:
        return own
    return OutcomeRecord.objects.filter(attributed_to_clusters(access.staffed_cluster_ids)) | own


def verifiable_records(user) -> QuerySet[OutcomeRecord]:
    """The records the person may verify or reject: their clusters' (all for admins)."""
    access = access_for(user)
    if access.is_platform_admin:
        return OutcomeRecord.objects.all()
    if not access.staffed_cluster_ids:
        return OutcomeRecord.objects.none()
    return OutcomeRecord.objects.filter(attributed_to_clusters(access.staffed_cluster_ids))


def dashboard_clusters(user) -> QuerySet[Cluster]:
    """Clusters whose full dashboard the person sees (pending figures, drill-down)."""
    access = access_for(user)
    if access.is_platform_admin:
        return Cluster.objects.all()
    return Cluster.objects.filter(pk__in=access.staffed_cluster_ids)


def dashboard_programs(user) -> QuerySet[Program]:
    access = access_for(user)
    if access.is_platform_admin:
        return Program.objects.all()
    return Program.objects.filter(cluster_id__in=access.staffed_cluster_ids)


def visible_imports(user) -> QuerySet[OutcomeImport]:
    access = access_for(user)
    if access.is_platform_admin:
        return OutcomeImport.objects.all()
    return (
        OutcomeImport.objects.filter(uploaded_by=user)
        if user.is_authenticated
        else (OutcomeImport.objects.none())
    )
