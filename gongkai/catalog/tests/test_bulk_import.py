"""The bulk import path (issue 19) gives what the single-item path gives, row for row."""

import datetime as dt
from concurrent.futures import Future
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.audit.verification import chain_verification
from gongkai.catalog.bulk_import import Stages, bulk_import
from gongkai.catalog.import_candidates import prepare_sheet_path, sheet_sources
from gongkai.catalog.import_creation import import_candidate, imported_keys
from gongkai.catalog.models import IndexCounter, Item
from gongkai.catalog.prescreen import verdict_version
from gongkai.core.system import SYSTEM
from gongkai.search import text
from gongkai.search.backends import get_backend, postgres
from gongkai.search.models import SearchDocument, SearchTerm
from gongkai.search.text import parse_query
from gongkai.testing import TODAY, make_user, postgresql_only

LEAK = "联系人身份证号11010519491231002X。"
ROWS = [
    "信息名称,文号,体裁分类,生成日期,发布日期,栏目,公开属性,正文,文件",
    "关于甲的通知,测政发〔2026〕1号,通知公告,2026-01-05,2026-01-09,,,甲的正文，联系电话0551-12345678。,",
    "关于乙的通知,测政发〔2026〕2号,不存在的体裁,2026-01-06,,,,乙的正文,",
    f"关于丙的通知,测政发〔2026〕3号,notice,2026-01-07,,,,{LEAK},",
    "关于丁的通知,,notice,2026-01-08,,没有的栏目,,丁的正文,",
    "关于戊的意见,,其他文件,2026-01-08,,,依申请公开,戊的正文,",
    "关于甲的通知,测政发〔2026〕1号,通知公告,2026-01-05,,,,重复的一行,",
    "关于己的规划,测政发〔2025〕9号,规划计划,2025-12-01,2025-12-20,,,己的正文：办公室电话0551-87654321。,",
    "关于庚的总结,,,2026-01-02,,通知公告,,,庚.txt",
    "关于辛的公告,测政发〔2026〕5号,notice,2026-01-03,2026-01-02,,,辛的正文,",
    "关于壬的通知,测政发〔2026〕6号,notice,2026-01-04,,,,壬的正文 联系邮箱 office@example.cn,",
]


@pytest.fixture
def sheet(tmp_path):
    (tmp_path / "庚.txt").write_text(
        "关于庚的总结\n\n庚的正文。\n\n测试市丙局\n2026年1月2日", encoding="utf-8"
    )
    path = tmp_path / "items.csv"
    path.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    return path


def single(sheet, agency, *, publish, actor=SYSTEM):
    candidates, _ = prepare_sheet_path(sheet, genre="other", today=TODAY)
    known = imported_keys(agency)
    return [
        (c.origin, import_candidate(c, actor=actor, agency=agency, publish=publish, today=TODAY, known=known))
        for c in candidates
    ]


def bulk(sheet, agency, *, publish, actor=SYSTEM, **options):
    sources, _ = sheet_sources(sheet, genre="other", today=TODAY)
    return [
        (c.origin, result)
        for c, result in bulk_import(
            sources, actor=actor, agency=agency, publish=publish, today=TODAY, **options
        )
    ]


def outcomes(results):
    return [(origin, result.status, result.message) for origin, result in results]


def snapshot(agency):
    """What an import leaves for ``agency``: items, their columns, audit events and search entries,
    with what differs between agencies by nature (ids, 索引号 prefix, default 信息来源) folded."""

    def fold(value):
        if isinstance(value, str):
            return value.replace(agency.index_prefix, "PREFIX").replace(agency.name, "AGENCY")
        if isinstance(value, dict):
            return {key: fold(item) for key, item in value.items() if key != "reviewed_by"}
        if isinstance(value, list):
            return [fold(item) for item in value]
        return value

    items = []
    for item in Item.objects.filter(agency=agency).order_by("pk"):
        fields = {
            name: fold(getattr(item, name))
            for name in (
                "title", "doc_number", "genre", "topic", "audience", "keywords", "summary", "body",
                "body_text", "formed_on", "disclosure", "internal", "state", "index_no", "published_on",
                "due_on", "late", "source", "publication_modes", "created_by_id", "published_by_id",
                "reviewed_by_id", "screened_by_id", "validity",
            )
        }  # fmt: skip
        fields["columns"] = sorted(column.code for column in item.columns.all())
        events = AuditEvent.objects.filter(object_type="catalog.item", object_id=str(item.pk)).order_by(
            "sequence"
        )
        fields["audit"] = [(e.action, e.actor_label, fold(e.summary), fold(e.data)) for e in events]
        document = SearchDocument.objects.filter(key=f"catalog.item:{item.pk}").first()
        fields["search"] = document and (
            document.title,
            fold(document.index_no),
            document.columns,
            document.title_key,
            document.doc_number_key,
            fold(document.index_no_key),
            fold(document.url),
            document.text.body,
            # The full-text index holds the title's and the body's text (the backend's own rows).
            [get_backend().verify(parse_query(f'"{term}"'), [document.pk]) == {document.pk}
                   for term in (document.title_key[-6:], text.searchable(document.text.body)[-6:]) if term],
        )  # fmt: skip
        if document:
            words = {w for w in text.index_words(item.title) if 2 <= len(w) <= 40}
            assert set(SearchTerm.objects.filter(word__in=words).values_list("word", flat=True)) == words
        items.append(fields)
    return items


