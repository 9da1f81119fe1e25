"""What an imported document says about itself: title, 发文字号, issuing body, dates.

``extract(text)`` reads plain text (from TXT, DOCX or PDF) the way a person preparing a catalogue entry
would: a labelled metadata block wins (sample 001); otherwise the GB/T 9704-2012 layout is read — 发文字号
on its own line above the title (§7.2.4), the title as the first heading (§7.3.1), the 发文机关署名 and
成文日期 as the signature at the end of the text (§7.3.5). Everything found is shown to staff for
confirmation before an item is created; ``warnings`` say what was guessed. Text is kept as written
(Traditional stays Traditional). Pure module: no Django.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from gongkai.catalog.extraction.dates import FoundDate, find_dates, is_date_line, parse_date
from gongkai.catalog.extraction.docnumbers import DocNumber, find_numbers, parse_number
from gongkai.catalog.extraction.labels import parse_label_line

__all__ = ["DocNumber", "Extracted", "FoundDate", "extract", "parse_date", "parse_number"]

TITLE_MIN, TITLE_MAX = 6, 60
HEAD_LINES = 40
SENTENCE_END = "。！？；!?;:：，,"
NUMBERED = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（〔【][一二三四五六七八九十0-9]+[)）〕】]|[0-9]+[、.．)）]"
    r"|第[一二三四五六七八九十百0-9]+[章节條条款部分]|[一二三四五六七八九十]是)"
)
ARTICLE = re.compile(r"^\s*第[一二三四五六七八九十0-9]+篇\s*[:：]?\s*")
BREADCRUMB = re.compile(r"^\s*(?:当前位置|當前位置|您的位置|您现在的位置|首页\s*[>＞])")
BOILERPLATE = re.compile(r"^\s*(?:温馨提示|溫馨提示|网站客服|網站客服|序论|序論|导读|導讀|扫码|掃碼)")
FOOTER = re.compile(
    r"设为主页|設為主頁|加入收藏|网站地图|網站地圖|ICP备|ICP備|公网安备|扫码浏览|技术支持|版权所有|版權所有"
    r"|地址[:：].*(?:电话|E-mail)|主办\s*运行维护"
)
ISSUER_SUFFIX = re.compile(
    r"(?:人民政府|政府|办公室|辦公室|办公厅|辦公廳|委员会|委員會|管委会|管委會|办事处|辦事處|党组|黨組"
    r"|局|委|厅|廳|部|办|辦|中心|院|处|處|署|所|站|队|隊)$"
)
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Extracted:
    title: str = ""
    doc_number: str = ""
    doc_number_damaged: bool = False
    issuer: str = ""
    formed_on: dt.date | None = None
    published_on: dt.date | None = None
    dates: list[FoundDate] = field(default_factory=list)
    cited_numbers: list[DocNumber] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    body: str = ""
    warnings: list[str] = field(default_factory=list)


def extract(text: str) -> Extracted:
    """Read title, 发文字号, issuer and dates from the text of one document."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    result = Extracted()
    head_skip = _read_head(lines, result)
    result.dates, impossible = find_dates(text)
    result.warnings += [f"日期“{value}”不存在，已忽略" for value in impossible]
    _read_title(lines, head_skip, result)
    _read_doc_number(lines, result)
    _read_signature(lines, result)
    _read_labelled_dates(result)
    result.cited_numbers = [n for n in find_numbers(text) if n.text != result.doc_number]
    for number in result.cited_numbers:
        if number.damaged:
            result.warnings.append(f"文中文号“{number.raw}”有残缺，按“{number.text}”读取")
    if sum(1 for line in lines if ARTICLE.match(line)) > 1:
        result.warnings.append("文本中含有多篇文档（第一篇、第二篇……），仅按第一篇提取")
    result.body = _body(lines, head_skip)
    return result


def _read_head(lines: list[str], result: Extracted) -> set[int]:
    """Collect labelled fields from the top of the page; return the line numbers that are page chrome."""
    chrome: set[int] = set()
    in_notice = False
    for index, line in enumerate(lines[:HEAD_LINES]):
        stripped = line.strip()
        if BREADCRUMB.match(stripped) or BOILERPLATE.match(stripped):
            chrome.add(index)
            in_notice = stripped.startswith(("温馨提示", "溫馨提示"))
            continue
        if in_notice and re.match(r"^[0-9]+[.、．]", stripped):
            chrome.add(index)
            continue
        in_notice = False
        pairs = parse_label_line(stripped)
        if pairs is not None:
            chrome.add(index)
            for key, value in pairs.items():
                result.metadata.setdefault(key, value)
    for index in range(len(lines) - 1, max(len(lines) - 8, -1), -1):
        stripped = lines[index].strip()
        if FOOTER.search(stripped) or (
            stripped and (parse_label_line(stripped) or {}).keys() & {"source", "ignored"}
        ):
            chrome.add(index)
    return chrome


