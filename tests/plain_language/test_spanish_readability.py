"""Spanish text is scored as Spanish (clinic/plain_language/spanish.py and readability.py): the
syllable counter against 200 words counted by hand, the rules of Spanish syllable division it
follows, the INFLESZ and Fernández-Huerta scores of texts counted by hand, and the rules that
apply to Spanish text."""

from pathlib import Path

import pytest

from clinic.plain_language import spanish
from clinic.plain_language.readability import analyse

HAND_COUNTED = Path(__file__).parent / "data" / "spanish_syllables.tsv"


def hand_counted_words():
    """(word, syllables, division) rows of the fixture."""
    rows = []
    for line in HAND_COUNTED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, count, division = line.split("\t")
            rows.append((word, int(count), division))
    return rows


def test_the_hand_counted_spanish_list_has_200_different_words():
    words = [word for word, _, _ in hand_counted_words()]
    assert len(words) == 200
    assert len(set(words)) == 200


def test_each_hand_count_agrees_with_the_division_written_beside_it():
    for word, count, division in hand_counted_words():
        assert division.replace("-", "") == word, word
        assert len(division.split("-")) == count, word


def test_the_spanish_syllable_counter_is_exact_on_at_least_95_percent_of_hand_counted_words():
    rows = hand_counted_words()
    misses = [
        f"{word}: {spanish.count_word(word)} (hand: {count})"
        for word, count, _ in rows
        if spanish.count_word(word) != count
    ]
    exact = len(rows) - len(misses)
    assert exact / len(rows) >= 0.95, f"{exact}/{len(rows)} exact; misses: " + ", ".join(misses)


@pytest.mark.parametrize(
    "word, expected",
    [
        # A weak vowel with a strong one, or two weak ones: a diphthong, one syllable.
        ("cuidado", 3),
        ("tiene", 2),
        ("ciudad", 2),
        ("Europa", 3),
        # A strong vowel between two weak ones: a triphthong.
        ("Uruguay", 3),
        ("averiguáis", 4),
        # Two strong vowels, or an accented i/u beside a strong one: a hiatus, two syllables.
        ("leer", 2),
        ("poeta", 3),
        ("día", 2),
        ("país", 2),
        ("oír", 2),
        ("reúne", 3),
        # An accented weak vowel after another weak one stays in the diphthong.
        ("lingüística", 4),
        ("construí", 2),
        # The u of qu, and of gu before e or i, is silent; ü is spoken.
        ("que", 1),
        ("aquí", 2),
        ("guerra", 2),
        ("psiquiatra", 3),
        ("pingüino", 3),
        ("agua", 2),
        # y is a vowel alone or last, a consonant before a vowel.
        ("y", 1),
        ("hoy", 1),
        ("ayuda", 3),
        # h does not join or part vowels: it is a consonant.
        ("ahora", 3),
        ("búho", 2),
        # Capitals count as their small letters.
        ("DEPRESIÓN", 3),
    ],
)
def test_spanish_syllables_follow_the_rules_of_spanish_division(word, expected):
    assert spanish.count_word(word) == expected


@pytest.mark.parametrize(
    "token, expected",
    [
        ("2025", 1),  # a number counts as one, as in English
        ("TDM", 4),  # te-de-e-me: no vowel to say it by, so spelled out
        ("ONU", 2),  # said as a word
        ("médico-paciente", 6),  # mé-di-co + pa-cien-te
    ],
)
def test_running_text_tokens_count_numbers_as_one_abbreviations_and_hyphen_parts(token, expected):
    assert spanish.count(token) == expected


# Texts for the pinned scores, counted by hand word by word (syllables after each word).
# INFLESZ = 206.835 − 62.3 × syllables/words − words/sentences (Szigriszt-Pazos)
# FH = 206.84 − 0.60 × syllables per 100 words − 1.02 × words/sentences (Fernández-Huerta)
# Each text is repeated to reach the 100 words a score needs; the ratios do not change.

