"""Checks shared by every upload that is a ZIP container (DOCX, XLSX): a few hundred kilobytes can
declare gigabytes of content (a "zip bomb") that python-docx, openpyxl or docxtpl would then inflate
in memory. The declared sizes bound what ``zipfile`` will inflate, so checking them is enough."""

from __future__ import annotations

import zipfile

MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000


def expands_too_far(archive: zipfile.ZipFile) -> bool:
    """True when the archive would inflate past ``MAX_UNZIPPED_BYTES`` or has absurdly many parts."""
    members = archive.infolist()
    return len(members) > MAX_MEMBERS or sum(info.file_size for info in members) > MAX_UNZIPPED_BYTES
