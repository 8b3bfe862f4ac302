"""The OpenAPI schema describes the programs API without a warning."""

import pytest
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db


def test_the_programs_api_is_in_the_schema_without_warnings():
    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        generated = SchemaGenerator().get_schema(request=None, public=True)
    warnings = list(GENERATOR_STATS._warn_cache) + list(GENERATOR_STATS._error_cache)
    GENERATOR_STATS.reset()
    assert warnings == []
    validate_schema(generated)
    paths = generated["paths"]
    for path in (
        "/api/v1/calls/",
        "/api/v1/calls/{slug}/",
        "/api/v1/applications/",
        "/api/v1/applications/{id}/",
        "/api/v1/applications/{id}/files/",
        "/api/v1/applications/{id}/submit/",
        "/api/v1/applications/{id}/withdraw/",
        "/api/v1/review-assignments/",
        "/api/v1/review-assignments/{id}/scores/",
        "/api/v1/review-assignments/{id}/submit/",
        "/api/v1/review-assignments/{id}/recuse/",
        "/api/v1/support-cases/",
        "/api/v1/support-cases/{id}/status/",
    ):
        assert path in paths, path
    submit = paths["/api/v1/applications/{id}/submit/"]["post"]
    assert {"200", "400", "403", "404", "409"} <= set(submit["responses"])
    schemas = generated["components"]["schemas"]
    assert "ApplicationStatusEnum" in schemas and "AssignmentStatusEnum" in schemas
