from ieum.directory.models.clusters import Cluster, ClusterMember
from ieum.directory.models.organizations import Organization
from ieum.directory.models.profiles import (
    CompanyProfile,
    DemandCompanyProfile,
    HospitalProfile,
    InvestorProfile,
    Product,
)
from ieum.directory.models.vocabulary import Term

__all__ = [
    "Cluster",
    "ClusterMember",
    "CompanyProfile",
    "DemandCompanyProfile",
    "HospitalProfile",
    "InvestorProfile",
    "Organization",
    "Product",
    "Term",
]
