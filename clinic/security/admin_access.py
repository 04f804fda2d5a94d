"""Admin pages for administrators only: the view guard and the menu item that go with them."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.menu import MenuItem


def superusers_only(view):
    def wrapped(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser
