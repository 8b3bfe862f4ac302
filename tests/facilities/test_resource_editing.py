"""Cluster staff add and edit their own catalog; nobody else can, and bad input changes nothing."""

import random
import threading
from datetime import time, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import translation

from ieum.accounts.enums import Role
from ieum.facilities.booking import book_resource, cancel_booking
from ieum.facilities.enums import BookingStatus
from ieum.facilities.errors import BookingConflict
from ieum.facilities.models import Booking, OpeningHours, Resource
from ieum.facilities.resource_editing import create_resource, update_resource
from tests.facilities.conftest import seoul, working_day
from tests.factories import ClusterFactory, MembershipFactory, ResourceFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def staff_of(cluster):
    return MembershipFactory(organization=cluster.operator, role=Role.CLUSTER_STAFF).user


def weekly(resource) -> list[tuple[int, str, str]]:
    return [
        (h.weekday, f"{h.opens:%H:%M}", f"{h.closes:%H:%M}") for h in resource.opening_hours.all()
    ]


def resource_post(hours=((0, "09:00", "18:00"),), **changes) -> dict:
    """What the browser sends from the resource form, with `changes` on top."""
    data = {
        "kind": "equipment",
        "name_ko": "공초점 레이저 현미경",
        "name_en": "Confocal laser microscope",
        "status": "in_use",
        "use_scope": "open",
        "category": "imaging",
        "nfec_number": "",
        "maker": "Zeiss",
        "model_name": "LSM 980",
        "location": "본관 201호",
        "specifications_ko": "",
        "specifications_en": "",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "slot_minutes": "30",
        "min_minutes": "60",
        "max_minutes": "240",
        "min_notice_minutes": "60",
        "max_notice_days": "90",
        "buffer_minutes": "0",
        "capacity": "1",
        "cancel_notice_hours": "24",
        "monthly_quota_hours": "",
        "qualification_months": "12",
        "requires_approval": "on",
        "allows_direct_use": "on",
        "closed_on_public_holidays": "on",
        "rate_resident": "20000",
        "rate_member": "30000",
        "rate_external": "50000",
        "rate_academic": "25000",
        "hours-TOTAL_FORMS": str(len(hours) + 1),
        "hours-INITIAL_FORMS": "0",
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "1000",
    }
    for index, (weekday, opens, closes) in enumerate(hours):
        data |= {
            f"hours-{index}-weekday": str(weekday),
            f"hours-{index}-opens": opens,
            f"hours-{index}-closes": closes,
        }
    # The empty extra line the page always offers.
    data |= {f"hours-{len(hours)}-{name}": "" for name in ("weekday", "opens", "closes")}
    return data | changes


