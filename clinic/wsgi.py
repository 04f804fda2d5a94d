"""WSGI entry point for gunicorn; production settings unless told otherwise."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings.production")

application = get_wsgi_application()

# Django, Wagtail and every model and setting are loaded now and live as long as the process.
# Moved out of the collector's sight, they no longer make each full collection walk them:
# one took about 100 ms in the middle of a page view (the slowest view of a worker).
gc.freeze()
