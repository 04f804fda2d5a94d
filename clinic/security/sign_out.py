"""Signing out of the admin: only a POST signs out; a GET asks.

Django 5's LogoutView answers a GET with 405, but Wagtail's admin view deletes the session
cookie on every answer, so `GET /admin/logout/` used to drop the cookie while the session
stayed valid on the server (anyone holding the old session key stayed signed in, and nothing
was logged). Here a GET (a bookmarked link, a link on another site) changes nothing and shows
a "Sign out" button; the POST it sends signs out for real: the session row is deleted, every
other session of the person ends, and the audit log says so (clinic/security/staff_sessions.py).
"""

from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from wagtail.admin.views.account import LogoutView


class SignOutView(LogoutView):
    http_method_names = ["get", "post", "options"]

    def dispatch(self, request, *args, **kwargs):
        if request.method == "GET":
            return self.ask(request)
        return super().dispatch(request, *args, **kwargs)

    def ask(self, request):
        response = TemplateResponse(request, "clinic/sign_out.html", {"heading": "Sign out"})
        add_never_cache_headers(response)
        return response
