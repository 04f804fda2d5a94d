"""Start-up checks that need the database (run by `migrate` and `check --database default`)."""

from cryptography.fernet import InvalidToken
from django.core.checks import Error, Tags, register
from django.db import DatabaseError

from . import encryption, reviewed_content


@register(Tags.database)
def stored_values_decrypt(app_configs=None, databases=None, **kwargs):
    """The newest encrypted value of each field opens with FIELD_ENCRYPTION_KEYS: a wrong or
    missing key stops the deployment here, instead of every request page saying "cannot be
    decrypted" later."""
    if not databases:
        return []
    errors = []
    for model, field in encryption.encrypted_columns():
        try:
            newest = encryption.stored_tokens(model, field).order_by("-pk").first()
        except DatabaseError:
            return []  # not migrated yet: nothing stored to check
        if newest is None or not encryption.is_token(newest[1]):
            continue  # nothing stored, or not encrypted yet (the migration that does it is next)
        try:
            encryption.decrypt(newest[1])
        except InvalidToken:
            errors.append(
                Error(
                    f"{model._meta.label}.{field.name}: the stored values cannot be decrypted "
                    f"with {encryption.SETTING}.",
                    hint="Put the key that encrypted them back in FIELD_ENCRYPTION_KEYS (after "
                    "the new one, if you are changing keys).",
                    id="clinic.E001",
                )
            )
    return errors


@register(Tags.models)
def health_page_fields_are_placed(app_configs=None, **kwargs):
    """Every field of a health page model is either covered by the sign-off or named as not
    covered (clinic/reviewed_content.py): a new field is never left out of review unnoticed."""
    from .review import review_page_models

    return [
        Error(
            f"{model._meta.label}.{name} is in neither reviewed_fields nor unreviewed_fields.",
            hint="Add it to reviewed_fields if visitors read it as part of the health "
            "information; otherwise to unreviewed_fields.",
            obj=model,
            id="clinic.E002",
        )
        for model in review_page_models()
        for name in reviewed_content.unreviewed_fields_check(model)
    ]
