"""Every page's ids are unique, and every label, ARIA reference and in-page link finds its element.

A repeated id sends a label, an ``aria-describedby`` or an error summary's link to the first element
that carries it, often another form's field on a page that shows several act forms. The demo is
loaded once, then the pages are reached by following links (one page per URL shape; a record's page
for several records, since its forms depend on the record's state), as the public and as staff who
see the most forms: a reviewer of one agency, the disclosure office (every agency's records and
acts), an agency administrator (members, settings) and a superuser. Then the pages shown after a
form is refused: the public forms and tracking pages, and every act form of an application's and a
message's page (a record in each state) sent empty or with a date the service refuses. Every page
found wrong is reported at once."""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from gongkai.testing import TODAY, SignedInClient, frozen_instant, id_problems

pytestmark = pytest.mark.django_db

SKIP = re.compile(
    r"/logout|/api/|/static/|/media/|/captcha/|/admin/|feed|rss|atom|\.xml|export|download"
    r"|/(pdf|docx|xlsx|csv|ledger)/?$|letters?/\d+/\d+/|\.(pdf|docx)$"
)
PER_RECORD = 8  # a record's page (a path with a number in it) for up to so many records
PER_AGENCY = 2  # an agency's page (its code in the path: the demo's start with sfs) for two agencies
AGENCY_CODE = re.compile(r"(?<=/)sfs(-[a-z]+)?(?=/)")
LIMIT = 500  # pages per walk, well above what one walk reaches
# Links an ordinary visitor and staff follow are not enough for a few pages: the portal's search
# results, an empty search, and the forms' pages reached only by a button.
PUBLIC_STARTS = [
    "/", "/catalog/", "/interaction/", "/reports/", "/solicitations/", "/apply/", "/apply/form/",
    "/search/?q=政府信息公开", "/search/?q=无此词语组合",
]  # fmt: skip
STAFF_STARTS = ["/workbench/", "/workbench/audit/", "/workbench/workdays/"]
USERS = ["fgw_reviewer", "office", "czj_admin", "admin"]


def walk(client, starts: list[str], within: str) -> tuple[dict[str, list[str]], int]:
    """Follow this site's links under ``within`` breadth-first from ``starts``; {url: id problems}
    and the number of pages read."""
    queue, seen, shapes, found, pages = list(starts), set(), {}, {}, 0
    while queue and pages < LIMIT:
        parts = urlsplit(queue.pop(0))
        if (
            parts.netloc not in ("", "testserver")
            or not parts.path.startswith(within)
            or SKIP.search(parts.path)
        ):
            continue
        query = urlencode(sorted(parse_qsl(parts.query)))
        url = parts.path + (f"?{query}" if query else "")
        # One page per URL shape; a record's (numbers collapsed) for several records, an agency's
        # (its code collapsed) for two agencies.
        path = AGENCY_CODE.sub("A", re.sub(r"\d+", "N", parts.path))
        shape = path + "?" + "&".join(sorted({key for key, _ in parse_qsl(query)}))
        limit = PER_RECORD if "N" in path else (PER_AGENCY if "/A/" in path else 1)
        if url in seen or shapes.get(shape, 0) >= limit:
            continue
        seen.add(url)
        shapes[shape] = shapes.get(shape, 0) + 1
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        if getattr(response, "streaming", False):
            continue
        pages += 1
        html = response.content.decode()
        if problems := id_problems(html):
            found[url] = problems
        queue += re.findall(r'<a [^>]*href="([^"#]+)', html)
    return found, pages


@pytest.fixture
def demo(settings, tmp_path, time_machine):
    # The demo's records are dated from today: the tests' day, not the wall clock's.
    time_machine.move_to(frozen_instant(TODAY), tick=False)
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())


def one_per_state(model) -> list:
    """A record in each state the demo has."""
    return list({record.state: record for record in model.objects.order_by("-pk")}.values())


