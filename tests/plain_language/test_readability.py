"""The offline readability scorer (clinic/plain_language/readability.py,
clinic/plain_language/syllables.py): how well it counts syllables, the scores of texts counted by
hand, what text it scores, and each rule it applies, on examples just over and just under the
line."""

from pathlib import Path

import pytest

from clinic.plain_language import syllables
from clinic.plain_language.readability import analyse

HAND_COUNTED = Path(__file__).parent / "data" / "syllables.tsv"


def hand_counted_words():
    rows = []
    for line in HAND_COUNTED.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, count = line.split("\t")
        rows.append((word.strip(), int(count)))
    return rows


def test_hand_counted_list_is_large_enough_to_measure_with():
    assert len(hand_counted_words()) >= 200


def test_syllable_counter_is_exact_on_at_least_90_percent_of_hand_counted_words():
    rows = hand_counted_words()
    misses = [
        f"{word}: {syllables.count_word(word)} (hand: {count})"
        for word, count in rows
        if syllables.count_word(word) != count
    ]
    accuracy = 1 - len(misses) / len(rows)
    assert accuracy >= 0.9, f"{accuracy:.1%} exact; misses: " + ", ".join(misses)


@pytest.mark.parametrize(
    "token, expected",
    [
        ("TRD", 3),  # T-R-D
        ("WHO", 5),  # dou-ble-u (3) + aitch + oh
        ("2025", 1),
        ("10.5", 1),
        ("off-label", 3),  # off + la-bel
        ("don't", 1),
    ],
)
def test_running_text_tokens_count_abbreviations_by_letter_numbers_as_one_and_hyphen_parts(
    token, expected
):
    assert syllables.count(token) == expected


# Sample texts for the pinned scores. Each word's syllables were counted by hand and are listed
# in the comment above the sentence; every word chosen has one spoken syllable count.
# FK = 0.39 × words/sentences + 11.8 × syllables/words − 15.59
# SMOG = 1.043 × √(polysyllables × 30 / sentences) + 3.1291 (polysyllable: 3+ syllables)

PLAIN_PARAGRAPH = (
    # You1 can1 talk1 to1 us1 about2 your1 feelings2 and1 about2 what1 you1 need1
    #   13 words, 16 syllables, 0 polysyllables
    "You can talk to us about your feelings and about what you need. "
    # We1 will1 listen2 to1 you1 and1 help1 you1 make1 a1 plan1 together3
    #   12 words, 15 syllables, 1 polysyllable (together)
    "We will listen to you and help you make a plan together. "
    # Your1 first1 visit2 is1 a1 chance1 to1 ask1 us1 any2 questions2 you1 have1
    #   13 words, 16 syllables, 0
    "Your first visit is a chance to ask us any questions you have. "
    # It1 is1 fine1 to1 bring1 a1 friend1 or1 a1 relative3 you1 trust1
    #   12 words, 14 syllables, 1 (relative)
    "It is fine to bring a friend or a relative you trust. "
    # If1 you1 feel1 worse1 please1 call1 our1 office2 at1 any2 time1 day1 or1 night1
    #   14 words, 16 syllables, 0
    "If you feel worse, please call our office at any time, day or night. "
    # Remember3 that1 this1 is1 not1 your1 fault1 and1 you1 do1 not1 need1 to1 cope1 alone2
    #   15 words, 18 syllables, 1 (remember)
    "Remember that this is not your fault, and you do not need to cope alone."
)
# One paragraph: 13+12+13+12+14+15 = 79 words, 6 sentences,
# 16+15+16+14+16+18 = 95 syllables, 3 polysyllables. Twice: 158, 12, 190, 6.
# FK = 0.39 × 158/12 + 11.8 × 190/158 − 15.59 = 5.135 + 14.190 − 15.59 = 3.735 → 3.7
# SMOG = 1.043 × √(6 × 30/12) + 3.1291 = 1.043 × √15 + 3.1291 = 4.040 + 3.1291 = 7.169 → 7.2
PLAIN = f"<main><p>{PLAIN_PARAGRAPH}</p><p>{PLAIN_PARAGRAPH}</p></main>"

