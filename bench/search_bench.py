"""Full-text search at scale, on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

Two corpora (``--corpus``): ``worst``, a word-level Markov chain trained on the five samples'
vocabulary (one subject: most queries hit most items), and ``realistic`` (``_corpus.py``: 40
topics, 60 agencies, genres with their own title shapes and lengths, 17 years). Per corpus and
backend: index build rate (items/s, normalisation and tokens included), index size, p50/p95/p99
latency of the full public search (match + total + facets + page of 20 with snippets) over the
corpus's query mix, recall and precision against the substring ground truth on a 5,000-item
subset, and a ``LIKE '%q%'`` scan baseline. Each query mix runs twice on the same index:
"exact" (every count exact: the query path before issue 19, ``exact=True``) and "default" (counts
of very common terms estimated from the sample, first page from titles and recency); the pages of
both are compared. Ends with one table of everything.

    python bench/search_bench.py [--items N] [--backend sqlite|postgresql|both] [--corpus worst|realistic|both]
    python bench/search_bench.py --backend postgresql --corpus realistic --items 1000000   # the 1M figure
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, wait
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _corpus
from _django import ROOT, sample_paths, setup

STATEMENTS = False  # --statements
PG_URL = os.environ.get("SEARCH_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/gk_search_bench")
SUBSET = 5_000
PROGRESS_FROM = 200_000  # builds this large print a line per tenth
GENRES = ["notice", "normative_document", "news", "interpretation", "plan", "statistics", "budget", "other"]
QUERIES = [
    "政务公开",
    "政務公開",
    "依申请公开",
    "行政许可",
    "信息公开 年度报告",
    "预算",
    "三公经费",
    "招标 采购",
    "公示",
    '"工作 要点"',
    "政府 -通知",
    "审批",
    "领导小组",
    "考核办法",
    "社会保障",
    "安全生产",
    "民生",
    "网站",
    "互联网",
    "督查",
    "办理 答复",
    "一网通办",
    "营商环境",
    "乡村振兴",
    "公",
    "報告",
    "服务平台",
    "精准扶贫",
    "规范性文件 -废止",
    "2017",
    "人民群众",
    "监督检查",
]


def train_chain():
    from gongkai.search import text

    words: list[str] = []
    for path in sample_paths():
        for line in path.read_text(encoding="utf-8").splitlines():
            words += [w for w in text.query_words(line) if w.strip()] + ["。"]
    chain: dict[str, list[str]] = {}
    for a, b in itertools.pairwise(words):
        chain.setdefault(a, []).append(b)
    terms = text.government_terms()
    return chain, [w for w in chain if len(w) >= 2], terms


def generate(n: int, seed: int = 20240101):
    """Deterministic synthetic items: (title, body, agency index, genre, date)."""
    chain, vocabulary, terms = train_chain()
    rng = random.Random(seed)
    keys = list(chain)
    for i in range(n):
        length = int(rng.lognormvariate(6.7, 0.45))  # ~1,000 characters ≈ 3 KB on average
        word, parts, size = rng.choice(keys), [], 0
        while size < length:
            if rng.random() < 0.004:
                word = rng.choice(terms)
            parts.append(word)
            size += len(word)
            following = chain.get(word)
            word = rng.choice(following) if following else rng.choice(keys)
        topic = rng.choice(terms)
        title = (
            rng.choice(["关于", "关于印发", "", "市"])
            + topic
            + rng.choice(vocabulary)
            + rng.choice(["的通知", "的公告", "工作方案", "实施意见", "情况公示", "年度报告", "的解读"])
        )
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3800))
        yield title, "".join(parts), i % 24, GENRES[i % len(GENRES)], day


def corpus(name: str):
    """(generate function, query mix) of a corpus."""
    if name == "realistic":
        return _corpus.generate, _corpus.QUERIES
    return generate, QUERIES


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def run_backend(items: int, database_url: str, label: str, corpus_name: str, reuse: bool = False) -> dict:
    setup(database_url)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    # The exact path is measured as it is (seconds at 1,000,000 items): no time limit here
    # (``search.limits``; the portal stops it at GONGKAI_SEARCH_EXACT_SECONDS).
    settings.GONGKAI_SEARCH_SECONDS = settings.GONGKAI_SEARCH_EXACT_SECONDS = None
    call_command("migrate", verbosity=0)
    from gongkai.agencies.models import Agency
    from gongkai.search import indexing
    from gongkai.search.backends import get_backend
    from gongkai.search.models import SearchDocument
    from gongkai.testing import make_agency

    root = Agency.objects.filter(code="bench").first() or make_agency("bench", name="基准测试市政府")
    agencies = [
        Agency.objects.filter(code=f"b{i}").first() or make_agency(f"b{i}", parent=root, name=f"基准局{i}")
        for i in range(60)
    ]
    subset_agency = Agency.objects.filter(code="bsub").first() or make_agency("bsub", name="子集机构")
    make, queries = corpus(corpus_name)
    result = {"corpus": corpus_name, "backend": label, "items": items}
    print(f"\n== {label}, {corpus_name} corpus: {items:,} items", flush=True)
    if reuse and SearchDocument.objects.count() == items:
        print("index build: reusing the existing index (--reuse)", flush=True)
        subset_docs = [
            (n, title + body) for n, (title, body, *_) in enumerate(itertools.islice(make(items), SUBSET))
        ]
        result["text_bytes"] = _text_bytes()
        result["size"] = get_backend().size_bytes()
        result.update(_measure(items, subset_docs, queries))
        return result
    indexing.clear()
    started = time.perf_counter()
    indexing_seconds = 0.0
    subset_docs, characters = [], 0
    # As ``reindex --clear`` does: GIN indexes dropped and built once at the end, batches written by
    # worker processes (PostgreSQL; SQLite's writers would only take turns) while this one generates.
    workers = (os.cpu_count() or 1) if connection.vendor == "postgresql" else 0
    loading = get_backend().bulk_load()
    loading.__enter__()
    with _writer(workers) as write:
        numbered = enumerate(make(items))
        while batch := list(itertools.islice(numbered, 1000)):
            entries = []
            for n, (title, body, agency_no, genre, day) in batch:
                agency = subset_agency if n < SUBSET else agencies[agency_no % len(agencies)]
                if n < SUBSET:
                    subset_docs.append((n, title + body))
                characters += len(body)
                entries.append(
                    indexing.Entry(
                        key=f"bench:{n}",
                        title=title,
                        body=body,
                        agency=agency,
                        genre=genre,
                        index_no=f"BENCH/{day.year}-{n:06d}",
                        published_on=day,
                        public=True,
                    )
                )
            indexing_seconds += write(entries)
            done = batch[-1][0] + 1
            if items >= PROGRESS_FROM and done % (items // 10) < len(batch) and done < items:
                rate = done / (time.perf_counter() - started)
                print(
                    f"  {done:,} / {items:,} items indexed or queued ({rate:,.0f} items/s)",
                    flush=True,
                )
    if items >= PROGRESS_FROM:
        print("  all items written; building the full-text indexes", flush=True)
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # as reindex: the GIN build spills to disk with 64 MB
            cursor.execute("SET maintenance_work_mem = '512MB'")
    loading.__exit__(None, None, None)
    index_build = time.perf_counter() - t0
    elapsed = time.perf_counter() - started
    if workers:
        indexing_seconds = elapsed  # generation and writing overlap: the whole build counts
    else:
        indexing_seconds += index_build
    print(
        f"index build: {items / indexing_seconds:,.0f} items/s ({indexing_seconds:.1f} s: normalisation, tokens, "
        f"rows, index{f', {workers} writer processes' if workers else ''}; GIN indexes at the end "
        f"{index_build:.1f} s; average body {characters / items:,.0f} characters ≈ "
        f"{characters * 3 / items / 1024:.1f} KB; wall time including corpus generation {elapsed:.1f} s)",
        flush=True,
    )
    result["build_rate"] = items / indexing_seconds
    size = get_backend().size_bytes()
    result["size"] = size
    result["text_bytes"] = _text_bytes()
    if size:
        print(
            f"full-text index size: {size / 1e6:,.1f} MB ({size / items:,.0f} bytes/item, "
            f"{size / result['text_bytes']:.1f}× the text's {result['text_bytes'] / 1e6:,.1f} MB in UTF-8)"
        )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument; ANALYZE search_searchsection")
    result.update(_measure(items, subset_docs, queries))
    return result


def _index(entries) -> None:
    """A worker's task (nothing is sent back)."""
    from gongkai.search import indexing

    indexing.index_documents(entries)


@contextmanager
def _writer(workers: int):
    """``write(entries)`` indexing a batch here (returns its seconds) or in one of ``workers``
    processes (returns 0; at most two batches per worker wait, the block's end waits for all)."""
    from django.db import connections

    from gongkai.search import indexing

    if not workers:

        def write_here(entries) -> float:
            t0 = time.perf_counter()
            indexing.index_documents(entries)
            return time.perf_counter() - t0

        yield write_here
        return
    from gongkai.core.processes import worker_pool

    connections.close_all()  # the workers connect on their own; this process reconnects after
    with worker_pool(workers) as pool:
        pending = set()

        def write_there(entries) -> float:
            while len(pending) >= 2 * workers:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    future.result()
                pending.difference_update(done)
            pending.add(pool.submit(_index, entries))
            return 0.0

        yield write_there
        for future in pending:
            future.result()


def _text_bytes() -> int:
    """UTF-8 bytes of the indexed text (titles and bodies)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT (SELECT SUM(octet_length(title)) FROM search_searchdocument) "
                "+ (SELECT SUM(octet_length(body)) FROM search_searchtext)"
            )
        else:
            cursor.execute(
                "SELECT (SELECT SUM(length(CAST(title AS BLOB))) FROM search_searchdocument) "
                "+ (SELECT SUM(length(CAST(body AS BLOB))) FROM search_searchtext)"
            )
        return cursor.fetchone()[0] or 1


def _latencies(queries: list[str], items: int, exact: bool) -> tuple[list[float], dict, dict, dict]:
    """Three timed passes (after one warm-up) of the whole public search over ``queries``."""
    from gongkai.search import selectors

    for q in queries:
        selectors.search(selectors.SearchParams(q=q, exact=exact))
    latencies, totals, pages, estimated = [], {}, {}, {}
    for _ in range(3):
        for q in queries:
            t0 = time.perf_counter()
            outcome = selectors.search(selectors.SearchParams(q=q, exact=exact))
            latencies.append((time.perf_counter() - t0) * 1000)
            totals[q] = outcome.total
            pages[q] = [hit["key"] for hit in outcome.results]
            estimated[q] = outcome.total_estimated
    mode = "exact counts (before)" if exact else "default (estimates for common terms)"
    print(
        f"search latency, {mode}, {len(queries)} queries ×3: p50 {percentile(latencies, 0.5):.1f} ms, "
        f"p95 {percentile(latencies, 0.95):.1f} ms, p99 {percentile(latencies, 0.99):.1f} ms, "
        f"max {max(latencies):.1f} ms"
    )
    for label, low, high in (("≤ 1 %", 0, 0.01), ("1–10 %", 0.01, 0.10), ("> 10 %", 0.10, 1.01)):
        band = [
            ms
            for ms, q in zip(latencies, queries * 3, strict=False)
            if low < totals[q] / items <= high or (low == 0 and totals[q] == 0)
        ]
        if band:
            print(
                f"  queries hitting {label} of the items: {len(band) // 3} queries, p50 {percentile(band, 0.5):.1f} ms, "
                f"p95 {percentile(band, 0.95):.1f} ms"
            )
    slowest = sorted(zip(latencies, queries * 3, strict=False), reverse=True)[:3]
    print("  slowest: " + ", ".join(f"{q} ({ms:.0f} ms, {totals[q]:,} hits)" for ms, q in slowest))
    return latencies, totals, pages, estimated


def _statements(queries: list[str]) -> None:
    """Per query (default path, best of three): statements run and each one's milliseconds, to
    see where a slow query's time goes and how many round trips a search costs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.search import selectors

    print("statements per search (default path, fastest of 3; ms per statement in order):")
    for q in queries:
        best = None
        for _ in range(3):
            with CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                selectors.search(selectors.SearchParams(q=q))
                ms = (time.perf_counter() - t0) * 1000
            if best is None or ms < best[0]:
                best = (ms, [float(s["time"]) * 1000 for s in captured.captured_queries])
        ms, times = best
        print(f"  {q}: {ms:.1f} ms, {len(times)} statements [{' '.join(f'{t:.0f}' for t in times)}]")


