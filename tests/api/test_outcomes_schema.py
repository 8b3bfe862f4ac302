"""The OpenAPI schema describes the outcomes API without a warning."""

import pytest
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db


def test_the_outcomes_api_is_in_the_schema_without_warnings():
    GENERATOR_STATS.reset()
    GENERATOR_STATS.enable_trace_lineno()
    with GENERATOR_STATS.silence():
        generated = SchemaGenerator().get_schema(request=None, public=True)
    warnings = list(GENERATOR_STATS._warn_cache) + list(GENERATOR_STATS._error_cache)
    GENERATOR_STATS.reset()
    assert warnings == []
    validate_schema(generated)
    paths = generated["paths"]
    for path in (
        "/api/v1/outcome-records/",
        "/api/v1/outcome-records/{id}/",
        "/api/v1/outcome-records/{id}/evidence/",
        "/api/v1/kpis/",
        "/api/v1/kpis/{code}/",
        "/api/v1/kpi-values/",
    ):
        assert path in paths, path
    parameters = {p["name"] for p in paths["/api/v1/kpi-values/"]["get"]["parameters"]}
    assert {"scope", "from", "to", "quarterly", "pending", "kpi"} <= parameters
