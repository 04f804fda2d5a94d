"""The public site speaks Spanish when Spanish is active: every visitor-facing string of the
templates and forms is in locale/es's catalogue, translated (none fuzzy, placeholders kept), and
the crisis bar, footer, booking form, review dates and 404 page render in Spanish."""

import ast
import datetime
import re
import shutil
import subprocess
import sys
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from booking.forms import BookingFormBuilder
from clinic.practice.working_days import date_in_words, working_days_in_words
from clinic.settings.base import BASE_DIR

CATALOGUE = BASE_DIR / "locale" / "es" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")
# What makemessages scans (the django domain: .html, .txt, .py); the rest is not source.
NOT_SOURCE = (".venv", ".tools", ".git", "node_modules", "media", "staticfiles", "locale")


def entries(path):
    """Each live entry of a .po file: {"msgctxt", "msgid", "msgid_plural", "msgstr[n]"...,
    "flags"}; obsolete (#~) entries and the header are left out."""
    found, current, key = [], {"flags": set()}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current.get("msgid"):
                found.append(current)
            current, key = {"flags": set()}, None
        elif line.startswith("#,"):
            current["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif match := re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$', line):
            key = match.group(1)
            current[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
    return found


def translations(entry):
    return [value for key, value in entry.items() if key.startswith("msgstr")]


def test_every_spanish_entry_is_translated_and_none_is_fuzzy():
    catalogue = entries(CATALOGUE)
    assert len(catalogue) > 200
    untranslated = [e["msgid"] for e in catalogue if not all(translations(e))]
    fuzzy = [e["msgid"] for e in catalogue if "fuzzy" in e["flags"]]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy
    header = CATALOGUE.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert "#, fuzzy" not in header
    assert '"Language: es\\n"' in header


def test_spanish_plurals_fill_every_form_and_keep_the_placeholders():
    """Spanish has three plural forms in Django's catalogues; a translation that drops or
    renames a placeholder would fail when formatted (or show the wrong value)."""
    for entry in entries(CATALOGUE):
        if "msgid_plural" in entry:
            assert {"msgstr[0]", "msgstr[1]", "msgstr[2]"} <= set(entry), entry["msgid"]
        wanted = set(PLACEHOLDER.findall(entry["msgid"]))
        for text in translations(entry):
            assert set(PLACEHOLDER.findall(text)) == wanted, (entry["msgid"], text)


def test_every_translatable_string_in_the_code_is_in_the_spanish_catalogue(tmp_path):
    """makemessages run on a copy of the sources: any msgid it finds that locale/es lacks is
    a string someone wrapped but nobody translated."""
    copy = tmp_path / "site"
    shutil.copytree(
        BASE_DIR,
        copy,
        symlinks=True,
        ignore=lambda folder, names: [
            name
            for name in names
            if name in NOT_SOURCE
            or (
                (BASE_DIR / folder / name).is_file() and not name.endswith((".py", ".html", ".txt"))
            )
        ],
    )
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = {
        (e.get("msgctxt"), e["msgid"]) for e in entries(copy / CATALOGUE.relative_to(BASE_DIR))
    }
    have = {(e.get("msgctxt"), e["msgid"]) for e in entries(CATALOGUE)}
    assert len(fresh) > 200
    missing = sorted(fresh - have, key=str)
    assert not missing, f"run makemessages -l es and translate these: {missing}"


# Rendering with Spanish active ---------------------------------------------------------------


def clinic_settings():
    """What the crisis bar and footer read of ClinicSettings, without a database."""
    line = {"name": "988 Suicide & Crisis Lifeline", "phone": "988", "sms": "988"}
    hours = [{"value": {"label": "Monday", "opens": datetime.time(9), "closes": datetime.time(17)}}]
    return SimpleNamespace(
        name="Northbridge Mind Clinic",
        phone="(603) 555-0140",
        email="hello@clinic.example",
        one_line_address="",
        crisis_url="/crisis-help/",
        crisis_lines_shown=[
            {"value": line},
            {"value": {"name": "Emergency", "phone": "911", "emergency": True}},
        ],
        opening_hours_shown=hours,
        opening_hours=hours,
        fees_url="/fees/",
        editorial_policy_url="",
        accessibility_url="",
        language_assistance_url="/language/",
    )


def test_crisis_bar_and_footer_render_in_spanish():
    context = {"cs": clinic_settings()}
    with translation.override("es"):
        html = render_to_string("includes/crisis_bar.html", context)
        html += render_to_string("includes/footer.html", context)
    for spanish in (
        "¿Necesita ayuda ahora?",
        "llame al 988",
        "envíe un mensaje de texto al 988",
        "Emergencia:",
        "Horario de atención",
        "de 9:00 a.m. a 5:00 p.m.",
        "Ayuda urgente",
        "Precios y seguros",
        "La información de este sitio no sustituye los consejos de su propio médico.",
    ):
        assert spanish in html, spanish
    for english in ("Need help now?", "call 988", "Opening hours", "Urgent help", " to 5:00"):
        assert english not in html, english


def test_crisis_line_fallback_gives_the_spanish_988_instructions():
    with translation.override("es"):
        html = render_to_string("includes/crisis_lines.html", {"cs": None})
    assert "llame al 988 y marque 2, o envíe AYUDA por mensaje de texto al 988" in html
    assert "llame al 911" in html
    assert "Call 911" not in html


def test_booking_form_fixed_labels_and_errors_are_spanish():
    with translation.override("es"):
        form = BookingFormBuilder([], service_pages=[]).get_form_class()({})
        assert not form.is_valid()
        html = render_to_string("booking/includes/questions.html", {"form": form})
        html += render_to_string("includes/error_summary.html", {"form": form})
        html += render_to_string("booking/includes/not_for_urgent_help.html", {"cs": None})
    for spanish in (
        "Nombre completo",
        "(obligatorio)",
        "(opcional)",
        "¿Cómo prefiere que nos comuniquemos con usted?",
        "Cualquiera de los dos",
        "Aún no lo sé",
        "Hay un problema con su solicitud",
        "Escriba su nombre completo.",
        "Este formulario no es para pedir ayuda urgente",
    ):
        assert spanish in html, spanish
    for english in ("Full name", "(required)", "Enter your full name.", "Either is fine"):
        assert english not in html, english


def test_review_dates_read_as_spanish_dates():
    page = SimpleNamespace(
        last_reviewed=datetime.date(2026, 3, 3),
        next_review_due=datetime.date(2027, 3, 3),
        reviewer=None,
    )
    with translation.override("es"):
        html = render_to_string("includes/review_dates.html", {"page": page})
    assert "Última revisión de la página:" in html
    assert "3 de marzo de 2026" in html
    assert "Próxima revisión prevista:" in html
    assert "Page last reviewed" not in html and "March" not in html


def test_reply_promise_is_worded_in_spanish():
    with translation.override("es"):
        assert working_days_in_words(1) == "un día hábil"
        assert working_days_in_words(2) == "dos días hábiles"
        assert working_days_in_words(12) == "12 días hábiles"
        day = datetime.date(2026, 12, 1)
        assert date_in_words(day, today=day) == "martes 1 de diciembre"
    assert working_days_in_words(2) == "two working days"


@pytest.mark.django_db
def test_page_not_found_is_spanish_at_a_spanish_address(client):
    response = client.get("/es/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="es"' in html
    assert "No encontramos esa página" in html
    assert "Saltar al contenido principal" in html
    assert "We could not find that page" not in html
    assert "Skip to main content" not in html
