"""Encryption at rest for health information: model fields whose values the database never sees.

Values are encrypted with Fernet (AES-128-CBC with an HMAC-SHA256 tag, from `cryptography`),
under the keys in FIELD_ENCRYPTION_KEYS: the first encrypts, every one decrypts, so a new key
goes first and the old one stays until `manage.py rotate_encryption_key` has re-encrypted
every row. A value that no key opens (a lost key, a tampered row) comes back as
`UNDECRYPTABLE`-flagged data, never an exception: one bad row must not take a page down, and
the views say "cannot be decrypted" for it.
"""

import base64
import binascii
import json
import logging
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.signals import setting_changed
from django.db import DatabaseError, models
from django.db.models import Value
from django.db.models.functions import Cast

logger = logging.getLogger("clinic.security.encryption")

SETTING = "FIELD_ENCRYPTION_KEYS"  # read by clinic/settings/encryption_keys.py
FERNET_OVERHEAD = 57  # version, timestamp, IV and HMAC: a token is never shorter


@lru_cache(maxsize=1)
def _fernet(keys):
    return MultiFernet([Fernet(key) for key in keys])


def fernet():
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def primary():
    return Fernet(settings.FIELD_ENCRYPTION_KEYS[0])


def _forget_keys(setting, **kwargs):
    if setting == SETTING:
        _fernet.cache_clear()


setting_changed.connect(_forget_keys)


def encrypt(text):
    return fernet().encrypt(text.encode()).decode()


def decrypt(token):
    """The plain text of a token; raises InvalidToken when no key opens it."""
    return fernet().decrypt(token.encode()).decode()


def is_token(value):
    """Whether a stored value is a Fernet token (version byte 0x80), not plain text."""
    try:
        data = base64.urlsafe_b64decode(value.encode())
    except (ValueError, binascii.Error):
        return False
    return len(data) >= FERNET_OVERHEAD and data[0] == 0x80


def is_current(token):
    """Whether the first key encrypted this token (rotation skips such rows)."""
    try:
        primary().decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def rotate(token):
    """The same value, encrypted with the first key; raises InvalidToken when no key opens it."""
    return fernet().rotate(token.encode()).decode()


class UndecryptableData(dict):
    """Stands in for a JSON value no key opens: empty, and says so."""

    undecryptable = True


class UndecryptableText(str):
    undecryptable = True


def undecryptable(value):
    return getattr(value, "undecryptable", False)


class EncryptedFieldMixin:
    """A text column holding a Fernet token; Python sees the plain value."""

    def to_plain(self, value):
        raise NotImplementedError

    def from_plain(self, text):
        raise NotImplementedError

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        try:
            return self.from_plain(decrypt(value))
        except (InvalidToken, ValueError):
            # The row's key only, never its content: a lost key or a tampered row.
            logger.error("A %s value cannot be decrypted (%s).", self.model.__name__, self.name)
            return self.undecryptable_value

    def get_prep_value(self, value):
        if value is None:
            return None
        if undecryptable(value):
            raise ValueError("An undecryptable value cannot be saved back: it would be lost.")
        return encrypt(self.to_plain(value))


class EncryptedJSONField(EncryptedFieldMixin, models.TextField):
    """JSON, encrypted. No lookups into it: the database cannot read it, by design."""

    undecryptable_value = UndecryptableData()

    def __init__(self, *args, encoder=None, **kwargs):
        self.encoder = encoder
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.encoder is not None:
            kwargs["encoder"] = self.encoder
        return name, path, args, kwargs

    def to_plain(self, value):
        return json.dumps(value, cls=self.encoder)

    def from_plain(self, text):
        return json.loads(text)

    def to_python(self, value):
        return value

    def value_to_string(self, obj):
        return self.to_plain(self.value_from_object(obj))


class EncryptedTextField(EncryptedFieldMixin, models.TextField):
    undecryptable_value = UndecryptableText("")

    def to_plain(self, value):
        return str(value)

    def from_plain(self, text):
        return text


# The rows behind the fields -------------------------------------------------------------------


def encrypted_columns():
    """(model, field) for every encrypted field of every installed model."""
    from django.apps import apps

    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedFieldMixin)
    ]


def stored_tokens(model, field, after_pk=0, limit=None):
    """(pk, token) of the rows after `after_pk`, as stored: read as text, not decrypted."""
    rows = (
        model._base_manager.filter(pk__gt=after_pk)
        .exclude(**{f"{field.attname}__isnull": True})
        .order_by("pk")
        .annotate(stored=Cast(field.attname, models.TextField()))
        .values_list("pk", "stored")
    )
    return rows[:limit] if limit else rows


def store_token(model, field, pk, token):
    """Write a token as it is: a plain Value, so the field does not encrypt it again."""
    model._base_manager.filter(pk=pk).update(
        **{field.attname: Value(token, output_field=models.TextField())}
    )


@register(Tags.database)
def stored_values_decrypt(app_configs=None, databases=None, **kwargs):
    """The newest encrypted value of each field opens with FIELD_ENCRYPTION_KEYS: a wrong or
    missing key stops the deployment here, instead of every request page saying "cannot be
    decrypted" later."""
    if not databases:
        return []
    errors = []
    for model, field in encrypted_columns():
        try:
            newest = stored_tokens(model, field).order_by("-pk").first()
        except DatabaseError:
            return []  # not migrated yet: nothing stored to check
        if newest is None or not is_token(newest[1]):
            continue  # nothing stored, or not encrypted yet (the migration that does it is next)
        try:
            decrypt(newest[1])
        except InvalidToken:
            errors.append(
                Error(
                    f"{model._meta.label}.{field.name}: the stored values cannot be decrypted "
                    f"with {SETTING}.",
                    hint="Put the key that encrypted them back in FIELD_ENCRYPTION_KEYS (after "
                    "the new one, if you are changing keys).",
                    id="clinic.E001",
                )
            )
    return errors
