"""Names of the partnering worker tasks, so domain code can queue them by name
(`ieum.core.jobs.defer_on_commit`) without importing the task modules above it."""

RUN_SCHEDULER = "partnering.run_scheduler"
PLACE_LATE_MEETINGS = "partnering.place_late_meetings"
REQUEST_EMAIL = "partnering.send_request_email"
PROPOSAL_EMAIL = "partnering.send_proposal_email"
MEETING_EMAIL = "partnering.send_meeting_email"
AGENDAS_PUBLISHED_EMAIL = "partnering.send_agendas_published_email"
MENTOR_SLOT_EMAIL = "partnering.send_mentor_slot_email"
