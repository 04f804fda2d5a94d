"""Answers and notes move to encrypted columns; the rows already stored are encrypted."""

import django.core.serializers.json
from django.db import migrations

import clinic.security.encryption
from clinic.security.encryption import decrypt, encrypt, is_token

ENCRYPTED_COLUMNS = [("booking_bookingsubmission", "form_data"), ("booking_bookingnote", "text")]


def rewrite(schema_editor, change):
    """Apply `change` to every value of the encrypted columns, with plain SQL: the model
    fields would decrypt on reading, and these values are not encrypted yet (or any more)."""
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    for table, column in ENCRYPTED_COLUMNS:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id, {quote(column)} FROM {quote(table)}")
            rows = cursor.fetchall()
            for pk, value in rows:
                new = change(value) if value is not None else None
                if new != value:
                    cursor.execute(
                        f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s", [new, pk]
                    )


def encrypt_stored(apps, schema_editor):
    rewrite(schema_editor, lambda value: value if is_token(value) else encrypt(value))


def decrypt_stored(apps, schema_editor):
    rewrite(schema_editor, lambda value: decrypt(value) if is_token(value) else value)



class Migration(migrations.Migration):

    dependencies = [
        ('booking', '0007_inbox_indexes_for_open_and_received'),
    ]

    operations = [
        migrations.AlterField(
            model_name='bookingnote',
            name='text',
            field=clinic.security.encryption.EncryptedTextField(max_length=5000),
        ),
        migrations.AlterField(
            model_name='bookingsubmission',
            name='form_data',
            field=clinic.security.encryption.EncryptedJSONField(encoder=django.core.serializers.json.DjangoJSONEncoder),
        ),
        migrations.RunPython(encrypt_stored, decrypt_stored),
]
