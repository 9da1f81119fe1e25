"""Labelled metadata blocks, as catalogue pages print them (sample 001).

``索 引 号 003111216/201505-00034 信息分类 主题活动`` — several ``label value`` pairs per line, labels
often spaced out character by character (``名  称``), separated from values by spaces or a colon (full or
half width). Table rows copied from a page keep their cells apart with pipes
(``| 名称 | 关于…的通知 | 文号 | … |``): a cell naming a label gives its value to the next cell.

A line is a metadata line only when it starts with a label this module knows. Once it is one, labels it
does not know still end the value before them when they are followed by a colon and look like labels
(``有效期限：``, ``废止时间：``): a title never swallows the next field. A list item's bullet before the
label (``- 发文字号:``, ``• 索引号:``) and an unknown first name of a field named two ways (``备注/文号:``) are
read past; a label in brackets (``【发布时间】…``) or a field wholly in them (``【发布日期：…】【来源：…】``) is one. A row of labels alone (``索引号 文号 发布机构``, ``| 索引号 | 文号 |``) is told by ``label_row``; the row of
values under it is split into as many cells by ``value_cells`` (the caller pairs them and checks each value).
Pure module: no Django.
"""

from __future__ import annotations

import re

# Canonical field → the labels that name it (Simplified and Traditional).
LABELS: dict[str, tuple[str, ...]] = {
    "index_no": ("索引号", "索引號", "索取号", "索取號"),
    "column": ("信息分类", "信息分類", "所属栏目", "所屬欄目", "栏目", "欄目", "组配分类", "組配分類"),
    "issuer": (
        "发布机构",
        "發布機構",
        "发文机关",
        "發文機關",
        "发文机构",
        "發文機構",
        "发文单位",
        "發文單位",
        "发布单位",
        "發布單位",
        "发布部门",
        "發布部門",
        "发文部门",
        "發文部門",
        "发布机关",
        "發布機關",
        "制发机关",
        "製發機關",
        "制发机构",
        "成文单位",
        "成文機關",
        "成文机关",
        "颁布单位",  # a law database's fields: 颁布日期, 实施日期, 颁布单位
        # a 政策解读 page's agency: the interpretation is its own publication
        "解读机关",
        "解讀機關",
        "解读单位",
        "解讀單位",
        "解读部门",
        "解讀部門",
        "頒布單位",
        "颁布机关",
        "頒布機關",
    ),
    # The date a law or rule was promulgated: the document's own publication, over a page's bare 时间.
    "promulgated_on": ("颁布日期", "頒布日期", "颁布时间", "頒布時間"),
    "published_on": (
        "发布日期",
        "發布日期",
        "发布时间",
        "發布時間",
        "公开日期",
        "公開日期",
        "公开时间",
        "公開時間",
        "公布日期",
        "公布时间",
        "时间",
        "時間",
        "日期",
    ),
    "formed_on": (
        "生成日期",
        "成文日期",
        "成文時間",
        "成文时间",
        "印发日期",
        "印發日期",
        "印发时间",
        "发文日期",
        "發文日期",
        "发文时间",
        "签发日期",
        "簽發日期",
    ),
    "effective_on": (
        "施行日期",
        "施行时间",
        "施行時間",
        "实施日期",
        "實施日期",
        "实施时间",
        "實施時間",
        "生效日期",
        "生效时间",
        "生效時間",
    ),
    "repealed_on": (
        "废止日期",
        "廢止日期",
        "废止时间",
        "廢止時間",
        "失效日期",
        "失效时间",
        "失效時間",
    ),
    "source": ("信息来源", "信息來源", "文章来源", "文章來源", "稿件来源", "稿件來源", "来源", "來源"),
    "keywords": ("关键词", "關鍵詞", "关键字", "關鍵字", "主题词", "主題詞"),
    "topic": ("主题分类", "主題分類", "所属主题", "所屬主題", "主题", "主題"),
    "audience": ("服务对象分类", "服務對象分類", "服务对象", "服務對象"),
    "genre": ("体裁分类", "體裁分類", "公文种类", "公文種類", "文种", "文種"),
    "lifecycle": ("生命周期分类", "生命週期分類"),
    "doc_number": (
        "发文字号",
        "發文字號",
        "发文文号",
        "發文文號",
        "发文号",
        "發文號",
        "文件编号",
        "文件編號",
        "文件字号",
        "文号",
        "文號",
        "发布文号",  # a law database's ``【发布文号】``
        "發布文號",
    ),
    "format": ("信息格式/语种", "信息格式", "语种", "語種"),
    "title": (
        "信息名称",
        "信息名稱",
        "文件名称",
        "文件名稱",
        "文件标题",
        "文件標題",
        "公文标题",
        "公文標題",
        "公文名称",
        "公文名稱",
        "文章标题",
        "文章標題",
        "文章名称",
        "政策名称",
        "信息标题",
        "信息標題",
        "发文标题",
        "發文標題",
        "标题",
        "標題",
        "题名",
        "題名",
        "名称",
        "名稱",
    ),
    "summary": ("内容概述", "內容概述", "内容摘要", "內容摘要", "摘要"),
    "validity": ("有效性", "时效性", "時效性", "效力状态", "效力狀態", "效力", "是否有效"),
    "disclosure": ("公开方式", "公開方式", "公开范围", "公開範圍", "公开形式", "公开属性", "公开类型"),
    # A page's counters and tools. Copied without their numbers and icons they stand empty (``浏览：``,
    # ``点击:``, ``打印 关闭``): as known labels they still end the value before them, colon or not.
    "ignored": (
        "浏览量",
        "浏览次数",
        "浏览数",
        "浏览",
        "瀏覽量",
        "瀏覽次數",
        "瀏覽數",
        "瀏覽",
        "访问量",
        "访问次数",
        "訪問量",
        "訪問次數",
        "阅读量",
        "阅读次数",
        "阅读数",
        "阅读",
        "閱讀量",
        "閱讀次數",
        "閱讀數",
        "閱讀",
        "点击数",
        "点击量",
        "点击率",
        "点击次数",
        "点击",
        "點擊數",
        "點擊量",
        "點擊率",
        "點擊次數",
        "點擊",
        "评论",
        "評論",
        "分享到",
        "分享",
        "打印本页",
        "打印本頁",
        "打印",
        "关闭窗口",
        "關閉窗口",
        "关闭本页",
        "關閉本頁",
        "关闭",
        "關閉",
        "字体",
        "字體",
        "字號",
        "字号",
        "作者",
        "编辑",
        "編輯",
        "责任编辑",
        "責任編輯",
        "签发人",
        "簽發人",
        "发布人",
        "發布人",
        "发布者",
        "發布者",
    ),
}

