"""Workbench pages of proposals and key tasks: register, act, the year report, co-handler views,
task creation and progress."""

import pytest

from gongkai.proposals.models import KeyTask, Proposal, YearReport

pytestmark = pytest.mark.django_db


def test_register_answer_and_report_in_the_workbench(client, staff):
    client.force_login(staff["reviewer_a"])
    response = client.post(
        "/workbench/proposals/new/",
        {"kind": "deputy_suggestion", "session": "十七届人大三次会议", "number": "7", "title": "关于增设公交线路的建议",
         "proposers": "赵某某", "assigned_on": "2026-03-02", "co_handlers": "dept-b"},
    )  # fmt: skip
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    page = client.get(f"/workbench/proposals/{proposal.pk}/").content.decode()
    assert "2026-06-02" in page and "赵某某" in page and "测试市乙局" in page
    assert "<title>关于增设公交线路的建议 - " in page  # the title holds the title, never a form
    assert "<title>建议提案办理 - " in client.get("/workbench/proposals/").content.decode()
    client.post(
        f"/workbench/proposals/{proposal.pk}/act/answer/",
        {"answer-date": "2026-05-20", "answer-result_class": "A", "answer-doc_number": "甲发〔2026〕7号", "answer-text": "已增设。"},
    )  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.answered_on.isoformat() == "2026-05-20" and proposal.result_class == "A"
    response = client.post("/workbench/proposals/report/", {"year": "2026", "date": "2026-11-30", "note": ""})
    assert response.status_code == 302 and YearReport.objects.get().totals["by_class"]["A"] == 1


@pytest.mark.today("2026-05-20")
def test_a_refused_answer_keeps_the_input_and_names_the_missing_fields(client, staff):
    client.force_login(staff["reviewer_a"])
    client.post(
        "/workbench/proposals/new/",
        {"kind": "deputy_suggestion", "session": "十七届人大三次会议", "number": "8", "title": "关于增设公交线路的建议",
         "proposers": "赵某某", "assigned_on": "2026-03-02", "co_handlers": ""},
    )  # fmt: skip
    proposal = Proposal.objects.get()
    page = client.get(f"/workbench/proposals/{proposal.pk}/").content.decode()
    assert 'name="answer-date" value="2026-05-20"' in page  # the date starts at today
    url = f"/workbench/proposals/{proposal.pk}/act/answer/"
    missing = client.post(url, {"answer-date": "2026-05-20", "answer-text": "拟于下半年增设一条公交线路。"})
    body = missing.content.decode()
    assert missing.status_code == 400
    assert "拟于下半年增设一条公交线路。" in body  # the text typed is still there
    assert 'id="field-answer-result_class"' in body and body.count("field-invalid") == 2  # 办理结果 and 答复文号
    refused = client.post(
        url,
        {"answer-date": "2026-01-05", "answer-result_class": "A", "answer-doc_number": "甲发〔2026〕8号",
         "answer-text": "拟于下半年增设一条公交线路。"},
    )  # fmt: skip
    body = refused.content.decode()
    assert refused.status_code >= 400 and 'role="alert"' in body and "甲发〔2026〕8号" in body
    proposal.refresh_from_db()
    assert proposal.answered_on is None


def test_a_co_handler_sends_views_from_the_workbench(client, staff, tree):
    import datetime as dt

    from gongkai.proposals import services

    proposal = services.create_proposal(
        actor=staff["reviewer_a"], agency=tree["dept_a"], kind="cppcc_proposal", session="市政协十三届三次会议",
        number="9", title="关于老旧小区加装电梯的提案", assigned_on=dt.date(2026, 9, 1), co_agencies=[tree["dept_b"]],
    )  # fmt: skip
    client.force_login(staff["handler_b"])
    page = client.get(f"/workbench/proposals/{proposal.pk}/").content.decode()
    assert "提交协办意见" in page and "act/answer" not in page
    client.post(f"/workbench/proposals/{proposal.pk}/views/dept-b/", {"views-date": "2026-10-10", "views-views": "同意"})
    assert proposal.co_handlers.get().views_sent_on.isoformat() == "2026-10-10"


