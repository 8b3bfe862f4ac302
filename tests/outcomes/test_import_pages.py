"""Import pages: who sees them, the upload, progress that polls, problems and confirmation."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from ieum.outcomes.enums import ImportStatus
from ieum.outcomes.models import OutcomeImport, OutcomeRecord
from tests.outcomes.test_import_workbooks import checked, export, patent, workbook

pytestmark = pytest.mark.django_db

LIST = "/outcomes/imports/"
NEW = "/outcomes/imports/new/"
TEMPLATE = "/outcomes/imports/template.xlsx"


def detail(job) -> str:
    return f"/outcomes/imports/{job.pk}/"


def upload(content: bytes, name="past.xlsx"):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize("role", ["company", "stranger"])
def test_people_who_are_not_staff_have_no_import_pages(client, outcome_world, role):
    w = outcome_world
    job = checked(w.staff, w.cluster, workbook([patent()]))
    client.force_login(w.roles[role])
    for url in (LIST, NEW, TEMPLATE):
        assert client.get(url).status_code == 403
    assert client.post(NEW, {"cluster": w.cluster.pk, "file": upload(b"x")}).status_code == 403
    assert client.get(detail(job)).status_code == 404
    assert client.post(detail(job) + "confirm/", {"only_valid": "1"}).status_code == 404
    client.logout()
    assert client.get(LIST).status_code == 302


def test_staff_see_their_imports_and_admins_all(client, outcome_world):
    w = outcome_world
    own = checked(w.staff, w.cluster, workbook([patent()]))
    other = checked(w.other_staff, w.other_cluster, workbook([patent("바이오큐")]))
    client.force_login(w.staff)
    assert list(client.get(LIST).context["page"].object_list) == [own]
    assert client.get(detail(other)).status_code == 404
    client.force_login(w.admin)
    assert list(client.get(LIST).context["page"].object_list) == [other, own]
    assert client.get(detail(other)).status_code == 200


def test_the_upload_offers_the_staffs_clusters_and_queues_the_check(client, outcome_world):
    w = outcome_world
    client.force_login(w.staff)
    form = client.get(NEW).context["form"]
    assert list(form.fields["cluster"].queryset) == [w.cluster]
    refused = client.post(NEW, {"cluster": w.other_cluster.pk, "file": upload(workbook([]))})
    assert refused.status_code == 200 and "cluster" in refused.context["form"].errors
    response = client.post(NEW, {"cluster": w.cluster.pk, "file": upload(workbook([patent()]))})
    job = OutcomeImport.objects.get()
    assert response.status_code == 302 and response.url == detail(job)
    assert (job.status, job.cluster, job.uploaded_by) == (ImportStatus.QUEUED, w.cluster, w.staff)


def test_a_file_that_is_not_a_workbook_is_refused_on_upload(client, outcome_world, english):
    w = outcome_world
    client.force_login(w.staff)
    response = client.post(NEW, {"cluster": w.cluster.pk, "file": upload(b"a,b\n", "a.csv")})
    assert "not an accepted type" in " ".join(response.context["form"].errors["file"])
    assert not OutcomeImport.objects.exists()


def test_admins_may_upload_for_no_cluster(client, outcome_world):
    w = outcome_world
    client.force_login(w.admin)
    response = client.post(NEW, {"cluster": "", "file": upload(workbook([patent("홀로바이오")]))})
    assert response.status_code == 302
    assert OutcomeImport.objects.get().cluster is None


def test_the_page_polls_while_the_worker_has_the_import(client, outcome_world, english):
    w = outcome_world
    job = OutcomeImport.objects.create(
        cluster=w.cluster,
        uploaded_by=w.staff,
        filename="past.xlsx",
        content=b"x",
        status=ImportStatus.CHECKING,
        total_rows=1000,
        processed_rows=400,
    )
    client.force_login(w.staff)
    page = client.get(detail(job), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in page
    assert 'hx-trigger="every 2s"' in page and "Checked 400 of 1,000 rows." in page
    assert 'max="1000" value="400"' in page
    OutcomeImport.objects.filter(pk=job.pk).update(status=ImportStatus.SAVING, valid_rows=1000)
    assert "every 2s" in client.get(detail(job)).content.decode()
    OutcomeImport.objects.filter(pk=job.pk).update(status=ImportStatus.DONE, created_count=1000)
    done = client.get(detail(job)).content.decode()
    assert "every 2s" not in done and "Imported: 1,000 records added, verified." in done


def test_problems_are_listed_by_row_and_column_with_the_choice_to_skip(
    client, outcome_world, english
):
    w = outcome_world
    job = checked(w.staff, w.cluster, workbook([patent(), export(통화="GBP"), patent()]))
    client.force_login(w.staff)
    page = client.get(detail(job)).content.decode()
    assert "every 2s" not in page
    assert "<tr><td>3</td><td>통화</td><td>GBP is not a currency we take" in page
    assert 'id="import-all"' not in page
    assert "Import only the 2 valid rows" in page
    assert "I understand that 1 row with problems will be skipped and not imported." in page

    # Without asking for the valid rows only, nothing is saved.
    response = client.post(detail(job) + "confirm/", follow=True)
    assert "1 row has problems" in response.content.decode()
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED
    client.post(detail(job) + "confirm/", {"only_valid": "1"})
    job.refresh_from_db()
    assert (job.status, job.only_valid_rows) == (ImportStatus.SAVING, True)
    assert not OutcomeRecord.objects.exists()  # the worker saves


def test_a_valid_workbook_offers_to_import_all_rows(client, outcome_world, english):
    w = outcome_world
    job = checked(w.staff, w.cluster, workbook([patent(), export()]))
    client.force_login(w.staff)
    page = client.get(detail(job)).content.decode()
    assert "Import all 2 rows" in page and 'id="import-valid"' not in page
    client.post(detail(job) + "confirm/")
    job.refresh_from_db()
    assert job.status == ImportStatus.SAVING


def test_cancel(client, outcome_world):
    w = outcome_world
    job = checked(w.staff, w.cluster, workbook([patent()]))
    client.force_login(w.staff)
    assert client.get(detail(job) + "cancel/").status_code == 405
    client.post(detail(job) + "cancel/")
    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED


def test_the_template_downloads(client, outcome_world):
    client.force_login(outcome_world.staff)
    response = client.get(TEMPLATE)
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    assert load_workbook(BytesIO(response.content)).worksheets[0]["A1"].value == "기업명"


def test_the_list_runs_the_same_queries_however_many_imports(
    client, outcome_world, django_assert_max_num_queries
):
    w = outcome_world

    def add(count):
        for _ in range(count):
            OutcomeImport.objects.create(
                cluster=w.cluster, uploaded_by=w.staff, filename="a.xlsx", content=b"x"
            )

    client.force_login(w.admin)
    add(1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(LIST).status_code == 200
    add(25)
    with django_assert_max_num_queries(len(one)):
        assert len(client.get(LIST).context["page"].object_list) == 26
