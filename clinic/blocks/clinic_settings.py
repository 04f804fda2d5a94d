"""Blocks in the "Clinic settings" group, used by ClinicSettings, not by page bodies."""

from wagtail import blocks

from clinic.blocks.base import GROUP_SETTINGS, deconstruct_aliases


class CrisisLineBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=80, help_text="e.g. 988 Suicide & Crisis Lifeline")
    description = blocks.CharBlock(
        max_length=200, required=False, help_text="e.g. Free, confidential, 24 hours a day."
    )
    phone = blocks.CharBlock(
        max_length=20, required=False, help_text="Number to call, e.g. 988 or 911."
    )
    sms = blocks.CharBlock(max_length=20, required=False, help_text="Number to text, if any.")
    sms_text = blocks.CharBlock(
        label="Word to text",
        max_length=20,
        required=False,
        help_text="A word the line asks you to text, if any: e.g. AYUDA, which the 988 "
        "Lifeline answers in Spanish. The 'Text' link writes it into the message.",
    )
    url = blocks.URLBlock(required=False, help_text="Web chat or information page, if any.")
    emergency = blocks.BooleanBlock(
        required=False, help_text="Tick for the emergency number (shown first, in red)."
    )

    class Meta:
        icon = "warning"
        label = "Crisis line"
        group = GROUP_SETTINGS
        description = "A crisis or emergency line shown on every page's urgent-help route."
        preview_value = {
            "name": "988 Suicide & Crisis Lifeline",
            "description": "Call or text 988. Free and confidential, 24 hours a day.",
            "phone": "988",
            "sms": "988",
        }


WEEKDAYS = [
    ("Monday", "Monday"),
    ("Tuesday", "Tuesday"),
    ("Wednesday", "Wednesday"),
    ("Thursday", "Thursday"),
    ("Friday", "Friday"),
    ("Saturday", "Saturday"),
    ("Sunday", "Sunday"),
]


class OpeningHoursBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=60, help_text="As shown to visitors, e.g. Monday to Friday")
    label_es = blocks.CharBlock(
        label="Label in Spanish",
        max_length=60,
        required=False,
        help_text="Shown on Spanish pages, e.g. De lunes a viernes; leave empty to show the "
        "English label.",
    )
    days = blocks.MultipleChoiceBlock(choices=WEEKDAYS)
    opens = blocks.TimeBlock()
    closes = blocks.TimeBlock()

    class Meta:
        icon = "time"
        label = "Opening hours"
        group = GROUP_SETTINGS
        description = "Days and hours the clinic answers the phone."
        preview_value = {
            "label": "Monday to Friday",
            "days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
            "opens": "09:00",
            "closes": "17:00",
        }


class ClosedDayBlock(blocks.StructBlock):
    """A day the clinic is closed: no working day for the reply promise."""

    date = blocks.DateBlock(help_text="e.g. a public holiday.")
    label = blocks.CharBlock(
        max_length=80, required=False, help_text="Optional, for staff, e.g. Thanksgiving."
    )

    class Meta:
        icon = "date"
        label = "Closed day"
        group = GROUP_SETTINGS
        description = "A weekday the clinic is closed, so it does not count as a working day."
        preview_value = {"date": "2026-11-26", "label": "Thanksgiving"}


DECONSTRUCT_ALIASES = deconstruct_aliases(CrisisLineBlock, OpeningHoursBlock, ClosedDayBlock)
