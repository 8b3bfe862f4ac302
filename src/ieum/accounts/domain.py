"""Memberships and invitations. Pages and the API both call these functions."""

from __future__ import annotations

from auditlog.context import set_actor
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from procrastinate.contrib.django import app

from ieum.accounts.access import forget_access
from ieum.accounts.enums import Role
from ieum.accounts.models import Invitation, Membership, User
from ieum.directory.enums import OrganizationKind
from ieum.directory.models import Organization

# The worker's task (tasks.py) that sends the invitation e-mail, queued by name so
# the domain does not import the task module.
INVITATION_EMAIL_TASK = "accounts.send_invitation_email"

# The roles an organization of each kind can give its people.
ROLES_BY_KIND: dict[str, set[str]] = {
    OrganizationKind.CLUSTER_OPERATOR: {Role.CLUSTER_STAFF, Role.EVENT_ORGANIZER},
    OrganizationKind.HOSPITAL: {Role.HOSPITAL_COORDINATOR, Role.REVIEWER},
    OrganizationKind.COMPANY: {Role.COMPANY_MEMBER},
    OrganizationKind.DEMAND_COMPANY: {Role.DEMAND_COMPANY_MEMBER},
    OrganizationKind.INVESTOR: {Role.INVESTOR, Role.REVIEWER},
    OrganizationKind.UNIVERSITY: {Role.REVIEWER, Role.EVENT_ORGANIZER},
    OrganizationKind.PUBLIC_AGENCY: {Role.PLATFORM_ADMIN, Role.EVENT_ORGANIZER, Role.REVIEWER},
}


def check_role_fits(*, organization: Organization, role: str) -> None:
    if role not in ROLES_BY_KIND.get(organization.kind, set()):
        raise ValidationError(
            {
                "role": _("A %(kind)s cannot give the role %(role)s.")
                % {"kind": organization.get_kind_display(), "role": Role(role).label}
            }
        )


@transaction.atomic
def add_membership(
    *,
    actor: User | None,
    user: User,
    organization: Organization,
    role: str,
    is_admin: bool = False,
    title: str = "",
) -> Membership:
    check_role_fits(organization=organization, role=role)
    with set_actor(actor):
        membership, created = Membership.objects.get_or_create(
            user=user,
            organization=organization,
            role=role,
            defaults={"is_admin": is_admin, "title": title},
        )
        if not created and is_admin and not membership.is_admin:
            membership.is_admin = True
            membership.save(update_fields=["is_admin", "updated_at"])
    if role == Role.PLATFORM_ADMIN and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    forget_access(user)
    return membership


def invite_member(*, actor: User, organization: Organization, email: str, role: str) -> Invitation:
    """Invite an e-mail address into an organization and send the invitation e-mail."""
    if not actor.has_perm("directory.invite_member", organization):
        raise PermissionDenied
    check_role_fits(organization=organization, role=role)
    email = email.strip().lower()
    if Membership.objects.filter(
        user__email__iexact=email, organization=organization, role=role
    ).exists():
        raise ValidationError({"email": _("This person already has this role here.")})
    try:
        with transaction.atomic(), set_actor(actor):
            invitation = Invitation.objects.create(
                email=email, organization=organization, role=role, invited_by=actor
            )
    except IntegrityError as error:
        raise ValidationError(
            {"email": _("An invitation for this address and role is already open.")}
        ) from error
    # The worker sends the e-mail once the invitation is committed.
    transaction.on_commit(
        lambda: app.configure_task(INVITATION_EMAIL_TASK).defer(invitation_id=invitation.pk)
    )
    return invitation


def send_invitation_email(*, invitation: Invitation) -> None:
    """In the inviting person's language; the invitee has no account yet to say theirs."""
    language = invitation.invited_by.preferred_language if invitation.invited_by else "ko"
    with translation.override(language):
        context = {
            "invitation": invitation,
            "accept_url": settings_site_url()
            + reverse("accounts:accept_invitation", kwargs={"token": invitation.token}),
        }
        subject = _("Invitation to %(organization)s on Ieum") % {
            "organization": invitation.organization.name
        }
        body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])


def settings_site_url() -> str:
    return getattr(settings, "IEUM_SITE_URL", "http://127.0.0.1:8000")


def open_invitation(*, token: str) -> Invitation:
    invitation = Invitation.objects.select_related("organization").filter(token=token).first()
    if invitation is None or not invitation.is_open:
        raise ValidationError(_("This invitation is unknown, used or expired."))
    return invitation


@transaction.atomic
def accept_invitation(
    *, token: str, user: User | None = None, full_name: str = "", password: str = ""
) -> Membership:
    """Accept an invitation as the signed-in person, or as a new account for its address.

    The invitation row is locked, so two simultaneous acceptances give one membership.
    """
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("organization")
        .filter(token=token)
        .first()
    )
    if invitation is None or not invitation.is_open:
        raise ValidationError(_("This invitation is unknown, used or expired."))
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                _("An account with this address exists: sign in, then open the link again.")
            )
        user = User.objects.create_user(invitation.email, password, full_name=full_name)
    elif user.email.lower() != invitation.email.lower():
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    membership = add_membership(
        actor=user, user=user, organization=invitation.organization, role=invitation.role
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    with set_actor(user):
        invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    return membership
