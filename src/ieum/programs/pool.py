"""A call's reviewer pool, and what reviewers tell about themselves.

Assignment picks reviewers from the pool, matching their expertise with the applications'
fields; the affiliations a reviewer lists (where they worked, until when) are what the
automatic conflict check compares with the applicant companies.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ieum.accounts.access import access_for
from ieum.core.business_days import seoul_today
from ieum.directory.enums import Vocabulary
from ieum.directory.models import Term
from ieum.programs.call_locks import locked_call, require_not_cancelled
from ieum.programs.enums import AssignmentStatus
from ieum.programs.errors import IllegalStep
from ieum.programs.models import (
    Affiliation,
    Call,
    CallReviewer,
    ReviewAssignment,
    ReviewerProfile,
)
from ieum.programs.visibility import managed_calls

EXPERTISE_VOCABULARIES = (Vocabulary.THERAPEUTIC_AREA, Vocabulary.TECHNOLOGY_FIELD)
MOST_REVIEWS = 1000
LONGEST_BIO = 4000
MOST_AFFILIATIONS = 30


def _max_reviews_problem(max_reviews: int | None) -> None:
    if max_reviews is not None and not 1 <= max_reviews <= MOST_REVIEWS:
        raise ValidationError(
            {
                "max_reviews": _("Allow between 1 and %(most)s reviews, or leave it empty.")
                % {"most": MOST_REVIEWS}
            }
        )


def add_pool_reviewer(
    *, actor, call: Call, reviewer, max_reviews: int | None = None
) -> CallReviewer:
    """Seat `reviewer` in the call's pool; they get a reviewer profile if they had none."""
    _max_reviews_problem(max_reviews)
    with transaction.atomic(), set_actor(actor):
        call = locked_call(call, actor=actor)
        require_not_cancelled(call)
        reviewer = get_user_model().objects.select_for_update().get(pk=reviewer.pk)
        if not reviewer.is_active:
            raise ValidationError({"reviewer": _("This account is closed.")})
        if CallReviewer.objects.filter(call=call, reviewer=reviewer).exists():
            raise ValidationError({"reviewer": _("This person is already in the pool.")})
        ReviewerProfile.objects.get_or_create(user=reviewer)
        return CallReviewer.objects.create(call=call, reviewer=reviewer, max_reviews=max_reviews)


def _locked_seat(pool_seat: CallReviewer, *, actor) -> CallReviewer:
    call = locked_call(pool_seat.call, actor=actor)
    seat = CallReviewer.objects.select_for_update().get(pk=pool_seat.pk, call=call)
    seat.call = call
    return seat


def update_pool_seat(*, actor, pool_seat: CallReviewer, max_reviews: int | None) -> CallReviewer:
    """Change how many reviews per stage a pool reviewer takes at most."""
    _max_reviews_problem(max_reviews)
    with transaction.atomic(), set_actor(actor):
        seat = _locked_seat(pool_seat, actor=actor)
        require_not_cancelled(seat.call)
        seat.max_reviews = max_reviews
        seat.save(update_fields=["max_reviews", "updated_at"])
    return seat


def remove_pool_reviewer(*, actor, pool_seat: CallReviewer) -> None:
    """Take a reviewer out of the pool; refused while they hold reviews of the call."""
    with transaction.atomic(), set_actor(actor):
        seat = _locked_seat(pool_seat, actor=actor)
        holds = (
            ReviewAssignment.objects.filter(stage__call=seat.call, reviewer_id=seat.reviewer_id)
            .exclude(status=AssignmentStatus.RECUSED)
            .exists()
        )
        if holds:
            raise IllegalStep(
                _(
                    "This reviewer holds reviews of the call; remove those assignments "
                    "before taking them out of the pool."
                )
            )
        seat.delete()


def may_edit_reviewer_profile(actor, user) -> bool:
    """The reviewer themselves, platform admins, and managers of a call they are pooled in."""
    if not actor.is_authenticated:
        return False
    if actor.pk == user.pk or access_for(actor).is_platform_admin:
        return True
    return managed_calls(actor).filter(pool__reviewer=user).exists()


def _affiliation_problems(rows: list[dict[str, Any]]) -> list[str]:
    problems = []
    if len(rows) > MOST_AFFILIATIONS:
        problems.append(_("List at most %(most)s affiliations.") % {"most": MOST_AFFILIATIONS})
    today = seoul_today()
    for number, row in enumerate(rows, 1):
        unknown = set(row) - {"organization", "role", "ended_on"}
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        line = {"number": number}
        if row.get("organization") is None:
            problems.append(_("Line %(number)s: choose the organization.") % line)
        if len((row.get("role") or "").strip()) > 120:
            problems.append(_("Line %(number)s: keep the role under 120 characters.") % line)
        ended_on = row.get("ended_on")
        if ended_on is not None and ended_on > today:
            problems.append(
                _(
                    "Line %(number)s: the end date is in the future; "
                    "leave it empty for a current role."
                )
                % line
            )
    return problems


def save_reviewer_profile(
    *,
    actor,
    user,
    expertise: Iterable[Term],
    bio: str,
    affiliations: list[dict[str, Any]],
) -> ReviewerProfile:
    """Replace a reviewer's expertise, background and affiliations (organization, role,
    ended_on; no end date means current)."""
    if not may_edit_reviewer_profile(actor, user):
        raise PermissionDenied(_("You cannot change this reviewer's profile."))
    expertise = list(expertise)
    bio = (bio or "").strip()
    errors: dict[str, list[str]] = {}
    if any(term.vocabulary not in EXPERTISE_VOCABULARIES for term in expertise):
        errors["expertise"] = [_("Choose therapeutic areas and technology fields from the list.")]
    if len(bio) > LONGEST_BIO:
        errors["bio"] = [
            _("Keep the background under %(most)s characters.") % {"most": LONGEST_BIO}
        ]
    problems = _affiliation_problems(affiliations)
    if problems:
        errors["affiliations"] = problems
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), set_actor(actor):
        profile, _created = ReviewerProfile.objects.get_or_create(user=user)
        profile = ReviewerProfile.objects.select_for_update().get(pk=profile.pk)
        profile.bio = bio
        profile.save(update_fields=["bio", "updated_at"])
        profile.expertise.set(expertise)
        profile.affiliations.all().delete()
        Affiliation.objects.bulk_create(
            Affiliation(
                profile=profile,
                organization=row["organization"],
                role=(row.get("role") or "").strip(),
                ended_on=row.get("ended_on"),
            )
            for row in affiliations
        )
    return profile
