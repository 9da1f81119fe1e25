"""Simulated citizens: asyncio clients with httpx, each with its own address, and what they saw.

Every client loops for the duration: pick a page kind by weight, send it (with its own
``X-Forwarded-For``), wait a think time, again. A GET that dies on the connection (a worker
killed under it) is retried once, as browsers retry idempotent requests; a submission is never
retried (a citizen does not know whether it arrived: that is what the tracking code is for).
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field

import httpx

SEARCH_TERMS = ["政务公开", "预算", "通知", "财政", "发展改革", "2024年", "规划", "信息公开"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
CHINESE_ERROR_MARKERS = ("系统暂时无法访问", "service_unavailable", "请稍后再试")


@dataclass
class Sample:
    kind: str
    started: float  # seconds since the run started
    latency: float
    outcome: str  # "ok", "http_503", "ReadError", ...
    retried: bool = False
    bad_error_body: bool = False


@dataclass
class Targets:
    """What the clients ask for: read from the database before the run."""

    agencies: list[str]
    index_numbers: list[str]
    messages_enabled: bool
    tracking_codes: list[str] = field(default_factory=list)


@dataclass
class Results:
    samples: list[Sample] = field(default_factory=list)
    applications: list[dict] = field(default_factory=list)  # acknowledged: {id, tracking_code}
    messages: list[dict] = field(default_factory=list)
    publications: list[dict] = field(default_factory=list)  # acknowledged: {id, index_no}


WEIGHTS = {
    "home": 18,
    "catalog_list": 14,
    "item": 24,
    "search": 14,
    "track": 10,
    "apply": 12,
    "message": 8,
}


def _request(kind: str, targets: Targets, results: Results, rng: random.Random):
    """(method, path, json body) of one request of ``kind``."""
    if kind == "home":
        return "GET", "/", None
    if kind == "catalog_list":
        return "GET", rng.choice(["/catalog/", f"/catalog/{rng.choice(targets.agencies)}/"]), None
    if kind == "item":
        return "GET", f"/catalog/items/{rng.choice(targets.index_numbers)}/", None
    if kind == "search":
        return "GET", "/search/?" + httpx.QueryParams({"q": rng.choice(SEARCH_TERMS)}).__str__(), None
    if kind == "track":
        codes = [entry["tracking_code"] for entry in results.applications[-50:]] or targets.tracking_codes
        return "GET", f"/apply/track/?code={rng.choice(codes)}", None
    if kind == "apply":
        return "POST", "/api/v1/public/applications", _application(targets, rng)
    return "POST", "/api/v1/public/messages", _message(targets, rng)


def _person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(SURNAMES) + rng.choice(
        ["明", "华", "芳", "伟", "静", "强"]
    ), f"138{rng.randrange(10**8):08d}"


def _application(targets: Targets, rng: random.Random) -> dict:
    name, phone = _person(rng)
    return {
        "agency": rng.choice(targets.agencies),
        "applicant": {"type": "natural_person", "name": name, "phone": phone},
        "description": f"申请公开{rng.randrange(2019, 2026)}年度部门预算执行情况（负载测试）",
        "format": "electronic",
        "delivery": "online",
    }


def _message(targets: Targets, rng: random.Random) -> dict:
    name, phone = _person(rng)
    return {
        "agency": rng.choice(targets.agencies),
        "kind": "consultation",
        "title": "咨询办事指南（负载测试）",
        "body": "请问办理该事项需要准备哪些材料？",
        "name": name,
        "phone": phone,
        "publish_consent": False,
    }


async def _send(client: httpx.AsyncClient, method: str, path: str, body, headers: dict) -> httpx.Response:
    if method == "GET":
        return await client.get(path, headers=headers)
    return await client.post(path, json=body, headers=headers)


async def one_request(client, kind, targets, results, rng, address, clock_start) -> None:
    method, path, body = _request(kind, targets, results, rng)
    headers = {"X-Forwarded-For": address, "Accept-Language": "zh-CN"}
    started = time.monotonic()
    retried, outcome, response = False, "ok", None
    for attempt in range(2):
        try:
            response = await _send(client, method, path, body, headers)
            break
        except httpx.TransportError as error:
            outcome = type(error).__name__
            if method != "GET" or attempt == 1:
                break
            retried = True
    sample = Sample(kind, started - clock_start, time.monotonic() - started, outcome, retried)
    if response is not None:
        sample.outcome = _judge(response, kind, results, sample)
    results.samples.append(sample)


def _judge(response: httpx.Response, kind: str, results: Results, sample: Sample) -> str:
    expected = 201 if kind in {"apply", "message"} else 200
    if response.status_code == expected:
        if kind == "apply":
            results.applications.append(response.json())
        elif kind == "message":
            results.messages.append(response.json())
        return "ok"
    if response.status_code >= 500:
        text = response.text
        sample.bad_error_body = "Traceback" in text or not any(
            marker in text for marker in CHINESE_ERROR_MARKERS
        )
    return f"http_{response.status_code}"


async def client_loop(number, base_url, targets, results, deadline, think, seed, clock_start) -> None:
    rng = random.Random(seed * 7919 + number)
    address = f"10.{number // 250 % 250}.{number % 250}.{rng.randrange(1, 250)}"
    kinds = [kind for kind in WEIGHTS if kind != "message" or targets.messages_enabled]
    weights = [WEIGHTS[kind] for kind in kinds]
    limits = httpx.Limits(max_connections=2, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=base_url, timeout=60, limits=limits) as client:
        await asyncio.sleep(rng.uniform(0, think[1]))  # clients arrive over the first seconds
        while time.monotonic() < deadline:
            kind = rng.choices(kinds, weights)[0]
            await one_request(client, kind, targets, results, rng, address, clock_start)
            await asyncio.sleep(rng.uniform(*think))


async def _timed_post(client, kind, path, body, token, results, clock_start) -> dict | None:
    started = time.monotonic()
    sample = Sample(kind, started - clock_start, 0.0, "ok")
    answer = None
    try:
        response = await client.post(path, json=body, headers={"Authorization": f"Bearer {token}"})
    except httpx.TransportError as error:
        sample.outcome = type(error).__name__
    else:
        if response.status_code in (200, 201):
            answer = response.json()
        else:
            sample.outcome = f"http_{response.status_code}"
            sample.bad_error_body = response.status_code >= 500 and "service_unavailable" not in response.text
    sample.latency = time.monotonic() - started
    results.samples.append(sample)
    return answer


async def staff_loop(
    number, base_url, handler_token, reviewer_token, agency, results, deadline, think, clock_start, today
):
    """A handler drafts a notice and a reviewer publishes it: the 索引号 path under load and faults."""
    rng = random.Random(number)
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as client:
        while time.monotonic() < deadline:
            draft = {
                "agency": agency,
                "title": f"关于做好第{number}-{rng.randrange(10**6)}号事项的通知（负载测试）",
                "genre": "notice",
                "body": "各有关单位：现将有关事项通知如下。",
                "formed_on": today,
                "disclosure": "proactive",
            }
            created = await _timed_post(
                client, "draft", "/api/v1/items", draft, handler_token, results, clock_start
            )
            if created is not None:
                path = f"/api/v1/items/{created['id']}/publish"
                published = await _timed_post(
                    client, "publish", path, {}, reviewer_token, results, clock_start
                )
                if published is not None:
                    results.publications.append({"id": created["id"], "index_no": published["index_no"]})
            await asyncio.sleep(rng.uniform(*think))


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]
