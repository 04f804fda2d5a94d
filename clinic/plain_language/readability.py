"""How hard a page's words are to read, and which sentences and words make it so.

The text scored is what a visitor reads in the page's <main>: headings, paragraphs, list items,
table cells, captions and questions. Navigation, forms, footers and parts marked
`data-readability="skip"` (the crisis lines, the review dates, cards of other pages, the booking
prompt) are not the author's prose and are left out. A heading or list item ends a sentence, as
the NHS scores them.

Scores, from words, sentences and syllables (clinic/plain_language/syllables.py, offline):
- Flesch–Kincaid grade: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
- SMOG grade: 1.043 × √(words of 3+ syllables × 30 / sentences) + 3.1291.
Under MIN_WORDS words neither is meaningful, and the page is "too short to score".
Spanish text (language "es") is split into words and sentences with Spanish letters and marks,
counted with the Spanish syllable counter, and scored on the Spanish scales only (INFLESZ and
Fernández-Huerta, clinic/plain_language/spanish.py): English grades are never given for it.

Rules, each tied to the text unit (a paragraph, heading, item...) where it happens:
- a sentence of more than LONG_SENTENCE words;
- a paragraph of more than LONG_PARAGRAPH sentences;
- a glossary term whose first use has neither its plain alternative in the same sentence nor
  plain words before it with the term in brackets;
- an abbreviation (two or more capitals) not spelled out where it is first used: "(TRD)" after
  the words, "TRD (treatment-resistant depression)", the words earlier in the same paragraph,
  or <abbr title="...">.
Headings name a topic that the text below explains, so a term or abbreviation in a heading is
judged at its first use in that text. The glossary and the abbreviation rule are English (the
glossary's terms, and the small words left out of initials), so Spanish text is judged on the
sentence and paragraph rules only.
"""

import math
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag

from clinic.plain_language import spanish, syllables

MIN_WORDS = 100
LONG_SENTENCE = 25
LONG_PARAGRAPH = 4
LONGEST_SHOWN = 5

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
UNIT_TAGS = HEADINGS | {"p", "li", "dt", "dd", "td", "th"}
UNIT_TAGS |= {"caption", "figcaption", "summary", "blockquote"}
SKIPPED_TAGS = {"nav", "form", "footer", "script", "style", "template", "noscript", "svg"}
SKIPPED_TAGS |= {"button", "select", "textarea", "iframe"}

WORD = re.compile(r"\d+(?:[.,:/]\d+)*|[A-Za-z]+(?:['’\-][A-Za-z]+)*")
ABBREVIATION = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z](?=s?\b)")
# Full stops that do not end a sentence.
NOT_SENTENCE_ENDS = re.compile(
    r"\b(e\.g|i\.e|etc|vs|approx|Dr|Mr|Mrs|Ms|Prof|St|No|a\.m|p\.m|U\.S)\.", re.IGNORECASE
)
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Language:
    """How text in one language is split into words and sentences, and its syllables counted."""

    code: str
    word: re.Pattern
    not_sentence_ends: re.Pattern
    sentence_end: re.Pattern
    count_syllables: object
    english_rules: bool  # the glossary and abbreviation rules


ENGLISH = Language("en", WORD, NOT_SENTENCE_ENDS, SENTENCE_END, syllables.count, True)
SPANISH = Language(
    "es", spanish.WORD, spanish.NOT_SENTENCE_ENDS, spanish.SENTENCE_END, spanish.count, False
)


def language_for(code):
    """Spanish for "es" (and "es-MX"...); English, as before, for anything else."""
    return SPANISH if (code or "").lower().split("-")[0] == "es" else ENGLISH


# Each rule: what the Checks panel calls it, and what to do about it.
RULES = {
    "long-sentence": (
        "Sentence longer than 25 words",
        "Split it in two, or cut what the reader does not need. Aim for 15 to 20 words.",
    ),
    "long-paragraph": (
        "Paragraph of more than 4 sentences",
        "Split it where the idea changes. Short paragraphs are easier to follow on a phone.",
    ),
    "glossary-term": (
        "Medical term without its plain words",
        "Say the plain words from the glossary first, then the term in brackets.",
    ),
    "abbreviation": (
        "Abbreviation not spelled out",
        "Where it is first used, write it out and put the abbreviation after it in brackets.",
    ),
}


