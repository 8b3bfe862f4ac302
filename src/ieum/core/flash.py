"""Showing why something was refused on the next page, as error messages."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError


def flash_errors(request, source: ValidationError | PermissionDenied | forms.Form) -> None:
    """One error message per problem of a refused form or domain call."""
    if isinstance(source, forms.Form):
        problems = [message for errors in source.errors.values() for message in errors]
    elif isinstance(source, ValidationError):
        problems = source.messages
    else:
        problems = [str(source)]
    for problem in problems:
        messages.error(request, problem)
