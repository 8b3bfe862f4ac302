from tests.linkage.factories import world  # noqa: F401
