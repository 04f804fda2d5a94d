"""Wagtail reads the app's admin hooks here; each concern registers its own."""

from clinic.editorial import hooks as editorial_hooks  # noqa: F401
from clinic.plain_language import hooks as plain_language_hooks  # noqa: F401
from clinic.practice import hooks as practice_hooks  # noqa: F401
from clinic.security import hooks as security_hooks  # noqa: F401
from clinic.serving import hooks as serving_hooks  # noqa: F401
