"""The backup archive: one tar file holding the database copy, the uploaded files and a manifest.

Layout (members in this order)::

    database.sqlite3 | database.pgdump     the database (SQLite online backup / pg_dump -Fc)
    media/<path>                           every file under MEDIA_ROOT
    manifest.json                          what the archive holds, with counts and checksums

The manifest comes last because it describes the members before it; readers look it up by name.
Nothing here imports Django: the commands pass in what they read from the database.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

FORMAT = "gongkai-backup/1"
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """An archive that cannot be written or trusted; the message is for the operator (Chinese)."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class Manifest:
    backend: str
    created_at: str
    database_member: str
    database_sha256: str = ""
    database_bytes: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    migrations: dict[str, str] = field(default_factory=dict)
    audit_chain: dict[str, object] = field(default_factory=dict)
    media: dict[str, dict[str, object]] = field(default_factory=dict)
    missing_files: list[str] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> bytes:
        body = {"format": FORMAT, **self.__dict__}
        return json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            body = json.loads(raw)
        except ValueError as error:
            raise ArchiveError("备份清单不是有效的 JSON") from error
        if body.pop("format", None) != FORMAT:
            raise ArchiveError(f"不是本系统的备份文件（格式应为 {FORMAT}）")
        try:
            return cls(**body)
        except TypeError as error:
            raise ArchiveError(f"备份清单字段不完整：{error}") from error


def media_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(relative POSIX path, absolute path) of every regular file under ``root``, sorted."""
    if not root.exists():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(root).as_posix(), path


class ArchiveWriter:
    """Adds members one by one and records their checksums in the manifest."""

    def __init__(self, path: Path, manifest: Manifest):
        self.path, self.manifest = path, manifest
        self._tar = tarfile.open(path, "w:gz", compresslevel=1)  # noqa: SIM115 (closed in close())

    def add_database(self, source: Path) -> None:
        self.manifest.database_sha256 = sha256_of(source)
        self.manifest.database_bytes = source.stat().st_size
        self._tar.add(source, arcname=self.manifest.database_member, recursive=False)

    def add_media(self, relative: str, source: Path) -> None:
        checksum, size = sha256_of(source), source.stat().st_size
        self._tar.add(source, arcname=MEDIA_PREFIX + relative, recursive=False)
        self.manifest.media[relative] = {"sha256": checksum, "bytes": size}

    def close(self) -> None:
        info = tarfile.TarInfo(MANIFEST)
        raw = self.manifest.to_json()
        info.size = len(raw)
        self._tar.addfile(info, io.BytesIO(raw))
        self._tar.close()


def read_manifest(path: Path) -> Manifest:
    try:
        with tarfile.open(path, "r:*") as archive:
            member = archive.extractfile(MANIFEST)
            if member is None:
                raise ArchiveError("备份文件中没有清单 manifest.json")
            return Manifest.from_json(member.read())
    except KeyError as error:
        raise ArchiveError("备份文件中没有清单 manifest.json") from error
    except (tarfile.TarError, OSError, EOFError) as error:
        raise ArchiveError(f"无法读取备份文件：{error}") from error


def unpack(path: Path, manifest: Manifest, *, database_to: Path, media_to: Path) -> None:
    """Extract the database copy and the files, checking every checksum against the manifest.

    Members that the manifest does not list are refused before anything is written; paths that
    would leave ``media_to`` and anything but regular files are refused too."""
    expected = {manifest.database_member, MANIFEST} | {MEDIA_PREFIX + name for name in manifest.media}
    with tarfile.open(path, "r:*") as archive:
        members = archive.getmembers()
        names = {member.name for member in members}
        unknown = sorted(names - expected)
        if unknown:
            raise ArchiveError(f"备份文件含有清单未列出的内容：{unknown[0]}")
        missing = sorted(expected - names)
        if missing:
            raise ArchiveError(f"备份文件缺少清单列出的内容：{missing[0]}")
        for member in members:
            if member.name == MANIFEST:
                continue
            if member.name == manifest.database_member:
                target, want = database_to, manifest.database_sha256
            else:
                relative = member.name[len(MEDIA_PREFIX) :]
                _refuse_escape(relative)
                target, want = media_to / relative, manifest.media[relative]["sha256"]
            _extract(archive, member, target)
            if sha256_of(target) != want:
                raise ArchiveError(f"校验和不符：{member.name}（备份文件已损坏或被修改）")


def _refuse_escape(relative: str) -> None:
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts:
        raise ArchiveError(f"备份文件中的路径不安全：{relative}")


def _extract(archive: tarfile.TarFile, member: tarfile.TarInfo, target: Path) -> None:
    if not member.isfile():
        raise ArchiveError(f"备份文件中的条目不是普通文件：{member.name}")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = archive.extractfile(member)
    with target.open("wb") as handle:
        while chunk := source.read(CHUNK):
            handle.write(chunk)
