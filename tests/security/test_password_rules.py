"""The password rules of clinic/settings/base.py (AUTH_PASSWORD_VALIDATORS): at least 12
characters, no maximum below 64, not a common password, not all digits, not the username."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import UserFactory


def refusal_codes(password, user=None):
    try:
        validate_password(password, user)
    except ValidationError as error:
        return {e.code for e in error.error_list}
    return set()


def test_11_characters_are_too_short():
    assert refusal_codes("Qz7#mLp2vRx") == {"password_too_short"}


def test_12_uncommon_characters_are_enough():
    assert refusal_codes("Qz7#mLp2vRxw") == set()


def test_a_long_passphrase_is_accepted():
    passphrase = ("lanterns drift over the quiet harbour at dusk " * 3)[:100]
    assert len(passphrase) == 100
    assert refusal_codes(passphrase) == set()
    assert refusal_codes("x7" * 512) == set()  # no maximum length at all


@pytest.mark.parametrize("password", ["qwerty123456", "Qwertyqwerty", "1q2w3e4r5t6y"])
def test_common_passwords_are_refused_however_long(password):
    assert "password_too_common" in refusal_codes(password)


def test_digits_only_are_refused():
    assert "password_entirely_numeric" in refusal_codes("804271593316")


@pytest.mark.django_db
def test_a_password_like_the_username_is_refused():
    user = UserFactory(username="marguerite.okonkwo", email="marguerite@example.com")
    assert "password_too_similar" in refusal_codes("marguerite.okonkwo", user)
