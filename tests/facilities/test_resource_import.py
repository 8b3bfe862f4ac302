"""Importing a ZEUS equipment list: all rows or none, NFEC numbers update, the worker runs it."""

from io import BytesIO

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import Workbook, load_workbook

from ieum.accounts.enums import Role
from ieum.facilities import import_tasks  # noqa: F401  (registers the task with the worker)
from ieum.facilities.import_columns import COLUMNS, template_workbook
from ieum.facilities.import_files import read_sheet
from ieum.facilities.models import Resource, ResourceImport
from ieum.facilities.models.imports import ImportStatus
from ieum.facilities.resource_import import (
    check_rows,
    run_resource_import,
    start_resource_import,
)
from tests.factories import ClusterFactory, MembershipFactory, ResourceFactory
from tests.worker import run_worker

ZEUS_HEADERS = [
    "장비명",
    "영문장비명",
    "NFEC 등록번호",
    "제작사",
    "모델명",
    "장비구분",
    "설치장소",
    "활용상태",
    "사용범위",
    "취득금액",  # ZEUS has it; the catalog does not read it
]


def xlsx(rows, headers=ZEUS_HEADERS, title_row=None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if title_row:
        sheet.append([title_row])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def staff_of(cluster):
    return MembershipFactory(organization=cluster.operator, role=Role.CLUSTER_STAFF).user


def run(cluster, content: bytes, name="zeus.xlsx", language="en") -> ResourceImport:
    """Upload as staff of `cluster` and run the import here, as the worker would."""
    staff = staff_of(cluster)
    staff.preferred_language = language
    staff.save()
    upload = SimpleUploadedFile(name, content)
    job = start_resource_import(user=staff, cluster=cluster, upload=upload)
    run_resource_import(import_id=job.pk)
    job.refresh_from_db()
    return job


GOOD_ROWS = [
    [
        "공초점 레이저 주사 현미경",
        "Confocal laser scanning microscope",
        "NFEC-2019-05-253412",
        "Carl Zeiss",
        "LSM 980",
        "광학/전자영상장비",
        "본관 201호",
        "활용",
        "공동활용허용",
        120_000_000,
    ],
    [
        "유세포 분석기",
        "Flow cytometer",
        "NFEC-2020-11-000123",
        "BD",
        "FACSCanto II",
        "화학/생화학분석장비",
        "본관 105호",
        "유휴",
        "단독활용",
        "",
    ],
    ["실험용 원심분리기", None, None, "Eppendorf", "5810R", "기타", None, "불용", None, None],
]


@pytest.mark.django_db
class TestImport:
    def test_a_good_list_creates_and_updates_by_nfec_number(self):
        cluster = ClusterFactory()
        existing = ResourceFactory(
            cluster=cluster,
            nfec_number="NFEC-2019-05-253412",
            name_ko="현미경(구)",
            location="별관",
            rate_member=30_000,
        )
        job = run(cluster, xlsx(GOOD_ROWS, title_row="연구시설장비 목록 (ZEUS)"))
        assert job.status == ImportStatus.DONE, job.problems
        assert (job.total_rows, job.processed_rows) == (3, 3)
        assert (job.created_count, job.updated_count) == (2, 1)
        assert job.ignored_columns == ["취득금액"]
        existing.refresh_from_db()
        assert (existing.name_ko, existing.location, existing.category) == (
            "공초점 레이저 주사 현미경",
            "본관 201호",
            "imaging",
        )
        # Cells the list leaves empty or does not have keep their value.
        assert existing.rate_member == 30_000
        assert Resource.objects.filter(cluster=cluster).count() == 3
        cytometer = Resource.objects.get(nfec_number="NFEC-2020-11-000123")
        assert (cytometer.category, cytometer.status, cytometer.use_scope, cytometer.kind) == (
            "analysis",
            "idle",
            "internal",
            "equipment",
        )
        centrifuge = Resource.objects.get(name_ko="실험용 원심분리기")
        assert (centrifuge.nfec_number, centrifuge.status) == ("", "disused")
        assert sorted(centrifuge.opening_hours.values_list("weekday", flat=True)) == [0, 1, 2, 3, 4]

        # The same list again updates the same three resources, and adds the one without
        # an NFEC number again (it cannot be matched).
        again = run(cluster, xlsx(GOOD_ROWS))
        assert (again.created_count, again.updated_count) == (1, 2)

    def test_one_bad_row_writes_nothing_and_says_where(self):
        cluster = ClusterFactory()
        existing = ResourceFactory(cluster=cluster, nfec_number="NFEC-2019-05-253412")
        ResourceFactory(nfec_number="NFEC-2018-01-999999")  # another cluster's
        rows = [
            *GOOD_ROWS,
            ["", "No Korean name", "NFEC-2021-02-000001", "", "", "", "", "", "", ""],
            ["배양기", "", "NFEC-21-2-1", "", "", "", "", "", "", ""],
            ["배양기 2", "", "NFEC-2020-11-000123", "", "", "", "", "대여중", "", ""],
            ["배양기 3", "", "NFEC-2018-01-999999", "", "", "분자기계", "", "", "", ""],
        ]
        job = run(cluster, xlsx(rows))
        assert job.status == ImportStatus.FAILED
        found = {(p["row"], p["column"]) for p in job.problems}
        assert found == {
            (5, "장비명"),  # header is row 1, so the fourth data row is row 5
            (6, "NFEC 등록번호"),
            (7, "NFEC 등록번호"),  # also in row 3
            (7, "활용상태"),
            (8, "NFEC 등록번호"),  # another cluster's
            (8, "장비구분"),
        }
        assert job.problem_count == 6
        messages = {(p["row"], p["column"]): p["message"] for p in job.problems}
        assert "NFEC-YYYY-MM-NNNNNN" in messages[(6, "NFEC 등록번호")]
        assert "row 3" in messages[(7, "NFEC 등록번호")]
        assert "in_use" in messages[(7, "활용상태")]
        # Nothing changed: no new resources, the existing one as it was.
        assert Resource.objects.filter(cluster=cluster).count() == 1
        assert Resource.objects.get(pk=existing.pk).name_ko == existing.name_ko
        assert (job.created_count, job.updated_count) == (0, 0)

    def test_a_cp949_csv_with_english_headers(self):
        cluster = ClusterFactory()
        text = (
            'Korean name,English name,NFEC number,Maker,Use status,"Hourly rate, external"\n'
            '질량분석기,Mass spectrometer,NFEC-2022-03-123456,Thermo,in use,"50,000원"\n'
        )
        job = run(cluster, text.encode("cp949"), name="equipment.csv")
        assert job.status == ImportStatus.DONE, job.problems
        resource = Resource.objects.get(cluster=cluster)
        assert (resource.name_ko, resource.rate_external, resource.status) == (
            "질량분석기",
            50_000,
            "in_use",
        )

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("list.xlsx", b"not a workbook", "not an Excel workbook"),
            ("list.csv", b"a,b\n1,2\n", "No header row"),
            ("list.csv", "장비명,제작사\n".encode(), "no rows"),
            ("list.csv", "장비명,국문장비명\n가,나\n".encode(), "mean the same"),
        ],
    )
    def test_a_file_that_cannot_be_read_is_reported(self, name, content, message):
        cluster = ClusterFactory()
        job = run(cluster, content, name=name)
        assert job.status == ImportStatus.FAILED
        [problem] = job.problems
        assert problem["row"] is None and message in problem["message"]
        assert not Resource.objects.exists()

    def test_the_uploader_reads_the_problems_in_their_language(self):
        cluster = ClusterFactory()
        content = "장비명,담당자 이메일\n배양기,not-an-address\n".encode()
        job = run(cluster, content, name="list.csv", language="ko")
        assert job.status == ImportStatus.FAILED
        with translation.override("ko"):
            korean = gettext("Enter a valid email address.")
        assert korean != "Enter a valid email address."
        assert job.problems == [{"row": 2, "column": "담당자 이메일", "message": korean}]

    def test_progress_is_counted_as_rows_are_checked(self):
        cluster = ClusterFactory()
        rows = [[f"장비 {n}", "", f"NFEC-2020-01-{n:06d}"] for n in range(450)]
        sheet = read_sheet(
            filename="big.xlsx",
            content=xlsx(rows, headers=["장비명", "영문장비명", "NFEC 등록번호"]),
        )
        counts = []
        checked, problems = check_rows(cluster=cluster, sheet=sheet, on_progress=counts.append)
        assert (len(checked), problems) == (450, [])
        assert counts == [200, 400, 450]

    def test_the_template_has_every_column_and_imports_as_it_is_filled(self):
        workbook = load_workbook(BytesIO(template_workbook()))
        sheet = workbook.worksheets[0]
        headers = [cell.value for cell in sheet[1]]
        assert headers == [column.korean for column in COLUMNS]
        assert {"장비명", "영문장비명", "NFEC 등록번호", "활용상태", "사용범위"} <= set(headers)
        assert workbook.worksheets[1].max_row > len(COLUMNS)
        values = {
            "장비명": "초저온 냉동고",
            "NFEC 등록번호": "NFEC-2023-07-000777",
            "자원구분": "장비",
        }
        sheet.append([values.get(header) for header in headers])
        output = BytesIO()
        workbook.save(output)
        job = run(ClusterFactory(), output.getvalue())
        assert job.status == ImportStatus.DONE, job.problems
        assert Resource.objects.get().nfec_number == "NFEC-2023-07-000777"


