"""The pure text layer: normalisation, tokens, query parsing, highlighting."""

import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from gongkai.search import t2s_data, text


def test_normalise_folds_width_script_and_case():
    assert text.normalise("ＡＢＣ政務公開") == "abc政务公开"


def test_searchable_drops_punctuation_symbols_and_whitespace():
    assert text.searchable("“三公” 经费，2017年！") == "三公经费2017年"


def test_every_position_starts_a_token():
    assert text.bigram_tokens("政府信息") == ["政府", "府信", "信息", "息"]


def test_ideographs_are_left_alone_by_nfkc_and_join_nothing():
    """What ``text.nfkc`` relies on to normalise only the runs between ideographs."""
    ranges = [range(ord(low), ord(high) + 1) for low, high in text.IDEOGRAPHS]
    inside = {code for span in ranges for code in span}
    for code in inside:
        assert unicodedata.decomposition(chr(code)) == "" and unicodedata.combining(chr(code)) == 0
    for code in range(sys.maxunicode + 1):
        mapping = unicodedata.decomposition(chr(code))
        parts = mapping.split()
        if len(parts) == 2 and not mapping.startswith("<"):  # canonical pairs: what composition rebuilds
            assert not any(int(part, 16) in inside for part in parts), hex(code)


@given(
    st.lists(
        st.sampled_from(["政", "務", "公", "開", "，", "（", "）", "Ａ", "①", "e", "\u0301", "\u0323", "가", "\u11a8",
                         "ｶ", "\uff9e", "㈠", "⼀", "豈", "x", " ", "\u1100", "\u1161", "ﬁ"])
    ).map("".join)
)  # fmt: skip
def test_nfkc_by_runs_is_whole_text_nfkc(source):
    assert text.nfkc(source) == unicodedata.normalize("NFKC", source)


def test_the_t2s_fast_path_file_matches_the_installed_opencc():
    """``normalise`` skips OpenCC for text without these characters: they must be the ones the
    installed dictionaries change (regenerate with ``python -m gongkai.search.t2s_data``)."""
    assert t2s_data.shipped() == t2s_data.changing_characters()


# Simplified text, Traditional characters, and keys that change only as phrases (覆 alone stays 覆).
_T2S_PIECES = [
    "政府信息公开",
    "看著",
    "答覆",
    "明瞭",
    "深沈",
    "著作",
    "乾隆",
    "乾燥",
    "後",
    "發",
    "臺灣",
    "豈",
    "ＡＢ",
    "é",
    "，",
    "破坏",
    "拉坏",
    "里",
    "哩",
    "英哩",
    "回覆",
    "沈阳",
    " ",
    "x",
    "\U0002005e",  # beyond the Basic Multilingual Plane: converted
    "\U00020000",  # and one that is not
]


def test_normalise_converts_a_lone_traditional_character_of_either_plane():
    assert text.normalise("依申请答覆") == "依申请答复"  # a phrase: 覆 alone stays 覆
    assert text.normalise("政府\U0002005e") == "政府\U0002003e"  # beyond the Basic Multilingual Plane
    assert text.normalise("政府\U00020000") == "政府\U00020000"


@given(st.lists(st.sampled_from(_T2S_PIECES)).map("".join))
def test_normalise_skips_opencc_only_where_it_would_change_nothing(source):
    converted = text._converter().convert(text.nfkc(source)).lower()
    assert text.normalise(source) == converted


@given(st.text(min_size=0, max_size=40))
def test_bigram_string_is_the_tokens_joined(source):
    compacted = text.searchable(source)
    assert text.bigram_string(compacted) == " ".join(text.bigram_tokens(compacted))


def test_sections_keep_every_short_substring_whole():
    source = "".join(chr(0x4E00 + i) for i in range(1000))
    pieces = text.sections(source, 100, 20)
    for start in range(len(source) - 21):
        assert any(source[start : start + 21] in piece for piece in pieces)


def test_query_syntax_and_quotes_exclusions_spaces():
    query = text.parse_query('政府 "三公 经费" -废止 “政務 公開” 政府')
    assert query.terms == ("政府", "三公经费", "政务公开")
    assert query.excluded == ("废止",)


def test_a_lone_dash_or_punctuation_is_no_term():
    assert text.parse_query("- ，。").empty


def test_snippet_escapes_everything_but_marks():
    html = text.snippet("<政务>公开&<script>", ("政务公开",))
    assert html == "&lt;<mark>政务&gt;公开</mark>&amp;&lt;script&gt;"


def test_snippet_highlights_traditional_text_in_its_own_script():
    assert "<mark>政務公開</mark>" in text.snippet("本機關政務公開工作", ("政务公开",))


def test_segmenter_knows_government_terms():
    assert "依申请公开" in text.query_words("依申请公开的政府信息")
    assert len(text.government_terms()) >= 300


def phrase_match(haystack: str, term: str) -> bool:
    """What the index does: consecutive bigram positions (or a token prefix for one character)."""
    tokens = text.bigram_tokens(haystack)
    if len(term) == 1:
        return any(token.startswith(term) for token in tokens)
    wanted = text.bigram_tokens(term)[:-1]
    return any(tokens[i : i + len(wanted)] == wanted for i in range(len(tokens)))


@given(
    st.text(alphabet="政府信息公开工作年度报告的", max_size=30),
    st.text(alphabet="政府信息公开", min_size=1, max_size=4),
)
def test_bigram_phrase_matching_is_exactly_substring_containment(haystack, term):
    assert phrase_match(haystack, term) == (term in haystack)