@pytest.mark.django_db
class TestPages:
    def test_staff_add_a_resource_with_its_opening_hours(self, client):
        cluster = ClusterFactory()
        staff = staff_of(cluster)
        client.force_login(staff)
        page = client.get(f"/facilities/clusters/{cluster.slug}/add/")
        assert page.status_code == 200
        # A new resource starts open on weekdays 09:00–18:00.
        assert page.context["hours"].initial[0] == {
            "weekday": 0,
            "opens": "09:00",
            "closes": "18:00",
        }
        response = client.post(
            f"/facilities/clusters/{cluster.slug}/add/",
            resource_post(
                hours=[(0, "09:00", "12:00"), (0, "13:00", "18:00"), (5, "22:00", "00:00")],
                nfec_number="nfec-2019-05-253412",
                photo=SimpleUploadedFile("scope.png", PNG, content_type="image/png"),
                manual=SimpleUploadedFile("manual.pdf", PDF, content_type="application/pdf"),
            ),
        )
        resource = Resource.objects.get()
        assert response.status_code == 302 and response.url == resource.get_absolute_url()
        assert resource.cluster == cluster
        assert (resource.name_ko, resource.max_minutes, resource.rate_member) == (
            "공초점 레이저 현미경",
            240,
            30000,
        )
        assert resource.nfec_number == "NFEC-2019-05-253412"
        assert resource.photo.name.endswith(".png") and resource.manual.name.endswith(".pdf")
        assert weekly(resource) == [
            (0, "09:00", "12:00"),
            (0, "13:00", "18:00"),
            (5, "22:00", "00:00"),
        ]
        created = LogEntry.objects.get_for_object(resource).get()
        assert created.actor == staff

    def test_staff_edit_a_resource_and_its_hours(self, client):
        resource = ResourceFactory(name_ko="유세포분석기")
        client.force_login(staff_of(resource.cluster))
        page = client.get(f"/facilities/r/{resource.pk}/edit/")
        assert page.status_code == 200
        assert page.context["form"]["name_ko"].value() == "유세포분석기"
        assert len(page.context["hours"].initial) == 5
        response = client.post(
            f"/facilities/r/{resource.pk}/edit/",
            resource_post(hours=[(1, "10:00", "16:00")], name_ko="유세포분석기 2호기"),
        )
        assert response.status_code == 302
        resource.refresh_from_db()
        assert resource.name_ko == "유세포분석기 2호기"
        assert weekly(resource) == [(1, "10:00", "16:00")]

    def test_staff_of_another_cluster_and_company_members_are_refused(self, client):
        resource = ResourceFactory()
        other_cluster = ClusterFactory()
        client.force_login(staff_of(other_cluster))
        assert client.get(f"/facilities/r/{resource.pk}/edit/").status_code == 403
        assert client.post(f"/facilities/r/{resource.pk}/edit/", resource_post()).status_code == 403
        add_there = f"/facilities/clusters/{resource.cluster.slug}/add/"
        assert client.get(add_there).status_code == 403
        assert client.post(add_there, resource_post()).status_code == 403
        # In their own cluster they may.
        assert client.get(f"/facilities/clusters/{other_cluster.slug}/add/").status_code == 200
        client.force_login(MembershipFactory().user)
        assert client.get(f"/facilities/r/{resource.pk}/edit/").status_code == 403
        assert client.post(add_there, resource_post()).status_code == 403
        assert client.get("/facilities/manage/").status_code == 403
        client.logout()
        assert client.get(add_there).status_code == 302
        assert Resource.objects.count() == 1
        resource.refresh_from_db()
        assert resource.name_ko != "공초점 레이저 현미경"

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            (
                {"min_minutes": "300", "max_minutes": "60"},
                "max_minutes",
                "shorter than the shortest",
            ),
            ({"capacity": "0"}, "capacity", ""),
            ({"rate_external": "-1"}, "rate_external", ""),
            ({"nfec_number": "2019-253412"}, "nfec_number", "NFEC-YYYY-MM-NNNNNN"),
            ({"nfec_number": "NFEC-2019-13-253412"}, "nfec_number", "NFEC-YYYY-MM-NNNNNN"),
            ({"name_ko": ""}, "name_ko", ""),
        ],
    )
    def test_bad_fields_show_their_message_and_change_nothing(
        self, client, changes, field, message
    ):
        resource = ResourceFactory(name_ko="원래 이름")
        client.force_login(staff_of(resource.cluster))
        client.cookies["django_language"] = "en"
        response = client.post(
            f"/facilities/r/{resource.pk}/edit/", resource_post(name_ko="새 이름") | changes
        )
        assert response.status_code == 200
        errors = response.context["form"].errors[field]
        assert errors and message in " ".join(errors)
        assert "Nothing was saved" in response.content.decode()
        resource.refresh_from_db()
        assert resource.name_ko == "원래 이름"
        assert len(weekly(resource)) == 5

    @pytest.mark.parametrize(
        ("hours", "message"),
        [
            ([(0, "09:00", "13:00"), (0, "12:00", "18:00")], "overlap"),
            ([(2, "18:00", "09:00")], "must be after opening time"),
            ([(2, "09:00", "09:00")], "must be after opening time"),
        ],
    )
    def test_bad_opening_hours_are_refused(self, client, hours, message):
        resource = ResourceFactory()
        client.force_login(staff_of(resource.cluster))
        client.cookies["django_language"] = "en"
        response = client.post(f"/facilities/r/{resource.pk}/edit/", resource_post(hours=hours))
        assert response.status_code == 200
        assert message in " ".join(response.context["hours"].non_form_errors())
        assert len(weekly(resource)) == 5

    def test_a_taken_nfec_number_is_refused_with_where_it_is(self, client):
        ResourceFactory(nfec_number="NFEC-2019-05-253412", name_ko="기존 장비")
        cluster = ClusterFactory()
        client.force_login(staff_of(cluster))
        response = client.post(
            f"/facilities/clusters/{cluster.slug}/add/",
            resource_post(nfec_number="NFEC-2019-05-253412"),
        )
        assert response.status_code == 200
        assert "기존 장비" in " ".join(response.context["form"].errors["nfec_number"])
        assert Resource.objects.count() == 1

    @pytest.mark.parametrize(
        ("field", "upload"),
        [
            ("photo", SimpleUploadedFile("scope.jpg", b"not an image", content_type="image/jpeg")),
            ("photo", SimpleUploadedFile("scope.gif", b"GIF89a" + b"0" * 10)),
            ("photo", SimpleUploadedFile("big.png", PNG + b"0" * (5 * 1024 * 1024))),
            ("manual", SimpleUploadedFile("manual.pdf", b"<html>not a pdf</html>")),
            ("manual", SimpleUploadedFile("manual.docx", PDF)),
            ("manual", SimpleUploadedFile("big.pdf", PDF + b"0" * (20 * 1024 * 1024))),
        ],
    )
    def test_uploads_are_checked(self, client, field, upload):
        resource = ResourceFactory()
        client.force_login(staff_of(resource.cluster))
        response = client.post(
            f"/facilities/r/{resource.pk}/edit/",
            resource_post(name_ko="새 이름", **{field: upload}),
        )
        assert response.status_code == 200
        assert response.context["form"].errors[field]
        resource.refresh_from_db()
        assert not resource.photo and not resource.manual and resource.name_ko != "새 이름"

    def test_the_catalog_page_lists_the_clusters_one_runs(self, client):
        mine = ClusterFactory(name_ko="가 클러스터")
        ClusterFactory(name_ko="나 클러스터")
        ResourceFactory(cluster=mine)
        client.force_login(staff_of(mine))
        page = client.get("/facilities/manage/")
        assert [(c.name_ko, c.resource_count) for c in page.context["page"]] == [("가 클러스터", 1)]
        assert f"/facilities/clusters/{mine.slug}/add/" in page.content.decode()


