from ieum.outcomes.models.imports import OutcomeImport
from ieum.outcomes.models.kpis import ExchangeRate, KPIDefinition
from ieum.outcomes.models.records import OutcomeRecord

__all__ = ["ExchangeRate", "KPIDefinition", "OutcomeImport", "OutcomeRecord"]
