from tests.outcomes.factories import outcome_world  # noqa: F401
