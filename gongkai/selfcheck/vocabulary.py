"""The self-check's vocabulary: API codes with their Chinese labels — pure Python, no Django."""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    label: str

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


class Status(Labelled):
    PASS = "pass", "通过"
    WARN = "warn", "预警"
    FAIL = "fail", "未通过"


class Verdict(Labelled):
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


class TaskStatus(Labelled):
    OPEN = "open", "整改中"
    DONE = "done", "已完成"


class Scope(Labelled):
    AGENCY = "agency", "本机构"
    TREE = "tree", "本机构及下级机构"


STATUS_RANK = {Status.PASS: 0, Status.WARN: 1, Status.FAIL: 2}
