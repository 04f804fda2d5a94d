"""The site's URLs plus one admin page that shows what a person typed without escaping it,
as an injection would: the tests check the admin's script policy still blocks it while
Wagtail's own scripts on the same page (a date picker) run."""

from django import forms
from django.http import HttpResponse
from django.template import engines
from django.urls import path
from wagtail.admin.widgets import AdminDateInput

from clinic.urls import urlpatterns as site_urlpatterns

PAGE = engines["django"].from_string(
    '{% extends "wagtailadmin/base.html" %}{% block titletag %}Injected{% endblock %}'
    "{% block content %}{{ form.media }}{{ form.as_p }}<p>{{ typed|safe }}</p>{% endblock %}"
)


class DateForm(forms.Form):
    day = forms.DateField(widget=AdminDateInput)


def injected(request):
    context = {"form": DateForm(), "typed": request.GET.get("typed", "")}
    return HttpResponse(PAGE.render(context, request))


urlpatterns = [path("admin/injected/", injected), *site_urlpatterns]
