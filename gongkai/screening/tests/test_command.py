"""manage.py screen_text: screening from the command line, exit status 1 when publication must stop."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def run(*args):
    out = io.StringIO()
    try:
        call_command("screen_text", *args, stdout=out)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, out.getvalue()


def test_blocking_findings_are_listed_masked_and_exit_with_one(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("联系人张三，电话13812345678。", encoding="utf-8")
    status, output = run(str(path))
    assert status == 1
    assert "1 处发现，其中 1 处阻止发布" in output and "138****5678" in output
    assert "13812345678" not in output


def test_clean_file_exits_with_zero_and_json_output(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("各级机关要保守国家秘密。", encoding="utf-8")
    status, output = run(str(path), "--json")
    assert status == 0
    assert json.loads(output) == {"path": str(path), "findings": []}


def test_unreadable_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("screen_text", str(tmp_path / "missing.txt"))