PLAIN = (
    # Us-ted2 pue-de2 ha-blar2 con1 no-so-tros3: 5 words, 10 syllables
    "Usted puede hablar con nosotros. "
    # Le1 va-mos2 a1 es-cu-char3 con1 cal-ma2: 6 words, 10 syllables
    "Le vamos a escuchar con calma. "
    # Jun-tos2 ha-re-mos3 un1 plan1 pa-ra2 us-ted2: 6 words, 11 syllables
    "Juntos haremos un plan para usted. "
    # Pue-de2 ve-nir2 con1 u-na2 per-so-na3 de1 con-fian-za3: 7 words, 14 syllables
    "Puede venir con una persona de confianza."
)
# One paragraph: 24 words, 4 sentences, 45 syllables. Five times: 120, 20, 225.
# INFLESZ = 206.835 − 62.3 × 45/24 − 24/4 = 206.835 − 116.8125 − 6 = 84.0225 → 84.0
# FH = 206.84 − 0.60 × 187.5 − 1.02 × 6 = 206.84 − 112.5 − 6.12 = 88.22 → 88.2
PLAIN_FIVE_TIMES = " ".join([PLAIN] * 5)

CLINICAL = (
    # La1 ad-mi-nis-tra-ción5 in-tra-ve-no-sa5 de1 ke-ta-mi-na4 re-quie-re3
    # mo-ni-to-ri-za-ción6 he-mo-di-ná-mi-ca6 con-ti-nua3 y1 e-va-lua-ción4
    # psi-quiá-tri-ca4 es-pe-cia-li-za-da6 pre-via2: 14 words, 51 syllables
    "La administración intravenosa de ketamina requiere monitorización hemodinámica "
    "continua y evaluación psiquiátrica especializada previa. "
    # Los1 e-fec-tos3 ad-ver-sos3 di-so-cia-ti-vos5 tran-si-to-rios4 ne-ce-si-tan4
    # vi-gi-lan-cia4 pro-fe-sio-nal4 du-ran-te3 la1 se-sión2 te-ra-péu-ti-ca5:
    # 12 words, 39 syllables
    "Los efectos adversos disociativos transitorios necesitan vigilancia profesional "
    "durante la sesión terapéutica."
)
# One paragraph: 26 words, 2 sentences, 90 syllables. Four times: 104, 8, 360.
# INFLESZ = 206.835 − 62.3 × 90/26 − 26/2 = 206.835 − 215.6538 − 13 = −21.8188 → −21.8
# FH = 206.84 − 0.60 × 346.1538 − 1.02 × 13 = 206.84 − 207.6923 − 13.26 = −14.1123 → −14.1

SECTION = (
    # ¿Qué1 pa-sa2 en1 la1 pri-me-ra3 ci-ta2?: 6 words, 10 syllables, a sentence (a heading)
    "<h2>¿Qué pasa en la primera cita?</h2>"
    # Ha-bla-mos3 de1 su1 sa-lud2: 4 words, 7 syllables
    "<p>Hablamos de su salud. "
    # Él1 o1 e-lla2 le1 ex-pli-ca3 el1 tra-ta-mien-to4: 7 words, 13 syllables; the sentence
    # opens with an accented capital
    "Él o ella le explica el tratamiento.</p>"
    # Trai-ga2 sus1 me-di-ci-nas4: 3 words, 7 syllables (an item is a sentence)
    "<ul><li>Traiga sus medicinas</li>"
    # Lle-gue2 diez1 mi-nu-tos3 an-tes2: 4 words, 8 syllables
    "<li>Llegue diez minutos antes</li></ul>"
)
# One section: 24 words, 5 sentences, 45 syllables. Five times: 120, 25, 225.
# INFLESZ = 206.835 − 116.8125 − 24/5 = 206.835 − 116.8125 − 4.8 = 85.2225 → 85.2
# FH = 206.84 − 112.5 − 1.02 × 4.8 = 206.84 − 112.5 − 4.896 = 89.444 → 89.4
# Had "Él" not begun a sentence (4 a section), INFLESZ would be 84.0.