CLINICAL_PARAGRAPH = (
    # Pharmacological6 treatment2 of1 moderate3 depression3 is1 recommended4 in1
    # combination4 with1 individual5 cognitive3 therapy3 and1 regular3 clinical3 monitoring4
    #   17 words, 48 syllables, 11 polysyllables
    "Pharmacological treatment of moderate depression is recommended in combination with "
    "individual cognitive therapy and regular clinical monitoring. "
    # Antidepressant5 medication4 needs1 comprehensive4 evaluation5 of1 previous3 response2
    # residual4 symptoms2 functional3 impairment3 and1 potential3 adverse2 effects2 before2
    # initiation5
    #   18 words, 52 syllables, 10 polysyllables
    "Antidepressant medication needs comprehensive evaluation of previous response, "
    "residual symptoms, functional impairment, and potential adverse effects before "
    "initiation. "
    # Continuation5 therapy3 is1 necessary4 for1 many2 months1 after2 remission3 to1 reduce2
    # the1 probability5 of1 relapse2
    #   15 words, 34 syllables, 5 polysyllables
    "Continuation therapy is necessary for many months after remission to reduce the "
    "probability of relapse."
)
# One paragraph: 17+18+15 = 50 words, 3 sentences, 48+52+34 = 134 syllables,
# 11+10+5 = 26 polysyllables. Twice: 100, 6, 268, 52.
# FK = 0.39 × 100/6 + 11.8 × 268/100 − 15.59 = 6.500 + 31.624 − 15.59 = 22.534 → 22.5
# SMOG = 1.043 × √(52 × 30/6) + 3.1291 = 1.043 × √260 + 3.1291 = 16.818 + 3.1291 = 19.947 → 19.9
CLINICAL = f"<main><p>{CLINICAL_PARAGRAPH}</p><p>{CLINICAL_PARAGRAPH}</p></main>"

SECTION = (
    # Before2 your1 first1 appointment3: 4 words, 7 syllables, 1 polysyllable
    "<h2>Before your first appointment</h2>"
    # Please1 fill1 in1 the1 short1 form1 that1 we1 send1 you1 by1 email2: 12, 13, 0
    "<p>Please fill in the short form that we send you by email. "
    # It1 asks1 about2 your1 health1 your1 medicines3 and1 any2 allergies3: 10, 16, 2
    "It asks about your health, your medicines and any allergies. "
    # Bring1 a1 list1 of1 the1 medicines3 you1 take1 every2 day1: 10, 13, 1
    "Bring a list of the medicines you take every day.</p>"
    # Arrive2 ten1 minutes2 early2: 4, 7, 0
    "<ul><li>Arrive ten minutes early</li>"
    # Bring1 your1 insurance3 card1: 4, 6, 1
    "<li>Bring your insurance card</li>"
    # Tell1 us1 if1 you1 need1 an1 interpreter4: 7, 10, 1
    "<li>Tell us if you need an interpreter</li></ul>"
)
# One section: 4+12+10+10+4+4+7 = 51 words; 7 sentences (the heading, 3 in the paragraph, 3
# items); 7+13+16+13+7+6+10 = 72 syllables; 1+0+2+1+0+1+1 = 6 polysyllables.
# Twice: 102, 14, 144, 12.
# FK = 0.39 × 102/14 + 11.8 × 144/102 − 15.59 = 2.841 + 16.659 − 15.59 = 3.910 → 3.9
# SMOG = 1.043 × √(12 × 30/14) + 3.1291 = 1.043 × √25.71 + 3.1291 = 5.289 + 3.1291 = 8.418 → 8.4
# Were the heading and items not sentences (6 in all), FK would be 0.39 × 17 + 16.659 − 15.59
# = 7.7, so this sample also checks that they count.
WITH_HEADINGS_AND_LISTS = f"<main>{SECTION}{SECTION}</main>"


@pytest.mark.parametrize(
    "html, words, sentences, grade, smog",
    [
        pytest.param(PLAIN, 158, 12, 3.7, 7.2, id="plain-patient-text"),
        pytest.param(CLINICAL, 100, 6, 22.5, 19.9, id="dense-clinical-text"),
        pytest.param(WITH_HEADINGS_AND_LISTS, 102, 14, 3.9, 8.4, id="headings-and-lists"),
    ],
)
def test_scores_match_those_counted_by_hand(html, words, sentences, grade, smog):
    result = analyse(html)
    assert (result.words, result.sentences) == (words, sentences)
    assert result.grade == pytest.approx(grade, abs=0.5)
    assert result.smog == pytest.approx(smog, abs=0.5)


def test_under_100_words_is_too_short_to_score():
    ninety_nine = "We can help. " * 33
    result = analyse(f"<p>{ninety_nine}</p>")
    assert result.words == 99
    assert result.grade is None
    assert result.smog is None


