from tests.programs.factories import program_world  # noqa: F401