def _is_heading(line: str) -> bool:
    stripped = ARTICLE.sub("", line.strip())
    return (
        TITLE_MIN <= len(stripped) <= TITLE_MAX
        and len(CJK.findall(stripped)) >= 4
        and stripped[-1] not in SENTENCE_END
        and not NUMBERED.match(stripped)
        and is_date_line(stripped) is None
        and parse_number(stripped) is None
        and not (stripped.endswith("文件") and len(stripped) <= 20)
    )


def _read_title(lines: list[str], chrome: set[int], result: Extracted) -> None:
    labelled = result.metadata.get("title", "").strip()
    if labelled:
        result.title = labelled
        return
    for index, line in enumerate(lines[:HEAD_LINES]):
        if index not in chrome and _is_heading(line):
            result.title = ARTICLE.sub("", line.strip())
            return
    for index, line in enumerate(lines):
        stripped = line.strip()
        if index in chrome or len(stripped) <= TITLE_MAX or NUMBERED.match(stripped):
            continue
        sentence = re.split(r"[。！？!?]", stripped, maxsplit=1)[0].strip()
        result.title = sentence if len(sentence) <= TITLE_MAX else sentence[: TITLE_MAX - 1] + "…"
        result.warnings.append("未找到标题行，已取正文第一句作为标题，请核对")
        return
    result.warnings.append("未找到标题")


def _read_doc_number(lines: list[str], result: Extracted) -> None:
    labelled = result.metadata.get("doc_number", "").strip()
    if labelled:
        number = parse_number(labelled)
        if number is None:
            result.doc_number = labelled
            result.warnings.append(
                f"文号“{labelled}”不符合 GB/T 9704 格式（机关代字〔年份〕序号号），按原样保留"
            )
        else:
            _take(number, result)
        return
    # GB/T 9704 §7.2.4: the number stands on its own line in the head, above (sometimes under) the title.
    for line in lines[:HEAD_LINES]:
        stripped = re.split(r"\s+签发人|\s+簽發人", line.strip())[0]
        if len(stripped) > TITLE_MAX:
            break
        number = parse_number(stripped)
        if number is not None:
            _take(number, result)
            return


def _take(number: DocNumber, result: Extracted) -> None:
    result.doc_number = number.text
    result.doc_number_damaged = number.damaged
    if number.damaged:
        result.warnings.append(f"文号“{number.raw}”有残缺，按“{number.text}”读取，请核对")


def _read_signature(lines: list[str], result: Extracted) -> None:
    """GB/T 9704 §7.3.5: 发文机关署名 with the 成文日期 on the next line (or the same line)."""
    issuer = result.metadata.get("issuer", "").strip()
    candidates = [(index, line.strip()) for index, line in enumerate(lines) if line.strip()]
    for position, (_, line) in enumerate(candidates):
        on = None
        name = ""
        parts = line.rsplit(maxsplit=1)
        if len(parts) == 2 and is_date_line(parts[1]) and ISSUER_SUFFIX.search(parts[0]):
            name, on = parts[0], is_date_line(parts[1])
        elif position + 1 < len(candidates) and len(line) <= 30 and ISSUER_SUFFIX.search(line):
            following = candidates[position + 1][1]
            if not re.search(r"[，,。；;：:、]", line):
                name, on = line, is_date_line(following)
        if name and on:
            result.issuer = issuer or name
            result.formed_on = on
            return
    result.issuer = issuer


def _read_labelled_dates(result: Extracted) -> None:
    for key in ("published_on", "formed_on"):
        value = result.metadata.get(key, "").strip()
        if not value:
            continue
        on = parse_date(value)
        if on is None:
            result.warnings.append(f"无法识别日期“{value}”")
        else:
            setattr(result, key, on)
    if result.formed_on and result.published_on and result.published_on < result.formed_on:
        result.warnings.append("发布日期早于成文日期，请核对")


def _body(lines: list[str], chrome: set[int]) -> str:
    kept = [line.rstrip() for index, line in enumerate(lines) if index not in chrome]
    return "\n".join(kept).strip("\n")