# Pages converted to Traditional characters by machine write 发布 and 公布 as 發佈 and 公佈 (OpenCC's phrase
# table), beside 發布: every label with 發布/公布/頒布 is known in both forms.
VARIANTS = (("發布", "發佈"), ("公布", "公佈"), ("頒布", "頒佈"))
for _field_name, _labels in LABELS.items():
    LABELS[_field_name] = _labels + tuple(
        label.replace(plain, variant)
        for label in _labels
        for plain, variant in VARIANTS
        if plain in label and label.replace(plain, variant) not in _labels
    )

# Labels this module does not know still look like labels: a few characters ending in one of these, then
# a colon. They only end a value (``名称：… 有效期限：…``); they never make a line a metadata line.
LABEL_ENDINGS = (
    "时间|時間|日期|名称|名稱|机构|機構|机关|機關|单位|單位|部门|部門|来源|來源|分类|分類|编号|編號"
    "|字号|字號|文号|文號|类别|類別|类型|類型|状态|狀態|期限|范围|範圍|方式|形式|属性|屬性|格式|语种|效力"
)
CJK = r"\u4e00-\u9fff"
# What stands before a label: the start of the line, white space, a pipe or an opening bracket (``【字体：``).
SEPARATOR = r"\s|｜【\[［"


def _spaced(label: str) -> str:
    return r"[^\S\n]*".join(re.escape(char) for char in label)


