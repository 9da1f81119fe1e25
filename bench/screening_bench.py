"""Screening throughput: scan() over real published documents repeated to about 5 MB.

Prints MB/s (UTF-8) for the sample documents (few findings, the usual case) and for a dense text
with a finding in every line (the worst realistic case). Pure Python, no database.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _django import ROOT, sample_paths

sys.path.insert(0, str(ROOT))
from gongkai.screening.detectors import scan

DENSE_LINE = (
    "申请人张三，身份证号11010519491231002X，电话138-1234-5678，办公电话0731-84561234，"
    "邮箱zhang@example.com，索引号003111216/201505-00034，2018年1月31日，金额12,345.00元。\n"
)


def repeated(text: str, target_bytes: int) -> str:
    size = len(text.encode("utf-8"))
    return text * max(1, target_bytes // size)


def measure(label: str, text: str) -> None:
    megabytes = len(text.encode("utf-8")) / 1024 / 1024
    started = time.perf_counter()
    findings = scan(text)
    elapsed = time.perf_counter() - started
    print(
        f"{label:<40} {megabytes:6.2f} MB  {elapsed:6.2f} s  {megabytes / elapsed:7.2f} MB/s  {len(findings):>7,} findings"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0, help="size of each text scanned (default 5)")
    target_bytes = int(parser.parse_args().megabytes * 1024 * 1024)
    paths = sample_paths()
    corpus = "\n".join(path.read_text(encoding="utf-8") for path in paths)
    measure(f"samples ({len(paths)} documents) repeated", repeated(corpus, target_bytes))
    measure("dense (7 candidates per line)", repeated(DENSE_LINE, target_bytes))


if __name__ == "__main__":
    main()
