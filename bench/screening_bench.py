"""Screening throughput: scan() over real published documents repeated to about 5 MB.

Prints MB/s (UTF-8) for the sample documents (few findings, the usual case) and for a dense text
with a finding in every line (the worst realistic case). Pure Python, no database.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.screening.detectors import scan  # noqa: E402

SAMPLES = Path("/work/shared/samples")
TARGET_BYTES = 5 * 1024 * 1024
DENSE_LINE = (
    "申请人张三，身份证号11010519491231002X，电话138-1234-5678，办公电话0731-84561234，"
    "邮箱zhang@example.com，索引号003111216/201505-00034，2018年1月31日，金额12,345.00元。\n"
)


def repeated(text: str) -> str:
    size = len(text.encode("utf-8"))
    return text * max(1, TARGET_BYTES // size)


def measure(label: str, text: str) -> None:
    megabytes = len(text.encode("utf-8")) / 1024 / 1024
    started = time.perf_counter()
    findings = scan(text)
    elapsed = time.perf_counter() - started
    print(
        f"{label:<40} {megabytes:6.2f} MB  {elapsed:6.2f} s  {megabytes / elapsed:7.2f} MB/s  {len(findings):>7,} findings"
    )


def main() -> None:
    paths = sorted(SAMPLES.glob("*.txt"))
    if paths:
        corpus = "\n".join(path.read_text(encoding="utf-8") for path in paths)
        measure(f"samples ({len(paths)} documents) repeated", repeated(corpus))
    else:
        print(f"no samples under {SAMPLES}; dense text only")
    measure("dense (7 candidates per line)", repeated(DENSE_LINE))


if __name__ == "__main__":
    main()
