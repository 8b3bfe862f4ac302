"""Venture cafe pages: the programme, sessions, mentors' slots and the door list."""

from django.urls import path

from ieum.partnering.views import cafe

urlpatterns = [
    path("cafe/mentoring/", cafe.my_mentoring, name="my_mentoring"),
    path("cafe/sessions/<int:pk>/edit/", cafe.session_edit, name="cafe_session_edit"),
    path("cafe/sessions/<int:pk>/register/", cafe.register, name="cafe_register"),
    path("cafe/places/<int:pk>/cancel/", cafe.unregister, name="cafe_unregister"),
    path("cafe/places/<int:pk>/attended/", cafe.mark_attended, name="cafe_mark_attended"),
    path("cafe/slots/<int:pk>/cancel/", cafe.cancel_booking, name="cafe_cancel_booking"),
    path("cafe/slots/<int:pk>/withdraw/", cafe.withdraw_slot, name="cafe_withdraw_slot"),
    path("cafe/<slug:slug>/", cafe.cafe, name="cafe"),
    path("cafe/<slug:slug>/sessions/new/", cafe.session_create, name="cafe_session_create"),
    path("cafe/<slug:slug>/mentors/", cafe.mentor_slots, name="cafe_mentor_slots"),
    path("cafe/<slug:slug>/book/", cafe.book_slot, name="cafe_book_slot"),
    path("cafe/<slug:slug>/attendance/", cafe.attendance, name="cafe_attendance"),
]
