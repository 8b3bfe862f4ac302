"""The demo catalog: facilities and equipment of each demo cluster, by cluster slug.

Names, places and what the centers lend follow public reporting on the K-BioHealth
regional centers and the medical complexes; NFEC numbers, specifications and rates are
plausible values written for this demo.
"""

from ieum.facilities.demo.catalog.base import PRESETS, Preset
from ieum.facilities.demo.catalog.central import CHUNGBUK, DAEJEON
from ieum.facilities.demo.catalog.complexes import DAEGU, OSONG
from ieum.facilities.demo.catalog.gimhae import GIMHAE
from ieum.facilities.demo.catalog.honam import GWANGJU, JEONBUK, JEONNAM
from ieum.facilities.demo.catalog.wonju import WONJU

CATALOG: dict[str, list[dict]] = {
    "gimhae-biomedical": GIMHAE,
    "daejeon-biohealth": DAEJEON,
    "wonju-medical-device": WONJU,
    "jeonnam-bio": JEONNAM,
    "jeonbuk-biohealth": JEONBUK,
    "chungbuk-bio-convergence": CHUNGBUK,
    "gwangju-biomaterials": GWANGJU,
    "osong-medical-complex": OSONG,
    "daegu-medical-complex": DAEGU,
}

__all__ = ["CATALOG", "PRESETS", "Preset"]