@pytest.mark.django_db
class TestPages:
    def test_staff_of_other_clusters_and_company_members_are_refused(self, client):
        cluster = ClusterFactory()
        job = ResourceImport.objects.create(
            cluster=cluster, uploaded_by=staff_of(cluster), filename="a.xlsx", content=b"x"
        )
        upload = f"/facilities/clusters/{cluster.slug}/import/"
        for person in (staff_of(ClusterFactory()), MembershipFactory().user):
            client.force_login(person)
            assert client.get(upload).status_code == 403
            file = SimpleUploadedFile("zeus.xlsx", xlsx(GOOD_ROWS))
            assert client.post(upload, {"file": file}).status_code == 403
            assert client.get(f"/facilities/imports/{job.pk}/").status_code == 403
        assert ResourceImport.objects.count() == 1

    def test_a_wrong_kind_of_file_is_refused_on_upload(self, client):
        cluster = ClusterFactory()
        client.force_login(staff_of(cluster))
        client.cookies["django_language"] = "en"
        response = client.post(
            f"/facilities/clusters/{cluster.slug}/import/",
            {"file": SimpleUploadedFile("zeus.xls", b"old excel")},
        )
        assert response.status_code == 200
        assert ".xlsx" in " ".join(response.context["form"].errors["file"])
        assert not ResourceImport.objects.exists()

    def test_lists_of_imports_and_clusters_run_the_same_queries_however_long(
        self, client, django_assert_max_num_queries
    ):
        cluster = ClusterFactory()
        admin = MembershipFactory(role=Role.PLATFORM_ADMIN).user
        client.force_login(admin)

        def add_imports(count):
            for _ in range(count):
                ResourceImport.objects.create(
                    cluster=ClusterFactory() if count > 1 else cluster,
                    uploaded_by=staff_of(cluster),
                    filename="zeus.xlsx",
                    content=b"x",
                )

        add_imports(1)
        pages = ["/facilities/manage/", f"/facilities/clusters/{cluster.slug}/import/"]
        with CaptureQueriesContext(connection) as few:
            for url in pages:
                assert client.get(url).status_code == 200
        add_imports(25)
        ResourceImport.objects.update(cluster=cluster)
        with django_assert_max_num_queries(len(few)):
            for url in pages:
                client.get(url)

    def test_the_template_downloads(self, client):
        client.force_login(staff_of(ClusterFactory()))
        response = client.get("/facilities/imports/template.xlsx")
        assert response.status_code == 200
        assert response["Content-Type"].endswith("spreadsheetml.sheet")
        assert load_workbook(BytesIO(response.content)).worksheets[0]["A1"].value == "장비명"

    def test_the_status_page_shows_progress_and_problems(self, client):
        cluster = ClusterFactory()
        staff = staff_of(cluster)
        job = ResourceImport.objects.create(
            cluster=cluster,
            uploaded_by=staff,
            filename="zeus.xlsx",
            content=b"x",
            status=ImportStatus.CHECKING,
            total_rows=1000,
            processed_rows=400,
        )
        client.force_login(staff)
        client.cookies["django_language"] = "en"
        page = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
        assert "<html" not in page
        assert 'hx-trigger="every 2s"' in page and "Checked 400 of 1,000 rows" in page
        assert '<progress class="w-100" max="1000" value="400">' in page
        problems = [{"row": n + 2, "column": "장비명", "message": f"문제 {n}"} for n in range(150)]
        ResourceImport.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, problems=problems, problem_count=150
        )
        page = client.get(job.get_absolute_url())
        assert "every 2s" not in page.content.decode()
        assert len(page.context["problems"].object_list) == 100
        assert "문제 99" in page.content.decode() and "문제 100" not in page.content.decode()
        second = client.get(job.get_absolute_url(), {"page": 2}).content.decode()
        assert "문제 149" in second