def test_tasks_are_created_and_progress_reported_in_the_workbench(client, staff):
    client.force_login(staff["handler_a"])
    client.post(
        "/workbench/proposals/tasks/",
        {"source": "2026年政府工作报告", "title": "完成城区雨污分流改造10公里", "assigned_on": "2026-03-01",
         "deadline": "2026-12-31", "co_agencies": ""},
    )  # fmt: skip
    task = KeyTask.objects.get()
    client.post(
        f"/workbench/proposals/tasks/{task.pk}/progress/",
        {f"progress-{task.pk}-date": "2026-11-20", f"progress-{task.pk}-status": "on_track", f"progress-{task.pk}-text": "已完成8公里"},
    )  # fmt: skip
    assert task.updates.get().text == "已完成8公里"
    assert "已完成8公里" in client.get("/workbench/proposals/tasks/").content.decode()



def test_a_progress_report_refused_for_its_date_comes_back_with_the_error_at_the_date(client, staff, tree):
    import datetime as dt

    from gongkai.proposals import services

    task = services.create_task(
        actor=staff["handler_a"], agency=tree["dept_a"], source="2026年政府工作报告",
        title="完成城区雨污分流改造10公里", assigned_on=dt.date(2026, 3, 1),
    )  # fmt: skip
    client.force_login(staff["handler_a"])
    response = client.post(
        f"/workbench/proposals/tasks/{task.pk}/progress/",
        {f"progress-{task.pk}-date": "2026-02-01", f"progress-{task.pk}-status": "on_track", f"progress-{task.pk}-text": "已完成8公里"},
    )  # fmt: skip
    assert response.status_code == 409
    form = response.context["rows"][0][1]
    assert form.errors["date"] == ["进展日期不能早于分工日期（2026-03-01）"]
    assert form["text"].value() == "已完成8公里"
    assert task.updates.count() == 0

def test_the_lead_sets_the_date_of_a_co_handlers_views_in_the_workbench(client, staff, tree):
    """domain/services.md §4: the lead's staff set the date of a co-handler's views on the proposal's
    page (empty: back to the default); the co-handler's staff see the date only; refusals are named."""
    import datetime as dt

    from gongkai.audit.models import AuditEvent
    from gongkai.proposals import services

    proposal = services.create_proposal(
        actor=staff["reviewer_a"], agency=tree["dept_a"], kind="cppcc_proposal", session="市政协十三届三次会议",
        number="9", title="关于老旧小区加装电梯的提案", assigned_on=dt.date(2026, 9, 1), co_agencies=[tree["dept_b"]],
    )  # fmt: skip
    url = f"/workbench/proposals/{proposal.pk}/"
    set_url = f"{url}views-due/dept-b/"
    field = "views-due-dept-b-views_due_on"
    client.force_login(staff["reviewer_a"])
    page = client.get(url).content.decode()  # answer due 2026-12-01; views by default 2026-10-30
    assert "2026-10-30" in page and "默认" in page and f'action="{set_url}#co-handlers"' in page

    response = client.post(set_url, {field: "2026-11-20"})
    assert response.status_code == 302 and response["Location"] == f"{url}#co-handlers"
    page = client.get(url).content.decode()
    assert "已设定测试市乙局提交协办意见的截止日期为2026-11-20" in page and "主办单位设定" in page
    assert proposal.co_handlers.get().views_due_on == dt.date(2026, 11, 20)
    assert AuditEvent.objects.filter(action="proposals.views_due").count() == 1

    for day, status, message in [
        ("2026-12-02", 409, "协办意见截止日期不能晚于答复期限（2026-12-01）"),
        ("2026-08-31", 409, "协办意见截止日期不能早于交办日期（2026-09-01）"),
        ("2026-13-01", 422, "请填写正确的日期，格式如 2026-01-31。"),
    ]:
        refused = client.post(set_url, {field: day})
        assert refused.status_code == status and message in refused.content.decode()
    assert proposal.co_handlers.get().views_due_on == dt.date(2026, 11, 20)

    client.post(set_url, {field: ""})  # empty: back to the default
    assert proposal.co_handlers.get().views_due_on is None

    client.force_login(staff["handler_b"])
    page = client.get(url).content.decode()
    assert "2026-10-30" in page and "views-due/" not in page and "设定截止日期" not in page
    assert client.post(set_url, {field: "2026-11-20"}).status_code == 404
    client.post(f"{url}views/dept-b/", {"views-date": "2026-10-10", "views-views": "同意"})

    client.force_login(staff["reviewer_a"])
    page = client.get(url).content.decode()
    assert "已于2026-10-10提交" in page and "views-due/" not in page
    sent = client.post(set_url, {field: "2026-11-20"})
    assert sent.status_code == 409 and "未能设定协办意见截止日期：协办意见已提交" in sent.content.decode()
    assert proposal.co_handlers.get().views_due_on is None
    services.answer(
        proposal, actor=staff["reviewer_a"], on=dt.date(2026, 11, 2), result_class="A", doc_number="甲发〔2026〕9号", text="已加装。"
    )  # fmt: skip
    answered = client.post(set_url, {field: ""})
    assert answered.status_code == 409 and "未能设定协办意见截止日期：当前状态（已答复" in answered.content.decode()


