"""Routes for reports (filled by the area that owns it)."""

urlpatterns: list = []