@pytest.mark.django_db(transaction=True)
def test_an_upload_is_imported_by_the_worker_and_the_page_follows_it(client):
    cluster = ClusterFactory()
    existing = ResourceFactory(cluster=cluster, nfec_number="NFEC-2019-05-253412")
    staff = staff_of(cluster)
    client.force_login(staff)
    client.cookies["django_language"] = "en"
    response = client.post(
        f"/facilities/clusters/{cluster.slug}/import/",
        {"file": SimpleUploadedFile("zeus.xlsx", xlsx(GOOD_ROWS))},
    )
    job = ResourceImport.objects.get()
    assert response.status_code == 302 and response.url == f"/facilities/imports/{job.pk}/"
    # Nothing is imported in the request: the page waits for the worker, asking every 2 s.
    waiting = client.get(response.url).content.decode()
    assert job.status == ImportStatus.QUEUED and Resource.objects.count() == 1
    assert 'hx-get="/facilities/imports/' in waiting and 'hx-trigger="every 2s"' in waiting

    run_worker()

    done = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert "every 2s" not in done
    assert "Imported: 2 resources added, 1 updated." in done
    job.refresh_from_db()
    assert (job.status, job.processed_rows, job.total_rows) == (ImportStatus.DONE, 3, 3)
    assert Resource.objects.filter(cluster=cluster).count() == 3
    existing.refresh_from_db()
    assert existing.model_name == "LSM 980"
    # The audit log says who imported, though the worker wrote.
    assert LogEntry.objects.get_for_object(existing).latest("timestamp").actor == staff
    listed = client.get(f"/facilities/clusters/{cluster.slug}/import/")
    assert list(listed.context["page"].object_list) == [job]


@pytest.mark.django_db(transaction=True)
def test_a_bad_list_run_by_the_worker_changes_nothing():
    cluster = ClusterFactory()
    staff = staff_of(cluster)
    rows = [*GOOD_ROWS, ["배양기", "", "NFEC-2019-05-253412"]]  # the number of row 2 again
    job = start_resource_import(
        user=staff, cluster=cluster, upload=SimpleUploadedFile("zeus.xlsx", xlsx(rows))
    )
    run_worker()
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert [(p["row"], p["column"]) for p in job.problems] == [(5, "NFEC 등록번호")]
    assert not Resource.objects.exists()


def test_a_worker_process_knows_the_import_task():
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
    assert "facilities.import_resources" in found
