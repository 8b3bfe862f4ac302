"""What every program manager's page starts from: the program or call it is about, for
those who run it only. Anyone else gets a 404, even for a published call, so a manager's
page of another cluster's call reveals nothing."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render

from ieum.programs.models import Call, Program, ReviewStage
from ieum.programs.visibility import managed_calls, managed_programs


def managed_program_or_404(user, slug: str) -> Program:
    program = managed_programs(user).select_related("cluster").filter(slug=slug).first()
    if program is None:
        raise Http404
    return program


def managed_call_or_404(user, slug: str) -> Call:
    call = managed_calls(user).select_related("program__cluster").filter(slug=slug).first()
    if call is None:
        raise Http404
    return call


def managed_stage(user, pk: int) -> ReviewStage:
    stage = ReviewStage.objects.select_related("call__program").filter(pk=pk).first()
    if stage is None or not user.has_perm("programs.manage_call", stage.call):
        raise Http404
    return stage


def render_call_page(request, call: Call, template: str, context: dict, *, tab: str, status=None):
    """A page of a call's set-up, under the call's heading and tabs."""
    context = {"call": call, "tab": tab, **context}
    return render(request, template, context, status=status)


def refused_page(request, call: Call, template: str, context: dict, *, tab: str, error):
    """The page again with why the step was refused (409); nothing was changed."""
    for problem in error.messages:
        messages.error(request, problem)
    return render_call_page(request, call, template, context, tab=tab, status=409)