@pytest.mark.parametrize("publish", [True, False], ids=["publish", "drafts"])
def test_bulk_and_single_paths_give_the_same_items_events_findings_and_refusals(tree, sheet, publish):
    one_by_one = single(sheet, tree["dept_a"], publish=publish)
    batched = bulk(sheet, tree["dept_b"], publish=publish, batch_size=4)
    assert outcomes(batched) == outcomes(one_by_one)
    assert snapshot(tree["dept_b"]) == snapshot(tree["dept_a"])
    statuses = [status for _, status, _ in outcomes(batched)]
    if publish:
        assert statuses == ["created", "failed", "failed", "failed", "failed", "skipped", "created", "created",
                            "failed", "created"]  # fmt: skip
        messages = {origin: message for origin, _, message in outcomes(batched)}
        assert "身份证" in messages["items.csv 第4行"] or "发布前审查发现1处" in messages["items.csv 第4行"]
        assert "主动公开" in messages["items.csv 第6行"]
        assert "发布日期不能早于信息生成日期" in messages["items.csv 第10行"]
        published = snapshot(tree["dept_b"])
        # Warn findings are published and recorded, masked, in the publication's audit event.
        kinds = [[finding["kind"] for finding in item["audit"][1][3]["findings"]] for item in published]
        assert kinds[-1] == ["email"] and kinds[0] == []
        assert "masked" in published[-1]["audit"][1][3]["findings"][0]
        assert all(item["search"] for item in published)
        assert [item["index_no"] for item in published] == [
            "PREFIX/2026-00001",
            "PREFIX/2025-00001",
            "PREFIX/2026-00002",
            "PREFIX/2026-00003",
        ]
    else:
        assert statuses.count("created") == 7
        assert not any(item["search"] for item in snapshot(tree["dept_b"]))
    assert chain_verification().intact


def test_a_staff_actor_is_recorded_as_in_the_single_path(tree, staff, sheet):
    reviewer = staff["reviewer_a"]
    one_by_one = single(sheet, tree["dept_a"], publish=True, actor=reviewer)
    assert [status for _, status, _ in outcomes(one_by_one)].count("created") == 4
    # The same reviewer has no right in dept_b: every row is refused there, as one by one.
    assert outcomes(bulk(sheet, tree["dept_b"], publish=True, actor=reviewer)) == outcomes(
        single(sheet, tree["dept_b"], publish=True, actor=reviewer)
    )
    assert Item.objects.filter(agency=tree["dept_a"]).count() == 4


def test_the_worker_processes_give_what_the_single_process_gives(tree, sheet):
    in_process = bulk(sheet, tree["dept_a"], publish=True, batch_size=3, workers=0)
    with_pool = bulk(sheet, tree["dept_b"], publish=True, batch_size=3, workers=2)
    assert outcomes(with_pool) == outcomes(in_process)
    assert snapshot(tree["dept_b"]) == snapshot(tree["dept_a"])


def test_with_workers_the_first_batches_are_smaller_and_nothing_is_lost():
    from gongkai.catalog.bulk_import import _chunks

    rows = list(range(1_234))
    ramped = list(_chunks(rows, 500, ramp=True))
    assert [len(chunk) for chunk in ramped] == [62, 125, 250, 500, 297]
    assert [row for chunk in ramped for row in chunk] == rows
    assert [len(chunk) for chunk in _chunks(rows, 500)] == [500, 500, 234]
    assert [len(chunk) for chunk in _chunks(rows[:5], 3, ramp=True)] == [1, 3, 1]


