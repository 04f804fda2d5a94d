"""FIELD_ENCRYPTION_KEYS: the keys that encrypt health information at rest
(clinic/security/encryption.py).

A comma-separated list of Fernet keys in the environment: the first encrypts, every one
decrypts. Production must set it; development and tests derive a key from SECRET_KEY so that
`make run` needs no set-up.
"""

import base64
import hashlib
import os

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

SETTING = "FIELD_ENCRYPTION_KEYS"
HOW_TO_MAKE_ONE = (
    "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
)


def parse(text):
    """The keys of a comma-separated value, each checked to be a Fernet key."""
    keys = [key.strip() for key in (text or "").split(",") if key.strip()]
    if not keys:
        raise ImproperlyConfigured(f"{SETTING} is not set. Make a key with: {HOW_TO_MAKE_ONE}")
    for position, key in enumerate(keys, 1):
        try:
            Fernet(key)
        except ValueError:
            raise ImproperlyConfigured(
                f"{SETTING}: key {position} is not a Fernet key (32 url-safe base64-encoded "
                f"bytes). Make one with: {HOW_TO_MAKE_ONE}"
            ) from None
    return keys


def derived(secret_key):
    """A development key derived from SECRET_KEY."""
    digest = hashlib.sha256(b"clinic field encryption:" + secret_key.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def from_environment(development_secret=None):
    """The keys from the environment; in development, a derived key when none is set."""
    text = os.environ.get(SETTING, "")
    if not text.strip() and development_secret:
        text = derived(development_secret)
    return parse(text)
