"""Extension points of the workbench: menu entries and 待办 (to-do) providers.

Apps register in their ``AppConfig.ready``. A to-do provider is called with the user and the
current agency and returns ``TodoItem``s; the home page merges them, most urgent first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

WORKING_DAYS = "工作日"
CALENDAR_DAYS = "自然日"


def is_overdue(days_left: int | None, *, due_on: dt.date | None = None, today: dt.date | None = None) -> bool:
    """Past the due day. A reply is due by the end of ``due_on``, so it is late from the next day,
    whatever kind of day that is: decided from the dates when they are given, because ``days_left``
    (count(today, due_on), the spec's number) is 0 on a day off after the due day."""
    if due_on is not None and today is not None:
        return today > due_on
    return days_left is not None and days_left < 0


def days_left_text(
    days: int | None, unit: str = WORKING_DAYS, *, due_on: dt.date | None = None, today: dt.date | None = None
) -> str:
    """Days left or late in words, always with the unit (statutory limits count working days).
    With ``due_on`` and ``today``, 今天到期 only on the due day and 已逾期 on any day after it."""
    if days is None:
        return ""
    if is_overdue(days, due_on=due_on, today=today):
        return f"已逾期 {-days} 个{unit}" if days < 0 else f"已逾期不足 1 个{unit}"
    if days == 0 and due_on is not None and today is not None and today < due_on:
        return f"剩余不足 1 个{unit}"  # due on a day off, seen before it
    if days == 0:
        return "今天到期"
    return f"剩余 {days} 个{unit}"


# Working days left at which a deadline is shown as 即将到期 (待办, lists, dashboards of every duty).
DUE_SOON_DAYS = 5


def deadline_status(
    days_left: int | None, *, due_on: dt.date | None = None, today: dt.date | None = None
) -> str:
    """``overdue`` (已逾期: past the due day, see ``is_overdue``), ``due_soon`` (即将到期: ≤
    ``DUE_SOON_DAYS`` working days) or ``normal``."""
    if days_left is None:
        return "normal"
    if is_overdue(days_left, due_on=due_on, today=today):
        return "overdue"
    return "due_soon" if days_left <= DUE_SOON_DAYS else "normal"


@dataclass(frozen=True)
class TodoItem:
    kind: str  # short Chinese label of the duty, e.g. "依申请公开"
    title: str
    url: str
    due_on: dt.date | None = None
    days_left: int | None = None  # in ``days_unit``; negative when overdue
    note: str = ""
    # Working days, like every statutory limit; calendar days only where the working days cannot be
    # counted yet (a year whose holiday schedule is not confirmed).
    days_unit: str = WORKING_DAYS
    badge: str = ""  # instead of 正常/即将到期/已逾期 for work without a deadline (e.g. 待确认收到)
    today: dt.date | None = None  # the day ``days_left`` was counted from (``todos`` fills it in)
    full_title: str = ""  # the whole title when ``title`` is shortened (shown on hover)

    @property
    def days_left_text(self) -> str:
        return days_left_text(self.days_left, self.days_unit, due_on=self.due_on, today=self.today)

    @property
    def status(self) -> str:
        return deadline_status(self.days_left, due_on=self.due_on, today=self.today)

    @property
    def sort_key(self):
        return (
            self.days_left if self.days_left is not None else 10**6,
            self.due_on or dt.date.max,
            self.title,
        )


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    order: int = 50
    minimum: str = "view"  # an action of gongkai.agencies.permissions.ACTIONS
    office_only: bool = False
    extra: dict = field(default_factory=dict)


TodoProvider = Callable[..., list[TodoItem]]

_menu: dict[str, MenuEntry] = {}
_todo_providers: dict[str, TodoProvider] = {}


def register_menu(label: str, url_name: str, *, order: int = 50, minimum: str = "view", office_only=False):
    _menu[url_name] = MenuEntry(label, url_name, order, minimum, office_only)


def register_todo(name: str, provider: TodoProvider) -> None:
    _todo_providers[name] = provider


def menu_entries() -> list[MenuEntry]:
    return sorted(_menu.values(), key=lambda entry: (entry.order, entry.label))


def todos(user, agency, today: dt.date) -> list[TodoItem]:
    items: list[TodoItem] = []
    for provider in _todo_providers.values():
        items.extend(
            item if item.today is not None else replace(item, today=today)
            for item in provider(user=user, agency=agency, today=today)
        )
    return sorted(items, key=lambda item: item.sort_key)


@dataclass(frozen=True)
class StandingWarning:
    """A standing warning on the workbench home (e.g. next year's calendar is missing and open
    deadlines run into it): shown above the 待办 to every staff member it concerns."""

    text: str
    url: str = ""
    link_text: str = ""


WarningProvider = Callable[..., list[StandingWarning]]
_warning_providers: dict[str, WarningProvider] = {}


def register_warning(name: str, provider: WarningProvider) -> None:
    _warning_providers[name] = provider


def warnings(user, agency, today: dt.date) -> list[StandingWarning]:
    items: list[StandingWarning] = []
    for provider in _warning_providers.values():
        items.extend(provider(user=user, agency=agency, today=today))
    return items