class _HeldPool:
    """A pool whose workers have not started until ``start()``: its futures stay pending, and one
    asked for its result is worked then (as a real pool would, later)."""

    def __init__(self):
        self.futures = []

    def submit(self, fn, chunk, publish):
        pool = self

        class _Future(Future):
            def result(self, timeout=None):
                if not self.done():
                    pool.work(self, fn, chunk, publish)
                return super().result(timeout)

        future = _Future()
        self.futures.append((future, fn, chunk, publish))
        return future

    @staticmethod
    def work(future, fn, chunk, publish):
        future.set_result([("worker", row) for row in fn(chunk, publish)])

    def start(self):
        for future, fn, chunk, publish in self.futures:
            if not future.done():
                self.work(future, fn, chunk, publish)


def _batches(pool, rows, monkeypatch):
    from gongkai.catalog import bulk_import as module

    monkeypatch.setattr(module, "prepare", lambda chunk, publish: list(chunk))
    batches = module._prepared_batches(rows, publish=True, pool=pool, workers=2, batch_size=8)
    return [[row if isinstance(row, tuple) else ("writer", row) for row in batch] for batch in batches]


def test_until_the_workers_start_the_writing_process_prepares_rows_itself_in_order(monkeypatch):
    rows = list(range(40))  # chunks of 1, 2, 4, 8, 8, 8, 8, 1
    batches = _batches(_HeldPool(), rows, monkeypatch)
    assert [row for batch in batches for _, row in batch] == rows
    # The four chunks handed to the pool at once stay the pool's; the rest were prepared here.
    assert [{who for who, _ in batch} for batch in batches] == [{"worker"}] * 4 + [{"writer"}] * 4


def test_a_chunk_prepared_here_that_fails_fails_in_its_turn_after_the_batches_before_it(monkeypatch):
    from gongkai.catalog import bulk_import as module

    def prepare(chunk, publish):
        if 20 in chunk:
            raise OSError("磁盘读取失败")
        return list(chunk)

    monkeypatch.setattr(module, "prepare", prepare)
    batches = module._prepared_batches(
        list(range(40)), publish=True, pool=_HeldPool(), workers=2, batch_size=8
    )
    written = []
    with pytest.raises(OSError, match="磁盘读取失败"):
        for batch in batches:
            written += [row for _, row in batch] if isinstance(batch[0], tuple) else batch
    assert written == list(range(15))  # the pool's four chunks (1 + 2 + 4 + 8 rows), then the failure


def test_once_the_workers_have_started_the_writing_process_only_writes(monkeypatch):
    pool = _HeldPool()
    original = pool.submit

    def submit_started(fn, chunk, publish):  # the first chunk is ready at once, the others later
        future = original(fn, chunk, publish)
        if len(pool.futures) == 1:
            pool.start()
        return future

    pool.submit = submit_started
    batches = _batches(pool, list(range(40)), monkeypatch)
    assert [row for batch in batches for _, row in batch] == list(range(40))
    assert {who for batch in batches for who, _ in batch} == {"worker"}


def test_a_re_run_skips_everything_already_imported(tree, sheet):
    bulk(sheet, tree["dept_a"], publish=True)
    again = outcomes(bulk(sheet, tree["dept_a"], publish=True))
    assert [status for _, status, _ in again].count("created") == 0
    assert Item.objects.filter(agency=tree["dept_a"]).count() == 4


