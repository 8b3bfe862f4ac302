"""One POST step on a record (accept, decline, withdraw...): the rule, the domain call,
and the message, shared by the proposal and request pages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from ieum.core.flash import flash_errors


@dataclass(frozen=True)
class Step:
    permission: str
    done: str
    # Called with the record, the acting user and the form's cleaned data.
    run: Callable[[Any, Any, dict], object]


def perform_step(
    request, *, record, name: str, steps: Mapping[str, Step], form_class: type[forms.Form]
) -> None:
    """Run the named step if the user may; show its message or the domain's refusal."""
    step = steps.get(name)
    if step is None:
        raise Http404
    if not request.user.has_perm(step.permission, record):
        raise PermissionDenied
    form = form_class(request.POST)
    form.is_valid()
    try:
        step.run(record, request.user, form.cleaned_data)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, str(step.done))
