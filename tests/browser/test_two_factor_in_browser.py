"""A Booking manager turns on two-factor sign-in in Chromium, then signs in with it.

After the password step the manager is taken to set-up: they read the key off the page as an
authenticator app would from the QR code, type the app's code, keep the recovery codes and
reach the dashboard. On the next sign-in, the admin asks for a code first.
"""

import base64
import tempfile
from pathlib import Path

import pytest
from django_otp.oath import totp

from tests.browser.conftest import axe_violations, describe

PASSWORD = "a-long-test-password"  # every UserFactory user's (tests/factories.py)
SCREENSHOTS = Path(tempfile.gettempdir())  # two-factor-*.png, to look at after a run


@pytest.fixture(autouse=True)
def managers_must_use_it(settings):
    settings.STAFF_MFA = "managers"


def app_code(key_text, offset=0):
    """What an authenticator app shows for the key on the page (base32, in groups of four)."""
    secret = key_text.replace(" ", "")
    secret += "=" * (-len(secret) % 8)
    return f"{totp(base64.b32decode(secret), t0=-offset * 30):06d}"


def sign_in_with_password(page, username):
    page.goto(page.base_url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_manager_enrols_an_authenticator_and_signs_in_with_it(site_page, booking_manager):
    page = site_page
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_with_password(page, booking_manager.username)
    page.wait_for_url("**/admin/two-factor/setup/**")
    assert page.locator('img[alt^="QR code"]').is_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.screenshot(path=SCREENSHOTS / "two-factor-setup.png", full_page=True)

    key = page.locator("#two-factor-key").inner_text()
    page.get_by_label("Code").fill(app_code(key))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.locator("#recovery-codes li").first.wait_for()
    codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    page.screenshot(path=SCREENSHOTS / "two-factor-recovery-codes.png", full_page=True)
    page.get_by_role("link", name="I have saved them: continue").click()
    page.wait_for_url(page.base_url + "/admin/")
    assert page.get_by_role("heading", name="Booking requests").is_visible()

    # Next time: password, then a code from the app (the next one: the last was used).
    page.context.clear_cookies()
    sign_in_with_password(page, booking_manager.username)
    page.wait_for_url("**/admin/two-factor/verify/**")
    page.screenshot(path=SCREENSHOTS / "two-factor-verify.png", full_page=True)
    page.get_by_label("Code").fill(app_code(key, offset=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(page.base_url + "/admin/")


def test_a_wrong_code_shows_a_visible_error_and_codes_can_be_copied(site_page, booking_manager):
    """Wagtail's sign-in stylesheet hides field errors on this layout: the alert must show."""
    page = site_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in_with_password(page, booking_manager.username)
    page.wait_for_url("**/admin/two-factor/setup/**")
    key = page.locator("#two-factor-key").inner_text()
    page.get_by_label("Code").fill(app_code(key))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.get_by_role("button", name="Copy the codes").click()
    page.get_by_text("Copied. Paste them somewhere safe.").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()").split()
    assert copied == page.locator("#recovery-codes li").all_inner_texts()
    assert page.get_by_role("button", name="Print the codes").is_visible()
    page.screenshot(path=SCREENSHOTS / "two-factor-recovery-codes-buttons.png", full_page=True)
    # Printed: the codes, without the buttons or the way on.
    page.emulate_media(media="print")
    assert page.locator("#recovery-codes").is_visible()
    assert not page.get_by_role("button", name="Print the codes").is_visible()
    assert not page.get_by_role("link", name="I have saved them: continue").is_visible()
    page.screenshot(path=SCREENSHOTS / "two-factor-recovery-codes-printed.png", full_page=True)
    page.emulate_media(media="screen")

    page.context.clear_cookies()
    sign_in_with_password(page, booking_manager.username)
    page.wait_for_url("**/admin/two-factor/verify/**")
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert alert.is_visible()
    assert "That code is not right" in alert.inner_text()
    page.screenshot(path=SCREENSHOTS / "two-factor-wrong-code.png", full_page=True)
    violations = axe_violations(page)
    assert not violations, describe(violations)
