"""Routes for offerings (filled by the area that owns it)."""

urlpatterns: list = []