@dataclass
class Unit:
    """One block of text a reader meets: a heading, paragraph, list item, cell..."""

    element: Tag
    text: str
    sentences: list = field(default_factory=list)

    @property
    def is_paragraph(self):
        return self.element.name == "p"

    @property
    def is_heading(self):
        return self.element.name in HEADINGS


@dataclass
class Finding:
    rule: str  # a key of RULES
    unit: int  # index into Readability.units
    detail: str  # what to change, in words

    @property
    def label(self):
        return RULES[self.rule][0]


@dataclass
class Readability:
    units: list
    words: int
    sentences: int
    syllables: int
    polysyllables: int
    findings: list
    longest: list  # (words, sentence), longest first
    language: str = "en"

    @property
    def scorable(self):
        return self.words >= MIN_WORDS

    @property
    def is_spanish(self):
        return self.language == "es"

    @property
    def grade(self):
        """Flesch–Kincaid grade to one decimal, or None when the text is too short (or is
        Spanish: the formula is fitted to English words)."""
        if not self.scorable or self.is_spanish:
            return None
        value = 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59
        return round(value, 1)

    @property
    def smog(self):
        if not self.scorable or self.is_spanish:
            return None
        return round(1.043 * math.sqrt(self.polysyllables * 30 / self.sentences) + 3.1291, 1)

    @property
    def inflesz(self):
        """Spanish text's INFLESZ score to one decimal (higher is easier), else None."""
        if not self.scorable or not self.is_spanish:
            return None
        return round(spanish.inflesz(self.words, self.sentences, self.syllables), 1)

    @property
    def fernandez_huerta(self):
        """Spanish text's Fernández-Huerta reading ease to one decimal, else None."""
        if not self.scorable or not self.is_spanish:
            return None
        return round(spanish.fernandez_huerta(self.words, self.sentences, self.syllables), 1)

    @property
    def average_sentence(self):
        return round(self.words / self.sentences, 1) if self.sentences else 0

    @property
    def polysyllable_share(self):
        """Percentage of words with three or more syllables."""
        return round(100 * self.polysyllables / self.words) if self.words else 0

    def findings_for(self, rule):
        return [finding for finding in self.findings if finding.rule == rule]


def text_units(main, language=ENGLISH):
    """The innermost text blocks of `main`, in reading order, outside skipped parts."""
    units = []
    for element in main.find_all(UNIT_TAGS):
        if skipped(element, main) or element.find(UNIT_TAGS):
            continue
        text = " ".join(visible_text(element).split())
        if language.word.search(text):
            units.append(Unit(element, text))
    return units


def visible_text(element):
    """The element's text as read: inline tags join without a space, a line break is one, and
    skipped parts inside it (an icon's hidden label, a button) are left out."""
    parts = []
    for child in element.children:
        if type(child) is NavigableString:  # exactly: comments and scripts are subclasses
            parts.append(child)
        elif isinstance(child, Tag) and child.name == "br":
            parts.append(" ")
        elif isinstance(child, Tag) and not is_skipped(child):
            parts.append(visible_text(child))
    return "".join(parts)


def is_skipped(node):
    return (
        node.name in SKIPPED_TAGS
        or node.get("data-readability") == "skip"
        or node.get("aria-hidden") == "true"
        or node.has_attr("hidden")
    )


def skipped(element, main):
    """Whether the element is inside a part that is not scored (up to `main`)."""
    for node in [element, *element.parents]:
        if node is main:
            return False
        if is_skipped(node):
            return True
    return False


def split_sentences(text, language=ENGLISH):
    """Sentences end at . ! or ? (with any closing quote or bracket) before a capital or digit
    (in Spanish, also before ¿ or ¡)."""
    protected = language.not_sentence_ends.sub(
        lambda match: match.group(0).replace(".", "\0"), text
    )
    parts, start = [], 0
    for end in language.sentence_end.finditer(protected):
        parts.append(protected[start : end.end()])
        start = end.end()
    parts.append(protected[start:])
    return [part.replace("\0", ".").strip() for part in parts if language.word.search(part)]


def words_of(text, language=ENGLISH):
    return language.word.findall(text)


def main_element(html):
    soup = BeautifulSoup(html, "html.parser")
    return soup.find("main") or soup.find(attrs={"role": "main"}) or soup


