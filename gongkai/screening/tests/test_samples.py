"""Real published documents must not drown the reviewer in absurd findings."""


import pytest

from gongkai.screening.detectors import blocking, scan
from gongkai.testing import SAMPLES as SAMPLE_DIR

SAMPLES = sorted(SAMPLE_DIR.glob("*.txt"))
# What a careful reviewer would flag by hand in these documents: public office numbers and mailboxes.
EXPECTED = {
    "001_56817e828f7a94aa.txt": [("landline", "0556-5347099"), ("email", "anqinggkb@163.com")],
    "002_9aa47404453c1d3a.txt": [("landline", "0596-2026584")],
}


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_published_documents_have_no_blocking_findings_and_only_expected_warnings(path):
    findings = scan(path.read_text(encoding="utf-8"))
    assert blocking(findings) == []
    assert [(f.kind, f.text) for f in findings] == EXPECTED.get(path.name, [])