def test_100_words_are_scored():
    result = analyse(f"<p>{'We can help. ' * 33}Yes.</p>")
    assert result.words == 100
    assert isinstance(result.grade, float)
    assert isinstance(result.smog, float)


# What is scored


def sentence_of(length):
    return " ".join(["word"] * length).capitalize() + "."


BODY = "<p>We can help you.</p>"  # 4 words, 1 sentence


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param("<nav><ul><li>Make an appointment today</li></ul></nav>", id="nav"),
        pytest.param("<footer><p>Registered charity in England</p></footer>", id="footer"),
        pytest.param("<form><p>Tell us why you are writing</p></form>", id="form"),
        pytest.param(
            '<section data-readability="skip"><p>Crisis lines are open all day</p></section>',
            id="data-readability-skip",
        ),
        pytest.param('<div aria-hidden="true"><p>A decorative quote</p></div>', id="aria-hidden"),
        pytest.param("<div hidden><p>A closed panel</p></div>", id="hidden"),
        pytest.param("<p><script>document.write('more words here')</script></p>", id="script"),
        pytest.param("<p><style>p::after { content: 'more words' }</style></p>", id="style"),
        pytest.param("<p><!-- note to editors --></p>", id="comment"),
    ],
)
def test_text_that_is_not_the_authors_prose_is_not_scored(extra):
    result = analyse(f"<main>{BODY}{extra}</main>")
    assert result.words == 4
    assert [unit.text for unit in result.units] == ["We can help you."]


@pytest.mark.parametrize(
    "hidden_part",
    [
        '<span aria-hidden="true"> arrow icon</span>',
        '<span data-readability="skip"> reviewed in May</span>',
    ],
)
def test_a_skipped_part_inside_a_paragraph_is_not_scored(hidden_part):
    result = analyse(f"<main><p>We can help you{hidden_part}.</p></main>")
    assert result.words == 4


def test_only_the_main_element_is_scored_when_there_is_one():
    html = (
        "<header><p>Riverside Mental Health Clinic</p></header>"
        f"<main>{BODY}</main>"
        "<aside><p>Other pages you may like</p></aside>"
    )
    assert analyse(html).words == 4


def test_an_element_with_the_main_role_is_scored_as_main():
    html = f"<header><p>Riverside Mental Health Clinic</p></header><div role='main'>{BODY}</div>"
    assert analyse(html).words == 4


def test_a_fragment_without_main_is_scored_whole():
    assert analyse(f"<h2>Help</h2>{BODY}").words == 5


def test_headings_and_list_items_end_a_sentence():
    assert analyse("<h2>Side effects</h2><p>One. Two.</p>").sentences == 3
    assert analyse("<ul><li>Sleep well</li><li>Eat well</li></ul>").sentences == 2


def test_full_stops_question_and_exclamation_marks_end_sentences():
    result = analyse("<p>Is it safe? Yes! It is safe. “It helped.” (It did.) 2 people left.</p>")
    assert [sentence.split()[0] for sentence in result.units[0].sentences] == [
        "Is",
        "Yes!",
        "It",
        "“It",
        "(It",
        "2",
    ]


def test_a_closing_quote_or_bracket_stays_with_its_sentence():
    """The sentences are shown to the editor (the longest ones, long-sentence details)."""
    result = analyse("<p>She said “It helped.” (It did.) We agree.</p>")
    assert result.units[0].sentences == ["She said “It helped.”", "(It did.)", "We agree."]


@pytest.mark.parametrize(
    "text",
    [
        "Talk to Dr. Patel about your sleep.",
        "Some medicines, e.g. Sertraline, can help.",
        "Some medicines, i.e. The ones we listed, can help.",
        "Arrive at 9 a.m. On Monday.",
    ],
)
def test_abbreviated_words_with_a_full_stop_do_not_end_a_sentence(text):
    result = analyse(f"<p>{text}</p>")
    assert result.sentences == 1
    assert result.units[0].sentences == [text]


def test_a_full_stop_before_a_lowercase_word_does_not_end_a_sentence():
    assert analyse("<p>It costs 10.50 dollars. see below.</p>").sentences == 1