_ALTERNATIVES = sorted(
    ((label, field) for field, labels in LABELS.items() for label in labels), key=lambda pair: -len(pair[0])
)
_KNOWN = "|".join(_spaced(label) for label, _ in _ALTERNATIVES)
LABEL = re.compile(
    # A known label after the start, white space or a pipe, with or without a colon.
    rf"(?:(?<=^)|(?<=[{SEPARATOR}]))(?P<label>{_KNOWN})[^\S\n]*(?P<colon>[:：])?"
    # A label this module does not know, after white space and with a colon.
    rf"|(?<=[{SEPARATOR}])(?P<other>[{CJK}]{{0,6}}(?:{LABEL_ENDINGS}))[^\S\n]*(?P<other_colon>[:：])"
    # A known label run on to the value before it (``…的通知信息来源：…``): only with a colon.
    rf"|(?<=[^\s:：])(?P<tight>{_KNOWN})[^\S\n]*(?P<tight_colon>[:：])"
)
# Most lines are prose: one anchored match tells a metadata line before the whole line is scanned.
STARTS_WITH_LABEL = re.compile(rf"(?:{_KNOWN})[^\S\n]*(?:[:：]|\s|$)")
# A line may also open with a label this module does not know (``审核人：… 发布时间：…``); it is a metadata
# line only if a known label with a colon follows on it.
STARTS_WITH_OTHER = re.compile(rf"(?P<other_start>[{CJK}](?:[^\S\n]*[{CJK}]){{1,5}})[^\S\n]*[:：]")
_FIELD_BY_LABEL = dict(_ALTERNATIVES)
# ``【发布时间】2026-01-05``: a label in brackets is a label with a colon.
BRACKETED = re.compile(rf"[【\[［]\s*(?P<label>{_KNOWN})\s*[】\]］][^\S\n]*[:：]?")
# ``【发布日期：2026-01-05】【来源：测试市卫健委】``: a field wholly in brackets, its label with its value.
BRACKETED_FIELD = re.compile(rf"[【\[［]\s*(?P<label>{_KNOWN})\s*[:：](?P<value>[^【】\[\]［］\n]*)[】\]］]")
PIPES = re.compile(r"\s*[|｜]\s*")
# A list item's bullet before a label (``- 索 引 号:…``, ``• 发文字号:``): pages whose fields are an HTML list.
BULLET = re.compile(r"^(?:[•·●▪◆■]\s*|[-*]\s+)")
# A field named two ways, the first unknown (``备注/文号:测政办〔2026〕8号``): the known second name counts.
COMPOUND = re.compile(rf"^[{CJK}]{{1,6}}[^\S\n]*[/／][^\S\n]*(?=(?:{_KNOWN})[^\S\n]*[:：])")
RULE = re.compile(r"^[\s|｜:：\-—=+]*$")  # a table's rule line: ``|---|:---|``
# One cell of a row of labels alone: a known label, maybe spaced out or with its colon, then a separator or the end.
LABEL_CELL = re.compile(rf"(?:{_KNOWN})[^\S\n]*(?:[:：]|(?=[\s|｜]|$))")
LABEL_FIRST = frozenset(label[0] for label, _ in _ALTERNATIVES)
ROW_MAX = 120  # a row of labels is short, and no sentence
ROW_BREAKER = re.compile(r"[，,。；;！？、《》()（）0-9]")
ROW_GAP = re.compile(r"[\s|｜]*")
# A time after a date in a cell of values (``2026-01-05 10:23``): one cell, though a space splits it.
TIME_AFTER = re.compile(r"(?<=\d)\s+(?=\d{1,2}:\d{2}(?::\d{2})?(?:\s|$))")


def _field(matched: str) -> str:
    return _FIELD_BY_LABEL[re.sub(r"\s", "", matched)]


def label_field(text: str) -> str | None:
    """The field a cell names when the whole cell is one known label (``名  称：``), else None."""
    return _FIELD_BY_LABEL.get(re.sub(r"[\s:：]", "", text))


def parse_label_line(line: str) -> dict[str, str] | None:
    """The ``field → value`` pairs of a metadata line, or None when the line is not one.

    A line counts only when it starts with a known label followed by a colon, a space or the end of
    the line — ``标题党`` opening a paragraph is prose, not a label.
    """
    stripped = line.strip()
    if stripped[:1] in "-*•·●▪◆■":
        stripped = BULLET.sub("", stripped)
    if "/" in stripped[:8] or "／" in stripped[:8]:
        stripped = COMPOUND.sub("", stripped)
    if "【" in stripped or "[" in stripped or "［" in stripped:
        stripped = BRACKETED.sub(lambda match: match["label"] + "：", stripped)
        stripped = BRACKETED_FIELD.sub(lambda match: f" {match['label']}：{match['value']} ", stripped).strip()
    if "|" in stripped or "｜" in stripped:
        return _parse_cells(stripped)
    return _parse_pairs(stripped)


