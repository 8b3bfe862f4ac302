from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ieum.core.models import BilingualNameMixin, TimeStampedModel, pick_language
from ieum.directory.enums import OrganizationKind, Vocabulary


class Cluster(BilingualNameMixin, TimeStampedModel):
    """A regional bio-health cluster run by an operating organization."""

    name_ko = models.CharField(_("Korean name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    operator = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("operating organization"),
        on_delete=models.PROTECT,
        related_name="operated_clusters",
        limit_choices_to={"kind": OrganizationKind.CLUSTER_OPERATOR},
    )
    region = models.ForeignKey(
        "directory.Term",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        limit_choices_to={"vocabulary": Vocabulary.REGION},
        related_name="+",
    )
    focus_fields = models.ManyToManyField(
        "directory.Term", verbose_name=_("focus fields"), blank=True, related_name="+"
    )
    # The years in which it held the K-BioHealth regional-center designation.
    designation_years = ArrayField(
        models.PositiveSmallIntegerField(),
        verbose_name=_("regional-center years"),
        default=list,
        blank=True,
    )
    summary_ko = models.TextField(_("Korean description"), blank=True)
    summary_en = models.TextField(_("English description"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    members = models.ManyToManyField(
        "directory.Organization", through="directory.ClusterMember", related_name="clusters"
    )

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering = ["name_ko"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:cluster", kwargs={"slug": self.slug})

    @property
    def summary(self) -> str:
        return pick_language(self.summary_ko, self.summary_en)


class ClusterMember(TimeStampedModel):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="cluster_memberships"
    )
    joined_on = models.DateField(_("member since"), null=True, blank=True)
    # Resident companies occupy space in the cluster's buildings.
    is_resident = models.BooleanField(_("resident"), default=False)

    class Meta:
        verbose_name = _("cluster member")
        verbose_name_plural = _("cluster members")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "organization"], name="cluster_member_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cluster} · {self.organization}"
