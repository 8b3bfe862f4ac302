"""Routes for inboxes (filled by the area that owns it)."""

urlpatterns: list = []