@pytest.mark.parametrize(
    "html, words",
    [
        ("<p>off-<b>label</b> use</p>", ["off-label", "use"]),
        ("<p>some<em>thing</em> new</p>", ["something", "new"]),
        ("<p><a href='/x'>Book</a> a visit</p>", ["Book", "a", "visit"]),
        ("<p>Call us<br>today</p>", ["Call", "us", "today"]),
    ],
)
def test_inline_tags_join_text_without_a_space_and_a_line_break_separates_words(html, words):
    result = analyse(html)
    assert result.words == len(words)
    assert result.units[0].text == " ".join(words)


def test_words_are_counted_once_when_blocks_are_nested():
    """A list item holding a paragraph is one unit, not two."""
    html = "<ul><li><p>We can help you.</p></li></ul><blockquote><p>Yes.</p></blockquote>"
    result = analyse(html)
    assert result.words == 5
    assert [unit.element.name for unit in result.units] == ["p", "p"]


# Rules: long sentences and paragraphs


def test_a_sentence_of_26_words_is_too_long():
    result = analyse(f"<p>{sentence_of(26)}</p>")
    assert result.sentences == 1
    [finding] = result.findings_for("long-sentence")
    assert finding.unit == 0
    assert finding.detail.startswith("26 words")


def test_a_sentence_of_25_words_is_not_too_long():
    result = analyse(f"<p>{sentence_of(25)}</p>")
    assert result.words == 25
    assert result.findings_for("long-sentence") == []


def test_a_paragraph_of_5_sentences_is_too_long():
    result = analyse(f"<p>{' '.join(['We can help.'] * 5)}</p>")
    [finding] = result.findings_for("long-paragraph")
    assert finding.unit == 0
    assert finding.detail == "5 sentences"


def test_a_paragraph_of_4_sentences_is_not_too_long():
    result = analyse(f"<p>{' '.join(['We can help.'] * 4)}</p>")
    assert result.sentences == 4
    assert result.findings_for("long-paragraph") == []


def test_a_list_of_5_items_is_not_a_long_paragraph():
    result = analyse("<ul>" + "<li>We can help.</li>" * 5 + "</ul>")
    assert result.sentences == 5
    assert result.findings_for("long-paragraph") == []


# Rules: glossary terms

GLOSSARY = [
    ("dissociation", "feeling detached from yourself"),
    ("hallucination", "seeing or hearing things that are not there"),
]


def glossary_findings(html):
    return analyse(html, glossary=GLOSSARY).findings_for("glossary-term")


def test_a_glossary_term_without_its_plain_words_is_flagged_on_first_use():
    [finding] = glossary_findings("<p>Some people notice dissociation.</p>")
    assert finding.unit == 0
    assert "dissociation" in finding.detail
    assert "feeling detached from yourself" in finding.detail


def test_a_glossary_term_with_its_plain_words_in_the_same_sentence_is_not_flagged():
    html = "<p>Dissociation means feeling detached from yourself.</p>"
    assert glossary_findings(html) == []


def test_a_glossary_term_whose_plain_words_are_in_another_sentence_is_flagged():
    html = "<p>You may be feeling detached from yourself. That is dissociation.</p>"
    assert len(glossary_findings(html)) == 1


def test_a_glossary_term_in_brackets_after_plain_words_is_not_flagged():
    # Other plain words than the glossary's, so only the brackets can explain the term.
    html = "<p>You may feel cut off from the world around you (dissociation).</p>"
    assert glossary_findings(html) == []


def test_a_glossary_term_before_plain_words_in_brackets_is_flagged():
    html = "<p>You may notice dissociation (feeling cut off from the world).</p>"
    assert len(glossary_findings(html)) == 1


def test_the_plural_of_a_glossary_term_is_found():
    [finding] = glossary_findings("<p>Some people have Hallucinations.</p>")
    assert "hallucination" in finding.detail


def test_only_the_first_use_of_a_glossary_term_is_judged():
    unexplained_then_explained = (
        "<p>Some people notice dissociation.</p>"
        "<p>Dissociation means feeling detached from yourself.</p>"
    )
    assert [f.unit for f in glossary_findings(unexplained_then_explained)] == [0]
    explained_then_unexplained = (
        "<p>Dissociation means feeling detached from yourself.</p>"
        "<p>Some people notice dissociation.</p>"
    )
    assert glossary_findings(explained_then_unexplained) == []


def test_a_glossary_term_in_a_heading_is_judged_at_its_first_use_below():
    explained_below = "<h2>Dissociation</h2><p>It means feeling detached from yourself.</p>"
    assert glossary_findings(explained_below) == []
    explained_below_with_term = (
        "<h2>Dissociation</h2><p>Dissociation means feeling detached from yourself.</p>"
    )
    assert glossary_findings(explained_below_with_term) == []
    [finding] = glossary_findings("<h2>Dissociation</h2><p>Dissociation can last minutes.</p>")
    assert finding.unit == 1