def _parse_pairs(stripped: str) -> dict[str, str] | None:
    opening = None
    if not STARTS_WITH_LABEL.match(stripped):
        opening = STARTS_WITH_OTHER.match(stripped)
        if opening is None:
            return None
    matches = [
        match
        for match in LABEL.finditer(stripped, opening.end() if opening else 0)
        if _is_label(stripped, match)
    ]
    if opening is not None:
        if not any((match["label"] and match["colon"]) or match["tight"] for match in matches):
            return None
        matches.insert(0, opening)
    elif not matches or matches[0].start() != 0 or not matches[0]["label"]:
        return None
    pairs: dict[str, str] = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(stripped)
        value = stripped[match.end() : end].strip().strip(":：").strip().rstrip("【[［").rstrip()
        groups = match.groupdict()
        name = groups.get("label") or groups.get("tight")
        other = groups.get("other") or groups.get("other_start") or ""
        field = _field(name) if name else "other:" + re.sub(r"\s", "", other)
        if field != "ignored":
            pairs.setdefault(field, value)
    return pairs


def _is_label(stripped: str, match: re.Match) -> bool:
    if match["label"]:
        return bool(match["colon"]) or match.end() == len(stripped) or stripped[match.end() - 1].isspace()
    return True  # the other two forms require their colon


def _parse_cells(stripped: str) -> dict[str, str] | None:
    """A pipe-separated row: ``名称 | 关于…的通知 | 文号 | 某府发〔2020〕1号 |``."""
    if RULE.match(stripped):
        return {}
    cells = [cell for cell in PIPES.split(stripped.strip("|｜ ")) if cell]
    pairs: dict[str, str] = {}
    index = 0
    while index < len(cells):
        cell = cells[index]
        field = label_field(cell)
        if field is not None:
            following = cells[index + 1] if index + 1 < len(cells) else ""
            value = "" if not following or label_field(following) is not None else following
            index += 2 if value else 1
        else:
            inner = _parse_pairs(cell)
            if inner is None:
                if not pairs:
                    return None  # a table of content, not of metadata
                index += 1
                continue
            for key, inner_value in inner.items():
                if key != "ignored":
                    pairs.setdefault(key, inner_value)
            index += 1
            continue
        if field != "ignored":
            pairs.setdefault(field, value)
    return pairs


def label_row(line: str) -> list[str] | None:
    """The labels of a row that is nothing but known labels, two or more (``索引号 文号 发布机构``), else None.

    The labels stand apart by white space, tabs or pipes, each maybe with its colon and nothing after it:
    the row of a table whose values are on the row below. Each is given without its spaces and colon
    (``label_field`` names its field); ``ignored`` labels count as cells.
    """
    stripped = line.strip().strip("|｜").strip()
    if stripped[:1] not in LABEL_FIRST or len(stripped) > ROW_MAX or ROW_BREAKER.search(stripped):
        return None  # most lines: no label opens them, or they are sentences
    fields: list[str] = []
    position = ROW_GAP.match(stripped).end()
    while position < len(stripped):
        cell = LABEL_CELL.match(stripped, position)
        if cell is None:
            return None
        fields.append(re.sub(r"[\s:：]", "", cell[0]))
        position = ROW_GAP.match(stripped, cell.end()).end()
    return fields if len(fields) >= 2 else None


def value_cells(line: str, piped: bool) -> list[str]:
    """The cells of the row of values under a row of labels, split as that row is: by pipes, else tabs or spaces.

    A value may itself hold a space (``2026-01-05 10:23`` stays one cell; others do not), so the caller pairs
    only when the number of cells is exactly the number of labels.
    """
    stripped = line.strip()
    if piped:
        return [cell.strip() for cell in PIPES.split(stripped.strip("|｜").strip())]
    if "\t" in stripped:
        return [cell.strip() for cell in stripped.split("\t") if cell.strip()]
    return [cell.replace("\x00", " ") for cell in TIME_AFTER.sub("\x00", stripped).split()]
