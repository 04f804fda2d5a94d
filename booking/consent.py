"""The consent text a visitor agrees to, versioned.

Each submission stores the version it was given under. Never edit a published
version's words: add a new version and point CURRENT_CONSENT_VERSION at it, so
every stored request still says exactly what its sender agreed to.
"""

from django.utils.translation import get_language

CONSENT_VERSIONS = {
    "2026-11-v1": (
        "I agree that Northbridge Mind Clinic may store the details I give in this form, "
        "which may include health information, and use them only to contact me about "
        "booking a consultation. Requests are deleted after twelve months."
    ),
    # The same promise in Spanish, for the Spanish booking page: a version of its own, so a
    # request says in which words its sender agreed.
    "2026-12-es-v1": (
        "Acepto que Northbridge Mind Clinic guarde los datos que doy en este formulario, que "
        "pueden incluir información sobre mi salud, y que los use solo para comunicarse "
        "conmigo sobre una consulta. Las solicitudes se borran a los doce meses."
    ),
}

CURRENT_CONSENT_VERSION = "2026-11-v1"
# The version a page in another language gives; English for any language not listed.
CURRENT_BY_LANGUAGE = {"es": "2026-12-es-v1"}


def current_consent_version():
    """The version a visitor is given now: the one in the address's language."""
    return CURRENT_BY_LANGUAGE.get(get_language(), CURRENT_CONSENT_VERSION)


def consent_text(version=None):
    return CONSENT_VERSIONS[version or current_consent_version()]
