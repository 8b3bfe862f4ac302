from django import template
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters changed (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(sorted(params.lists()), doseq=True)


@register.filter
def krw(value) -> str:
    """Korean won with thousands separators."""
    if value in (None, ""):
        return "—"
    return f"₩{int(value):,}"


@register.filter
def split_words(value: str) -> list[str]:
    return value.split()