def book(resource, day, start, end, user=None):
    user = user or MembershipFactory().user
    return book_resource(user=user, resource=resource, start=seoul(day, start), end=seoul(day, end))


@pytest.mark.django_db
class TestCapacity:
    def test_raising_and_lowering_capacity_moves_the_bookings_to_come_along(self):
        resource = ResourceFactory()
        staff = staff_of(resource.cluster)
        day = working_day()
        first = book(resource, day, "10:00", "11:00")
        # A booking of the past keeps what it was booked as.
        past = book(resource, day, "13:00", "14:00")
        Booking.objects.filter(pk=past.pk).update(
            start=past.start - timedelta(days=30),
            end=past.end - timedelta(days=30),
            blocked_until=past.end - timedelta(days=30),
        )
        assert first.is_exclusive

        update_resource(user=staff, resource=resource, data={"capacity": 3})
        first.refresh_from_db()
        past.refresh_from_db()
        assert not first.is_exclusive and past.is_exclusive
        second = book(resource, day, "10:00", "11:00")
        assert not second.is_exclusive

        # Two bookings share 10:00–11:00: the capacity cannot go to 1 now.
        with pytest.raises(ValidationError) as refused, translation.override("en"):
            update_resource(user=staff, resource=resource, data={"capacity": 1})
        assert "2 bookings" in refused.value.message_dict["capacity"][0]
        resource.refresh_from_db()
        assert resource.capacity == 3
        assert not Booking.objects.filter(pk__in=[first.pk, second.pk], is_exclusive=True).exists()

        cancel_booking(user=staff, booking=second)
        update_resource(user=staff, resource=resource, data={"capacity": 1})
        first.refresh_from_db()
        second.refresh_from_db()
        assert first.is_exclusive and not second.is_exclusive
        # The database holds it again: no second booking over the first.
        with pytest.raises(BookingConflict):
            book(resource, day, "10:30", "11:30")

    def test_capacity_cannot_go_below_what_bookings_to_come_hold_at_once(self):
        resource = ResourceFactory(capacity=4)
        staff = staff_of(resource.cluster)
        day = working_day()
        for _ in range(3):
            book(resource, day, "10:00", "12:00")
        book(resource, day, "14:00", "15:00")
        with pytest.raises(ValidationError):
            update_resource(user=staff, resource=resource, data={"capacity": 2, "name_ko": "변경"})
        resource.refresh_from_db()
        assert (resource.capacity, resource.name_ko) != (2, "변경")
        update_resource(user=staff, resource=resource, data={"capacity": 3})
        assert Booking.objects.filter(is_exclusive=False).count() == 4

    def test_the_page_shows_the_refusal(self, client):
        resource = ResourceFactory(capacity=2)
        day = working_day()
        book(resource, day, "10:00", "11:00")
        book(resource, day, "10:00", "11:00")
        client.force_login(staff_of(resource.cluster))
        client.cookies["django_language"] = "en"
        response = client.post(
            f"/facilities/r/{resource.pk}/edit/",
            resource_post(hours=[(d, "09:00", "18:00") for d in range(5)], capacity="1"),
        )
        assert response.status_code == 200
        assert "cannot go below" in " ".join(response.context["form"].errors["capacity"])
        resource.refresh_from_db()
        assert resource.capacity == 2

    def test_domain_checks_the_permission(self):
        resource = ResourceFactory()
        outsider = staff_of(ClusterFactory())
        with pytest.raises(PermissionDenied):
            update_resource(user=outsider, resource=resource, data={"capacity": 2})
        with pytest.raises(PermissionDenied):
            create_resource(
                user=outsider,
                cluster=resource.cluster,
                data={"kind": "lab", "name_ko": "실험실"},
                opening_hours=[],
            )
        created = create_resource(
            user=staff_of(resource.cluster),
            cluster=resource.cluster,
            data={"kind": "lab", "name_ko": "실험실"},
            opening_hours=[(6, time(0), time(0))],
        )
        assert weekly(created) == [(6, "00:00", "00:00")]
        assert OpeningHours.objects.filter(resource=created).count() == 1


