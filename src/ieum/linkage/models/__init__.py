from ieum.linkage.models.offerings import ServiceOffering
from ieum.linkage.models.requests import (
    RequestEvent,
    RequestFile,
    RequestMessage,
    RequestRead,
    ServiceRequest,
)

__all__ = [
    "RequestEvent",
    "RequestFile",
    "RequestMessage",
    "RequestRead",
    "ServiceOffering",
    "ServiceRequest",
]
