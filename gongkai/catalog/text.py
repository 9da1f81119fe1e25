"""Item bodies: sanitised HTML for display, plain text for screening and search."""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "span", "div",
    "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "hr",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "a", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto"}
BLOCK_END = re.compile(r"(?i)<\s*(br\s*/?|/p|/div|/li|/h[1-6]|/tr|/blockquote|/pre|/table|/caption)\s*>")
TAG_HINT = re.compile(r"<\s*/?\s*[A-Za-z][^>]*>")
# What ``import_creation.body_html`` writes: paragraphs of escaped text without a character the
# HTML parser rewrites (NUL, CR, other controls; NBSP becomes ``&nbsp;``). nh3 returns such markup
# unchanged, so both sanitiser passes are skipped for it (issue 19: each imported body went
# through nh3 twice, ~0.1 ms per item).
_TEXT = r"[^<>&\x00-\x08\x0b-\x1f\x7f-\x9f\xa0]*"
PLAIN_PARAGRAPHS = re.compile(rf"(?:<p>{_TEXT}(?:&(?:amp|lt|gt);{_TEXT})*</p>)+")


def looks_like_html(text: str) -> bool:
    return bool(TAG_HINT.search(text))


def sanitize_body(body: str) -> str:
    """Safe HTML from what the author typed: HTML is cleaned with nh3, plain text becomes paragraphs."""
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        return ""
    if not looks_like_html(body):
        paragraphs = [line.strip() for line in body.split("\n") if line.strip()]
        return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in paragraphs)
    if PLAIN_PARAGRAPHS.fullmatch(body):
        return body  # what nh3 would return (tests compare with ``nh3_sanitized``)
    return nh3_sanitized(body)


def nh3_sanitized(body: str) -> str:
    """The general path of ``sanitize_body``: nh3 with the allowed tags, attributes and schemes."""
    return nh3.clean(
        body,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def html_to_text(markup: str) -> str:
    """Plain text of sanitised HTML, one line per block."""
    if markup and PLAIN_PARAGRAPHS.fullmatch(markup):
        return _lines(markup.replace("<p>", "").replace("</p>", "\n"))
    return nh3_text(markup)


def nh3_text(markup: str) -> str:
    """The general path of ``html_to_text``: every tag stripped by nh3, block ends as line breaks."""
    return _lines(nh3.clean(BLOCK_END.sub("\n", markup or ""), tags=set(), attributes={}))


def _lines(stripped: str) -> str:
    lines = [html.unescape(line).strip() for line in stripped.split("\n")]
    return "\n".join(line for line in lines if line)


KEYWORD_SEPARATORS = re.compile(r"[,，;；、\s]+")


def normalize_keywords(keywords) -> str:
    """Keywords as one comma-separated string (accepts a list or any usual separator)."""
    if isinstance(keywords, list | tuple):
        keywords = ",".join(str(word) for word in keywords)
    words = [word for word in KEYWORD_SEPARATORS.split(keywords or "") if word]
    return ",".join(dict.fromkeys(words))


def keyword_list(keywords: str) -> list[str]:
    return [word for word in (keywords or "").split(",") if word]


TABLE_OPEN = re.compile(r"<table\b[^>]*>(\s*<caption>(.*?)</caption>)?", re.IGNORECASE | re.DOTALL)
TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)


def with_scrollable_tables(markup: str) -> str:
    """Sanitised body HTML with each table in a box that scrolls sideways by itself (portal
    ``tables.css``), focusable and named by the table's caption, so a wide table, such as an annual
    report's, can be read on a phone. Done at display time: stored bodies keep what nh3 allows."""

    def open_box(match: re.Match) -> str:
        caption = _lines(re.sub(r"<[^>]*>", "", match.group(2) or "")).replace("\n", " ") or "表格"
        label = html.escape(caption, quote=True)
        return f'<div class="table-scroll" role="region" tabindex="0" aria-label="{label}">{match.group(0)}'

    return TABLE_CLOSE.sub("</table></div>", TABLE_OPEN.sub(open_box, markup or ""))