@pytest.mark.django_db(transaction=True)
def test_lowering_capacity_while_people_book_keeps_every_booking_within_it():
    """Staff lower a capacity-2 bench to 1 while four people book the same hour."""
    resource = ResourceFactory(capacity=2)
    staff = staff_of(resource.cluster)
    people = [MembershipFactory().user for _ in range(4)]
    day = working_day()
    barrier = threading.Barrier(5)
    outcomes: list[str] = []

    def run(action):
        try:
            barrier.wait()
            outcomes.append(action())
        finally:
            connection.close()

    def lower():
        try:
            update_resource(user=staff, resource=resource, data={"capacity": 1})
            return "lowered"
        except ValidationError:
            return "refused"

    def booker(person):
        def act():
            try:
                book(resource, day, "10:00", "11:00", user=person)
                return "booked"
            except BookingConflict:
                return "conflict"

        return act

    actions = [lower, *(booker(person) for person in people)]
    random.shuffle(actions)
    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    resource.refresh_from_db()
    active = Booking.objects.filter(resource=resource, status__in=[BookingStatus.APPROVED])
    assert active.count() <= resource.capacity
    assert set(active.values_list("is_exclusive", flat=True)) <= {resource.capacity == 1}
    assert ("lowered" in outcomes) == (resource.capacity == 1)