def test_the_workbench_list_is_paged_with_links_to_every_row(client, staff, monkeypatch):
    from gongkai.proposals import workbench_views

    monkeypatch.setattr(workbench_views, "PAGE_SIZE", 2)
    client.force_login(staff["reviewer_a"])
    for number in ("1", "2", "3"):
        client.post(
            "/workbench/proposals/new/",
            {"kind": "deputy_suggestion", "session": "十七届人大三次会议", "number": number,
             "title": f"关于第{number}号事项的建议", "proposers": "赵某某", "assigned_on": "2026-03-02",
             "co_handlers": ""},
        )  # fmt: skip
    assert Proposal.objects.count() == 3
    first = client.get("/workbench/proposals/?state=handling").content.decode()
    second = client.get("/workbench/proposals/?state=handling&page=2").content.decode()
    assert "第 1 / 2 页" in first and 'href="?state=handling&amp;page=2">下一页</a>' in first
    titles = set(Proposal.objects.values_list("title", flat=True))
    shown = {title for title in titles if title in first}
    assert len(shown) == 2 and all(title in second for title in titles - shown)


def test_the_workbench_publishes_the_wording_given_without_the_deputy_s_name(client, staff):
    """A letter naming the deputy is refused on the page; the wording typed for publication goes out."""
    client.force_login(staff["reviewer_a"])
    client.post(
        "/workbench/proposals/new/",
        {"kind": "deputy_suggestion", "session": "十七届人大三次会议", "number": "8", "title": "关于增设公交线路的建议",
         "proposers": "赵某某", "assigned_on": "2026-03-02"},
    )  # fmt: skip
    proposal = Proposal.objects.get()
    client.post(
        f"/workbench/proposals/{proposal.pk}/act/answer/",
        {"answer-date": "2026-05-20", "answer-result_class": "A", "answer-doc_number": "甲发〔2026〕8号",
         "answer-text": "赵某某代表：您好！已增设。"},
    )  # fmt: skip
    url = f"/workbench/proposals/{proposal.pk}/act/publish/"
    refused = client.post(url, {"publish-date": "2026-05-25", "publish-mode": "full"})
    assert refused.status_code == 409 and "代表委员姓名或联系方式" in refused.content.decode()
    done = client.post(url, {"publish-date": "2026-05-25", "publish-mode": "full", "publish-text": "已增设。"})
    assert done.status_code == 302
    proposal.refresh_from_db()
    assert proposal.published_on is not None and "赵某某" not in proposal.item.body


def test_refused_co_handler_views_come_back_with_the_input_and_the_error_at_the_date(client, staff, tree):
    import datetime as dt

    from gongkai.proposals import services

    proposal = services.create_proposal(
        actor=staff["reviewer_a"], agency=tree["dept_a"], kind="cppcc_proposal", session="市政协十三届三次会议",
        number="9", title="关于老旧小区加装电梯的提案", assigned_on=dt.date(2026, 9, 1), co_agencies=[tree["dept_b"]],
    )  # fmt: skip
    client.force_login(staff["handler_b"])
    url = f"/workbench/proposals/{proposal.pk}/views/dept-b/"
    early = client.post(url, {"views-date": "2026-08-01", "views-views": "同意，建议分批实施"})
    assert early.status_code == 409
    form = dict(early.context["views_forms"])[tree["dept_b"]]
    assert form.errors["date"] == ["提交日期不能早于交办日期（2026-09-01）"]
    assert form["views"].value() == "同意，建议分批实施"
    empty = client.post(url, {"views-date": "2026-10-10", "views-views": ""})
    assert empty.status_code == 400 and "views" in dict(empty.context["views_forms"])[tree["dept_b"]].errors
    assert proposal.co_handlers.get().views_sent_on is None


