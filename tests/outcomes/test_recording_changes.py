"""A record's life after it is entered: corrections, deletion, verification and
rejection, each allowed to whom the rules say and in the states they say."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ieum.core.errors import Conflict
from ieum.outcomes.enums import OutcomeKind, VerificationStatus
from ieum.outcomes.models import ExchangeRate, OutcomeRecord
from ieum.outcomes.recording import (
    delete_record,
    record_outcome,
    reject_record,
    update_record,
    verify_record,
)
from tests.factories import ClusterMemberFactory
from tests.outcomes.factories import money_fields

TODAY = date(2026, 11, 23)
PENDING, VERIFIED, REJECTED = (
    VerificationStatus.PENDING,
    VerificationStatus.VERIFIED,
    VerificationStatus.REJECTED,
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def reviewed(world, status, **fields):
    extra = {"rejection_reason": "증빙 누락"} if status == REJECTED else {}
    if status != PENDING:
        extra["reviewed_by"] = world.staff
    return world.record(status=status, **extra, **fields)


def change(record, *, by, today=TODAY, **kwargs):
    kwargs.setdefault("data", {})
    return update_record(by=by, record=record, today=today, **kwargs)


# --- Corrections ----------------------------------------------------------------------


def test_the_company_corrects_a_waiting_record_and_it_keeps_waiting(outcome_world):
    world = outcome_world
    entry = reviewed(world, PENDING)
    saved = change(entry, by=world.company_member, data={"title": "새 제목"})
    saved.refresh_from_db()
    assert (saved.title, saved.status) == ("새 제목", PENDING)


def test_a_correction_of_a_rejected_record_sends_it_back_to_waiting(outcome_world):
    world = outcome_world
    entry = reviewed(world, REJECTED)
    saved = change(entry, by=world.company_member, data={"reference": "10-2024-7654321"})
    saved.refresh_from_db()
    assert (saved.status, saved.rejection_reason, saved.reviewed_by) == (PENDING, "", None)


def test_the_company_cannot_change_a_verified_record(outcome_world):
    world = outcome_world
    entry = reviewed(world, VERIFIED)
    with pytest.raises(PermissionDenied):
        change(entry, by=world.company_member, data={"title": "바꿈"})
    entry.refresh_from_db()
    assert entry.status == VERIFIED


def test_a_staff_change_to_a_verified_record_sends_it_back_to_waiting(outcome_world):
    world = outcome_world
    entry = reviewed(world, VERIFIED)
    saved = change(entry, by=world.staff, data={"title": "정정된 제목"})
    saved.refresh_from_db()
    assert (saved.status, saved.reviewed_by, saved.reviewed_at) == (PENDING, None, None)
    assert LogEntry.objects.get_for_object(saved).latest("pk").actor == world.staff


def test_saving_without_a_change_keeps_the_verification(outcome_world):
    world = outcome_world
    entry = reviewed(world, VERIFIED)
    saved = change(entry, by=world.staff, data={"title": entry.title}, clusters=[world.cluster])
    saved.refresh_from_db()
    assert saved.status == VERIFIED


@pytest.mark.parametrize("role", ["other_company", "other_staff", "stranger"])
def test_others_cannot_change_a_record(outcome_world, role):
    world = outcome_world
    entry = reviewed(world, PENDING)
    with pytest.raises(PermissionDenied):
        change(entry, by=world.roles[role], data={"title": "남의 것"})


def test_a_bad_correction_changes_nothing(outcome_world):
    world = outcome_world
    entry = reviewed(world, REJECTED)
    with pytest.raises(ValidationError) as refused:
        change(entry, by=world.company_member, data={"title": "", "occurred_on": "어제"})
    assert set(refused.value.message_dict) == {"title", "occurred_on"}
    entry.refresh_from_db()
    assert entry.status == REJECTED and entry.title


def test_an_amount_changed_is_converted_and_other_changes_keep_the_stored_rates(outcome_world):
    world = outcome_world
    entry = reviewed(
        world,
        PENDING,
        kind=OutcomeKind.EXPORT,
        subtype="",
        patent_scope="",
        country="US",
        occurred_on=date(2024, 5, 1),
        **money_fields(1000, "USD"),
    )
    # A rate entered later for that date moves no stored figure unless the money changes.
    ExchangeRate.objects.create(currency="USD", effective_on=date(2024, 1, 1), krw_per_unit=1400)
    saved = change(entry, by=world.company_member, data={"counterparty": "Boston Medical"})
    saved.refresh_from_db()
    assert (saved.amount_krw, saved.krw_per_unit) == (1_300_000, Decimal(1300))
    saved = change(saved, by=world.company_member, data={"amount": "2000"})
    saved.refresh_from_db()
    assert (saved.amount_krw, saved.krw_per_unit, saved.rates_on) == (
        2_800_000,
        Decimal(1400),
        date(2024, 1, 1),
    )


def test_staff_change_their_attributions_and_keep_another_clusters(outcome_world):
    world = outcome_world
    ClusterMemberFactory(cluster=world.other_cluster, organization=world.company)
    entry = reviewed(world, PENDING, clusters=[world.cluster, world.other_cluster])
    with pytest.raises(ValidationError):
        change(entry, by=world.staff, clusters=[])
    saved = change(entry, by=world.staff, clusters=[world.cluster], programs=[])
    assert set(saved.clusters.all()) == {world.cluster, world.other_cluster}
    # The company decides over all of its clusters.
    saved = change(entry, by=world.company_member, clusters=[world.other_cluster])
    assert set(saved.clusters.all()) == {world.other_cluster}


def test_new_evidence_replaces_the_old_file_once_committed(
    outcome_world, settings, django_capture_on_commit_callbacks
):
    world = outcome_world
    entry = record_outcome(
        by=world.company_member,
        company=world.company,
        kind=OutcomeKind.PATENT,
        data={
            "subtype": "patent_registration",
            "patent_scope": "pct",
            "title": "진단 키트",
            "reference": "PCT/KR2025/001234",
            "occurred_on": "2025-02-03",
        },
        clusters=[world.cluster],
        evidence=SimpleUploadedFile("old.pdf", PDF),
        today=TODAY,
    )
    old = Path(entry.evidence.path)
    with django_capture_on_commit_callbacks(execute=True):
        saved = change(
            entry, by=world.company_member, evidence=SimpleUploadedFile("등록증.png", PNG)
        )
    saved.refresh_from_db()
    assert saved.evidence_name == "등록증.png"
    assert saved.evidence.read() == PNG
    assert not old.exists()


# --- Deletion -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "allowed"),
    [
        ("company", PENDING, True),
        ("company", REJECTED, True),
        ("company", VERIFIED, False),
        ("staff", VERIFIED, True),
        ("admin", VERIFIED, True),
        ("other_staff", PENDING, False),
        ("other_company", PENDING, False),
    ],
)
def test_who_deletes_a_record_in_which_state(outcome_world, role, status, allowed):
    world = outcome_world
    entry = reviewed(world, status)
    person = world.roles[role]
    if allowed:
        delete_record(by=person, record=entry)
        assert not OutcomeRecord.objects.filter(pk=entry.pk).exists()
        deleted = LogEntry.objects.get_for_object(entry).latest("pk")
        assert (deleted.action, deleted.actor) == (LogEntry.Action.DELETE, person)
    else:
        with pytest.raises(PermissionDenied):
            delete_record(by=person, record=entry)
        assert OutcomeRecord.objects.filter(pk=entry.pk).exists()


def test_deleting_removes_the_evidence_file(outcome_world, django_capture_on_commit_callbacks):
    world = outcome_world
    entry = reviewed(world, PENDING)
    entry.evidence.save("증빙.pdf", SimpleUploadedFile("증빙.pdf", PDF))
    path = Path(entry.evidence.path)
    with django_capture_on_commit_callbacks(execute=True):
        delete_record(by=world.company_member, record=entry)
    assert not path.exists()


# --- Verification and rejection -------------------------------------------------------


def test_staff_verify_a_waiting_record(outcome_world):
    world = outcome_world
    entry = reviewed(world, PENDING)
    saved = verify_record(by=world.staff, record=entry)
    saved.refresh_from_db()
    assert (saved.status, saved.reviewed_by) == (VERIFIED, world.staff)
    assert saved.reviewed_at is not None
    assert LogEntry.objects.get_for_object(saved).latest("pk").actor == world.staff


def test_staff_may_verify_a_record_they_entered(outcome_world):
    world = outcome_world
    entry = record_outcome(
        by=world.staff,
        company=world.company,
        kind=OutcomeKind.EMPLOYMENT,
        data={"headcount": "42", "youth_headcount": "12", "occurred_on": "2025-12-31"},
        clusters=[world.cluster],
        today=TODAY,
    )
    assert verify_record(by=world.staff, record=entry).status == VERIFIED


@pytest.mark.parametrize("role", ["company", "other_staff", "other_company", "stranger"])
def test_only_staff_of_the_cluster_and_admins_verify_or_reject(outcome_world, role):
    world = outcome_world
    entry = reviewed(world, PENDING)
    with pytest.raises(PermissionDenied):
        verify_record(by=world.roles[role], record=entry)
    with pytest.raises(PermissionDenied):
        reject_record(by=world.roles[role], record=entry, reason="아님")
    entry.refresh_from_db()
    assert entry.status == PENDING


def test_a_rejection_needs_a_reason_and_keeps_it(outcome_world):
    world = outcome_world
    entry = reviewed(world, PENDING)
    with pytest.raises(ValidationError) as refused:
        reject_record(by=world.admin, record=entry, reason="   ")
    assert set(refused.value.message_dict) == {"reason"}
    saved = reject_record(by=world.admin, record=entry, reason=" 출원번호가 맞지 않습니다 ")
    saved.refresh_from_db()
    assert (saved.status, saved.rejection_reason, saved.reviewed_by) == (
        REJECTED,
        "출원번호가 맞지 않습니다",
        world.admin,
    )


@pytest.mark.parametrize("status", [VERIFIED, REJECTED])
def test_a_decided_record_cannot_be_decided_again(outcome_world, status, english):
    world = outcome_world
    entry = reviewed(world, status)
    with pytest.raises(Conflict) as refused:
        verify_record(by=world.staff, record=entry)
    assert "no longer waiting for verification" in refused.value.messages[0]
    with pytest.raises(Conflict):
        reject_record(by=world.staff, record=entry, reason="다시")
    entry.refresh_from_db()
    assert entry.status == status
