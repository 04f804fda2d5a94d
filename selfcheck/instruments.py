"""The PHQ-9 and the GAD-7, word for word, and how they are scored.

The wording is the instruments' published text (tests/selfcheck/instrument_wording.json pins
every string). It is not editable: changing a word changes what the score means. The bands are
the authors' published cut-offs.
"""

from dataclasses import dataclass

ATTRIBUTION = (
    "The PHQ-9 and the GAD-7 were developed by Drs. Robert L. Spitzer, Janet B.W. Williams, "
    "Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission is "
    "required to reproduce, translate, display or distribute them."
)
ANSWERS = (
    (0, "Not at all"),
    (1, "Several days"),
    (2, "More than half the days"),
    (3, "Nearly every day"),
)
# A total at or above this shows the help panel before the score, on either instrument.
HELP_FIRST_TOTAL = 20


@dataclass(frozen=True, repr=False)
class Band:
    key: str
    label: str
    low: int
    high: int

    def __repr__(self):
        # A result's page has its band in the template context: see Result.__repr__.
        return "<Band>"


@dataclass(frozen=True, repr=False)
class Instrument:
    key: str  # its address below the self-check page, and its name in a carried result
    name: str
    about: str  # what it asks about, in plain words
    stem: str
    items: tuple
    bands: tuple
    # The item whose any answer above "Not at all" shows help first (PHQ-9's item 9).
    help_first_item: int | None = None

    def __repr__(self):
        # Its name, not its whole text, wherever a repr is logged (see Result.__repr__).
        return f"<Instrument {self.name}>"

    @property
    def highest_total(self):
        return len(self.items) * ANSWERS[-1][0]

    def band_for(self, total):
        return next(band for band in self.bands if band.low <= total <= band.high)

    def item_name(self, number):
        """The form field of item `number` (counted from 1)."""
        return f"item_{number}"

    @property
    def item_names(self):
        return [self.item_name(number) for number in range(1, len(self.items) + 1)]


PHQ9 = Instrument(
    key="phq-9",
    name="PHQ-9",
    about="depression",
    stem="Over the last 2 weeks, how often have you been bothered by any of the following "
    "problems?",
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your "
        "family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    bands=(
        Band("minimal", "Minimal", 0, 4),
        Band("mild", "Mild", 5, 9),
        Band("moderate", "Moderate", 10, 14),
        Band("moderately_severe", "Moderately severe", 15, 19),
        Band("severe", "Severe", 20, 27),
    ),
    help_first_item=9,
)

GAD7 = Instrument(
    key="gad-7",
    name="GAD-7",
    about="anxiety",
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    ),
    bands=(
        Band("minimal", "Minimal", 0, 4),
        Band("mild", "Mild", 5, 9),
        Band("moderate", "Moderate", 10, 14),
        Band("severe", "Severe", 15, 21),
    ),
)

INSTRUMENTS = {instrument.key: instrument for instrument in (PHQ9, GAD7)}


def help_first(instrument, answers):
    """Whether these answers (item number -> score, possibly incomplete) call for help before
    anything else: any answer above "Not at all" on the help-first item, or a total of
    HELP_FIRST_TOTAL or more."""
    item = instrument.help_first_item
    if item is not None and answers.get(item, 0) > 0:
        return True
    return sum(answers.values()) >= HELP_FIRST_TOTAL


@dataclass(frozen=True, repr=False)
class Result:
    instrument: Instrument
    answers: dict  # item number -> score, every item

    def __repr__(self):
        # Django logs the repr of a template's whole context when a lookup in it fails
        # (django.template, DEBUG): that must not show the answers.
        return f"<Result of the {self.instrument.name}>"

    @property
    def total(self):
        return sum(self.answers.values())

    @property
    def band(self):
        return self.instrument.band_for(self.total)

    @property
    def help_first(self):
        return help_first(self.instrument, self.answers)

    def rows(self):
        """(number, item, answer label) for the printable summary."""
        labels = dict(ANSWERS)
        return [
            (number, text, labels[self.answers[number]])
            for number, text in enumerate(self.instrument.items, 1)
        ]
