"""make lighthouse: see __main__.py (run it with `python -m scripts.lighthouse`)."""
