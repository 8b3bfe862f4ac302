"""Names of the programs worker tasks, so domain code can queue them by name
(`ieum.core.jobs.defer_on_commit`) without importing the task modules above it."""

SUBMISSION_EMAIL = "programs.send_submission_email"
ASSIGNMENT_EMAIL = "programs.send_assignment_email"
INQUIRY_ANSWER_EMAIL = "programs.send_inquiry_answer_email"
RESULTS_EMAIL = "programs.send_results_email"
