from django.db.models import Count
from django.shortcuts import render

from ieum.directory.enums import OrganizationKind
from ieum.directory.models import Cluster, Organization


def home(request):
    counts = dict(
        Organization.objects.filter(is_listed=True)
        .values_list("kind")
        .annotate(total=Count("pk"))
        .values_list("kind", "total")
    )
    clusters = (
        Cluster.objects.select_related("region", "operator")
        .annotate(member_count=Count("memberships"))
        .order_by("name_ko")
    )
    figures = [
        (OrganizationKind.COMPANY.label, counts.get(OrganizationKind.COMPANY, 0), "company"),
        (OrganizationKind.HOSPITAL.label, counts.get(OrganizationKind.HOSPITAL, 0), "hospital"),
        (OrganizationKind.INVESTOR.label, counts.get(OrganizationKind.INVESTOR, 0), "investor"),
        (
            OrganizationKind.DEMAND_COMPANY.label,
            counts.get(OrganizationKind.DEMAND_COMPANY, 0),
            "demand_company",
        ),
    ]
    return render(request, "core/home.html", {"clusters": clusters, "figures": figures})
