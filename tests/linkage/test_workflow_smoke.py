from ieum.linkage.enums import RequestStatus, Step
from ieum.linkage.routing import suggest_providers


def test_a_request_walks_from_draft_to_closed(world):
    request = world.request(RequestStatus.CLOSED)
    request.refresh_from_db()
    assert request.status == RequestStatus.CLOSED
    assert request.rating == 5
    steps = list(request.events.values_list("step", flat=True))
    assert steps == [
        Step.CREATE,
        Step.SUBMIT,
        Step.TRIAGE,
        Step.ASSIGN,
        Step.ACCEPT_NDA,
        Step.ACCEPT,
        Step.START,
        Step.DELIVER,
        Step.CLOSE,
    ]
    assert request.files.get().original_name == "report.pdf"


def test_routing_proposes_the_cardiovascular_hospital_with_its_reason(world, english):
    request = world.request(RequestStatus.SUBMITTED)
    suggestions = suggest_providers(request)
    assert suggestions[0].offering == world.offering
    assert "specialty" in suggestions[0].reason