def checked(client, requests) -> tuple[dict[str, list[str]], int]:
    """Each (method, url, data) sent: the HTML pages that answer (a form shown again with its
    errors among them), {request: id problems}, and how many were HTML pages."""
    found, pages = {}, 0
    for method, url, data in requests:
        response = client.post(url, data) if method == "POST" else client.get(url)
        assert response.status_code < 500, (method, url, response.status_code)
        if "text/html" not in response.get("Content-Type", "") or response.status_code in (301, 302, 303):
            continue
        pages += 1
        html, request = response.content.decode(), f"{method} {url} {data or ''}".strip()
        problems = id_problems(html)
        # A refused act's page: its first field at fault focused (or its heading), and nothing else.
        refused = method == "POST" and url.startswith("/workbench/apply/") and "data-error-summary" in html
        if refused and (focused := len(re.findall(r"\sautofocus[\s>]", html))) != 1:
            problems.append(f"{focused} elements autofocused")
        if problems:
            found[request] = problems
    return found, pages


def public_forms_sent() -> list[tuple[str, str, dict]]:
    """The public forms sent empty or wrong, and the tracking pages of records in each state."""
    from gongkai.applications.models import Application
    from gongkai.interaction.models import Message
    from gongkai.solicitation.models import Solicitation

    requests = [
        ("POST", "/apply/form/", {}),
        ("POST", "/interaction/write/", {}),
        ("GET", "/apply/track/?code=", {}),
        ("GET", "/apply/track/?code=X", {}),
        ("GET", "/interaction/track/?code=", {}),
    ]
    for application in one_per_state(Application):
        code = application.tracking_code
        requests += [
            ("GET", f"/apply/track/?code={code}", {}),
            ("POST", f"/apply/track/{code}/verify/", {}),
            ("POST", f"/apply/track/{code}/correction/", {}),
        ]
    for message in one_per_state(Message):
        code = message.tracking_code
        requests += [
            ("GET", f"/interaction/track/?code={code}", {}),
            ("POST", f"/interaction/track/{code}/rate/", {}),
        ]
    requests += [
        ("POST", f"/solicitations/{pk}/comment/", {})
        for pk in Solicitation.objects.values_list("pk", flat=True)
    ]
    return requests


def refused_acts(client) -> list[tuple[str, str, dict]]:
    """Every act form of an application's and a message's page (one record in each state) sent
    empty (refused by the form) and with a date far ahead (refused by the service where the form
    takes it): the page is shown again with the errors summed up and linked to their fields."""
    from gongkai.applications.models import Application
    from gongkai.interaction.models import Message

    requests = []
    pages = [f"/workbench/apply/{a.pk}/" for a in one_per_state(Application)]
    pages += [f"/workbench/interaction/{m.pk}/" for m in one_per_state(Message)]
    for url in pages:
        html = client.get(url).content.decode()
        for action in sorted(
            set(re.findall(r'<form method="post" action="(/workbench/[a-z]+/\d+/[^"]+)"', html))
        ):
            requests.append(("POST", action, {}))
            if "/act/" in action:  # an act's form, prefixed with the act's name
                requests.append(
                    ("POST", action, {f"{action.rstrip('/').rsplit('/', 1)[-1]}-date": "2099-12-31"})
                )
    return requests


def test_every_page_has_unique_ids_and_no_dangling_references(demo):
    found = {}
    public = SignedInClient()
    by_walk, pages = walk(public, PUBLIC_STARTS, "/")
    assert pages > 40, pages  # the walk went through the portal, not one page
    found.update(by_walk)
    by_form, pages = checked(public, public_forms_sent())
    assert pages > 20, pages
    found.update(by_form)
    for username in USERS:
        client = SignedInClient()
        client.force_login(get_user_model().objects.get(username=username))
        by_walk, pages = walk(client, STAFF_STARTS, "/workbench/")
        assert pages > 50, (username, pages)
        found.update({f"{username}: {url}": problems for url, problems in by_walk.items()})
        if username == "office":  # acts for every agency: every record's act forms are offered
            by_form, pages = checked(client, refused_acts(client))
            assert pages > 30, pages  # act forms were sent, refused and shown again
            found.update({f"{username}: {request}": problems for request, problems in by_form.items()})
    assert not found, "\n".join(f"{url}: {'; '.join(problems)}" for url, problems in found.items())