def _measure(items: int, subset_docs: list, queries: list[str]) -> dict:
    from django.db import connection

    from gongkai.search import selectors, text
    from gongkai.search.models import SearchDocument

    result = {}
    if STATEMENTS:
        _statements(queries)
    # Latency of the whole public search, warm: exact counts (the path before issue 19), then default.
    for exact in (True, False):
        latencies, totals, pages, estimated = _latencies(queries, items, exact)
        mode = "before" if exact else "after"
        result[mode] = {
            "p50": percentile(latencies, 0.5),
            "p95": percentile(latencies, 0.95),
            "p99": percentile(latencies, 0.99),
            "max": max(latencies),
        }
        if exact:
            exact_totals, exact_pages = totals, pages
    common = [q for q in queries if estimated[q]]
    same = sum(1 for q in queries if pages[q] == exact_pages[q])
    errors = sorted(((abs(totals[q] - exact_totals[q]) / exact_totals[q], q) for q in common), reverse=True)
    worst = (
        f"{errors[0][0]:.1%}, {errors[0][1]}: {totals[errors[0][1]]:,} for {exact_totals[errors[0][1]]:,}"
        if errors
        else "—"
    )
    print(
        f"  {len(common)} of {len(queries)} queries estimated (median error of the estimate "
        f"{statistics.median(e for e, _ in errors) if errors else 0:.1%}, max {worst}); "
        f"first pages identical to the exact path: {same} of {len(queries)}"
    )
    result["estimated"] = len(common)
    result["same_pages"] = f"{same}/{len(queries)}"

    # Recall and precision on the subset against the substring ground truth.
    rng = random.Random(5)
    haystacks = {n: text.searchable(content) for n, content in subset_docs}
    checks = list(queries)
    for _ in range(40):  # substrings that cross word boundaries
        source = haystacks[rng.randrange(len(haystacks))]
        start = rng.randrange(max(1, len(source) - 6))
        checks.append(source[start : start + rng.choice([2, 3, 4, 5])])
    relevant = found = correct = 0
    word_found = word_correct = 0
    words_of = {n: set(text.index_words(content)) for n, content in subset_docs} if items <= 200_000 else {}
    for q in checks:
        query = text.parse_query(q)
        truth = {n for n, s in haystacks.items() if text.matches(query, s)}
        ids = selectors.matching_ids(query, selectors.SearchParams(q=q, agency="bsub"))
        keys = {
            int(k.split(":")[1])
            for k in SearchDocument.objects.filter(pk__in=ids).values_list("key", flat=True)
        }
        relevant += len(truth)
        found += len(keys)
        correct += len(keys & truth)
        if words_of:
            wanted = [text.query_words(t) for t in query.terms]
            unwanted = [text.query_words(t) for t in query.excluded]
            hits = {
                n
                for n, bag in words_of.items()
                if all(all(w in bag for w in ws) for ws in wanted)
                and not any(all(w in bag for w in ws) for ws in unwanted)
            }
            word_found += len(hits)
            word_correct += len(hits & truth)
    print(
        f"recall {correct / max(relevant, 1):.4f}, precision {correct / max(found, 1):.4f} "
        f"({len(checks)} queries, {relevant:,} relevant, subset of {len(haystacks):,} items)"
    )
    result["recall"] = correct / max(relevant, 1)
    result["precision"] = correct / max(found, 1)
    if words_of:
        print(
            f"  word-only index (jieba cut_for_search, AND of query words) on the same queries: recall "
            f"{word_correct / max(relevant, 1):.4f}, precision {word_correct / max(word_found, 1):.4f}"
        )

    # LIKE '%q%' baseline on the same table (title + body, no index usable).
    like_queries = ["行政许可", "三公经费", "领导小组", "营商环境", "精准扶贫"]
    like_ms, fts_ms = [], []
    for q in like_queries:
        t0 = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM search_searchdocument d JOIN search_searchtext t ON t.document_id = d.id "
                "WHERE d.public = %s AND (d.title LIKE %s OR t.body LIKE %s)",
                [True, f"%{q}%", f"%{q}%"],
            )
            cursor.fetchone()
        like_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        selectors.count(text.parse_query(q))
        fts_ms.append((time.perf_counter() - t0) * 1000)
    like, fts = statistics.median(like_ms), statistics.median(fts_ms)
    print(
        f"LIKE '%q%' count: median {like:.0f} ms; index count: median {fts:.2f} ms → {like / fts:,.0f}× faster"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # 40,000 keeps the default run (both backends) near 10 minutes on a shared 2-core machine;
    # the targets are stated at --items 100000 (about 20 minutes, most of it PostgreSQL indexing).
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--corpus", choices=["worst", "realistic", "both"], default="both")
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --database-url: keep an index of --items items already there",
    )
    parser.add_argument(
        "--statements", action="store_true", help="print each query's statements and their times"
    )
    args = parser.parse_args()
    global STATEMENTS
    STATEMENTS = args.statements
    if args.database_url:
        corpus_name = "worst" if args.corpus == "both" else args.corpus
        result = run_backend(args.items, args.database_url, args.backend, corpus_name, args.reuse)
        print("RESULT " + json.dumps(result), flush=True)
        return
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    corpora = ["worst", "realistic"] if args.corpus == "both" else [args.corpus]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for corpus_name in corpora:
            for backend in backends:
                url = f"sqlite:///{tmp}/search_bench.sqlite3" if backend == "sqlite" else PG_URL
                if backend == "sqlite" and os.path.exists(f"{tmp}/search_bench.sqlite3"):
                    os.remove(f"{tmp}/search_bench.sqlite3")
                if backend == "postgresql" and not _prepare_postgres(url):
                    print("\n== postgresql: not reachable, skipped")
                    continue
                command = [sys.executable, "-u", __file__, "--items", str(args.items), "--backend", backend]
                command += ["--corpus", corpus_name, "--database-url", url]
                command += ["--statements"] if args.statements else []
                # Lines are passed on as they come: a run at 1,000,000 items takes most of an hour.
                with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) as run:
                    for line in run.stdout:
                        if line.startswith("RESULT "):
                            results.append(json.loads(line[len("RESULT ") :]))
                        else:
                            print(line, end="", flush=True)
                if run.returncode:
                    raise subprocess.CalledProcessError(run.returncode, command)
    _table(results)


