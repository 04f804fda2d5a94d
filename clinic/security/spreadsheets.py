"""Text that is safe to open in a spreadsheet: no cell is ever run as a formula.

A spreadsheet runs a cell that starts with =, +, -, @ (or a tab or carriage return) as a
formula. A CSV opened with a different separator than it was written with (`;` in much of
Europe, `,` elsewhere), or by an importer that splits on tabs or line breaks, cuts one cell
into several: `x;@SUM(A1)` becomes `x` and `@SUM(A1)`. So a formula character that follows a
separator or a line break (spaces between allowed) is guarded too.

The rule: a cell that starts with a formula character, or holds one right after `,`, `;`, a
tab or a line break, gets a leading apostrophe; and an apostrophe is put in front of every
formula character that follows such a separator, so each piece is text wherever it is cut.
"""

import re

# A cell a spreadsheet would run as a formula starts with one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A separator or line break, any spaces, then a formula character: a formula if the cell is cut.
AFTER_SEPARATOR = re.compile(r"([,;\t\r\n][ \t]*)([=+\-@])")


def neutralise(value):
    """Make a would-be formula text: a leading apostrophe, and one before each formula
    character that follows a separator (see the module docstring)."""
    if not isinstance(value, str):
        return value
    guarded = AFTER_SEPARATOR.sub(r"\1'\2", value)
    if guarded != value or value.startswith(FORMULA_STARTS):
        return "'" + guarded
    return value