@pytest.mark.parametrize(
    "html, words, sentences, syllables, inflesz, huerta, band",
    [
        pytest.param(
            "<main>" + f"<p>{PLAIN}</p>" * 5 + "</main>",
            120,
            20,
            225,
            84.0,
            88.2,
            "very easy",
            id="plain-patient-text",
        ),
        pytest.param(
            "<main>" + f"<p>{CLINICAL}</p>" * 4 + "</main>",
            104,
            8,
            360,
            -21.8,
            -14.1,
            "very hard",
            id="dense-clinical-text",
        ),
        pytest.param(
            f"<main>{SECTION * 5}</main>",
            120,
            25,
            225,
            85.2,
            89.4,
            "very easy",
            id="headings-lists-and-accented-capitals",
        ),
    ],
)
def test_spanish_scores_match_those_counted_by_hand(
    html, words, sentences, syllables, inflesz, huerta, band
):
    result = analyse(html, language="es")
    assert (result.words, result.sentences, result.syllables) == (words, sentences, syllables)
    assert result.inflesz == inflesz
    assert result.fernandez_huerta == huerta
    assert spanish.inflesz_band(result.inflesz) == band


def test_spanish_text_never_gets_an_english_grade():
    result = analyse(f"<p>{PLAIN_FIVE_TIMES}</p>", language="es")
    assert result.scorable
    assert result.grade is None and result.smog is None


def test_english_text_gets_no_spanish_score():
    result = analyse("<p>" + "You can talk to us about how you feel. " * 15 + "</p>")
    assert result.grade is not None
    assert result.inflesz is None and result.fernandez_huerta is None


def test_a_regional_spanish_code_is_scored_as_spanish():
    assert analyse(f"<p>{PLAIN_FIVE_TIMES}</p>", language="es-MX").inflesz == 84.0


def test_spanish_words_keep_their_accented_letters_whole():
    # In the English tokenizer "depresión" would be two words ("depresi", "n").
    result = analyse("<p>La depresión y la ansiedad tienen tratamiento en España.</p>", "", "es")
    assert result.words == 9
    assert result.syllables == 1 + 3 + 1 + 1 + 3 + 2 + 4 + 1 + 3


def test_a_spanish_question_or_exclamation_ends_before_an_opening_mark():
    result = analyse("<p>¿Tiene dudas? ¡Llámenos hoy! Le ayudamos.</p>", language="es")
    assert result.units[0].sentences == ["¿Tiene dudas?", "¡Llámenos hoy!", "Le ayudamos."]


def test_spanish_abbreviations_with_a_full_stop_do_not_end_a_sentence():
    text = "Hable con la Dra. Ruiz por teléfono. Vive en EE. UU. con su familia. Todo bien."
    result = analyse(f"<p>{text}</p>", language="es")
    assert len(result.units[0].sentences) == 3


def test_a_long_spanish_sentence_and_paragraph_are_flagged():
    long_sentence = " ".join(["palabra"] * 26) + "."
    result = analyse(f"<p>{long_sentence}</p><p>{'Una frase corta. ' * 5}</p>", language="es")
    assert [finding.rule for finding in result.findings] == ["long-sentence", "long-paragraph"]


def test_the_english_glossary_and_abbreviation_rules_are_not_applied_to_spanish_text():
    text = "El TEC y la titulación de la dosis se explican en la consulta."
    glossary = [("titulación", "ajustar la dosis poco a poco")]
    assert analyse(f"<p>{text}</p>", glossary, "es").findings == []
    # The same rules still judge English text.
    english = analyse(
        "<p>Your doctor plans the titration and the ECT with you.</p>",
        [("titration", "slowly adjusting the dose")],
    )
    assert {finding.rule for finding in english.findings} == {"glossary-term", "abbreviation"}
