"""Load test: many citizens at once against gunicorn + PostgreSQL + Redis, optionally with faults.

    .venv/bin/python bench/loadtest.py                       # 200 clients × 60 s (make loadtest)
    .venv/bin/python bench/loadtest.py --faults              # + kill -9 a worker every 10 s and
                                                             #   restart PostgreSQL mid-run
    .venv/bin/python bench/loadtest.py --clients 20 --duration 10   # a quick check

By default it starts its own PostgreSQL cluster (initdb in a temporary directory, a free port)
so a restart hurts nobody else, migrates it, loads the demo, and serves it with gunicorn
(``--workers``, default 2 × cores + 1) with ``PROXY_COUNT=1``; each client sends its own
``X-Forwarded-For``, so the per-address limit on public submissions stays on. The Redis database
of ``--cache-url`` is emptied first. Afterwards it prints throughput and p50/p95/p99 per page kind,
errors by kind, the fault timeline, and checks that every acknowledged submission (201 with a
tracking code) is in the database with its event and audit record (bench/_loadtest_verify.py).
Exit status 1 when a submission was lost or half-written, or an error page was not the Chinese
503 (or, without faults, when any request failed).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _loadtest_clients as clients
import _loadtest_services as services
import _loadtest_verify as verify


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(0.5, 1.5),
        metavar=("MIN", "MAX"),
        help="seconds a client waits between requests (uniform)",
    )
    parser.add_argument(
        "--staff-clients", type=int, default=2, help="handler+reviewer pairs publishing items"
    )
    parser.add_argument("--database-url", help="an existing PostgreSQL database instead of a private cluster")
    parser.add_argument(
        "--cache-url", default=os.environ.get("LOADTEST_CACHE_URL", "redis://127.0.0.1:6379/15")
    )
    parser.add_argument(
        "--faults", action="store_true", help="kill -9 a worker every --kill-every s, restart PostgreSQL"
    )
    parser.add_argument("--kill-every", type=float, default=10.0)
    parser.add_argument("--restart-at", type=float, default=25.0, help="seconds into the run")
    parser.add_argument("--outage", type=float, default=5.0, help="seconds PostgreSQL stays down")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="also write the figures to this file")
    return parser.parse_args()


def server_environment(database_url: str, cache_url: str, var_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "PROXY_COUNT": "1",
        "DEBUG": "0",
        "SECURE_COOKIES": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DB_CONN_MAX_AGE": "60",
        "GONGKAI_VAR_DIR": str(var_dir),
        "MEDIA_ROOT": str(var_dir / "media"),
        "LOG_LEVEL": "ERROR",
    }


def prepare(environment: dict[str, str]) -> tuple[clients.Targets, dict[str, str], str]:
    """Migrate, load the demo, flush the cache; return what the clients will ask for."""
    os.environ.update(environment)
    import django

    django.setup()
    import redis
    from django.core.management import call_command

    redis.Redis.from_url(environment["CACHE_URL"]).flushdb()
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=StringIO())
    from gongkai.agencies.models import Agency
    from gongkai.applications.models import Application
    from gongkai.catalog.models import Item

    tokens = {}
    for username in ("fgw_handler", "fgw_reviewer"):
        out = StringIO()
        call_command("api_token", username, stdout=out)
        tokens[username] = out.getvalue().strip()
    from django.apps import apps

    messages_enabled = apps.is_installed("gongkai.interaction")  # POST /public/messages
    targets = clients.Targets(
        agencies=list(Agency.objects.filter(active=True).exclude(parent=None).values_list("code", flat=True)),
        index_numbers=list(Item.objects.exclude(index_no=None).values_list("index_no", flat=True)),
        messages_enabled=messages_enabled,
        tracking_codes=list(Application.objects.values_list("tracking_code", flat=True)[:50]),
    )
    return targets, tokens, "sfs-fgw"


class Faults:
    """Kills a worker every ``kill_every`` seconds and restarts PostgreSQL once, from threads of
    their own (the clients' event loop is too busy to keep time); a probe asks a cheap database
    page every quarter second to see when the service is back. Times are run-relative."""

    def __init__(self, gunicorn, cluster, args, clock_start, base_url):
        self.gunicorn, self.cluster, self.args, self.start = gunicorn, cluster, args, clock_start
        self.base_url = base_url
        self.kills: list[float] = []
        self.stopped_at = self.ready_at = None
        self.probes: list[tuple[float, float, int | None]] = []  # (sent, answered, status)

    def now(self) -> float:
        return time.monotonic() - self.start

    def threads(self, deadline: float) -> list[threading.Thread]:
        targets = (self._kill_workers, self._restart_database, self._probe)
        return [threading.Thread(target=target, args=(deadline,), daemon=True) for target in targets]

    def _kill_workers(self, deadline: float) -> None:
        rng = random.Random(self.args.seed)
        next_kill = self.start + self.args.kill_every
        while next_kill < deadline:
            time.sleep(max(0.0, next_kill - time.monotonic()))
            if self.gunicorn.kill_a_worker(rng.choice) is not None:
                self.kills.append(self.now())
            next_kill += self.args.kill_every

    def _restart_database(self, deadline: float) -> None:
        time.sleep(max(0.0, self.start + self.args.restart_at - time.monotonic()))
        self.stopped_at = self.now()
        self.cluster.stop("immediate")  # a crash: WAL recovery on start
        time.sleep(self.args.outage)
        self.cluster.start()
        while not self.cluster.ready():
            time.sleep(0.05)
        self.ready_at = self.now()

    def _probe(self, deadline: float) -> None:
        headers = {"X-Forwarded-For": "10.255.255.1"}
        with clients.httpx.Client(base_url=self.base_url, timeout=60, headers=headers) as client:
            while time.monotonic() < deadline:
                sent = self.now()
                try:
                    status = client.get("/api/v1/agencies").status_code
                except clients.httpx.TransportError:
                    status = None
                self.probes.append((sent, self.now(), status))
                time.sleep(0.25)


async def warm_up(base_url: str, targets: clients.Targets, workers: int) -> None:
    """Every worker renders each kind of page once before the clock starts (templates, URL
    resolvers and database connections are set up lazily)."""
    paths = [
        "/",
        "/catalog/",
        f"/catalog/items/{targets.index_numbers[0]}/",
        "/search/?q=政务公开",
        "/apply/track/",
    ]
    async with clients.httpx.AsyncClient(base_url=base_url, timeout=120) as client:
        for _ in range(2):
            await asyncio.gather(*(client.get(path) for path in paths for _ in range(workers)))


async def run_load(
    args, base_url, targets, tokens, staff_agency, faults_for
) -> tuple[clients.Results, Faults | None]:
    await warm_up(base_url, targets, args.workers)
    results = clients.Results()
    clock_start = time.monotonic()
    deadline = clock_start + args.duration
    # Not a test: the load test drives a live gunicorn server that runs on the real clock and refuses
    # a publication date in the future, so items are dated with the server's own day (the
    # deployment time zone of the settings), never a frozen one.
    from django.utils import timezone

    today = timezone.localdate().isoformat()
    tasks = [
        clients.client_loop(number, base_url, targets, results, deadline, args.think, args.seed, clock_start)
        for number in range(args.clients)
    ]
    tasks += [
        clients.staff_loop(
            number,
            base_url,
            tokens["fgw_handler"],
            tokens["fgw_reviewer"],
            staff_agency,
            results,
            deadline,
            (2.0, 4.0),
            clock_start,
            today,
        )
        for number in range(args.staff_clients)
    ]
    faults = faults_for(clock_start) if args.faults else None
    threads = faults.threads(deadline) if faults is not None else []
    for thread in threads:
        thread.start()
    await asyncio.gather(*tasks)
    for thread in threads:
        thread.join()
    return results, faults


def latency_table(samples: list[clients.Sample], duration: float) -> list[str]:
    by_kind = defaultdict(list)
    for sample in samples:
        by_kind[sample.kind].append(sample)
    lines = [f"{'kind':<13}{'requests':>9}{'ok':>8}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"]
    for kind, group in [*sorted(by_kind.items()), ("all", samples)]:
        ok = [sample.latency * 1000 for sample in group if sample.outcome == "ok"]
        lines.append(
            f"{kind:<13}{len(group):>9}{len(ok):>8}{len(group) - len(ok):>8}"
            f"{clients.percentile(ok, 0.50):>9.0f}{clients.percentile(ok, 0.95):>9.0f}{clients.percentile(ok, 0.99):>9.0f}"
        )
    completed = sum(1 for sample in samples if sample.outcome == "ok")
    lines.append(
        f"throughput: {completed / duration:.1f} successful requests/s ({len(samples) / duration:.1f} sent/s)"
    )
    return lines


def fault_summary(samples, faults: Faults | None) -> tuple[list[str], dict]:
    errors = [sample for sample in samples if sample.outcome != "ok"]
    figures = {"errors_by_kind": dict(Counter(f"{s.kind}:{s.outcome}" for s in errors))}
    lines = [f"errors by kind: {figures['errors_by_kind'] or 'none'}"]
    figures["bad_error_bodies"] = sum(1 for sample in samples if sample.bad_error_body)
    lines.append(
        f"5xx answers that were not the Chinese 503 page / API error body: {figures['bad_error_bodies']}"
    )
    figures["retried_gets"] = sum(1 for sample in samples if sample.retried)
    if faults is None:
        return lines, figures
    ready = faults.ready_at if faults.ready_at is not None else float("inf")
    answered_ok = [s.started + s.latency for s in samples if s.outcome == "ok"]
    answered_ok += [answered for _, answered, status in faults.probes if status == 200]
    recovered_at = min((end for end in answered_ok if end >= ready), default=None)
    fresh_probe = next(
        (answered for sent, answered, status in faults.probes if sent >= ready and status == 200), None
    )
    probe_outage = Counter(
        str(status)
        for sent, _, status in faults.probes
        if faults.stopped_at and faults.stopped_at <= sent < ready
    )
    window = (faults.stopped_at or 0, recovered_at or float("inf"))
    during = [s for s in errors if s.started <= window[1] and s.started + s.latency >= window[0]]
    outside = [s for s in errors if s not in during]
    figures.update(
        kills_at=[round(t, 1) for t in faults.kills],
        database_stopped_at=faults.stopped_at,
        database_ready_at=faults.ready_at,
        first_success_after_ready_at=recovered_at,
        recovery_seconds=None if recovered_at is None else round(recovered_at - faults.ready_at, 2),
        probe_sent_after_ready_answered_in=None
        if fresh_probe is None
        else round(fresh_probe - faults.ready_at, 2),
        probe_answers_during_outage=dict(probe_outage),
        errors_during_outage=len(during),
        errors_outside_outage=len(outside),
        errors_outside_outage_by_kind=dict(Counter(f"{s.kind}:{s.outcome}" for s in outside)),
    )
    lines += [
        f"worker kills (kill -9) at t = {figures['kills_at']} s; GETs retried once after a lost connection: "
        f"{figures['retried_gets']}",
        f"PostgreSQL stopped (immediate) at t = {faults.stopped_at:.1f} s, ready at {faults.ready_at:.1f} s, "
        f"first successful answer after that at {recovered_at or float('nan'):.1f} s "
        f"(service resumed {figures['recovery_seconds']} s after the database was back; a probe sent after "
        f"that was answered within {figures['probe_sent_after_ready_answered_in']} s)",
        f"probe (GET /api/v1/agencies every 0.25 s) answers while the database was down: {dict(probe_outage)}",
        f"errors during the outage: {len(during)}; outside it: {len(outside)} {figures['errors_outside_outage_by_kind']}",
    ]
    return lines, figures


def main() -> int:
    args = arguments()
    if args.database_url and args.faults:
        print("--faults restarts PostgreSQL: it needs the private cluster (leave out --database-url)")
        return 2
    var_dir = Path(tempfile.mkdtemp(prefix="gongkai-loadtest-var-"))
    cluster = None if args.database_url else services.PostgresCluster()
    gunicorn = None
    try:
        if cluster is not None:
            cluster.start_new()
        environment = server_environment(args.database_url or cluster.url, args.cache_url, var_dir)
        gunicorn = services.Gunicorn(environment, args.workers)
        targets, tokens, staff_agency = prepare(environment)
        gunicorn.start()
        load_before = os.getloadavg()
        results, faults = asyncio.run(
            run_load(
                args,
                f"http://127.0.0.1:{gunicorn.port}",
                targets,
                tokens,
                staff_agency,
                lambda start: Faults(gunicorn, cluster, args, start, f"http://127.0.0.1:{gunicorn.port}"),
            )
        )
        load_after = os.getloadavg()
        gunicorn.stop()
        return report(args, results, faults, load_before, load_after, cluster)
    finally:
        if gunicorn is not None:
            gunicorn.stop()
            gunicorn.log.unlink(missing_ok=True)
        if cluster is not None:
            cluster.destroy()
        shutil.rmtree(var_dir, ignore_errors=True)


def report(args, results, faults, load_before, load_after, cluster) -> int:
    print(
        f"== gongkai load test: {args.clients} clients × {args.duration:.0f} s, think {args.think[0]}–{args.think[1]} s, "
        f"{args.staff_clients} staff publishing, {args.workers} gunicorn sync workers, PostgreSQL "
        f"{'(private cluster)' if cluster else '(given)'} + Redis, faults {'ON' if args.faults else 'off'}"
    )
    print(f"load average before {load_before[0]:.1f}, after {load_after[0]:.1f} ({os.cpu_count()} cores)")
    for line in latency_table(results.samples, args.duration):
        print(line)
    lines, figures = fault_summary(results.samples, faults)
    for line in lines:
        print(line)
    from django.db import connections

    connections.close_all()  # this process's connection did not live through the restart
    checks = {
        "applications": verify.applications(results.applications),
        "messages": verify.messages(results.messages),
        "publications": verify.publications(results.publications),
        "audit_chain": verify.audit_chain(),
    }
    for name, outcome in checks.items():
        if outcome is not None:
            print(f"verify {name}: {outcome}")
    failed = _failed(args, figures, checks)
    if args.json:
        Path(args.json).write_text(
            json.dumps({"figures": figures, "checks": checks}, ensure_ascii=False, indent=1)
        )
    print("RESULT:", "FAIL — " + "; ".join(failed) if failed else "PASS")
    return 1 if failed else 0


def _failed(args, figures, checks) -> list[str]:
    failed = []
    applications = checks["applications"]
    if applications["lost"] or applications["with_first_event"] != applications["in_database"]:
        failed.append("acknowledged applications lost or without their event")
    if applications["with_audit_record"] != applications["in_database"]:
        failed.append("acknowledged applications without their audit record")
    if applications["without_event_anywhere"] or applications["without_audit_anywhere"]:
        failed.append("half-written applications in the database")
    messages = checks["messages"]
    if messages and (
        messages["lost"]
        or len({messages["with_first_event"], messages["with_audit_record"], messages["in_database"]}) > 1
    ):
        failed.append("acknowledged messages lost or without their event or audit record")
    if messages and messages["without_event_anywhere"]:
        failed.append("half-written messages in the database")
    publications = checks["publications"]
    if publications["index_numbers_used_twice"] or publications["index_numbers_skipped"]:
        failed.append("索引号 used twice or skipped")
    if publications["in_database_with_that_index_no"] != publications["acknowledged"]:
        failed.append("acknowledged publications missing")
    if not checks["audit_chain"]["intact"]:
        failed.append("audit chain broken")
    if figures["bad_error_bodies"]:
        failed.append("error answers other than the Chinese 503")
    if not args.faults and figures["errors_by_kind"]:
        failed.append("errors without faults")
    if args.faults and (figures.get("recovery_seconds") is None or figures["recovery_seconds"] > 10):
        failed.append("service did not resume within 10 s of the database")
    return failed


if __name__ == "__main__":
    sys.exit(main())
