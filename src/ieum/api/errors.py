"""API errors: every failure answers JSON with a translated message, never a 500 page."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from ieum.core.errors import Conflict


def handle_api_exception(exc, context):
    # Taken time or a step the state does not allow: 409, so clients can tell it from a
    # malformed request.
    if isinstance(exc, Conflict):
        return Response({"detail": exc.messages[0]}, status=status.HTTP_409_CONFLICT)
    # Domain functions raise Django's ValidationError; the API answers it as a 400.
    if isinstance(exc, ValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    return exception_handler(exc, context)
