"""WSGI entry point for gunicorn; production settings unless told otherwise."""

import gc
import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings.production")

application = get_wsgi_application()


def warm_up():
    """Load once, before gunicorn forks its workers (preload_app), what the first request of each
    worker would otherwise load: the URL patterns and the site's own templates."""
    from django.conf import settings
    from django.template import TemplateSyntaxError, engines
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every app's URL module)
    engine = engines["django"]
    for template_dir in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(template_dir).rglob("*.html")):
            try:
                engine.get_template(path.relative_to(template_dir).as_posix())  # now cached
            except TemplateSyntaxError:
                continue  # an override that only loads inside the admin's own context


warm_up()

# Django, Wagtail and every model and setting are loaded now and live as long as the process.
# Moved out of the collector's sight, they no longer make each full collection walk them:
# one took about 100 ms in the middle of a page view (the slowest view of a worker).
gc.freeze()