def test_a_batch_whose_write_fails_is_rolled_back_whole_and_imported_one_by_one(tree, sheet):
    """The second 2026 number of dept_b is already taken by another agency with the same prefix:
    the batch fails as a whole (nothing of it stays), and one by one only the rows the single path
    refuses are refused, each with its line and reason."""
    dept_a, dept_b = tree["dept_a"], tree["dept_b"]
    dept_a.index_prefix = dept_b.index_prefix
    dept_a.save()
    bulk(sheet, dept_a, publish=True, batch_size=1)  # 2026-00001 … 2026-00003 under the shared prefix
    Item.objects.filter(agency=dept_a, index_no__endswith="2026-00001").update(
        index_no=f"{dept_b.index_prefix}/2026-00099"
    )
    events_before = AuditEvent.objects.count()
    stages = Stages()
    results = outcomes(bulk(sheet, dept_b, publish=True, batch_size=20, stages=stages))
    assert (
        len(stages.batches_retried) == 1 and "items.csv 第2行–items.csv 第11行" in stages.batches_retried[0]
    )
    assert "索引号" in stages.batches_retried[0]
    assert results[0][1] == "created"  # 2026-00001 is free again
    for index in (6, 7, 9):  # 2025-00001, then 2026-00002 twice: dept_a's
        assert results[index][1] == "failed" and "已被其他机构使用" in results[index][2]
    assert [status for _, status, _ in results[1:6]] == ["failed", "failed", "failed", "failed", "skipped"]
    created = Item.objects.filter(agency=dept_b)
    assert created.count() == sum(status == "created" for _, status, _ in results)
    # One create and one publish event per created item, nothing of the rolled-back attempt.
    assert AuditEvent.objects.count() - events_before == 2 * created.count()
    assert (
        IndexCounter.objects.get(agency=dept_b, year=2026).last
        == created.filter(published_on__year=2026).count()
    )
    assert chain_verification().intact


def test_the_command_imports_in_batches_with_workers(tree, sheet):
    out, err = StringIO(), StringIO()
    call_command(
        "import_items",
        "--sheet",
        str(sheet),
        "--agency",
        "dept-a",
        "--publish",
        "--batch-size",
        "3",
        "--workers",
        "2",
        "--date",
        TODAY.isoformat(),
        stdout=out,
        stderr=err,
    )
    assert "新建并发布 4 条，已存在跳过 1 条，出错跳过 5 条" in out.getvalue()
    assert "items.csv 第4行" in out.getvalue()
    assert Item.objects.filter(agency=tree["dept_a"], state="published").count() == 4
    assert SearchDocument.objects.filter(key__startswith="catalog.item:").count() == 4
    assert dt.date(2025, 12, 20) in set(Item.objects.values_list("published_on", flat=True))


def test_four_eyes_refuses_the_same_rows_as_one_by_one(tree, staff, sheet):
    """With 双人复核 on, a reviewer importing and publishing is the drafter: every publishable row
    is refused, with the single path's message, and nothing is written."""
    from gongkai.catalog.services import set_four_eyes

    reviewer = make_user("reviewer_b", agency=tree["dept_b"], role=Role.REVIEWER)
    reviewer_a = staff["reviewer_a"]
    for agency in (tree["dept_a"], tree["dept_b"]):
        set_four_eyes(agency, actor=SYSTEM, required=True)
    expected = outcomes(single(sheet, tree["dept_a"], publish=True, actor=reviewer_a))
    assert outcomes(bulk(sheet, tree["dept_b"], publish=True, actor=reviewer)) == expected
    # The four publishable rows, the duplicate (its first copy was refused, so it is tried) and the
    # row with an ID number (four eyes is checked before screening).
    assert sum("双人复核" in message for _, _, message in expected) == 6
    assert not Item.objects.exists()


def test_bulk_insert_writes_what_bulk_create_writes(tree):
    """``core.bulk.bulk_insert`` (the import's and the index's writes) against Django's
    ``bulk_create``: every column the same, dates, JSON, choices, foreign keys and ``auto_now``."""
    from django.db import connection

    from gongkai.catalog.vocabulary import Genre, ItemState
    from gongkai.core.bulk import bulk_insert

    def made(title):
        return Item(
            agency=tree["dept_a"], title=title, doc_number="测政发〔2026〕1号", genre=Genre.NOTICE,
            audience=["public", "企业"], body_text="正文", formed_on=dt.date(2026, 1, 5),
            published_on=dt.date(2026, 1, 9), state=ItemState.PUBLISHED, late=True, interpretation_lag=3,
            publication_modes=["网站"], index_no=f"000000002/2026-{title}",
        )  # fmt: skip

    by_django = Item.objects.bulk_create([made("1"), made("2")])
    ours = bulk_insert([made("3"), made("4")])
    assert [item.pk for item in ours] == sorted(item.pk for item in ours) and ours[0].pk > by_django[1].pk
    assert not ours[0]._state.adding
    names = [f.attname for f in Item._meta.concrete_fields if f.attname not in ("id", "title", "index_no")]
    with connection.cursor() as cursor:  # the stored values, as the database holds them
        columns = ", ".join(Item._meta.get_field(name).column for name in names)
        cursor.execute(f"SELECT {columns} FROM catalog_item ORDER BY id")  # noqa: S608
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        assert row.pop("created_at") and row.pop("updated_at")  # set by auto_now(_add) in both
    assert rows[0] == rows[1] == rows[2] == rows[3]


