"""The Content-Security-Policy middleware: strict on the site, workable in Wagtail's admin.

Public pages get the policy in settings as it is: scripts and styles from the site's own
origin only, and no framing. Wagtail 8's admin still prints inline scripts (panel, chooser and
date-picker set-up) and inline styles, so its pages, which only signed-in staff see, allow
inline styles, may frame themselves, and allow the inline scripts that carry this response's
nonce. Only Wagtail's own script-printing templates and widgets carry it: the overrides in
clinic/templates/wagtailadmin/ print `{% admin_script_nonce %}` and the choosers' `render` is
wrapped below. Nothing rewrites a response body, so a `<script>` that reached a page any
other way (an injection) has no nonce and stays blocked.

The nonce reaches templates through a context variable, not the template context: Django's
form renderer draws widgets without the request. For the same reason the overrides live in
this app's templates/ folder, not the project's: the form renderer reads app folders only.

A preview is rendered by Wagtail as a request for the page's public path, run through this
whole middleware chain inside the admin's own request (`make_preview_request`, which flags
that request `is_dummy` for middleware). It gets the public policy, except that the site's
own origin may frame it (the admin's preview and Checks panels); the admin's pass then
leaves it as it is.

Pictures kept on object storage load from its origin (clinic/serving/media_storage.py): every
policy, the site's and the admin's, allows images from there too.
"""

from contextvars import ContextVar

from csp.constants import HEADER, NONCE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from clinic.serving.media_storage import media_origin

# The nonce of the admin request being answered; None while answering anything else.
_admin_nonce = ContextVar("admin_script_nonce", default=None)


def admin_script_nonce():
    """` nonce="…"` for a script Wagtail's admin prints, or "" outside an admin request."""
    nonce = _admin_nonce.get()
    return format_html(' nonce="{}"', str(nonce)) if nonce is not None else ""


def nonced_script(js):
    """An inline admin script (trusted code, not user content) that this response allows."""
    return mark_safe(f"<script{admin_script_nonce()}>{js}</script>")  # noqa: S308


class ClinicCSPMiddleware(CSPMiddleware):
    def process_request(self, request):
        super().process_request(request)
        # Every request sets its own value (a preview, run inside the admin's request, gets
        # none), and puts the previous one back when it is answered.
        nonce = request.csp_nonce if self.is_admin_path(request) else None
        request._clinic_nonce_token = _admin_nonce.set(nonce)

    def process_response(self, request, response):
        token = getattr(request, "_clinic_nonce_token", None)
        if token is not None:
            _admin_nonce.reset(token)
        if getattr(request, "is_dummy", False):
            response._csp_replace = {"frame-ancestors": [SELF]}
        elif self.is_admin_page(request, response):
            response._csp_update = {"script-src": [NONCE], "style-src": [UNSAFE_INLINE]}
            response._csp_replace = {"frame-ancestors": [SELF]}
        allow_media_origin(response)
        return super().process_response(request, response)

    @staticmethod
    def is_admin_path(request):
        return request.path_info.startswith(reverse("wagtailadmin_home"))

    @classmethod
    def is_admin_page(cls, request, response):
        return (
            cls.is_admin_path(request)
            and HEADER not in response  # a preview: its policy was set for its public path
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        )


def allow_media_origin(response):
    """Add the media storage's origin, when it is not the site's, to the images allowed."""
    origin = media_origin()
    if origin:
        update = dict(getattr(response, "_csp_update", None) or {})
        update["img-src"] = [*update.get("img-src", []), origin]
        response._csp_update = update


def render_chooser_with_nonce(widget, name, value, attrs=None, renderer=None):
    """Wagtail's BaseChooser.render (wagtail/admin/widgets/chooser.py), its set-up script
    carrying the admin nonce. The script is the widget's own: its id and options, as JSON."""
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as error:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
    value_data = widget.get_value_data(value)
    html = widget.render_html(name, value_data, attrs)
    return mark_safe(html + nonced_script(widget.render_js_init(id_, name, value_data)))  # noqa: S308


def install_chooser_nonce():
    """Called once at start-up (clinic/apps.py)."""
    from wagtail.admin.widgets.chooser import BaseChooser

    BaseChooser.render = render_chooser_with_nonce
