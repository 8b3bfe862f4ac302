"""The OpenAPI schema describes the whole API, partnering included, without a warning."""

import pytest
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema():
    GENERATOR_STATS.reset()
    GENERATOR_STATS.enable_trace_lineno()
    with GENERATOR_STATS.silence():
        generated = SchemaGenerator().get_schema(request=None, public=True)
    warnings = list(GENERATOR_STATS._warn_cache) + list(GENERATOR_STATS._error_cache)
    GENERATOR_STATS.reset()
    return generated, warnings


def test_partnering_schema_has_no_warnings_and_validates(schema):
    generated, warnings = schema
    assert warnings == []
    validate_schema(generated)
    paths = generated["paths"]
    for path in (
        "/api/v1/events/",
        "/api/v1/events/{slug}/",
        "/api/v1/events/{slug}/participants/",
        "/api/v1/events/{slug}/agenda/",
        "/api/v1/needs/",
        "/api/v1/needs/{id}/",
        "/api/v1/proposals/{id}/accept/",
        "/api/v1/meeting-requests/{id}/decline/",
        "/api/v1/meetings/{id}/move/",
        "/api/v1/meetings/{id}/check-in/",
    ):
        assert path in paths, path
    move = paths["/api/v1/meetings/{id}/move/"]["post"]
    assert {"200", "400", "403", "404", "409"} <= set(move["responses"])
    agenda = paths["/api/v1/events/{slug}/agenda/"]["get"]
    assert "tz" in {parameter["name"] for parameter in agenda["parameters"]}