# Rules: abbreviations


def abbreviation_findings(html):
    return analyse(html).findings_for("abbreviation")


def test_an_abbreviation_not_spelled_out_is_flagged():
    [finding] = abbreviation_findings("<p>We offer TMS to adults.</p>")
    assert finding.unit == 0
    assert "TMS" in finding.detail


def test_a_single_capital_is_not_an_abbreviation():
    assert abbreviation_findings("<p>I think A good start is to rest.</p>") == []


@pytest.mark.parametrize(
    "text",
    [
        # The words' initials are not TRD, so only the brackets can explain it.
        "Depression that has not improved with two medicines (TRD) is common.",
        "TRD (depression that has not improved with two medicines) is common.",
        "Acceptance and Commitment Therapy, usually called ACT, helps you live with feelings.",
        "Treatment-resistant depression, or TRD, is common.",
    ],
)
def test_an_abbreviation_spelled_out_where_it_is_first_used_is_not_flagged(text):
    assert abbreviation_findings(f"<p>{text}</p>") == []


def test_an_abbreviation_with_a_title_is_not_flagged():
    html = '<p>We offer <abbr title="transcranial magnetic stimulation">TMS</abbr>.</p>'
    assert abbreviation_findings(html) == []


def test_an_abbreviation_element_without_a_title_is_flagged():
    assert len(abbreviation_findings("<p>We offer <abbr>TMS</abbr>.</p>")) == 1


def test_an_abbreviation_spelled_out_in_an_earlier_paragraph_is_flagged():
    html = "<p>Acceptance and Commitment Therapy is a talking therapy.</p><p>ACT helps.</p>"
    [finding] = abbreviation_findings(html)
    assert finding.unit == 1


def test_brackets_without_words_do_not_spell_out_an_abbreviation():
    assert len(abbreviation_findings("<p>TMS (2024) is safe.</p>")) == 1


def test_an_abbreviation_in_a_heading_is_judged_at_its_first_use_below():
    assert abbreviation_findings("<h2>About TMS</h2><p>We can help.</p>") == []
    spelled_out_below = "<h2>TMS</h2><p>Transcranial magnetic stimulation (TMS) uses magnets.</p>"
    assert abbreviation_findings(spelled_out_below) == []
    [finding] = abbreviation_findings("<h2>TMS</h2><p>TMS uses magnets.</p>")
    assert finding.unit == 1


def test_only_the_first_use_of_an_abbreviation_is_judged():
    spelled_out_first = (
        "<p>Transcranial magnetic stimulation (TMS) uses magnets.</p>"
        "<p>TMS sessions take 20 minutes.</p>"
    )
    assert abbreviation_findings(spelled_out_first) == []
    unexplained_first = (
        "<p>TMS sessions take 20 minutes.</p>"
        "<p>Transcranial magnetic stimulation (TMS) uses magnets.</p>"
    )
    assert [f.unit for f in abbreviation_findings(unexplained_first)] == [0]


# Where findings point


def test_findings_point_at_the_unit_where_they_happen():
    html = (
        "<main>"
        "<h2>About TMS</h2>"  # unit 0
        "<p>We can help.</p>"  # unit 1
        f"<p>{sentence_of(30)}</p>"  # unit 2
        "<ul><li>We can help.</li><li>Ask about TMS.</li></ul>"  # units 3 and 4
        f"<p>{' '.join(['We can help.'] * 6)} Some people notice dissociation.</p>"  # unit 5
        "</main>"
    )
    result = analyse(html, glossary=GLOSSARY)
    assert [(unit.element.name, unit.text[:12]) for unit in result.units] == [
        ("h2", "About TMS"),
        ("p", "We can help."),
        ("p", "Word word wo"),
        ("li", "We can help."),
        ("li", "Ask about TM"),
        ("p", "We can help."),
    ]
    located = [
        (finding.rule, finding.unit, result.units[finding.unit].element.name)
        for finding in result.findings
    ]
    assert sorted(located, key=lambda found: (found[1], found[0])) == [
        ("long-sentence", 2, "p"),
        ("abbreviation", 4, "li"),
        ("glossary-term", 5, "p"),
        ("long-paragraph", 5, "p"),
    ]