@pytest.mark.today("2026-12-07")
def test_a_refused_year_report_keeps_the_input_and_names_the_cause_at_its_field(client, staff):
    client.force_login(staff["reviewer_a"])
    nothing = client.post("/workbench/proposals/report/", {"year": "2025", "date": "2026-01-20", "note": "全年办理情况良好"})
    assert nothing.status_code == 409
    form = nothing.context["report_form"]
    assert form.errors["year"] == ["2025年度没有登记的建议提案"]
    assert form["note"].value() == "全年办理情况良好"
    future = client.post("/workbench/proposals/report/", {"year": "2025", "date": "2027-01-20", "note": ""})
    assert future.status_code == 409 and future.context["report_form"].errors["date"] == ["日期不能晚于今天"]
    missing = client.post("/workbench/proposals/report/", {"year": "", "date": "2026-01-20", "note": "说明"})
    body = missing.content.decode()
    assert missing.status_code == 400 and list(missing.context["report_form"].errors) == ["year"]
    assert "请填写年度和公开日期" not in body and "说明" in body
    assert YearReport.objects.count() == 0


def test_co_handlers_are_picked_by_name_and_an_unknown_code_is_named(client, staff, tree):
    import re

    client.force_login(staff["reviewer_a"])
    page = client.get("/workbench/proposals/new/").content.decode()
    assert 'type="checkbox" name="co_handlers" value="dept-b"' in page and "测试市乙局" in page
    assert 'value="dept-a"' not in page  # the lead is not its own co-handler
    data = {"kind": "deputy_suggestion", "session": "十七届人大三次会议", "number": "7", "title": "关于增设公交线路的建议",
            "assigned_on": "2026-03-02"}  # fmt: skip
    refused = client.post("/workbench/proposals/new/", {**data, "co_handlers": ["dept-b", "sfs-nope"]})
    assert refused.status_code == 200
    assert refused.context["form"].errors["co_handlers"] == ["未知的机构代码：sfs-nope"]
    assert re.search(r'value="dept-b"[^>]* checked', refused.content.decode())  # the choice is kept
    assert Proposal.objects.count() == 0
    client.post("/workbench/proposals/new/", {**data, "co_handlers": ["dept-b", "town"]})
    assert {co.agency.code for co in Proposal.objects.get().co_handlers.all()} == {"dept-b", "town"}


def test_co_agencies_of_a_task_are_picked_by_name_and_an_unknown_code_is_named(client, staff, tree):
    client.force_login(staff["handler_a"])
    page = client.get("/workbench/proposals/tasks/").content.decode()
    assert 'type="checkbox" name="co_agencies" value="town"' in page and "测试镇人民政府" in page
    data = {"source": "2026年政府工作报告", "title": "完成城区雨污分流改造10公里", "assigned_on": "2026-03-01"}
    refused = client.post("/workbench/proposals/tasks/", {**data, "co_agencies": ["town", "x-1", "x-2"]})
    assert refused.context["form"].errors["co_agencies"] == ["未知的机构代码：x-1、x-2"]
    assert KeyTask.objects.count() == 0
    client.post("/workbench/proposals/tasks/", {**data, "co_agencies": ["town"]})
    assert [agency.code for agency in KeyTask.objects.get().co_agencies.all()] == ["town"]


@pytest.mark.today("2026-11-20")
def test_the_tasks_page_gives_each_progress_form_its_own_ids_starts_at_today_and_is_paged(
    client, staff, tree, monkeypatch
):
    import datetime as dt
    import re

    from gongkai.proposals import services, workbench_views

    monkeypatch.setattr(workbench_views, "PAGE_SIZE", 2)
    tasks = [
        services.create_task(
            actor=staff["handler_a"],
            agency=tree["dept_a"],
            source="2026年政府工作报告",
            title=f"第{n}项任务",
            assigned_on=dt.date(2026, 3, 1),
            deadline=dt.date(2026, 12, n),
        )
        for n in (1, 2, 3)
    ]
    client.force_login(staff["handler_a"])
    first = client.get("/workbench/proposals/tasks/").content.decode()
    ids = re.findall(r'id="([^"]+)"', first)
    assert len(ids) == len(set(ids))
    for task in tasks[:2]:
        assert f'<label for="id_progress-{task.pk}-date">' in first
        assert f'name="progress-{task.pk}-date" value="2026-11-20"' in first
    assert "第3项任务" not in first and "第 1 / 2 页" in first
    second = client.get("/workbench/proposals/tasks/?page=2").content.decode()
    assert "第3项任务" in second and f'action="/workbench/proposals/tasks/{tasks[2].pk}/progress/?page=2' in second
    refused = client.post(
        f"/workbench/proposals/tasks/{tasks[2].pk}/progress/?page=2",
        {f"progress-{tasks[2].pk}-date": "2026-11-20", f"progress-{tasks[2].pk}-status": "on_track"},
    )  # fmt: skip
    body = refused.content.decode()
    assert refused.status_code == 400 and "第3项任务" in body
    assert 'href="/workbench/proposals/tasks/?page=1">上一页</a>' in body  # not relative to the POST's address
    done = client.post(
        f"/workbench/proposals/tasks/{tasks[2].pk}/progress/?page=2",
        {f"progress-{tasks[2].pk}-date": "2026-11-20", f"progress-{tasks[2].pk}-status": "on_track",
         f"progress-{tasks[2].pk}-text": "已完成"},
    )  # fmt: skip
    assert done["Location"] == f"/workbench/proposals/tasks/?page=2#task-{tasks[2].pk}"


