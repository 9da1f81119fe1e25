"""Reading numbers out of query strings and form fields without surprises.

``str.isdigit`` accepts ``²`` and other Unicode digits that ``int`` refuses, and ``int`` refuses
strings of more than 4300 digits; either would turn a junk query string into a 500.
"""

from __future__ import annotations

MAX_DIGITS = 18  # fits a 64-bit database integer


def parse_int(value) -> int | None:
    """``value`` as a non-negative int when it is plain ASCII digits (at most 18), else ``None``."""
    text = "" if value is None else str(value)
    if text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS:
        return int(text)
    return None
