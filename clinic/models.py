"""Django finds the clinic app's models here. Each model is defined with its concern; nothing
in clinic/ imports this module, so import a model from where it is defined."""

from clinic.editorial.disclaimer import MedicalDisclaimer
from clinic.editorial.fees import Fee
from clinic.editorial.people import Person
from clinic.editorial.references import Reference
from clinic.editorial.signoff import ClinicalReviewTask
from clinic.plain_language.page_scores import GlossaryTerm, PlainLanguageSettings
from clinic.practice.details import ClinicSettings
from clinic.practice.language_assistance import LanguageTagline

# Importing the sign-out record also connects the sign-in and sign-out receivers before anyone
# can sign in.
from clinic.security.staff_sessions import StaffSessionEpoch

__all__ = [
    "ClinicSettings",
    "ClinicalReviewTask",
    "Fee",
    "GlossaryTerm",
    "LanguageTagline",
    "MedicalDisclaimer",
    "Person",
    "PlainLanguageSettings",
    "Reference",
    "StaffSessionEpoch",
]
