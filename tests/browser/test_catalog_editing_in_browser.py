"""Cluster staff add a resource, then import their ZEUS list and watch it finish."""

import os
from io import BytesIO

import pytest
from openpyxl import Workbook

from ieum.facilities import import_tasks  # noqa: F401  (registers the task with the worker)
from ieum.facilities.models import Resource
from tests.browser.test_facilities_in_browser import log_in
from tests.factories import ClusterFactory, MembershipFactory, OrganizationFactory
from tests.worker import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("IEUM_SCREENSHOTS")


def shot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


@pytest.fixture
def cluster():
    operator = OrganizationFactory(kind="cluster_operator", name_ko="원주의료기기테크노밸리")
    cluster = ClusterFactory(name_ko="원주 의료기기 클러스터", operator=operator)
    MembershipFactory(organization=operator, role="cluster_staff", user__email="staff@wonju.kr")
    return cluster


def zeus_list() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["장비명", "영문장비명", "NFEC 등록번호", "제작사", "장비구분", "활용상태"])
    sheet.append(
        ["전자파 적합성 시험장비", "EMC test system", "NFEC-2019-05-253412", "R&S", "시험", "활용"]
    )
    sheet.append(["3D 프린터", "3D printer", "NFEC-2021-08-004211", "Stratasys", "가공", "유휴"])
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_staff_add_a_resource_and_import_a_list(page, cluster, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    log_in(page, "staff@wonju.kr")
    page.goto("/facilities/manage/")
    shot(page, "manage")
    page.locator("#managed-clusters").get_by_role("link", name="시설·장비 추가").click()
    page.fill("#id_name_ko", "생체신호 측정 장비")
    page.fill("#id_name_en", "Biosignal measurement system")
    page.select_option("#id_category", "measurement")
    page.fill("#id_capacity", "2")
    # Friday closes early; Saturday morning is added on the empty line.
    page.fill("#id_hours-4-closes", "15:00")
    page.select_option("#id_hours-5-weekday", "5")
    page.fill("#id_hours-5-opens", "09:00")
    page.fill("#id_hours-5-closes", "12:00")
    shot(page, "resource-form")
    page.locator("#resource-form button[type=submit]").click()
    page.locator("#resource-name").wait_for()
    resource = Resource.objects.get()
    assert (resource.name_en, resource.capacity, resource.cluster) == (
        "Biosignal measurement system",
        2,
        cluster,
    )
    assert [(h.weekday, f"{h.closes:%H:%M}") for h in resource.opening_hours.all()][4:] == [
        (4, "15:00"),
        (5, "12:00"),
    ]

    # A wrong change shows why and keeps the resource as it was.
    page.goto(f"/facilities/r/{resource.pk}/edit/")
    page.fill("#id_min_minutes", "600")
    page.locator("#resource-form button[type=submit]").click()
    page.locator("#form-errors").wait_for()
    shot(page, "resource-form-errors")
    resource.refresh_from_db()
    assert resource.min_minutes == 30

    page.goto(f"/facilities/clusters/{cluster.slug}/import/")
    shot(page, "import-form")
    page.set_input_files(
        "#id_file",
        files=[
            {"name": "zeus.xlsx", "mimeType": "application/octet-stream", "buffer": zeus_list()}
        ],
    )
    page.locator("#import-form button[type=submit]").click()
    page.wait_for_url("**/facilities/imports/*/")
    assert page.locator("#import-progress[hx-trigger]").count() == 1
    shot(page, "import-waiting")

    run_worker()

    # The page asks again on its own and shows the outcome.
    page.locator("#import-done").wait_for()
    assert "2" in page.locator("#import-done").inner_text()
    assert page.locator("#import-progress[hx-trigger]").count() == 0
    shot(page, "import-done")
    assert Resource.objects.filter(cluster=cluster).count() == 3
    assert page.csp_violations == []
