"""Every word a person reads is Chinese and means something to them (issue 11, item 12).

The guard walks the portal and the workbench over the demo data (plus a draft), as the public
and as staff of each kind, following the links a person can follow, and fails on what only a
developer understands: raw codes (``item.publish``, ``catalog.item#8``, ``due_on``), English
words, and ``None``. Text inside ``<code>`` (commands, template variables, secrets a person
types) is exempt, as are e-mail addresses, web addresses, account names and agency codes (data
people type themselves). The other tests here pin the fixes the walk found.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils.translation import gettext, ngettext

from gongkai.agencies.models import Agency
from gongkai.audit import labels
from gongkai.testing import SignedInClient

CODE = r"[a-z_]+(\.[a-z_]+)+"  # an audit action code: item.publish
ROOT = Path(__file__).resolve().parent.parent / "gongkai"

# Latin words a Chinese reader meets on real government sites (file formats, products, standards).
ALLOWED_WORDS = {
    "PDF", "DOCX", "DOC", "XLSX", "XLS", "CSV", "TXT", "OFD", "WPS", "ZIP", "PNG", "JPG", "JPEG", "Word",
    "Excel", "API", "RSS", "Atom", "JSON", "OpenAPI", "TOTP", "URL", "HTML", "APP", "WCAG",
    "FreeOTP", "Google", "Microsoft", "Authenticator",
}  # fmt: skip
PROBLEMS = [
    ("None", re.compile(r"\bNone\b")),
    ("dotted code", re.compile(r"\b[a-z][a-z_]*\.[a-z][a-z_]*\b")),
    ("snake_case code", re.compile(r"\b[a-z]+_[a-z_]+\b")),
    ("object id", re.compile(r"[a-z]#\d+")),
    ("English word", re.compile(r"\b[A-Za-z]{3,}\b")),
]
DATA = re.compile(
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+"  # e-mail addresses
    r"|https?://\S+|www\.\S+|(?<![\w.])/[a-z][a-z0-9_/-]*/"  # web addresses, this site's paths
    r"|\{[a-z_:0-9]+\}"  # index number pattern parts ({prefix}, {seq:05d}) staff type
    r"|\b[A-Z0-9]{10,}\b"  # tracking codes
    r"|[\w-]*\.(pdf|docx|xlsx|xls|csv|txt|png|jpg)\b",  # file names and extensions
    re.IGNORECASE,
)
SKIP = re.compile(
    r"/logout|/api/|/static/|/media/|/captcha/|feed|rss|atom|\.xml|export|download"
    r"|/(pdf|docx|xlsx|csv|ledger)/?$|letters?/\d+/\d+/"
)


class _Text(HTMLParser):
    """Text nodes and the attributes people read (labels for screen readers, placeholders,
    tooltips), minus ``<code>``, ``<script>`` and ``<style>``; and the page's links."""

    READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("code", "script", "style"):
            self.skipping.append(tag)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        self.parts.extend(attributes[name] or "" for name in self.READ_ATTRIBUTES if name in attributes)

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def read(html: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts), parser.links


def problems(text: str, data_words: set[str]) -> list[tuple[str, str, str]]:
    text = DATA.sub(" ", text)
    found = []
    for kind, pattern in PROBLEMS:
        for match in pattern.finditer(text):
            word = match.group(0)
            if kind == "English word" and (word in ALLOWED_WORDS or word in data_words):
                continue
            if kind in ("snake_case code", "dotted code") and word in data_words:
                continue
            start = max(0, match.start() - 30)
            found.append((kind, word, " ".join(text[start : match.end() + 30].split())))
    return found


def walk(client, starts: list[str], data_words: set[str], limit: int = 400) -> tuple[dict, int]:
    """Follow same-site links breadth-first (one page per URL shape: ids and page numbers
    collapsed); returns {url: problems} and the number of pages read."""
    queue, shapes, found, pages = list(starts), set(), {}, 0
    while queue and pages < limit:
        url = queue.pop(0)
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or not parts.path.startswith("/") or SKIP.search(url):
            continue
        shape = re.sub(r"\d+", "N", parts.path) + "?" + re.sub(r"=[^&]*", "=", parts.query)
        if shape in shapes:
            continue
        shapes.add(shape)
        response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        assert response.status_code < 500, f"{url}: {response.status_code}"
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        if getattr(response, "streaming", False):
            continue
        pages += 1
        text, links = read(response.content.decode())
        if issues := problems(text, data_words):
            found[parts.path + (f"?{parts.query}" if parts.query else "")] = issues
        queue.extend(link.split("#")[0] for link in links)
    return found, pages


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())
    from gongkai.catalog import services as catalog_services

    reviewer = get_user_model().objects.get(username="fgw_reviewer")
    agency = reviewer.memberships.first().agency
    draft = catalog_services.create_item(
        actor=reviewer,
        agency=agency,
        title="【演示】尚未发布的草稿",
        formed_on=dt.date(2026, 11, 20),
        genre="other_document",
        body="草稿正文。",
    )
    return {"draft": draft}


def data_words() -> set[str]:
    """Account names and agency codes: data people type, shown where accounts are managed."""
    words = set(get_user_model().objects.values_list("username", flat=True))
    words |= set(Agency.objects.values_list("code", flat=True))
    return {part for word in words for part in re.split(r"[^A-Za-z_]+", word) if part} | words


