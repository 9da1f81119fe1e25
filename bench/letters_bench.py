"""Letter rendering time: a one-page reply letter (答复告知书) to DOCX and to PDF.

Target (the issue): a one-page PDF letter in under 1 s. Prints the time to import WeasyPrint (paid
once per worker process), the first call after it (loads the CJK font) and the median of 20.
"""

import datetime as dt
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _django import setup


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def report(label: str, first: float, times: list[float]) -> None:
    print(
        f"{label:<34} first {first * 1000:7.0f} ms   median of {len(times)} {statistics.median(times) * 1000:6.0f} ms"
        f"   max {max(times) * 1000:6.0f} ms"
    )


def main() -> None:
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="letters rendered per measurement (default 20)")
    runs = parser.parse_args().runs

    with tempfile.TemporaryDirectory() as tmp:
        setup(f"sqlite:///{tmp}/bench.sqlite3")
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        import logging

        logging.getLogger("weasyprint").setLevel(logging.WARNING)
        from pypdf import PdfReader

        from gongkai.agencies.models import Agency
        from gongkai.applications import services
        from gongkai.applications.intake import Applicant
        from gongkai.applications.letters import render
        from gongkai.applications.letters.context import letter_for
        from gongkai.core.system import SYSTEM

        agency = Agency.objects.create(code="bench", name="基准测试市财政局", index_prefix="bench", path="/")
        applicant = Applicant(
            type="natural_person", name="张三", id_number="11010519491231002X", phone="13800138000"
        )
        application = services.register(
            actor=SYSTEM,
            agency=agency,
            channel="in_person",
            applicant=applicant,
            description="2025年本机关财政预算执行情况及“三公”经费决算说明",
            received_on=dt.date(2026, 2, 10),
            today=dt.date(2026, 11, 30),
        )
        services.reply(
            application,
            actor=SYSTEM,
            on=dt.date(2026, 3, 10),
            outcome="partially_disclosed",
            reason="其中涉及第三方商业秘密的部分已作区分处理",
            today=dt.date(2026, 11, 30),
        )
        letter = letter_for(application)

        import_time, _ = timed(lambda: __import__("weasyprint"))
        print(f"{'import WeasyPrint (once per process)':<34} {import_time * 1000:7.0f} ms")
        first_docx, docx = timed(lambda: render.to_docx(letter))
        first_pdf, pdf = timed(lambda: render.to_pdf(letter, docx))
        docx_times = [timed(lambda: render.to_docx(letter))[0] for _ in range(runs)]
        pdf_times = [timed(lambda: render.to_pdf(letter, docx))[0] for _ in range(runs)]
        both_times = [timed(lambda: render.to_pdf(letter))[0] for _ in range(runs)]
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(f"reply letter: {len(docx):,} bytes DOCX, {len(pdf):,} bytes PDF, {pages} page(s)")
        report("DOCX (docxtpl)", first_docx, docx_times)
        report("PDF from the DOCX (HTML+WeasyPrint)", first_pdf, pdf_times)
        report("PDF from scratch (DOCX + PDF)", first_docx + first_pdf, both_times)
        verdict = "OK" if statistics.median(both_times) < 1.0 else "SLOWER THAN 1 s"
        print(f"one-page PDF letter target < 1 s: {verdict}")


if __name__ == "__main__":
    main()