def test_the_proposal_page_links_back_to_the_list(client, staff, tree):
    import datetime as dt

    from gongkai.proposals import services

    proposal = services.create_proposal(
        actor=staff["reviewer_a"], agency=tree["dept_a"], kind="cppcc_proposal", session="市政协十三届三次会议",
        number="9", title="关于老旧小区加装电梯的提案", assigned_on=dt.date(2026, 9, 1),
    )  # fmt: skip
    client.force_login(staff["reviewer_a"])
    page = client.get(f"/workbench/proposals/{proposal.pk}/").content.decode()
    assert '<a href="/workbench/proposals/">返回建议提案列表</a>' in page


@pytest.mark.parametrize("state", ["handling", "answered", "second_answer_due"])
def test_every_id_on_the_proposal_page_is_unique_and_every_label_finds_its_field(client, staff, tree, state):
    """The act forms, the co-handlers' date forms and their views forms share field names: each
    field's wrapper, input and help have ids of their own, also when a refused form is shown
    again (else a label, or an error summary's link, leads to another form's field)."""
    import datetime as dt
    import re

    from gongkai.proposals import services
    from gongkai.testing import id_problems

    office = staff["office"]  # may act for the lead and for both co-handlers: every form is shown
    proposal = services.create_proposal(
        actor=office, agency=tree["dept_a"], kind="cppcc_proposal", session="市政协十三届三次会议", number="9",
        title="关于老旧小区加装电梯的提案", assigned_on=dt.date(2026, 9, 1), co_agencies=[tree["dept_b"], tree["town"]],
    )  # fmt: skip
    refusals = {  # one refused at a field, one refused by the service (above the form)
        "handling": [("act/answer/", {"answer-date": "2026-11-30"}), ("act/extend/", {"extend-date": "2026-08-01", "extend-reason": "协调"})],
        "answered": [("act/rate/", {"rate-date": "2026-11-30"}), ("act/publish/", {"publish-date": "2026-08-01", "publish-mode": "full"})],
        "second_answer_due": [("act/second_answer/", {"second_answer-date": "2026-11-30"}), ("act/publish/", {"publish-date": "2026-08-01", "publish-mode": "full"})],
    }[state]  # fmt: skip
    if state != "handling":
        services.answer(
            proposal, actor=office, on=dt.date(2026, 11, 2), result_class="A", doc_number="甲发〔2026〕9号", text="已加装。"
        )  # fmt: skip
        refusals += [("views-due/dept-b/", {"views-due-dept-b-views_due_on": "2026-13-01"})]
    else:
        refusals += [
            ("views/dept-b/", {"views-date": "2026-08-01", "views-views": "同意"}),
            ("views/town/", {"views-date": "2026-11-30"}),
            ("views-due/town/", {"views-due-town-views_due_on": "2026-13-01"}),
        ]
    if state == "second_answer_due":
        services.rate(proposal, actor=office, on=dt.date(2026, 11, 20), satisfaction="dissatisfied")
    client.force_login(office)
    url = f"/workbench/proposals/{proposal.pk}/"
    page = client.get(url).content.decode()
    forms = {"handling": 6, "answered": 4, "second_answer_due": 4}[state]
    assert page.count('<form method="post" action="/workbench/proposals/') == forms
    assert id_problems(page) == [], id_problems(page)
    for path, data in refusals:
        refused = client.post(url + path, data)
        assert refused.status_code >= 400, path
        body = refused.content.decode()
        assert id_problems(body) == [], path  # the summary's links among them
        if "未能设定协办意见截止日期" in body:  # the views-due form is no longer offered
            continue
        summary = re.search(r"<div [^>]*data-error-summary>(.*?)</div>", body, re.S)[1]
        assert re.search(r'<a href="#[^"]+">', summary), path
        assert len(re.findall(r"\sautofocus[\s>]", body)) == 1, path  # the field at fault, or the form's top