# The public; the disclosure office (every agency's lists); a superuser (accounts, the whole audit
# trail); a reviewer (the act forms of one agency).
@pytest.mark.parametrize("username", [None, "office", "admin", "fgw_reviewer"])
def test_no_page_shows_codes_english_or_none(demo, username):
    client = SignedInClient()
    starts = ["/", "/catalog/", "/interaction/", "/reports/", "/solicitations/"]
    if username:
        client.force_login(get_user_model().objects.get(username=username))
        starts = [
            "/workbench/",
            f"/workbench/catalog/{demo['draft'].pk}/",
            "/workbench/audit/",
            "/workbench/workdays/",
            *starts,
        ]
    found, pages = walk(client, starts, data_words())
    assert pages > (60 if username else 30), pages  # the walk really went through the site
    assert not found, "\n".join(
        f"{url}: [{kind}] {word!r} … {context}"
        for url, issues in found.items()
        for kind, word, context in issues
    )


# What the walk found, pinned ----------------------------------------------------------------


def test_the_audit_page_and_csv_name_actions_objects_and_people(demo, admin_client):
    item = demo["draft"]
    page = admin_client.get("/workbench/audit/", {"action": "item.create"}).content.decode()
    assert "起草政府信息" in page and f"政府信息“{item.title}”" in page
    assert "item.create" not in read(page)[0] and "catalog.item" not in page
    reviewer = get_user_model().objects.get(username="fgw_reviewer")
    assert reviewer.get_full_name() and reviewer.get_full_name() in page
    by_name = admin_client.get("/workbench/audit/", {"actor": reviewer.get_full_name()}).content.decode()
    assert f"政府信息“{item.title}”" in by_name
    csv = b"".join(admin_client.get("/workbench/audit/", {"export": "csv"}).streaming_content).decode()
    header, *rows = csv.lstrip("\ufeff").splitlines()
    assert header.startswith("时间,操作人,机构,动作,对象,摘要")
    assert any("起草政府信息" in row and reviewer.get_full_name() in row for row in rows)


def test_every_recorded_action_has_a_chinese_name():
    """Every ``action="x.y"`` written in the code (and every family ``f"x.{act}"``) is named."""
    constants, prefixes = set(), set()
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            for keyword in node.keywords:
                if keyword.arg != "action":
                    continue
                for value in ast.walk(keyword.value):
                    if isinstance(value, ast.Constant) and re.fullmatch(CODE, str(value.value)):
                        constants.add(value.value)
                    if isinstance(value, ast.JoinedStr) and isinstance(value.values[0], ast.Constant):
                        prefixes.add(value.values[0].value)
    assert {"item.publish", "auth.login", "calendar.seed"} <= constants  # the scan finds them
    assert sorted(action for action in constants if not labels.has_label(action)) == []
    assert prefixes <= labels.family_prefixes()
    assert labels.action_label("application.reply") == "答复"
    assert labels.action_label("message.transfer") == "转办"


def test_timelines_name_staff_and_the_public_not_accounts(demo, admin_client):
    from gongkai.interaction.models import Message

    message = Message.objects.filter(events__action="rate").first()
    page = admin_client.get(f"/workbench/interaction/{message.pk}/").content.decode()
    assert "（留言人）" in page and "（public）" not in page and "（system）" not in page
    assert "（系统）" in page  # the demo loader's acts


def test_drafts_say_when_their_index_number_comes(demo, client):
    client.force_login(get_user_model().objects.get(username="fgw_reviewer"))
    text, _ = read(client.get(f"/workbench/catalog/{demo['draft'].pk}/").content.decode())
    assert "发布时编制" in text and "尚未发布" in text and "None" not in text


def test_the_builtin_calendar_names_the_notices_not_the_package(db, client):
    from gongkai.workdays.models import CalendarYear

    assert set(CalendarYear.objects.filter(region="").values_list("source", flat=True)) == {
        "国务院办公厅历年部分节假日安排的通知（系统内置）"
    }


def test_form_messages_are_ours_not_djangos_stock_wording():
    from django import forms

    class Form(forms.Form):
        title = forms.CharField(label="标题", max_length=5)
        on = forms.DateField(label="日期")
        days = forms.IntegerField(label="天数", max_value=10)

    errors = Form({"title": "一二三四五六七", "on": "31/01/2026", "days": "11"}).errors
    assert errors["title"] == ["内容太长：最多 5 个字，现有 7 个字，请删减。"]
    assert errors["on"] == ["请填写正确的日期，格式如 2026-01-31。"]
    assert errors["days"] == ["不能大于 10。"]
    assert Form({}).errors["title"] == ["此项为必填项，请填写。"]


def test_the_compiled_messages_match_their_source():
    """gongkai/locale: the .mo in the repository is the .po compiled (msgfmt after editing)."""
    source = (ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = re.findall(
        r'^msgid ((?:".*"\n)+)(?:msgid_plural ((?:".*"\n)+))?msgstr(?:\[0\])? ((?:".*"\n?)+)', source, re.M
    )

    def text(block: str) -> str:
        return "".join(ast.literal_eval(line) for line in block.strip().splitlines())

    checked = 0
    for singular, plural, translated in entries:
        singular, translated = text(singular), text(translated)
        if not singular:
            continue
        shown = ngettext(singular, text(plural), 2) if plural else gettext(singular)
        assert shown == translated, singular
        checked += 1
    assert checked >= 20
