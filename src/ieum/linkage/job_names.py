"""Names of the linkage worker tasks, so domain code can queue them by name
(`ieum.core.jobs.defer_on_commit`) without importing the task modules above it."""

STEP_EMAIL = "linkage.send_step_email"
MESSAGE_EMAIL = "linkage.send_message_email"
OVERDUE_REMINDERS = "linkage.send_overdue_reminders"
