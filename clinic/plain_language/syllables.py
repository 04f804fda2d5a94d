"""Counting the syllables of an English word, offline, from its spelling.

Readability formulas need syllables. Dictionaries of pronunciations are large and some
libraries download theirs at run time, which fails offline; hyphenation dictionaries (such as
pyphen's) mark where a word may break at a line end, which is not where its syllables are
("ideas", "hoped"). So the count is made from the spelling: each group of vowels is a syllable,
corrected for the endings and vowel pairs English spells one way and speaks another.
tests/plain_language/test_readability.py measures it against a list of hand-counted words.
"""

import re

# Vowel pairs spoken as two syllables ("di-a-betes", "vi-de-o", "qui-et"), with the spellings
# in which the same pair is one sound excluded ("special", "nation", "patient", "people").
TWO_SYLLABLE_PAIRS = [
    re.compile(pattern)
    for pattern in (
        r"[^cstxgl]ia|[ct]iat|lia[rn]",  # media, trial, associate, familiar; not special, Asia
        r"(?<![cstxgln])io",  # radio, violent, serious; not nation, anxious, million
        r"iu",  # medium
        r"(?<![pg])eo",  # video, theory; not people, surgeon
        r"ea$|eas$|creat(?!ur)|^react|^rea(ss|pp|dj|lig)|ideal",  # idea, areas, create, react
        r"(?<![ct])ie(nt|nce|t|r|st)|scie|iety",  # client, quiet, easier, science, anxiety
        r"ua",  # usual, gradual
        r"ue(nt|nc|l)",  # fluent, influence, cruel
        r"uo|(flu|sui|tui|rui)(?=[dcn])",  # fluoxetine, fluid, suicide, ruin
        r"oe(?=[tm])",  # poetry
        r"[aeiouy]ing",  # being, going, dying
        r"isms?$",  # autism
        r"^(contra|intra|extra|ultra|anti|semi|multi|pseudo|neuro|psycho)[aeiou]",
        r"^co(?=o[prd]|e[xv])|^pre(?=o|e[xm])|^re(?=e[vx]|o[rp])|^de(?=a[ct])",
    )
]

# Words the rules above get wrong and that clinic pages use.
EXCEPTIONS = {
    "element": 3,
    "elements": 3,
    "every": 2,
    "eye": 1,
    "eyes": 1,
    "everyone": 3,
    "everything": 3,
    "business": 2,
    "diabetes": 4,
    "maybe": 2,
    "recipe": 3,
    "ion": 2,
    "science": 2,
}

VOWEL_GROUP = re.compile(r"[aeiouy]+")


def _base(word):
    """The letters that carry the sound: 'qu' and 'gu' before a vowel are one consonant,
    and a 'y' that starts a word or follows a vowel is a consonant before a vowel ('yes',
    'beyond', 'lawyer'; not 'dying')."""
    word = re.sub(r"(?<=[qg])u(?=[aeiouy].)", "", word)
    return re.sub(r"(?:^|(?<=[aeiouw]))y(?=[aeiou])", "_", word)


def _silent_endings(word):
    """How many written vowels at the end are not spoken: make, hoped, makes, lovely."""
    if re.search(r"[^aeiouy]e$", word) and not re.search(r"[^aeiouyl]le$", word):
        return 1  # make, whole; not table
    if re.search(r"[^aeiouytd]ed$", word) and not re.search(r"[^aeiouyl]led$", word):
        return 1  # hoped, walked; not wanted, handled
    if re.search(r"[^aeiouysxzhcg]es$", word) and not re.search(r"[^aeiouyl]les$", word):
        return 1  # makes, times; not boxes, pages, tables
    if re.search(r"[aeiouy][^aeiouy]e(ly|ty|ment|ments|ful|fully|less|ness)$", word):
        return 1  # lovely, safety, statement, careful, homeless
    return 0


def count_word(word):
    """Syllables in one word of letters (any case); at least 1."""
    word = word.lower().replace("’", "'")
    word = re.sub(r"'[a-z]*$", "", word)  # don't, it's, you're: the ending adds no syllable
    if word in EXCEPTIONS:
        return EXCEPTIONS[word]
    if len(word) <= 3:
        return max(1, len(VOWEL_GROUP.findall(_base(word))))
    base = _base(word)
    count = len(VOWEL_GROUP.findall(base)) - _silent_endings(base)
    count += sum(1 for pattern in TWO_SYLLABLE_PAIRS if pattern.search(base))
    return max(1, count)


def count(token):
    """Syllables in a token of running text: a hyphenated word is its parts; an abbreviation
    is spoken letter by letter ("TRD": 3); a number counts as one."""
    if token[0].isdigit():
        return 1
    if token.isupper() and len(token) > 1:
        return sum(3 if letter == "W" else 1 for letter in token if letter.isalpha())
    return sum(count_word(part) for part in re.split(r"-", token) if part)
