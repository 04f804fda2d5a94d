"""The production settings plus the bench-only floor app (scripts/floor): for
scripts/bench_render.py only. The site itself never installs that app."""

from clinic.settings.production import *  # noqa: F403
from clinic.settings.production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "scripts.floor"]
