"""Accessibility (无障碍): the portal and the workbench pass axe-core's WCAG 2.1 A/AA rules.

Government websites are assessed on 适老化与无障碍 (GB/T 37668); a screen-reader user must be able
to name every field, link and button, and text must keep its contrast. The demo is loaded, then the
pages are found by following links, as a visitor would, from the home page (public) and from the
workbench home signed in as the demo's reviewer (staff), one page per URL pattern and query keys:
every page axe finds wrong is reported with its rule and elements. axe-core is run in the page by
``axe-playwright-python`` (it ships the script; nothing is fetched).
"""

from __future__ import annotations

from collections import Counter
from io import StringIO
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

from gongkai.agencies.demo import STAFF as DEMO_ACCOUNTS
from gongkai.testing import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}
# Enough pages to reach every template a visitor or a reviewer meets from the menus; a record's
# page is visited for a few records, since what it shows depends on the record's state.
PAGES = 160
SKIPPED = ("/static/", "/media/", "/api/", "/admin/", "logout", "download", "export")
FILES = (".pdf", ".docx", ".xlsx", ".csv", ".zip", ".json", ".xml", ".txt")


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


# ``aria-describedby`` naming a help text that has another id reads nothing, and axe reports it only
# as a case to review: every id an attribute refers to must be on the page.
REFERENCES = """() => {
  const broken = [];
  for (const element of document.querySelectorAll('[aria-describedby], [aria-labelledby], [aria-controls], label[for]')) {
    for (const attribute of ['aria-describedby', 'aria-labelledby', 'aria-controls', 'for']) {
      for (const id of (element.getAttribute(attribute) || '').split(/\\s+/)) {
        if (id && !document.getElementById(id)) broken.push(`${element.tagName.toLowerCase()}[${attribute}=${id}]`);
      }
    }
  }
  return broken;
}"""
# A field sent wrong has the errors' colour on its border (the sighted user's cue beside the message).
INVALID_BORDERS = """() => {
  const error = document.querySelector('.errorlist');
  const colour = error ? getComputedStyle(error).color : null;
  return [...document.querySelectorAll('[aria-invalid="true"]')]
    .filter(field => !['radio', 'checkbox', 'hidden'].includes(field.type))
    .filter(field => getComputedStyle(field).borderTopColor !== colour)
    .map(field => `${field.id}: ${getComputedStyle(field).borderTopColor} (errors: ${colour})`);
}"""


def broken_references(page, label: str) -> list[str]:
    return [f"{label} references a missing id: {reference}" for reference in page.evaluate(REFERENCES)]


def pattern_of(url: str) -> str | None:
    """The page's URL pattern and query keys."""
    parts = urlsplit(url)
    try:
        route = resolve(parts.path).route
    except Resolver404:
        return None
    return route + "?" + "&".join(sorted({key for key, _ in parse_qsl(parts.query)}))


def violations_of(
    page, start: str | list[str], within: str, per_record: int, checked: Counter | None = None
) -> tuple[int, list[str]]:
    """Walk same-site links under ``within`` from ``start`` (a page, or pages a form leads to), axe on each page (a record's page for up
    to ``per_record`` records) that ``checked`` (kinds of page already checked, by an earlier walk)
    does not hold yet; the number of kinds of page walked and what axe found."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Error

    queue = [start] if isinstance(start, str) else list(start)
    axe, seen, found, host = Axe(), Counter(), [], urlsplit(queue[0]).netloc
    checked = Counter() if checked is None else checked
    visited = set()
    while queue and len(visited) < PAGES:
        url = queue.pop(0)
        kind = pattern_of(url)
        if kind is None or url in visited or seen[kind] >= (per_record if "<" in kind else 1):
            continue
        seen[kind] += 1
        visited.add(url)
        try:
            response = page.goto(url)
        except Error as error:  # a file served by a page-like URL (``…/pdf/``)
            if "Download is starting" in error.message:
                continue
            raise
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        if checked[kind] < seen[kind]:
            checked[kind] += 1
            for violation in axe.run(page, options=RULES).response["violations"]:
                targets = [node["target"] for node in violation["nodes"]][:3]
                found.append(f"{urlsplit(url).path} {violation['id']} ({violation['help']}): {targets}")
            found += broken_references(page, urlsplit(url).path)
        for link in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            parts = urlsplit(link)
            if parts.netloc != host or not parts.path.startswith(within):
                continue
            if any(word in parts.path for word in SKIPPED) or parts.path.endswith(FILES):
                continue
            if within == "/" and parts.path.startswith("/workbench"):
                continue
            queue.append(parts._replace(fragment="").geturl())
    return len(seen), found


def axe_findings(page, label: str) -> list[str]:
    """What axe finds on the page as it stands (after a form was sent, say)."""
    from axe_playwright_python.sync_playwright import Axe

    return [
        f"{label} {violation['id']} ({violation['help']}): {[node['target'] for node in violation['nodes']][:3]}"
        for violation in Axe().run(page, options=RULES).response["violations"]
    ] + broken_references(page, label)


def test_public_pages_pass_the_wcag_rules(live_server, page, demo):
    # The home page, and the result pages of the search form (found, and nothing found).
    starts = [live_server.url + path for path in ("/", "/search/?q=政府信息公开", "/search/?q=无此词语组合")]
    walked, found = violations_of(page, starts, "/", per_record=4)
    assert walked >= 40, walked  # the walk reached the portal's sections, not one page
    # Forms sent empty: the errors must be tied to their fields for a screen reader too.
    for path, button in (("/apply/form/", "提交申请"), ("/interaction/write/", "提交留言")):
        page.goto(live_server.url + path)
        with page.expect_navigation():
            page.get_by_role("button", name=button).click()
        assert page.get_by_role("alert").count() >= 1  # the page with the errors, not the empty form
        found += axe_findings(page, f"{path} (sent empty)")
        found += [
            f"{path} (sent empty) border not marked: {field}" for field in page.evaluate(INVALID_BORDERS)
        ]
    assert found == [], "\n".join(found)


# A reviewer's pages, records in every state the demo has; then the kinds of page only the disclosure
# office (the city's subtree, self-check, clocks) and an agency administrator (members, settings)
# reach, who sign in with a second factor (their walks check only the kinds of page not checked
# before). One test: the demo is loaded once.
WORKBENCH_USERS = [("fgw_reviewer", 6), ("office", 1), ("czj_admin", 1)]


def test_workbench_pages_pass_the_wcag_rules(live_server, browser, demo):
    found, checked = [], Counter()
    for username, per_record in WORKBENCH_USERS:
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        page = context.new_page()
        password = next(account[1] for account in DEMO_ACCOUNTS if account[0] == username)
        sign_in_browser(page, live_server, username, password)
        page.wait_for_url(live_server.url + "/workbench/")
        walked, by_user = violations_of(
            page, live_server.url + "/workbench/", "/workbench/", per_record, checked
        )
        context.close()
        assert walked >= 30, (username, walked)
        found += [f"{username}: {line}" for line in by_user]
    assert found == [], "\n".join(found)
