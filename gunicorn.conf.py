"""gunicorn's settings for the clinic site (read from the working directory by default).

The application is loaded once, in the master, before the workers are forked: Django, Wagtail,
the URL patterns and the compiled templates (clinic/wsgi.py warms them) are then shared by
every worker, and no visitor's request is a worker's first contact with any of them.
"""

import os

preload_app = True
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
# The reverse proxy in front buffers slow clients; sync workers suit that.
worker_class = "sync"
