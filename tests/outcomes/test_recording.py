"""Entering records: who may enter them for whom, the fields and money stored, what a
record may be attributed to, and the evidence file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ieum.outcomes.enums import OutcomeKind, RecordSource, VerificationStatus
from ieum.outcomes.models import OutcomeRecord
from ieum.outcomes.record_attributions import attribution_choices, recordable_companies
from ieum.outcomes.recording import record_outcome
from ieum.programs.enums import SupportStage
from ieum.programs.models import Cohort, CohortMember, SupportCase
from tests.factories import ClusterMemberFactory, EventFactory, RegistrationFactory
from tests.programs.factories import ProgramFactory

TODAY = date(2026, 11, 23)
PATENT = {
    "subtype": "patent_application",
    "patent_scope": "domestic",
    "title": "심혈관 스텐트 코팅 방법",
    "reference": "10-2026-0012345",
    "occurred_on": "2026-03-02",
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="출원서.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def record(world, *, by=None, company=None, kind=OutcomeKind.PATENT, data=None, **kwargs):
    company = company or world.company
    kwargs.setdefault("clusters", [world.cluster] if company == world.company else [])
    return record_outcome(
        by=by or world.company_member,
        company=company,
        kind=kind,
        data=PATENT if data is None else data,
        today=TODAY,
        **kwargs,
    )


def stored_files(settings) -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


# --- Who enters records for whom ------------------------------------------------------


def test_a_company_member_enters_a_record_that_waits_for_verification(outcome_world):
    world = outcome_world
    entry = record(world)
    entry.refresh_from_db()
    assert entry.status == VerificationStatus.PENDING
    assert (entry.company, entry.recorded_by, entry.source) == (
        world.company,
        world.company_member,
        RecordSource.FORM,
    )
    assert (entry.kind, entry.country, entry.year, entry.quarter) == ("patent", "KR", 2026, 1)
    assert list(entry.clusters.all()) == [world.cluster]
    log = LogEntry.objects.get_for_object(entry).get()
    assert log.actor == world.company_member


def test_staff_enter_records_for_their_member_companies_and_they_still_wait(outcome_world):
    world = outcome_world
    entry = record(world, by=world.staff)
    assert entry.status == VerificationStatus.PENDING
    assert entry.recorded_by == world.staff


@pytest.mark.parametrize("role", ["other_company", "other_staff", "stranger"])
def test_others_cannot_enter_records_for_the_company(outcome_world, role):
    world = outcome_world
    with pytest.raises(PermissionDenied):
        record(world, by=world.roles[role])
    assert not OutcomeRecord.objects.exists()


def test_staff_cannot_enter_records_for_a_company_outside_their_clusters(outcome_world):
    world = outcome_world
    with pytest.raises(PermissionDenied):
        record(world, by=world.staff, company=world.lone_company)
    assert world.lone_company not in recordable_companies(world.staff)
    assert world.company in recordable_companies(world.staff)
    assert set(recordable_companies(world.company_member)) == {world.company}


def test_an_admin_enters_a_record_for_a_company_in_no_cluster(outcome_world):
    world = outcome_world
    entry = record(world, by=world.admin, company=world.lone_company)
    assert entry.status == VerificationStatus.PENDING
    assert not entry.clusters.exists()


# --- Fields and money -----------------------------------------------------------------


def test_money_is_stored_with_the_rates_of_the_record_date(outcome_world):
    world = outcome_world
    entry = record(
        world,
        kind=OutcomeKind.EXPORT,
        data={
            "country": "us",
            "amount": "1,000.50",
            "currency": "USD",
            "counterparty": "Boston Medical",
            "occurred_on": "2025-07-01",
        },
    )
    entry.refresh_from_db()
    assert (entry.amount, entry.currency, entry.country) == (Decimal("1000.50"), "USD", "US")
    assert entry.amount_krw == 1_300_650
    assert entry.amount_usd == Decimal("1000.50")
    assert (entry.krw_per_unit, entry.krw_per_usd) == (Decimal(1300), Decimal(1300))
    assert entry.rates_on == date(2015, 1, 1)
    # Fields the kind does not use stay empty.
    assert (entry.subtype, entry.reference, entry.headcount) == ("", "", None)


def test_every_problem_of_the_fields_is_named_and_nothing_is_written(outcome_world):
    world = outcome_world
    with pytest.raises(ValidationError) as refused:
        record(
            world,
            kind=OutcomeKind.EXPORT,
            data={"country": "KR", "amount": "-5", "currency": "GBP", "occurred_on": "2099-01-01"},
        )
    assert set(refused.value.message_dict) >= {"country", "amount", "occurred_on"}
    assert not OutcomeRecord.objects.exists()


def test_field_and_attribution_problems_come_together(outcome_world):
    world = outcome_world
    with pytest.raises(ValidationError) as refused:
        record(world, data={**PATENT, "reference": ""}, clusters=[world.other_cluster])
    assert set(refused.value.message_dict) == {"reference", "clusters"}


# --- Attributions ---------------------------------------------------------------------


def test_a_record_goes_only_to_clusters_the_company_is_a_member_of(outcome_world):
    world = outcome_world
    with pytest.raises(ValidationError) as refused:
        record(world, clusters=[world.cluster, world.other_cluster])
    assert "clusters" in refused.value.message_dict
    assert not OutcomeRecord.objects.exists()


def test_a_record_of_a_company_in_a_cluster_needs_one(outcome_world, english):
    world = outcome_world
    with pytest.raises(ValidationError) as refused:
        record(world, clusters=[])
    assert "at least one cluster" in str(refused.value.message_dict["clusters"])


def test_staff_attribute_only_to_the_clusters_they_work_for(outcome_world):
    world = outcome_world
    ClusterMemberFactory(cluster=world.other_cluster, organization=world.company)
    with pytest.raises(ValidationError):
        record(world, by=world.staff, clusters=[world.cluster, world.other_cluster])
    assert set(attribution_choices(by=world.staff, company=world.company).clusters) == {
        world.cluster
    }
    # The company itself and admins may pick both.
    for person in (world.company_member, world.admin):
        entry = record(world, by=person, clusters=[world.cluster, world.other_cluster])
        assert set(entry.clusters.all()) == {world.cluster, world.other_cluster}


def test_programs_of_the_clusters_or_that_the_company_took_part_in(outcome_world):
    world = outcome_world
    own = ProgramFactory(cluster=world.cluster)
    foreign = ProgramFactory(cluster=world.other_cluster)
    national_cohort = ProgramFactory(cluster=None)
    national_support = ProgramFactory(cluster=None)
    national_other = ProgramFactory(cluster=None)
    cohort = Cohort.objects.create(program=national_cohort, name_ko="3기", year=2025)
    CohortMember.objects.create(cohort=cohort, company=world.company)
    SupportCase.objects.create(
        company=world.company,
        program=national_support,
        stage=SupportStage.CLINICAL,
        title="임상 컨설팅",
    )
    entry = record(world, programs=[own, national_cohort, national_support.pk])
    assert set(entry.programs.all()) == {own, national_cohort, national_support}
    for program in (foreign, national_other):
        with pytest.raises(ValidationError) as refused:
            record(world, programs=[program])
        assert set(refused.value.message_dict) == {"programs"}


def test_events_of_the_clusters_or_that_the_company_registered_for(outcome_world):
    world = outcome_world
    own = EventFactory(cluster=world.cluster, days=[])
    registered = EventFactory(cluster=None, days=[])
    cancelled = EventFactory(cluster=None, days=[])
    foreign = EventFactory(cluster=world.other_cluster, days=[])
    RegistrationFactory(event=registered, organization=world.company)
    RegistrationFactory(event=cancelled, organization=world.company, is_cancelled=True)
    entry = record(world, events=[own, registered])
    assert set(entry.events.all()) == {own, registered}
    for event in (cancelled, foreign):
        with pytest.raises(ValidationError) as refused:
            record(world, events=[event])
        assert set(refused.value.message_dict) == {"events"}


def test_an_unknown_key_is_refused(outcome_world):
    world = outcome_world
    with pytest.raises(ValidationError) as refused:
        record(world, programs=["abc"], events=[999_999])
    assert set(refused.value.message_dict) == {"programs", "events"}


# --- Evidence -------------------------------------------------------------------------


def test_evidence_is_kept_privately_under_its_name(outcome_world, settings):
    world = outcome_world
    entry = record(world, evidence=pdf())
    entry.refresh_from_db()
    assert entry.evidence_name == "출원서.pdf"
    assert entry.evidence.read() == PDF
    [stored] = stored_files(settings)
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))


@pytest.mark.parametrize(
    "upload",
    [
        pdf("출원서.pdf", b"<html><script>alert(1)</script></html>"),
        pdf("출원서.exe", PDF),
        pdf("빈 파일.pdf", b""),
    ],
    ids=["not-a-pdf", "wrong-extension", "empty"],
)
def test_evidence_that_is_not_what_it_says_is_refused_and_nothing_written(
    outcome_world, settings, upload
):
    world = outcome_world
    with pytest.raises(ValidationError) as refused:
        record(world, evidence=upload)
    assert set(refused.value.message_dict) == {"evidence"}
    assert not OutcomeRecord.objects.exists()
    assert stored_files(settings) == []
