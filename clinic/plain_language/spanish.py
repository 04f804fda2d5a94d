"""Spanish readability: counting syllables from the spelling, and the two Spanish formulas.

Spanish spelling shows its syllables far more faithfully than English, so the count follows the
rules of Spanish syllable division (as the Real Academia's Ortografía sets them out) rather
than a list of exceptions:
- the vowels are a e i o u, with their accented forms á é í ó ú and ü;
- a, e, o are strong; i, u (and ü) are weak. A weak vowel next to a strong one, or two
  different weak vowels, make one syllable (a diphthong: "cui-da-do", "tie-ne", "ciu-dad");
  a strong vowel between two weak ones is a triphthong, one syllable ("buey", "U-ru-guay");
- two strong vowels are two syllables (a hiatus: "le-er", "po-e-ta"), and so is a weak vowel
  that carries a written accent next to a strong one ("dí-a", "pa-ís", "o-ír"); an accented
  weak vowel after another weak one stays in its diphthong ("lin-güís-ti-ca", "cuí-da-te");
- the u of "qu" and of "gu" before e or i is not spoken ("que", "gue-rra", "a-quí"); "gü"
  marks the u that is ("pin-güi-no");
- "y" is a vowel (a weak one) alone or at the end of a word ("y", "hoy", "muy"), and a
  consonant elsewhere ("a-yu-da", "yo");
- "h" is a consonant for the count ("a-ho-ra", "bú-ho").
tests/plain_language/data/spanish_syllables.tsv holds 200 words counted by hand to measure it.

The scores (higher is easier, unlike an English reading grade):
- Szigriszt-Pazos' perspicuity, read on Barrio-Cantalejo's INFLESZ scale (An Sist Sanit Navar
  2008; 31(2): 135-152), the scale used for Spanish patient information:
  206.835 − 62.3 × syllables / words − words / sentences. Bands: under 40 very hard,
  40–55 somewhat hard, 55–65 normal, 65–80 fairly easy, 80 and over very easy.
- Fernández-Huerta's reading ease (1959), in the form corrected by G. Law (LINGUIST List 22.2332,
  2011) and given so at legible.es: 206.84 − 0.60 × syllables per 100 words
  − 1.02 × words per sentence. As usually printed, the last term used sentences per 100
  words, which would make shorter sentences score as harder.
"""

import re
import unicodedata

STRONG = set("aeoáéó")
WEAK = set("iuü")
ACCENTED_WEAK = set("íú")
VOWELS = STRONG | WEAK | ACCENTED_WEAK

# (lowest score, band name) from the hardest: INFLESZ (Barrio-Cantalejo 2008).
INFLESZ_BANDS = [
    (80, "very easy"),
    (65, "fairly easy"),
    (55, "normal"),
    (40, "somewhat hard"),
    (float("-inf"), "very hard"),
]

# How each letter is said when an abbreviation without vowels is spelled out ("TDM").
LETTER_SYLLABLES = {**dict.fromkeys("bcdgkpqtuv", 1), **dict.fromkeys("fhjlmnñrsxyz", 2)}
LETTER_SYLLABLES |= dict.fromkeys("aeio", 1) | {"w": 3}

# Spanish: letters with accents, ñ and ü; a sentence may open with ¿ or ¡, or an accented
# capital; its own abbreviations with full stops ("p. ej.", "Dra.", "EE. UU.").
LETTERS = "A-Za-zÁÉÍÓÚÜÑáéíóúüñ"
WORD = re.compile(rf"\d+(?:[.,:/]\d+)*|[{LETTERS}]+(?:['’\-][{LETTERS}]+)*")
NOT_SENTENCE_ENDS = re.compile(
    r"\b(p\.\s?ej|etc|aprox|Dra?|Sra?|Srta|Uds?|núm|pág|tel|a\.\s?m|p\.\s?m|EE\.\s?UU)\.",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]*(?=\s+[\"'“‘«(\[¿¡]?[A-Z0-9ÁÉÍÓÚÜÑ])")

SILENT_U = re.compile(r"(?<=[qg])u(?=[eiéí])|(?<=q)u")


def letters_of(word):
    """The word in lower case, with the silent u of que/qui/gue/gui taken out."""
    word = unicodedata.normalize("NFC", word.lower())
    return SILENT_U.sub("", word)


def is_vowel(word, index):
    letter = word[index]
    if letter == "y":
        # "y" alone or at the end of a word is the vowel i; before a vowel it is a consonant.
        return len(word) == 1 or index == len(word) - 1 and index > 0
    return letter in VOWELS


def kind(letter):
    if letter in STRONG or letter in ACCENTED_WEAK:
        return "strong"  # an accented i or u is a vowel of its own next to a strong one
    return "weak"  # i, u, ü, and a vowel y


def split_here(first, second):
    """Whether two vowels side by side belong to two syllables."""
    if unicodedata.normalize("NFD", first)[0] == unicodedata.normalize("NFD", second)[0]:
        return True  # the same vowel twice: "le-er", "chi-í-ta"
    # Two strong vowels part; a weak one joins its neighbour, even when it is the accented
    # second of two weak ones ("lin-güís-ti-ca", "cuí-da-te").
    return kind(first) == "strong" and kind(second) == "strong"


def count_word(word):
    """Syllables of one Spanish word (letters only); at least one."""
    letters = letters_of(word)
    syllables, previous = 0, None
    for index, letter in enumerate(letters):
        if not is_vowel(letters, index):
            previous = None
            continue
        if previous is None or split_here(previous, letter):
            syllables += 1
        previous = letter
    return max(syllables, 1)


def count(token):
    """Syllables of a token of running text: a word, a number (one, as the English count does),
    an abbreviation (spelled out when it has no vowel to say it by: "TDM"), or a hyphenated
    word (its parts)."""
    if token[0].isdigit():
        return 1
    if "-" in token:
        return sum(count(part) for part in token.split("-") if part)
    lower = token.lower()
    if len(token) > 1 and token.isupper() and not any(letter in VOWELS for letter in lower):
        return sum(LETTER_SYLLABLES.get(letter, 1) for letter in lower)
    return count_word(token)


def inflesz(words, sentences, syllables):
    """Szigriszt-Pazos' perspicuity (the INFLESZ score), unrounded."""
    return 206.835 - 62.3 * syllables / words - words / sentences


def fernandez_huerta(words, sentences, syllables):
    """Fernández-Huerta's reading ease (corrected form), unrounded."""
    return 206.84 - 0.60 * (100 * syllables / words) - 1.02 * (words / sentences)


def inflesz_band(score):
    """'fairly easy' and so on: the INFLESZ band of a score."""
    return next(name for lowest, name in INFLESZ_BANDS if score >= lowest)
