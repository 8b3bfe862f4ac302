"""Two members of a company acting at the same moment: one submission, one receipt,
one live application."""

import threading

import pytest
from django.db import connection

from ieum.programs import applications, job_names
from ieum.programs.enums import ApplicationStatus
from ieum.programs.errors import IllegalStep
from ieum.programs.models import Application
from tests.factories import MembershipFactory
from tests.programs.application_factories import complete_draft, queued
from tests.race import race

pytestmark = pytest.mark.django_db(transaction=True)
ROUNDS = 4


def test_two_members_submitting_one_draft_make_one_submission_and_one_receipt(program_world):
    world = program_world
    colleague = MembershipFactory(organization=world.company).user
    for _ in range(ROUNDS):
        application = complete_draft(world)
        outcomes = race(
            lambda a=application: applications.submit_application(
                actor=world.company_member, application=a
            ),
            lambda a=application: applications.submit_application(actor=colleague, application=a),
            refusals={IllegalStep: "refused"},
        )
        assert sorted(outcomes) == ["done", "refused"]
        application.refresh_from_db()
        assert application.status == ApplicationStatus.SUBMITTED
        assert queued(job_names.SUBMISSION_EMAIL) == [{"application_id": application.pk}]
        # Make room for the next round's draft and receipt.
        Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.WITHDRAWN)
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM procrastinate_jobs")


def test_two_members_starting_at_once_get_the_same_live_application(program_world):
    world = program_world
    colleague = MembershipFactory(organization=world.company).user

    def start(member) -> str:
        application = applications.start_application(
            actor=member, call=world.call, company=world.company
        )
        return str(application.pk)

    for _ in range(ROUNDS):
        outcomes = race(lambda: start(world.company_member), lambda: start(colleague))
        live = Application.objects.filter(call=world.call, company=world.company).exclude(
            status=ApplicationStatus.WITHDRAWN
        )
        assert live.count() == 1
        assert outcomes == [str(live.get().pk)] * 2
        live.update(status=ApplicationStatus.WITHDRAWN)


def test_when_both_miss_the_existing_draft_the_constraint_keeps_one(program_world, monkeypatch):
    """Both members look before either has written: the second insert hits the partial
    unique constraint and is answered with the first member's draft."""
    world = program_world
    colleague = MembershipFactory(organization=world.company).user
    real_lookup = applications.live_application
    looked = threading.local()

    def first_look_finds_nothing(**kwargs):
        if not getattr(looked, "once", False):
            looked.once = True
            return None
        return real_lookup(**kwargs)

    monkeypatch.setattr(applications, "live_application", first_look_finds_nothing)

    def start(member) -> str:
        application = applications.start_application(
            actor=member, call=world.call, company=world.company
        )
        return str(application.pk)

    outcomes = race(lambda: start(world.company_member), lambda: start(colleague))
    live = Application.objects.get(call=world.call, company=world.company)
    assert outcomes == [str(live.pk)] * 2
