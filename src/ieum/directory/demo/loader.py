"""Loads and removes the demo data; `manage.py seed_demo` calls these.

Everything is looked up before it is made, so a second load creates nothing. Rows that
exist already (by address, or an organization of the same kind and name) are used as
they are and never changed. Organizations and clusters made here carry `is_demo=True`.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db.models.functions import Upper

from ieum.accounts.domain import add_membership
from ieum.accounts.models import Membership, User
from ieum.core.db_stats import analyzes_afterwards
from ieum.directory.demo.companies import NAMED_COMPANIES
from ieum.directory.demo.generated import generate_companies
from ieum.directory.demo.hospitals import HOSPITALS, INSTITUTES
from ieum.directory.demo.market import DEMAND_COMPANIES, INVESTORS
from ieum.directory.demo.network import CLUSTERS, PARTNERS, STRATEGIC_CENTER
from ieum.directory.demo.people import DEMO_EMAIL_DOMAIN, DEMO_LOGINS, DEMO_PASSWORD
from ieum.directory.enums import OrganizationKind, Vocabulary
from ieum.directory.models import (
    Cluster,
    ClusterMember,
    CompanyProfile,
    DemandCompanyProfile,
    HospitalProfile,
    InvestorProfile,
    Organization,
    Product,
    Term,
)

# The day the Gimhae agency signed up the companies it had attracted (2018 forum).
GIMHAE_AGREEMENT_DAY = date(2018, 12, 5)


class Terms:
    """All vocabulary terms, read once, by vocabulary and code."""

    def __init__(self) -> None:
        self._terms = {(term.vocabulary, term.code): term for term in Term.objects.all()}

    def one(self, vocabulary: str, code: str) -> Term | None:
        if not code:
            return None
        try:
            return self._terms[(vocabulary, code)]
        except KeyError:
            raise LookupError(
                f"The vocabulary term {vocabulary}:{code} is missing; run the migrations."
            ) from None

    def many(self, vocabulary: str, codes) -> list[Term]:
        return [self.one(vocabulary, code) for code in codes]


class Loader:
    def __init__(self) -> None:
        self.terms = Terms()
        self.created: Counter[str] = Counter()
        self.organizations: dict[str, Organization] = {}
        self.clusters: dict[str, Cluster] = {}

    def run(self) -> Counter[str]:
        self.organization(STRATEGIC_CENTER, STRATEGIC_CENTER["kind"])
        self.load_clusters()
        for spec in PARTNERS + INSTITUTES:
            organization, created = self.organization(spec, spec["kind"])
            if created:
                self.add_to_clusters(
                    organization, spec.get("clusters", []), joined=None, resident=False
                )
        self.load_hospitals()
        self.load_investors()
        self.load_demand_companies()
        self.load_companies()
        self.load_people()
        return +self.created  # without the kinds of which nothing was created

    # Organizations and clusters.

    def organization(self, spec: dict, kind: str) -> tuple[Organization, bool]:
        organization = (
            Organization.objects.filter(slug=spec["slug"]).first()
            or Organization.objects.filter(kind=kind, name_ko__iexact=spec["name_ko"]).first()
        )
        created = organization is None
        if created:
            organization = Organization.objects.create(
                kind=kind,
                is_demo=True,
                is_listed=spec.get("is_listed", True),
                **self.organization_fields(spec),
            )
            self.created[f"organizations ({kind})"] += 1
        self.organizations[spec["slug"]] = organization
        return organization, created

    def organization_fields(self, spec: dict) -> dict:
        return {
            "slug": spec["slug"],
            "name_ko": spec["name_ko"],
            "name_en": spec.get("name_en", ""),
            "region": self.terms.one(Vocabulary.REGION, spec.get("region", "")),
            "city": spec.get("city", ""),
            "website": spec.get("website", ""),
            "summary_ko": spec.get("summary_ko", ""),
            "summary_en": spec.get("summary_en", ""),
        }

    def load_clusters(self) -> None:
        for spec in CLUSTERS:
            operator, _created = self.organization(
                {**spec["operator"], "region": spec["region"]}, OrganizationKind.CLUSTER_OPERATOR
            )
            cluster = Cluster.objects.filter(slug=spec["slug"]).first()
            if cluster is None:
                cluster = Cluster.objects.create(
                    slug=spec["slug"],
                    name_ko=spec["name_ko"],
                    name_en=spec["name_en"],
                    operator=operator,
                    region=self.terms.one(Vocabulary.REGION, spec["region"]),
                    designation_years=spec["years"],
                    summary_ko=spec["summary_ko"],
                    summary_en=spec["summary_en"],
                    is_demo=True,
                )
                cluster.focus_fields.set(
                    self.terms.many(Vocabulary.TECHNOLOGY_FIELD, spec["focus"])
                )
                self.created["clusters"] += 1
            self.clusters[spec["slug"]] = cluster

    def add_to_clusters(self, organization, cluster_slugs, *, joined, resident) -> None:
        members = [
            ClusterMember(
                cluster=self.clusters[slug],
                organization=organization,
                joined_on=joined,
                is_resident=resident,
            )
            for slug in cluster_slugs
        ]
        ClusterMember.objects.bulk_create(members, ignore_conflicts=True)
        self.created["cluster members"] += len(members)

    # Profiles by kind.

    def load_hospitals(self) -> None:
        for spec in HOSPITALS:
            organization, created = self.organization(spec, OrganizationKind.HOSPITAL)
            if not created:
                continue
            profile = HospitalProfile.objects.create(
                organization=organization,
                beds=spec["beds"],
                has_clinical_trial_center=spec["trial_center"],
                confidential_notes=spec["notes"],
            )
            profile.specialties.set(
                self.terms.many(Vocabulary.THERAPEUTIC_AREA, spec["specialties"])
            )
            profile.services.set(self.terms.many(Vocabulary.HOSPITAL_SERVICE, spec["services"]))

    def load_investors(self) -> None:
        for spec in INVESTORS:
            organization, created = self.organization(spec, OrganizationKind.INVESTOR)
            if not created:
                continue
            ticket_min, ticket_max = spec["ticket"]
            profile = InvestorProfile.objects.create(
                organization=organization,
                investor_type=spec["type"],
                ticket_min_krw=ticket_min,
                ticket_max_krw=ticket_max,
                confidential_notes=spec["notes"],
            )
            profile.focus_areas.set(self.terms.many(Vocabulary.THERAPEUTIC_AREA, spec["areas"]))
            profile.focus_fields.set(self.terms.many(Vocabulary.TECHNOLOGY_FIELD, spec["fields"]))
            profile.preferred_stages.set(self.terms.many(Vocabulary.STAGE, spec["stages"]))

    def load_demand_companies(self) -> None:
        for spec in DEMAND_COMPANIES:
            organization, created = self.organization(spec, OrganizationKind.DEMAND_COMPANY)
            if not created:
                continue
            profile = DemandCompanyProfile.objects.create(
                organization=organization,
                headquarters_country=spec["country"],
                open_innovation_ko=spec["interests_ko"],
                open_innovation_en=spec["interests_en"],
                confidential_notes=spec["notes"],
            )
            profile.technology_interests.set(
                self.terms.many(Vocabulary.TECHNOLOGY_FIELD, spec["fields"])
            )
            profile.therapeutic_interests.set(
                self.terms.many(Vocabulary.THERAPEUTIC_AREA, spec["areas"])
            )

    # Companies: the named ones one by one, the generated ones in bulk.

    def load_companies(self) -> None:
        new: list[tuple[Organization, dict]] = []
        for named in NAMED_COMPANIES:
            founded = date(*named["founded"])
            spec = {
                **named,
                "region": "gyeongnam",
                "city": "김해시",
                "founded": founded,
                "joined": max(founded, GIMHAE_AGREEMENT_DAY),
                "resident": True,
            }
            organization, created = self.organization(spec, OrganizationKind.COMPANY)
            if created:
                new.append((organization, spec))
        generated = generate_companies(
            reserved_slugs=[spec["slug"] for spec in NAMED_COMPANIES],
            reserved_names=[spec["name_ko"] for spec in NAMED_COMPANIES],
        )
        taken_slugs = set(
            Organization.objects.filter(slug__in=[spec["slug"] for spec in generated]).values_list(
                "slug", flat=True
            )
        )
        taken_names = set(
            Organization.objects.filter(kind=OrganizationKind.COMPANY)
            .annotate(upper_name=Upper("name_ko"))
            .values_list("upper_name", flat=True)
        )
        missing = [
            spec
            for spec in generated
            if spec["slug"] not in taken_slugs and spec["name_ko"].upper() not in taken_names
        ]
        organizations = Organization.objects.bulk_create(
            [
                Organization(
                    kind=OrganizationKind.COMPANY,
                    is_demo=True,
                    is_listed=spec["is_listed"],
                    **self.organization_fields(spec),
                )
                for spec in missing
            ]
        )
        self.created[f"organizations ({OrganizationKind.COMPANY})"] += len(organizations)
        new += list(zip(organizations, missing, strict=True))
        self.add_company_details(new)

    def add_company_details(self, companies: list[tuple[Organization, dict]]) -> None:
        CompanyProfile.objects.bulk_create(
            [
                CompanyProfile(
                    organization=organization,
                    founded_on=spec["founded"],
                    stage=self.terms.one(Vocabulary.STAGE, spec["stage"]),
                    trl=self.terms.one(Vocabulary.TRL, spec["trl"]),
                    employees=spec["employees"],
                    annual_revenue_krw=spec["revenue"],
                    total_funding_krw=spec["funding"],
                    confidential_technology=spec["confidential"],
                )
                for organization, spec in companies
            ]
        )
        for field, vocabulary, key in [
            ("therapeutic_areas", Vocabulary.THERAPEUTIC_AREA, "areas"),
            ("technology_fields", Vocabulary.TECHNOLOGY_FIELD, "fields"),
            ("modalities", Vocabulary.MODALITY, "modalities"),
            ("certifications", Vocabulary.CERTIFICATION, "certifications"),
        ]:
            through = getattr(CompanyProfile, field).through
            through.objects.bulk_create(
                [
                    through(companyprofile_id=organization.pk, term=term)
                    for organization, spec in companies
                    for term in self.terms.many(vocabulary, dict.fromkeys(spec[key]))
                ]
            )
        members = [
            ClusterMember(
                cluster=self.clusters[spec["cluster"]],
                organization=organization,
                joined_on=spec["joined"],
                is_resident=spec["resident"],
            )
            for organization, spec in companies
            if spec["cluster"]
        ]
        ClusterMember.objects.bulk_create(members)
        self.created["cluster members"] += len(members)
        products = Product.objects.bulk_create(
            [
                Product(
                    company=organization,
                    name_ko=name_ko,
                    name_en=name_en,
                    device_class=self.terms.one(Vocabulary.DEVICE_CLASS, device_class),
                    approval_route=self.terms.one(Vocabulary.APPROVAL_ROUTE, route),
                    mfds_item_number=item_number,
                    is_public=is_public,
                )
                for organization, spec in companies
                for name_ko, name_en, device_class, route, item_number, is_public in spec[
                    "products"
                ]
            ]
        )
        self.created["products"] += len(products)

    # People.

    def load_people(self) -> None:
        for login in DEMO_LOGINS:
            user = User.objects.filter(email__iexact=login.email).first()
            if user is None:
                user = User.objects.create_user(
                    login.email,
                    DEMO_PASSWORD,
                    full_name=login.full_name,
                    preferred_language=login.preferred_language,
                )
                self.created["users"] += 1
            organization = self.organizations[login.organization_slug]
            had_it = Membership.objects.filter(
                user=user, organization=organization, role=login.role
            ).exists()
            add_membership(
                actor=None,
                user=user,
                organization=organization,
                role=login.role,
                is_admin=login.is_admin,
                title=login.title,
            )
            if not had_it:
                self.created["memberships"] += 1


@analyzes_afterwards
def load_demo() -> Counter[str]:
    """Create whatever demo data is missing; returns what was created, by kind."""
    return Loader().run()


def reset_demo() -> Counter[str]:
    """Delete the demo accounts, clusters and organizations; returns what was deleted."""
    removed: Counter[str] = Counter()
    _total, by_model = User.objects.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}").delete()
    removed["users"] = by_model.get("accounts.User", 0)
    _total, by_model = Cluster.objects.filter(is_demo=True).delete()
    removed["clusters"] = by_model.get("directory.Cluster", 0)
    _total, by_model = Organization.objects.filter(is_demo=True).delete()
    removed["organizations"] = by_model.get("directory.Organization", 0)
    return removed


def demo_totals() -> dict[str, int]:
    """How much demo data the database holds now."""
    organizations = Organization.objects.filter(is_demo=True)
    totals = {"clusters": Cluster.objects.filter(is_demo=True).count()}
    for kind in OrganizationKind:
        totals[f"organizations ({kind.value})"] = organizations.filter(kind=kind).count()
    totals["companies not listed publicly"] = organizations.filter(
        kind=OrganizationKind.COMPANY, is_listed=False
    ).count()
    totals["cluster members"] = ClusterMember.objects.filter(cluster__is_demo=True).count()
    totals["products"] = Product.objects.filter(company__is_demo=True).count()
    totals["demo accounts"] = User.objects.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}").count()
    return totals
