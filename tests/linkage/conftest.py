from tests.linkage.factories import _private_files, world  # noqa: F401
