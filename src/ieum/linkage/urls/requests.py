"""Routes for requests (filled by the area that owns it)."""

urlpatterns: list = []