def analyse(html, glossary=(), language="en"):
    """Score the main content of an HTML page or fragment. `glossary` holds (term, plain)
    pairs; `language` is a language code ("es" for Spanish, English otherwise)."""
    language = language_for(language)
    units = text_units(main_element(html), language)
    counts = {"words": 0, "syllables": 0, "polysyllables": 0}
    all_sentences = []
    for unit in units:
        unit.sentences = split_sentences(unit.text, language)
        for sentence in unit.sentences:
            all_sentences.append(sentence)
            for word in words_of(sentence, language):
                syllable_count = language.count_syllables(word)
                counts["words"] += 1
                counts["syllables"] += syllable_count
                counts["polysyllables"] += syllable_count >= 3
    longest = sorted(
        ((len(words_of(s, language)), s) for s in all_sentences), key=lambda pair: -pair[0]
    )
    return Readability(
        units=units,
        sentences=len(all_sentences),
        findings=find_problems(units, glossary, language),
        longest=longest[:LONGEST_SHOWN],
        language=language.code,
        **counts,
    )


def find_problems(units, glossary, language=ENGLISH):
    findings = []
    for index, unit in enumerate(units):
        for sentence in unit.sentences:
            if (length := len(words_of(sentence, language))) > LONG_SENTENCE:
                findings.append(
                    Finding("long-sentence", index, f"{length} words: “{excerpt(sentence)}”")
                )
        if unit.is_paragraph and len(unit.sentences) > LONG_PARAGRAPH:
            findings.append(Finding("long-paragraph", index, f"{len(unit.sentences)} sentences"))
    if language.english_rules:
        findings += glossary_findings(units, glossary)
        findings += abbreviation_findings(units)
    return sorted(findings, key=lambda finding: finding.unit)


def excerpt(sentence, words=8):
    shown = sentence.split()
    return " ".join(shown[:words]) + ("…" if len(shown) > words else "")


def term_pattern(term):
    return re.compile(r"\b" + re.escape(term) + r"(?:s|es)?\b", re.IGNORECASE)


def glossary_findings(units, glossary):
    """The first use of each glossary term, unless its plain words are in the same sentence."""
    findings = []
    for term, plain in glossary:
        pattern = term_pattern(term)
        for index, unit in enumerate(units):
            sentence = next((s for s in unit.sentences if pattern.search(s)), None)
            if sentence is None or unit.is_heading:
                continue
            if not explained(sentence, term, plain):
                findings.append(Finding("glossary-term", index, f"“{term}”: say “{plain}” first"))
            break
    return findings


def explained(sentence, term, plain):
    """The plain words are in the sentence, or the term follows them in brackets:
    "feeling detached from your surroundings (dissociation)"."""
    in_brackets = re.search(r"\w[^(]*\(\s*" + re.escape(term), sentence, re.IGNORECASE)
    return plain.lower() in sentence.lower() or bool(in_brackets)


def abbreviation_findings(units):
    """Abbreviations whose first use on the page does not say what they stand for."""
    explained = {
        abbr.get_text().strip()
        for unit in units
        for abbr in unit.element.find_all("abbr")
        if abbr.get("title")
    }
    seen, findings = set(), []
    for index, unit in enumerate(units):
        matches = [] if unit.is_heading else ABBREVIATION.finditer(unit.text)
        for match in matches:
            abbreviation = match.group(0)
            if abbreviation in seen:
                continue
            seen.add(abbreviation)
            if abbreviation not in explained and not spelled_out(unit.text, match):
                findings.append(
                    Finding("abbreviation", index, f"“{abbreviation}”: say what it stands for")
                )
    return findings


def spelled_out(text, match):
    """'words (TRD)', 'TRD (words)', or the words themselves earlier in the same text:
    'Acceptance and Commitment Therapy, usually called ACT'."""
    before, after = text[: match.start()], text[match.end() :]
    in_brackets = before.rstrip().endswith("(") and after.lstrip("s").startswith(")")
    if in_brackets and WORD.search(before[:-1]):
        return True
    if re.match(r"s?\s*\([^)]*[a-z]{3}", after):
        return True
    return match.group(0).lower() in initials_runs(before)


def initials_runs(text):
    """The first letters of every run of words in `text`, small joining words left out:
    'treatment-resistant depression' gives 'trd', 'rd' and 'd'."""
    words = [
        part
        for word in WORD.findall(text)
        if word.lower() not in {"and", "of", "the", "for", "to", "in"}
        for part in word.split("-")
    ]
    runs = set()
    for start in range(len(words)):
        for end in range(start + 2, min(len(words), start + 8) + 1):
            runs.add("".join(word[0].lower() for word in words[start:end]))
    return runs