def _table(results: list[dict]) -> None:
    """Everything side by side: before = every count exact (the query path before issue 19)."""
    if not results:
        return
    print(f"\n== search, {results[0]['items']:,} items (load average {os.getloadavg()[0]:.1f})")
    header = (
        "| corpus | backend | index build | index size | | p50 | p95 | p99 | max | recall | precision | "
        "estimated | same pages |"
    )
    print(header)
    print("|---" * (header.count("|") - 1) + "|")
    for r in results:
        size = r.get("size") or 0
        rate = f"{r['build_rate']:,.0f} items/s" if r.get("build_rate") else "reused"
        size_text = f"{size / 1e6:,.0f} MB ({size / r['items'] / 1024:.1f} KB/item, {size / r['text_bytes']:.1f}× text)"
        for mode in ("before", "after"):
            m = r[mode]
            print(
                f"| {r['corpus']} | {r['backend']} | {rate} | {size_text} | {mode} | {m['p50']:.0f} ms | "
                f"{m['p95']:.0f} ms | {m['p99']:.0f} ms | {m['max']:.0f} ms | {r['recall']:.4f} | "
                f"{r['precision']:.4f} | {r['estimated'] if mode == 'after' else 0} | "
                f"{r['same_pages'] if mode == 'after' else ''} |"
            )


def _prepare_postgres(url: str) -> bool:
    """Recreate the benchmark database (it holds nothing else)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    try:
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        return False
    return True


if __name__ == "__main__":
    main()
