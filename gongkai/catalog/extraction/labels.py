"""Labelled metadata blocks, as catalogue pages print them (sample 001).

``索 引 号 003111216/201505-00034 信息分类 主题活动`` — several ``label value`` pairs per line, labels
often spaced out character by character, separated from values by spaces or a colon. Pure module.
"""

from __future__ import annotations

import re

# Canonical field → the labels that name it (Simplified and Traditional).
LABELS: dict[str, tuple[str, ...]] = {
    "index_no": ("索引号", "索引號"),
    "column": ("信息分类", "信息分類", "所属栏目", "栏目"),
    "issuer": ("发布机构", "發布機構", "发文机关", "發文機關", "发文单位", "发布单位", "发布部门"),
    "published_on": ("发布日期", "發布日期", "发布时间", "發布時間", "公开日期", "公开时间", "时间", "時間"),
    "formed_on": ("生成日期", "成文日期", "成文时间", "成文時間", "印发日期", "发文日期"),
    "source": ("信息来源", "信息來源", "来源", "來源"),
    "keywords": ("关键词", "關鍵詞", "主题词", "主題詞"),
    "topic": ("主题分类", "主題分類"),
    "audience": ("服务对象分类", "服務對象分類"),
    "genre": ("体裁分类", "體裁分類"),
    "lifecycle": ("生命周期分类",),
    "doc_number": ("发文字号", "發文字號", "文号", "文號"),
    "format": ("信息格式/语种", "信息格式", "语种"),
    "title": ("信息名称", "信息名稱", "标题", "標題", "题名", "題名"),
    "summary": ("内容概述", "內容概述", "内容摘要", "摘要"),
    "validity": ("有效性", "时效性", "效力状态"),
    "ignored": (
        "浏览量",
        "浏览次数",
        "瀏覽量",
        "点击数",
        "字体",
        "字號",
        "字号",
        "作者",
        "编辑",
        "編輯",
        "责任编辑",
    ),
}


def _spaced(label: str) -> str:
    return r"[^\S\n]*".join(re.escape(char) for char in label)


_ALTERNATIVES = sorted(
    ((label, field) for field, labels in LABELS.items() for label in labels), key=lambda pair: -len(pair[0])
)
LABEL = re.compile(
    r"(?:(?<=^)|(?<=\s))(?P<label>"
    + "|".join(_spaced(label) for label, _ in _ALTERNATIVES)
    + r")[^\S\n]*(?P<colon>[:：])?"
)
_FIELD_BY_LABEL = dict(_ALTERNATIVES)


def _field(matched: str) -> str:
    return _FIELD_BY_LABEL[re.sub(r"\s", "", matched)]


def parse_label_line(line: str) -> dict[str, str] | None:
    """The ``field → value`` pairs of a metadata line, or None when the line is not one.

    A line counts only when it starts with a known label followed by a colon, a space or the end of
    the line — ``标题党`` opening a paragraph is prose, not a label.
    """
    stripped = line.strip()
    matches = [
        match
        for match in LABEL.finditer(stripped)
        if match["colon"] or match.end() == len(stripped) or stripped[match.end() - 1].isspace()
    ]
    if not matches or matches[0].start() != 0:
        return None
    pairs: dict[str, str] = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(stripped)
        value = stripped[match.end() : end].strip().strip(":：").strip()
        field = _field(match["label"])
        if field != "ignored":
            pairs.setdefault(field, value)
    return pairs
