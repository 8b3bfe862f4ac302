"""Checks every staff change to a call starts with: lock the call's row, then ask whether
the person runs it and whether the call's state still allows the change.

Locking the call makes two managers editing the same call take turns, so each sees the
other's change before deciding (positions of stages, seats of the pool, the form).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ieum.programs.enums import ApplicationStatus, CallStatus
from ieum.programs.errors import IllegalStep
from ieum.programs.models import Application, Call

SUBMITTED = Q(submitted_at__isnull=False) | Q(
    status__in=[
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.SELECTED,
        ApplicationStatus.NOT_SELECTED,
    ]
)


def locked_call(call: Call, *, actor) -> Call:
    """The call's row, locked until the transaction ends, once the actor is known to run it."""
    locked = Call.objects.select_for_update(of=("self",)).select_related("program").get(pk=call.pk)
    if not actor.has_perm("programs.manage_call", locked):
        raise PermissionDenied(_("You do not run this call."))
    return locked


def require_not_cancelled(call: Call) -> None:
    if call.status == CallStatus.CANCELLED:
        raise IllegalStep(_("This call is cancelled; it can no longer change."))


def has_submissions(call: Call) -> bool:
    """Whether any application to the call was ever submitted (withdrawn ones count)."""
    return Application.objects.filter(SUBMITTED, call=call).exists()


def field_problems(instance: Model, *, exclude: list[str]) -> dict[str, list[str]]:
    """The model's own field checks (lengths, choices, blanks, validators) as messages."""
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as error:
        return {field: list(messages) for field, messages in error.message_dict.items()}
    return {}


def unique_slug(model: type[Model], *, wanted: str, name: str, fallback: str, pk=None) -> str:
    """`wanted` when given (the caller checks it is free), else one made from `name`."""
    if wanted:
        return wanted
    base = slugify(name)[:70] or fallback
    taken = set(
        model.objects.exclude(pk=pk).filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def slug_problem(model: type[Model], slug: str, *, pk=None) -> str | None:
    if slug and model.objects.exclude(pk=pk).filter(slug=slug).exists():
        return _("This address is taken; choose another.")
    return None
