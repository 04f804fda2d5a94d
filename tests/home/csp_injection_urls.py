"""The site's URLs plus one admin page that shows what a person typed without escaping it,
as an injection would: the test checks the admin's script policy still blocks it."""

from django import forms
from django.http import HttpResponse
from django.template import Context, Template
from django.urls import path
from wagtail.admin.widgets import AdminDateInput

from clinic.urls import urlpatterns as site_urlpatterns

PAGE = Template("<!doctype html><title>Injected</title>{{ form.as_p }}<p>{{ typed|safe }}</p>")


class DateForm(forms.Form):
    day = forms.DateField(widget=AdminDateInput)


def injected(request):
    context = {"form": DateForm(), "typed": request.GET.get("typed", "")}
    return HttpResponse(PAGE.render(Context(context)))


urlpatterns = [path("admin/injected/", injected), *site_urlpatterns]
