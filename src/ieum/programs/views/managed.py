"""The stage or call a staff page is about, for the call's managers only; anyone else
gets a 404, so a page of another cluster's call reveals nothing."""

from __future__ import annotations

from django.http import Http404

from ieum.programs.models import Call, ReviewStage


def managed_stage(user, pk: int) -> ReviewStage:
    stage = ReviewStage.objects.select_related("call__program").filter(pk=pk).first()
    if stage is None or not user.has_perm("programs.manage_call", stage.call):
        raise Http404
    return stage


def managed_call(user, slug: str) -> Call:
    call = Call.objects.select_related("program").filter(slug=slug).first()
    if call is None or not user.has_perm("programs.manage_call", call):
        raise Http404
    return call
