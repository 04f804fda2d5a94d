"""The framework floor of scripts/bench_render.py: the least a Wagtail page can cost.

A bench-only app, installed by scripts/bench_settings.py and never by the site's settings.
"""
