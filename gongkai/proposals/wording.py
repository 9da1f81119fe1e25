"""What the published answer to a suggestion or proposal may not say — pure Python, no Django.

domain/services.md §4: the proposers (领衔人/附议人) are never published, and the answer goes out as
its full text *without contact details*, or as a summary with a reason (国办发〔2014〕46号; provincial
practice). A real answer letter opens with the deputy's name (“王某某代表：您提出的…”) and closes
with the handling office's contact block (联系人、联系电话、电子邮箱); both must be left out of what
the portal shows. Screening (Art. 17) blocks mobile and ID numbers but only warns about landlines
and e-mail addresses, and cannot know a name: these two rules fill that gap, without override.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from gongkai.screening.detectors import scan

# Kinds of screening finding that are contact details and that screening only warns about: never in
# a published answer. A mobile number is blocked by the screening itself (a reviewer may override
# only a false match), so it is left to it: the refusal keeps its code and its masked findings.
CONTACT_KINDS = ("landline", "email")
MIN_NAME = 2  # a one-character "name" would match everywhere
_SEPARATORS = re.compile(r"[、，,;；/\s]+")
_ASIDE = re.compile(r"[（(][^）)]*[）)]")
# "王某某等5名代表", "李四（领衔）", "张三委员": the name without what follows it.
_TRAILER = re.compile(r"(?:等.*|(?:领衔)?(?:人大)?(?:代表|委员|政协委员)(?:们)?)$")
NOT_NAMES = frozenset({"代表", "委员", "领衔人", "附议人", "领衔", "附议", "无"})


def proposer_names(proposers: str) -> list[str]:
    """The names in the record's 领衔人及附议人 text, as staff typed it ("王某某等5名代表",
    "张三、李四（领衔）")."""
    text = _ASIDE.sub(" ", unicodedata.normalize("NFKC", proposers or ""))
    names = []
    for part in _SEPARATORS.split(text):
        name = part.strip().removeprefix("领衔人").removeprefix("附议人").strip("：:")
        while (shorter := _TRAILER.sub("", name)) != name:
            name = shorter
        if len(name) >= MIN_NAME and name not in NOT_NAMES and name not in names:
            names.append(name)
    return names


def naming_proposers(texts: Mapping[str, str], proposers: str) -> list[str]:
    """The fields of ``texts`` (field → published wording) that name a proposer."""
    names = proposer_names(proposers)
    return [
        field
        for field, text in texts.items()
        if any(name in unicodedata.normalize("NFKC", text or "") for name in names)
    ]


def contact_details(texts: Mapping[str, str]) -> list[str]:
    """The kinds of contact detail (``landline``, ``email``) found in ``texts``."""
    kinds = {finding.kind for text in texts.values() for finding in scan(text or "")}
    return [kind for kind in CONTACT_KINDS if kind in kinds]
