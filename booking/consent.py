"""The consent text a visitor agrees to, versioned.

Each submission stores the version it was given under. Never edit a published
version's words: add a new version and point CURRENT_CONSENT_VERSION at it, so
every stored request still says exactly what its sender agreed to.
"""

CONSENT_VERSIONS = {
    "2026-11-v1": (
        "I agree that Northbridge Mind Clinic may store the details I give in this form, "
        "which may include health information, and use them only to contact me about "
        "booking a consultation. Requests are deleted after twelve months."
    ),
}

CURRENT_CONSENT_VERSION = "2026-11-v1"


def consent_text(version=CURRENT_CONSENT_VERSION):
    return CONSENT_VERSIONS[version]
