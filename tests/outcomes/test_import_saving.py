"""Confirming and saving an import: all rows or, when asked, only the valid ones; once."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from procrastinate.contrib.django.models import ProcrastinateJob

from ieum.accounts.models import Membership
from ieum.core.errors import Conflict
from ieum.directory.models import ClusterMember
from ieum.outcomes import (
    import_tasks,  # noqa: F401  (registers the tasks with the worker)
    importing,
)
from ieum.outcomes.enums import ImportStatus, RecordSource, VerificationStatus
from ieum.outcomes.importing import (
    cancel_import,
    check_import,
    confirm_import,
    save_import,
    start_import,
)
from ieum.outcomes.models import OutcomeImport, OutcomeRecord
from tests.outcomes.factories import make_outcome_world
from tests.outcomes.test_import_workbooks import checked, employment, export, patent, workbook
from tests.programs.factories import ProgramFactory
from tests.race import race
from tests.worker import run_worker


def saved(job, by, *, only_valid=False) -> OutcomeImport:
    confirm_import(by=by, outcome_import=job, only_valid=only_valid)
    return save_import(outcome_import=job, by=by)


@pytest.mark.django_db
class TestSaving:
    def test_every_valid_row_is_saved_verified_and_attributed(self, outcome_world):
        w = outcome_world
        program = ProgramFactory(cluster=w.cluster, name_ko="글로벌 진출 지원")
        content = workbook([patent(사업="글로벌 진출 지원"), export(), employment()])
        job = saved(checked(w.staff, w.cluster, content), w.staff)
        assert (job.status, job.created_count) == (ImportStatus.DONE, 3)
        assert job.finished_at is not None and job.failure == ""
        records = OutcomeRecord.objects.filter(imported_from=job).order_by("occurred_on")
        assert [r.kind for r in records] == ["export", "patent", "employment"]
        for record in records:
            assert record.company == w.company
            assert (record.status, record.source) == (VerificationStatus.VERIFIED, "import")
            assert record.reviewed_by == record.recorded_by == w.staff
            assert [c.pk for c in record.clusters.all()] == [w.cluster.pk]
        exported, patented, _employed = records
        assert (exported.amount_usd, exported.amount_krw) == (120000, 120000 * 1300)
        assert list(patented.programs.all()) == [program]
        assert patented.year == 2022 and patented.quarter == 2
        # The audit log has each record, by the person who imported it.
        entries = LogEntry.objects.filter(content_type__model="outcomerecord")
        assert sorted(int(pk) for pk in entries.values_list("object_pk", flat=True)) == sorted(
            record.pk for record in records
        )
        assert {entry.actor for entry in entries} == {w.staff}

    def test_rows_with_problems_block_the_whole_import_unless_asked(self, outcome_world, english):
        w = outcome_world
        content = workbook([patent(), export(금액=-1), employment(company="없는바이오")])
        job = checked(w.staff, w.cluster, content)
        with pytest.raises(ValidationError, match="2 rows have problems"):
            confirm_import(by=w.staff, outcome_import=job, only_valid=False)
        job.refresh_from_db()
        assert job.status == ImportStatus.CHECKED
        assert not OutcomeRecord.objects.exists()
        job = saved(job, w.staff, only_valid=True)
        assert (job.status, job.created_count, job.only_valid_rows) == (ImportStatus.DONE, 1, True)
        assert list(OutcomeRecord.objects.values_list("kind", flat=True)) == ["patent"]

    def test_nothing_to_import_is_refused(self, outcome_world):
        w = outcome_world
        job = checked(w.staff, w.cluster, workbook([patent(company="없는바이오")]))
        with pytest.raises(ValidationError):
            confirm_import(by=w.staff, outcome_import=job, only_valid=True)

    def test_an_admin_without_a_cluster_imports_unattributed_records(self, outcome_world):
        w = outcome_world
        job = saved(checked(w.admin, None, workbook([patent(company="홀로바이오")])), w.admin)
        record = OutcomeRecord.objects.get()
        assert (job.created_count, record.company) == (1, w.lone_company)
        assert not record.clusters.exists()

    def test_a_second_confirmation_is_a_conflict(self, outcome_world):
        w = outcome_world
        job = checked(w.staff, w.cluster, workbook([patent()]))
        confirm_import(by=w.staff, outcome_import=job, only_valid=False)
        with pytest.raises(Conflict):
            confirm_import(by=w.staff, outcome_import=job, only_valid=False)
        save_import(outcome_import=job)
        save_import(outcome_import=job)  # a job that runs twice saves once
        assert OutcomeRecord.objects.count() == 1

    def test_when_saving_fails_nothing_is_written_and_the_import_says_why(
        self, outcome_world, monkeypatch
    ):
        w = outcome_world
        job = checked(w.staff, w.cluster, workbook([patent(), export()]))
        confirm_import(by=w.staff, outcome_import=job, only_valid=False)

        def broken(records, *, actor):
            raise RuntimeError("disk full")

        monkeypatch.setattr(importing, "log_bulk_creation", broken)
        with pytest.raises(RuntimeError):
            save_import(outcome_import=job)
        job.refresh_from_db()
        assert job.status == ImportStatus.FAILED and "nothing was imported" in job.failure
        assert not OutcomeRecord.objects.exists()

    def test_a_company_that_left_the_cluster_since_the_check_stops_the_save(
        self, outcome_world, english
    ):
        w = outcome_world
        job = checked(w.staff, w.cluster, workbook([patent()]))
        confirm_import(by=w.staff, outcome_import=job, only_valid=False)
        ClusterMember.objects.filter(organization=w.company).delete()
        job = save_import(outcome_import=job)
        assert job.status == ImportStatus.FAILED and "left the cluster" in job.failure
        assert not OutcomeRecord.objects.exists()

    def test_cancel_while_waiting_or_checked_only(self, outcome_world):
        w = outcome_world
        waiting = start_import(
            by=w.staff, cluster=w.cluster, filename="a.xlsx", content=workbook([patent()])
        )
        assert cancel_import(by=w.staff, outcome_import=waiting).status == ImportStatus.CANCELLED
        assert check_import(outcome_import=waiting).status == ImportStatus.CANCELLED
        job = checked(w.staff, w.cluster, workbook([patent()]))
        cancel_import(by=w.staff, outcome_import=job)
        with pytest.raises(Conflict):
            confirm_import(by=w.staff, outcome_import=job, only_valid=False)
        with pytest.raises(Conflict):
            cancel_import(by=w.staff, outcome_import=job)
        assert not OutcomeRecord.objects.exists()


@pytest.mark.django_db
class TestPermissions:
    @pytest.mark.parametrize("role", ["company", "other_staff", "stranger"])
    def test_only_the_clusters_staff_and_admins_may_import_for_it(self, outcome_world, role):
        w = outcome_world
        with pytest.raises(PermissionDenied):
            start_import(
                by=w.roles[role], cluster=w.cluster, filename="a.xlsx", content=workbook([])
            )

    def test_importing_for_no_cluster_is_for_admins(self, outcome_world):
        w = outcome_world
        with pytest.raises(PermissionDenied):
            start_import(by=w.staff, cluster=None, filename="a.xlsx", content=workbook([]))

    @pytest.mark.parametrize("role", ["company", "other_staff", "stranger"])
    def test_others_may_not_confirm_or_cancel(self, outcome_world, role):
        w = outcome_world
        job = checked(w.staff, w.cluster, workbook([patent()]))
        for action in (confirm_import, cancel_import):
            arguments = {"only_valid": True} if action is confirm_import else {}
            with pytest.raises(PermissionDenied):
                action(by=w.roles[role], outcome_import=job, **arguments)
        job.refresh_from_db()
        assert job.status == ImportStatus.CHECKED

    def test_an_admin_may_confirm_a_staff_members_import(self, outcome_world):
        w = outcome_world
        job = saved(checked(w.staff, w.cluster, workbook([patent()])), w.admin)
        assert OutcomeRecord.objects.get().reviewed_by == w.admin
        assert job.status == ImportStatus.DONE

    def test_staff_who_left_the_cluster_see_their_check_fail(self, outcome_world):
        w = outcome_world
        job = start_import(
            by=w.staff, cluster=w.cluster, filename="a.xlsx", content=workbook([patent()])
        )
        Membership.objects.filter(user=w.staff).delete()
        job = check_import(outcome_import=job)
        assert job.status == ImportStatus.FAILED
        assert job.problems == [{"row": None, "column": "", "message": job.failure}]


@pytest.mark.django_db(transaction=True)
def test_the_worker_checks_then_saves_and_the_numbers_move():
    w = make_outcome_world()
    content = workbook([patent(), export(), employment()] * 70)
    job = start_import(by=w.staff, cluster=w.cluster, filename="past.xlsx", content=content)
    assert ProcrastinateJob.objects.filter(task_name=importing.CHECK_TASK).count() == 1
    job.refresh_from_db()
    assert (job.status, job.processed_rows, job.total_rows) == (ImportStatus.QUEUED, 0, 0)

    run_worker()

    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED, job.problems
    assert (job.total_rows, job.processed_rows, job.valid_rows) == (210, 210, 210)
    assert job.progress_percent == 100
    assert not OutcomeRecord.objects.exists()

    confirm_import(by=w.staff, outcome_import=job, only_valid=False)
    run_worker()

    job.refresh_from_db()
    assert (job.status, job.created_count) == (ImportStatus.DONE, 210)
    assert OutcomeRecord.objects.filter(source=RecordSource.IMPORT).count() == 210


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_once_save_once():
    w = make_outcome_world()
    job = checked(w.staff, w.cluster, workbook([patent(), export()]))

    def confirm():
        confirm_import(by=w.staff, outcome_import=job, only_valid=False)

    outcomes = race(confirm, confirm, refusals={Conflict: "conflict"})
    assert sorted(outcomes) == ["conflict", "done"]
    assert ProcrastinateJob.objects.filter(task_name=importing.SAVE_TASK).count() == 1
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.created_count) == (ImportStatus.DONE, 2)
    assert OutcomeRecord.objects.count() == 2


def test_a_worker_process_knows_the_import_tasks():
    # A worker loads only the apps' `tasks` modules; ask a fresh process what it knows.
    import subprocess
    import sys

    found = subprocess.run(
        [
            sys.executable,
            "-m",
            "ieum",
            "shell",
            "-c",
            "from procrastinate.contrib.django import app; print(sorted(app.tasks))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert importing.CHECK_TASK in found and importing.SAVE_TASK in found
