"""Entering, changing, deciding and deleting records through the pages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ieum.outcomes.enums import VerificationStatus
from ieum.outcomes.models import OutcomeRecord
from tests.factories import ClusterMemberFactory, CompanyFactory, EventFactory, MembershipFactory
from tests.programs.factories import ProgramFactory

NEW = reverse("outcomes:record_new")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def patent_post(world, **changes):
    data = {
        "company": world.company.slug,
        "kind": "patent",
        "subtype": "patent_application",
        "patent_scope": "domestic",
        "title": "심혈관 스텐트 코팅 방법",
        "reference": "10-2025-0012345",
        "occurred_on": "2025-03-02",
        "clusters": [world.cluster.pk],
    }
    data.update(changes)
    return data


def detail(entry):
    return reverse("outcomes:record_detail", args=[entry.pk])


# --- A new record ---------------------------------------------------------------------


def test_a_member_of_one_company_goes_straight_to_the_kinds(client, outcome_world, english):
    world = outcome_world
    client.force_login(world.company_member)
    response = client.get(NEW)
    assert response.templates[0].name == "outcomes/records/choose_kind.html"
    page = response.content.decode()
    assert f"?company={world.company.slug}&amp;kind=export" in page


def test_each_kind_asks_for_its_own_fields(client, outcome_world):
    world = outcome_world
    client.force_login(world.company_member)
    patent = client.get(NEW, {"kind": "patent"}).context["form"]
    export = client.get(NEW, {"kind": "export"}).context["form"]
    employment = client.get(NEW, {"kind": "employment"}).context["form"]
    assert {"patent_scope", "reference"} <= set(patent.fields) and "amount" not in patent.fields
    assert {"country", "amount", "currency"} <= set(export.fields)
    assert "reference" not in export.fields
    assert {"headcount", "youth_headcount", "new_hires"} <= set(employment.fields)
    assert list(patent.fields["clusters"].queryset) == [world.cluster]


def test_staff_choose_among_their_member_companies(client, outcome_world):
    world = outcome_world
    second = CompanyFactory(name_ko="가나바이오")
    ClusterMemberFactory(cluster=world.cluster, organization=second)
    client.force_login(world.staff)
    response = client.get(NEW)
    assert list(response.context["companies"]) == [second, world.company]
    assert list(client.get(NEW, {"q": "메디"}).context["companies"]) == [world.company]
    assert client.get(NEW, {"q": "없는회사"}).context["companies"].count() == 0
    assert client.get(NEW, {"company": world.other_company.slug}).status_code == 404
    assert client.get(NEW, {"company": world.lone_company.slug}).status_code == 404
    response = client.get(NEW, {"company": world.company.slug, "kind": "patent"})
    assert response.context["company"] == world.company


def test_a_record_entered_on_the_page_waits_with_its_attributions_and_evidence(
    client, outcome_world
):
    world = outcome_world
    program = ProgramFactory(cluster=world.cluster)
    event = EventFactory(cluster=world.cluster, days=[])
    client.force_login(world.company_member)
    data = patent_post(
        world,
        programs=[program.pk],
        events=[event.pk],
        evidence=SimpleUploadedFile("출원서.pdf", PDF),
    )
    response = client.post(f"{NEW}?company={world.company.slug}&kind=patent", data)
    entry = OutcomeRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(entry)
    assert (entry.status, entry.recorded_by, entry.evidence_name) == (
        VerificationStatus.PENDING,
        world.company_member,
        "출원서.pdf",
    )
    assert list(entry.programs.all()) == [program]
    assert list(entry.events.all()) == [event]


def test_every_problem_is_shown_on_the_form_and_nothing_is_written(client, outcome_world, english):
    world = outcome_world
    client.force_login(world.company_member)
    data = patent_post(
        world,
        reference="",
        occurred_on="2099-01-01",
        clusters=[],
        evidence=SimpleUploadedFile("출원서.pdf", b"<script>alert(1)</script>"),
    )
    response = client.post(NEW, data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"reference", "occurred_on", "clusters", "evidence"}
    assert "This date is in the future." in errors["occurred_on"]
    assert "is not an accepted type" in errors["evidence"][0]
    assert not OutcomeRecord.objects.exists()


def test_a_cluster_the_staff_do_not_work_for_is_not_offered_nor_taken(client, outcome_world):
    world = outcome_world
    ClusterMemberFactory(cluster=world.other_cluster, organization=world.company)
    client.force_login(world.staff)
    form = client.get(NEW, {"company": world.company.slug, "kind": "patent"}).context["form"]
    assert list(form.fields["clusters"].queryset) == [world.cluster]
    response = client.post(NEW, patent_post(world, clusters=[world.other_cluster.pk]))
    assert response.status_code == 400
    assert not OutcomeRecord.objects.exists()


# --- Changes --------------------------------------------------------------------------


def test_the_company_corrects_a_rejected_record_and_it_waits_again(client, outcome_world):
    world = outcome_world
    entry = world.record(status=VerificationStatus.REJECTED, rejection_reason="번호 오류")
    client.force_login(world.company_member)
    url = reverse("outcomes:record_edit", args=[entry.pk])
    page = client.get(url)
    assert page.context["form"]["reference"].value() == entry.reference
    assert 'id="back-to-pending"' in page.content.decode()
    response = client.post(url, patent_post(world, reference="10-2024-0000001"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.reference, entry.status, entry.rejection_reason) == (
        "10-2024-0000001",
        VerificationStatus.PENDING,
        "",
    )


def test_staff_see_the_attributions_they_cannot_change(client, outcome_world):
    world = outcome_world
    ClusterMemberFactory(cluster=world.other_cluster, organization=world.company)
    entry = world.record(clusters=[world.cluster, world.other_cluster])
    client.force_login(world.staff)
    page = client.get(reverse("outcomes:record_edit", args=[entry.pk])).content.decode()
    assert 'id="kept-clusters"' in page and world.other_cluster.name_ko in page


@pytest.mark.parametrize("role", ["other_company", "other_staff", "stranger"])
def test_others_reach_no_form_and_no_step(client, outcome_world, role):
    world = outcome_world
    entry = world.record(status=VerificationStatus.PENDING)
    client.force_login(world.roles[role])
    for name in ("record_edit", "record_delete", "record_verify", "record_reject"):
        url = reverse(f"outcomes:{name}", args=[entry.pk])
        response = client.post(url, {"reason": "x"}) if name != "record_edit" else client.get(url)
        assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.status == VerificationStatus.PENDING


# --- Verification, rejection and deletion ---------------------------------------------


def test_staff_verify_on_the_page(client, outcome_world):
    world = outcome_world
    entry = world.record(status=VerificationStatus.PENDING)
    client.force_login(world.staff)
    response = client.post(reverse("outcomes:record_verify", args=[entry.pk]))
    assert response["Location"] == detail(entry)
    entry.refresh_from_db()
    assert (entry.status, entry.reviewed_by) == (VerificationStatus.VERIFIED, world.staff)


def test_verifying_twice_says_why_and_changes_nothing(client, outcome_world, english):
    world = outcome_world
    entry = world.record(status=VerificationStatus.REJECTED, rejection_reason="첫 판단")
    client.force_login(world.staff)
    response = client.post(reverse("outcomes:record_verify", args=[entry.pk]), follow=True)
    assert "no longer waiting for verification" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == VerificationStatus.REJECTED


def test_a_rejection_without_a_reason_is_refused(client, outcome_world, english):
    world = outcome_world
    entry = world.record(status=VerificationStatus.PENDING)
    client.force_login(world.staff)
    url = reverse("outcomes:record_reject", args=[entry.pk])
    response = client.post(url, {"reason": "  "}, follow=True)
    assert "Say why the record is rejected." in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == VerificationStatus.PENDING
    client.post(url, {"reason": "출원번호 불일치"})
    entry.refresh_from_db()
    assert (entry.status, entry.rejection_reason) == (
        VerificationStatus.REJECTED,
        "출원번호 불일치",
    )


def test_the_company_cannot_verify_its_own_record(client, outcome_world):
    world = outcome_world
    entry = world.record(status=VerificationStatus.PENDING)
    client.force_login(world.company_member)
    assert client.post(reverse("outcomes:record_verify", args=[entry.pk])).status_code == 403
    entry.refresh_from_db()
    assert entry.status == VerificationStatus.PENDING


def test_deleting_on_the_page(client, outcome_world):
    world = outcome_world
    waiting = world.record(status=VerificationStatus.PENDING)
    verified = world.record(status=VerificationStatus.VERIFIED)
    client.force_login(world.company_member)
    assert client.post(reverse("outcomes:record_delete", args=[verified.pk])).status_code == 403
    response = client.post(reverse("outcomes:record_delete", args=[waiting.pk]))
    assert response["Location"] == reverse("outcomes:records")
    assert list(OutcomeRecord.objects.all()) == [verified]
    assert client.get(reverse("outcomes:record_delete", args=[verified.pk])).status_code == 405


def test_a_member_of_two_companies_chooses_which(client, outcome_world):
    world = outcome_world
    second = CompanyFactory()
    MembershipFactory(organization=second, user=world.company_member)
    client.force_login(world.company_member)
    assert set(client.get(NEW).context["companies"]) == {world.company, second}
