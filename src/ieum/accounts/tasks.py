"""Account work for the background worker."""

from __future__ import annotations

from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from ieum.accounts import domain
from ieum.accounts.models import Invitation


@app.task(name=domain.INVITATION_EMAIL_TASK, retry=RetryStrategy(max_attempts=5, linear_wait=60))
def send_invitation_email(*, invitation_id: int) -> None:
    invitation = (
        Invitation.objects.select_related("organization", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    # An invitation withdrawn or used before the worker got to it needs no e-mail.
    if invitation is not None and invitation.is_open:
        domain.send_invitation_email(invitation=invitation)
