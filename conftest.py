"""Fixtures shared by every app's tests: a frozen clock, a small agency tree and staff with known roles."""

import datetime as dt
import os

import pytest
from hypothesis import settings as hypothesis_settings

from gongkai.agencies.models import AgencyKind, Role
from gongkai.testing import TODAY, ApiClient, SignedInClient, frozen_instant, make_agency, make_user

# CI (.ci/run sets CI=1) runs the property tests on a fixed sequence of examples, so a landing is
# never decided by a lucky or unlucky draw; developers' runs keep exploring new examples. No
# per-example deadline in either: speed is measured by the benchmarks, and on a loaded machine a
# correct example can exceed Hypothesis's default 200 ms and fail the property for no reason.
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls there
# unless told that this is a synchronous test process.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite tests use a file, not Django's shared-cache in-memory database: threads (the
    concurrent-publication test) then meet SQLite's real locking, where ``BEGIN IMMEDIATE`` makes
    writers queue, exactly as in production. WAL with synchronous=NORMAL keeps it as fast."""
    from django.conf import settings

    default = settings.DATABASES["default"]
    if default["ENGINE"] == "django.db.backends.sqlite3":
        default.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("sqlite") / "test.sqlite3")


@pytest.fixture(autouse=True)
def _frozen_clock(request, time_machine):
    """Every test runs on a fixed date, never on the machine's: ``TODAY`` (gongkai.testing), in a
    year the built-in calendar knows, at 10:00 Asia/Shanghai, unless the test or its module is marked
    ``@pytest.mark.today("2026-12-21")`` (a date, or a date and time, read in Asia/Shanghai).

    The clock ticks from there (audit events keep their order, timeouts still expire) and is patched
    for every thread, so the live server of the browser tests sees the same date."""
    marker = request.node.get_closest_marker("today")
    day = dt.date.fromisoformat(marker.args[0][:10]) if marker else TODAY
    at = dt.time.fromisoformat(marker.args[0][11:]) if marker and len(marker.args[0]) > 10 else None
    time_machine.move_to(frozen_instant(day, at), tick=True)


@pytest.fixture(autouse=True)
def _fresh_caches():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests start from a flushed database: put the reference data back."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        from gongkai.core import reference

        reference.ensure()


@pytest.fixture
def tree(db):
    """city (government) → dept_a, dept_b, town (town). Returns a dict by short name."""
    city = make_agency("city", name="测试市人民政府", kind=AgencyKind.GOVERNMENT, index_prefix="000000001")
    return {
        "city": city,
        "dept_a": make_agency("dept-a", parent=city, name="测试市甲局", index_prefix="000000002"),
        "dept_b": make_agency("dept-b", parent=city, name="测试市乙局", index_prefix="000000003"),
        "town": make_agency(
            "town", parent=city, name="测试镇人民政府", kind=AgencyKind.TOWN, index_prefix="000000004"
        ),
    }


@pytest.fixture
def staff(tree):
    """Users by role: handler/reviewer/admin of dept_a, handler of dept_b, the city's office, a superuser."""
    return {
        "handler_a": make_user("handler_a", agency=tree["dept_a"], role=Role.HANDLER),
        "reviewer_a": make_user("reviewer_a", agency=tree["dept_a"], role=Role.REVIEWER),
        "admin_a": make_user("admin_a", agency=tree["dept_a"], role=Role.AGENCY_ADMIN),
        "handler_b": make_user("handler_b", agency=tree["dept_b"], role=Role.HANDLER),
        "office": make_user("office", agency=tree["city"], role=Role.DISCLOSURE_OFFICE),
        "root": make_user("root", superuser=True),
    }


@pytest.fixture
def client():
    """A test client whose force_login also passes the second factor (superusers, agency admins
    and the disclosure office need one): see ``core.testing.SignedInClient``."""
    return SignedInClient()


@pytest.fixture
def admin_client(db, admin_user):
    client = SignedInClient()
    client.force_login(admin_user)
    return client


@pytest.fixture
def api(staff):
    """ApiClient factory: api("handler_a") acts with that user's token; api() is anonymous."""

    def build(username: str | None = None) -> ApiClient:
        return ApiClient(staff[username] if username else None)

    return build


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Tests render templates without a collectstatic manifest, and hash test passwords fast.

    Cookies last for the browser session: the live server computes an Expires from the frozen clock,
    which the real browser (on the real clock) would read as already past and drop."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: message.type == "error" and errors.append(message.text))
    tab.console_errors = errors
    yield tab
    context.close()
