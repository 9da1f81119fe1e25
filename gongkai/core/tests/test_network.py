"""The client's address behind reverse proxies: the proxies' own entries only, never the client's."""

import json

import pytest
from django.test import Client

from gongkai.core.network import client_address, client_network


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy configured: the header is the client's word
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.66, 203.0.113.9", "203.0.113.9"),  # the left entry was forged
        (2, "198.51.100.66, 203.0.113.9, 10.0.0.7", "203.0.113.9"),
        (2, "203.0.113.9", "10.0.0.1"),  # fewer entries than proxies: not what a proxy wrote
        (1, "", "10.0.0.1"),
        (1, "not-an-address", "10.0.0.1"),  # garbage never reaches the lockout's address column
    ],
)
def test_client_address(rf, settings, proxies, forwarded, expected):
    settings.GONGKAI_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_no_valid_address_is_none(rf, settings):
    settings.GONGKAI_PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="x")
    del request.META["REMOTE_ADDR"]
    assert client_address(request) is None


def test_public_submissions_are_limited_per_forwarded_address(tree, settings):
    settings.GONGKAI_PROXY_COUNT = 1
    settings.GONGKAI_PUBLIC_SUBMISSIONS_PER_HOUR = 1
    body = json.dumps(
        {
            "agency": "dept-a",
            "applicant": {"type": "natural_person", "name": "张三", "phone": "13800000000"},
            "description": "申请公开2024年度部门预算",
        }
    )

    def submit(address):
        return Client().post(
            "/api/v1/public/applications", body, content_type="application/json", HTTP_X_FORWARDED_FOR=address
        ).status_code

    assert submit("203.0.113.1") == 201
    assert submit("203.0.113.1") == 429
    assert submit("203.0.113.2") == 201


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2::1", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.9", "203.0.113.9"),  # an IPv4 client seen by a dual-stack socket
        ("not-an-address", "unknown"),
    ],
)
def test_client_network_counts_ipv6_by_its_64(rf, settings, remote, expected):
    settings.GONGKAI_PROXY_COUNT = 0
    assert client_network(rf.get("/", REMOTE_ADDR=remote)) == expected
