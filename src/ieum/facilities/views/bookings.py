from django.shortcuts import get_object_or_404, render

from ieum.facilities.models import Booking


def booking_detail(request, pk: int):
    booking = get_object_or_404(Booking, pk=pk)
    return render(request, "facilities/booking.html", {"booking": booking})
