"""Reading settings from environment variables."""

import os


def env_switch(name, default):
    """An on/off environment variable: on, true or 1 (any case) is on."""
    return (os.environ.get(name) or default).lower() in ("on", "true", "1")


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]
