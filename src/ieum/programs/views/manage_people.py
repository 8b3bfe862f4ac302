"""The people around a call: its reviewer pool, its notices, the questions applicants ask,
and a reviewer's own profile (expertise, background, affiliations)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ieum.core.forms import add_domain_error
from ieum.programs import calls
from ieum.programs.enums import AssignmentStatus
from ieum.programs.errors import IllegalStep
from ieum.programs.manage_forms import (
    AffiliationFormSet,
    AnswerForm,
    MaxReviewsForm,
    NoticeForm,
    PoolSeatForm,
    ReviewerProfileForm,
    affiliation_initial,
)
from ieum.programs.models import CallReviewer, Inquiry, ReviewAssignment, ReviewerProfile
from ieum.programs.pool import may_edit_reviewer_profile
from ieum.programs.views.manage_pages import managed_call_or_404, refused_page, render_call_page
from ieum.programs.views.manage_setup import show_errors

POOL_TEMPLATE = "programs/manage/pool.html"
POOL_PAGE_SIZE = 50
PAGE_SIZE = 20


def _seats(call):
    held = (
        ReviewAssignment.objects.filter(stage__call=call, reviewer=OuterRef("reviewer"))
        .exclude(status=AssignmentStatus.RECUSED)
        .values("reviewer")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        CallReviewer.objects.filter(call=call)
        .select_related("reviewer__reviewer_profile")
        .prefetch_related("reviewer__reviewer_profile__expertise")
        .annotate(review_count=Coalesce(Subquery(held, output_field=IntegerField()), 0))
        .order_by("reviewer__full_name", "reviewer__email", "pk")
    )


def _change_seat(request, call, action: str):
    seat = get_object_or_404(CallReviewer, pk=request.POST.get("seat") or 0, call=call)
    if action == "remove":
        calls.remove_pool_reviewer(actor=request.user, pool_seat=seat)
        return _("The reviewer is out of the pool.")
    form = MaxReviewsForm(request.POST)
    if not form.is_valid():
        raise ValidationError(form.errors["max_reviews"])
    calls.update_pool_seat(
        actor=request.user, pool_seat=seat, max_reviews=form.cleaned_data["max_reviews"]
    )
    return _("The most reviews of %(name)s are saved.") % {"name": seat.reviewer}


@login_required
def call_pool(request, slug: str):
    call = managed_call_or_404(request.user, slug)
    action = request.POST.get("action") if request.method == "POST" else None
    add_form = PoolSeatForm(request.POST if action == "add" else None)
    page = Paginator(_seats(call), POOL_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"add_form": add_form, "page": page}
    try:
        if action == "add" and add_form.is_valid():
            seat = calls.add_pool_reviewer(
                actor=request.user,
                call=call,
                reviewer=add_form.cleaned_data["reviewer"],
                max_reviews=add_form.cleaned_data["max_reviews"],
            )
            messages.success(request, _("%(name)s joined the pool.") % {"name": seat.reviewer})
            return redirect("programs:call_pool", slug=call.slug)
        if action in ("update", "remove"):
            messages.success(request, _change_seat(request, call, action))
            return redirect("programs:call_pool", slug=call.slug)
    except IllegalStep as error:
        return refused_page(request, call, POOL_TEMPLATE, context, tab="pool", error=error)
    except ValidationError as error:
        if action == "add":
            add_domain_error(add_form, error)
        else:
            show_errors(request, error, formsets={})
    status = 400 if action else None
    return render_call_page(request, call, POOL_TEMPLATE, context, tab="pool", status=status)


@login_required
def call_notices(request, slug: str):
    call = managed_call_or_404(request.user, slug)
    form = NoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            calls.post_notice(actor=request.user, call=call, data=form.cleaned_data)
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The notice is posted on the call's page."))
            return redirect("programs:call_notices", slug=call.slug)
    notices = call.notices.select_related("posted_by")
    context = {
        "form": form,
        "page": Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    status = 400 if form.errors else None
    return render_call_page(
        request, call, "programs/manage/notices.html", context, tab="notices", status=status
    )


@login_required
def call_inquiries(request, slug: str):
    call = managed_call_or_404(request.user, slug)
    inquiries = call.inquiries.select_related("asked_by", "answered_by")
    waiting = request.GET.get("show") != "all"
    if waiting:
        inquiries = inquiries.filter(answer="")
    bound, bound_pk = None, None
    if request.method == "POST":
        inquiry = get_object_or_404(Inquiry, pk=request.POST.get("inquiry") or 0, call=call)
        bound, bound_pk = AnswerForm(request.POST, prefix=f"answer-{inquiry.pk}"), inquiry.pk
        if bound.is_valid():
            try:
                calls.answer_inquiry(actor=request.user, inquiry=inquiry, **bound.cleaned_data)
            except ValidationError as error:
                add_domain_error(bound, error)
            else:
                messages.success(request, _("The answer is saved."))
                return redirect(reverse("programs:call_inquiries", kwargs={"slug": call.slug}))
    page = Paginator(inquiries, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        (
            inquiry,
            bound
            if inquiry.pk == bound_pk
            else AnswerForm(
                prefix=f"answer-{inquiry.pk}",
                initial={"answer": inquiry.answer, "is_public": inquiry.is_public},
            ),
        )
        for inquiry in page.object_list
    ]
    context = {"page": page, "rows": rows, "waiting": waiting, "bound": bound}
    status = 400 if bound is not None else None
    return render_call_page(
        request, call, "programs/manage/inquiries.html", context, tab="inquiries", status=status
    )


def _profile_owner(request):
    """The person whose profile the page edits: oneself, or for a manager a pooled reviewer."""
    wanted = request.GET.get("user")
    if not wanted:
        return request.user
    user = get_user_model().objects.filter(pk=wanted if wanted.isdigit() else 0).first()
    if user is None or not may_edit_reviewer_profile(request.user, user):
        raise Http404
    return user


@login_required
def reviewer_profile(request):
    owner = _profile_owner(request)
    profile = (
        ReviewerProfile.objects.filter(user=owner)
        .prefetch_related("expertise", "affiliations")
        .first()
    )
    data = request.POST if request.method == "POST" else None
    initial = {"expertise": list(profile.expertise.all()), "bio": profile.bio} if profile else {}
    form = ReviewerProfileForm(data, initial=initial)
    affiliations = AffiliationFormSet(
        data, prefix="affiliations", initial=affiliation_initial(profile)
    )
    if data is not None and all([form.is_valid(), affiliations.is_valid()]):
        try:
            calls.save_reviewer_profile(
                actor=request.user,
                user=owner,
                expertise=form.cleaned_data["expertise"],
                bio=form.cleaned_data["bio"],
                affiliations=affiliations.affiliations(),
            )
        except ValidationError as error:
            show_errors(request, error, form=form, formsets={"affiliations": affiliations})
        else:
            messages.success(request, _("The reviewer profile is saved."))
            return redirect(request.get_full_path())
    context = {"form": form, "affiliations": affiliations, "owner": owner, "profile": profile}
    status = 400 if data is not None else None
    return render(request, "programs/manage/reviewer_profile.html", context, status=status)
