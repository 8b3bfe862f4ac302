from django.shortcuts import get_object_or_404, render

from ieum.facilities.models import Resource


def resource_list(request):
    return render(request, "facilities/list.html", {"resources": Resource.objects.all()[:50]})


def resource_detail(request, pk: int):
    resource = get_object_or_404(Resource, pk=pk)
    return render(request, "facilities/resource.html", {"resource": resource})