on_postgresql = postgresql_only("GIN pending lists exist on PostgreSQL only")


def merge_pending_lists() -> dict[str, int]:
    """Merge what each GIN index still holds in its pending list; the pages merged, per index."""
    with connection.cursor() as cursor:
        merged = {}
        for name in postgres.UPKEEP_INDEXES:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])
            merged[name] = cursor.fetchone()[0]
        return merged


def pending_list_limit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW gin_pending_list_limit")
        return cursor.fetchone()[0]


@on_postgresql
def test_on_postgresql_the_import_leaves_no_pending_gin_entries_and_the_writer_as_it_was(tree, sheet):
    """The pending lists are merged on a second connection after each batch and once more at the
    end: nothing is left for the next searches to read or the next writer to merge."""
    results = outcomes(bulk(sheet, tree["dept_a"], publish=True, batch_size=2))
    assert [status for _, status, _ in results].count("created") == 4
    assert pending_list_limit() == "4MB"
    assert merge_pending_lists() == dict.fromkeys(postgres.UPKEEP_INDEXES, 0)
    documents = list(
        SearchDocument.objects.filter(key__startswith="catalog.item:").values_list("pk", flat=True)
    )
    assert len(documents) == 4
    assert get_backend().verify(parse_query("壬的正文"), documents) == set(
        SearchDocument.objects.filter(title="关于壬的通知").values_list("pk", flat=True)
    )


@on_postgresql
def test_on_postgresql_a_failed_merge_does_not_stop_the_import(tree, sheet, monkeypatch, caplog):
    """The role may not own the indexes (or the merge fails otherwise): the import goes on as it
    would without the second connection, the writer's limit is set back, and a warning says so."""
    merged = outcomes(bulk(sheet, tree["dept_b"], publish=True, batch_size=2))
    monkeypatch.setattr(postgres, "UPKEEP_INDEXES", ("no_such_index",))
    with caplog.at_level("WARNING", logger="gongkai.search.backends.postgres"):
        results = outcomes(bulk(sheet, tree["dept_a"], publish=True, batch_size=2))
    assert results == merged
    assert [status for _, status, _ in results].count("created") == 4
    assert snapshot(tree["dept_a"]) == snapshot(tree["dept_b"])
    assert pending_list_limit() == "4MB"
    assert "no_such_index" in caplog.text


def test_published_rows_carry_the_self_checks_screening_verdict(tree, sheet):
    """Rows with a blocking finding are refused, so the rows published carry the self-check's
    verdict "nothing blocking" with the rules' version: the next self-check screens none again."""
    from gongkai.catalog.selfcheck_indicators import _screen_unscreened

    dept_a = tree["dept_a"]
    bulk(sheet, dept_a, publish=True)
    items = Item.objects.filter(agency=dept_a)
    assert items.count() == 4
    assert set(items.values_list("screening_blocks", "screened_with")) == {(False, verdict_version())}
    assert _screen_unscreened([dept_a.pk], verdict_version()) == 0
    items.update(screened_with="")  # the self-check's own verdicts are the same
    assert _screen_unscreened([dept_a.pk], verdict_version()) == 4
    assert not items.filter(screening_blocks=True).exists()
    bulk(sheet, tree["dept_b"], publish=False)  # drafts are not public: no verdict
    assert set(Item.objects.filter(agency=tree["dept_b"]).values_list("screened_with", flat=True)) == {""}


@on_postgresql
def test_on_postgresql_an_import_stopped_halfway_leaves_no_merging_thread(tree, sheet):
    """The caller stops reading the results after the first batch (an interrupted command): the
    merging connection finishes its work and closes, and the writer's setting is back."""
    import threading

    sources, _ = sheet_sources(sheet, genre="other", today=TODAY)
    results = bulk_import(
        sources, actor=SYSTEM, agency=tree["dept_a"], publish=True, today=TODAY, batch_size=2
    )
    next(results)
    assert pending_list_limit() == "64MB"  # the first batch is written: the second connection merges
    results.close()
    assert pending_list_limit() == "4MB"
    assert not [thread for thread in threading.enumerate() if thread.name == "gin-pending-merge"]
    assert merge_pending_lists() == dict.fromkeys(postgres.UPKEEP_INDEXES, 0)
