from ieum.programs.visibility import visible_applications


def test_the_world_builds_and_rules_read_it(program_world):
    application = program_world.application()
    assignment = program_world.assign(application, program_world.reviewers[0])
    program_world.score(assignment, [5, 4, 3, 4])
    assert program_world.company_member.has_perm("programs.view_application", application)
    assert program_world.staff.has_perm("programs.manage_application", application)
    assert not program_world.other_staff.has_perm("programs.view_application", application)
    assert program_world.reviewers[0].has_perm("programs.review", assignment)
    assert not program_world.reviewers[1].has_perm("programs.view_application", application)
    assert list(visible_applications(program_world.reviewers[0])) == [application]
    assert list(visible_applications(program_world.stranger)) == []
