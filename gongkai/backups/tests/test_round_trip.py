"""Backup while the site runs, restore into a fresh database and file store: nothing differs."""

import datetime as dt
import io
import tarfile
import threading
from io import StringIO
from pathlib import Path
from urllib.parse import quote as url_quote

import dj_database_url
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import close_old_connections, connection

from gongkai.applications.models import Application
from gongkai.audit.models import AuditChainHead, AuditEvent
from gongkai.audit.services import record, service
from gongkai.backups import archive, databases
from gongkai.catalog import services as catalog_services
from gongkai.core.system import SYSTEM
from gongkai.testing import ApiClient

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def fresh_database(tmp_path):
    """The URL of a database of the same backend that does not exist yet (dropped afterwards)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    settings_dict = connection.settings_dict
    name = f"{settings_dict['NAME']}_restored"
    credentials = url_quote(settings_dict["USER"]) + (
        ":" + url_quote(settings_dict["PASSWORD"]) if settings_dict["PASSWORD"] else ""
    )
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    yield f"postgres://{credentials}@{settings_dict['HOST']}:{settings_dict['PORT'] or 5432}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def records(tree, staff, media):
    """A published item with a PDF attachment, an online application, and their audit events."""
    item = catalog_services.create_item(
        actor=SYSTEM,
        agency=tree["dept_a"],
        title="关于开展政务公开工作的通知",
        genre="notice",
        formed_on=dt.date(2024, 9, 20),
        body="各科室：\n现将有关事项通知如下。",
    )
    catalog_services.upload_attachment(item, actor=SYSTEM, upload=SimpleUploadedFile("规定.pdf", PDF))
    catalog_services.publish_item(item, actor=SYSTEM, on=dt.date(2024, 9, 27))
    response = ApiClient().post(
        "/public/applications",
        {
            "agency": "dept-a",
            "applicant": {"type": "natural_person", "name": "张三", "phone": "13800000000"},
            "description": "申请公开2024年度部门预算",
        },
    )
    assert response.status_code == 201
    return item


def _rows(target) -> dict[str, list[tuple]]:
    with target.cursor() as cursor:
        tables = databases._tables(target)
        rows = {}
        for table in sorted(tables):
            cursor.execute(f"SELECT * FROM {databases.quote(table)} ORDER BY 1")  # noqa: S608
            rows[table] = cursor.fetchall()
    return rows


def _files(root: Path) -> dict[str, bytes]:
    return {relative: path.read_bytes() for relative, path in archive.media_files(root)}


def test_round_trip_restores_every_record_file_and_audit_event(records, media, tmp_path, fresh_database):
    backup_file = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(backup_file), stdout=StringIO())
    restored_media = tmp_path / "restored-media"

    out = StringIO()
    call_command(
        "restore", str(backup_file), database_url=fresh_database, media_root=str(restored_media), stdout=out
    )

    assert "恢复完成" in out.getvalue()
    with databases.target_connection(dj_database_url.parse(fresh_database)) as restored:
        assert _rows(restored) == _rows(connection)
        assert AuditEvent.objects.using(restored.alias).count() == AuditEvent.objects.count()
    assert _files(restored_media) == _files(media) != {}
    manifest = archive.read_manifest(backup_file)
    assert manifest.counts["applications_application"] == Application.objects.count() == 1
    head = AuditChainHead.objects.get()
    assert manifest.audit_chain == {"sequence": head.sequence, "hash": head.hash}


def test_a_backup_taken_during_writes_is_one_consistent_moment(records, tmp_path, fresh_database):
    """A writer keeps recording while the backup runs: the archive holds an unbroken prefix of
    the chain whose counts match its manifest exactly."""
    stop = threading.Event()

    @service
    def act(number):
        record(actor=SYSTEM, action="test.during_backup", data={"n": number})

    def writer():
        number = 0
        try:
            while not stop.is_set():
                act(number)
                number += 1
        finally:
            close_old_connections()
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        backup_file = tmp_path / "backup.tar.gz"
        call_command("backup", output=str(backup_file), stdout=StringIO())
    finally:
        stop.set()
        thread.join()

    call_command(
        "restore",
        str(backup_file),
        database_url=fresh_database,
        media_root=str(tmp_path / "restored-media"),
        stdout=StringIO(),
    )
    with databases.target_connection(dj_database_url.parse(fresh_database)) as restored:
        copied = list(AuditEvent.objects.using(restored.alias).order_by("sequence").values_list("sequence", "hash"))
    original = list(AuditEvent.objects.order_by("sequence").values_list("sequence", "hash"))
    assert copied == original[: len(copied)]
    assert archive.read_manifest(backup_file).audit_chain["sequence"] == len(copied)


def test_a_changed_file_in_the_archive_is_refused_before_anything_is_restored(records, tmp_path, fresh_database):
    backup_file = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(backup_file), stdout=StringIO())
    forged = tmp_path / "forged.tar.gz"
    with tarfile.open(backup_file) as source, tarfile.open(forged, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name.startswith(archive.MEDIA_PREFIX):
                content = content.replace(b"%%EOF", b"%%EOX")
            member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    restored_media = tmp_path / "restored-media"

    with pytest.raises(CommandError, match="校验和不符"):
        call_command(
            "restore", str(forged), database_url=fresh_database, media_root=str(restored_media), stdout=StringIO()
        )
    assert not restored_media.exists() or not any(restored_media.iterdir())


def test_restore_never_writes_over_a_database_that_holds_data(records, tmp_path):
    backup_file = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(backup_file), stdout=StringIO())
    events = AuditEvent.objects.count()

    with pytest.raises(CommandError, match="不是空库"):
        call_command("restore", str(backup_file), media_root=str(tmp_path / "elsewhere"), stdout=StringIO())
    assert AuditEvent.objects.count() == events


def test_members_the_manifest_does_not_list_are_refused(tmp_path):
    manifest = archive.Manifest(backend="sqlite", created_at="", database_member="database.sqlite3")
    path = tmp_path / "odd.tar.gz"
    (tmp_path / "database.sqlite3").write_bytes(b"")
    (tmp_path / "evil").write_bytes(b"x")
    writer = archive.ArchiveWriter(path, manifest)
    writer.add_database(tmp_path / "database.sqlite3")
    writer._tar.add(tmp_path / "evil", arcname="media/../../evil")
    writer.close()

    with pytest.raises(archive.ArchiveError, match="清单未列出"):
        archive.unpack(path, archive.read_manifest(path), database_to=tmp_path / "db", media_to=tmp_path / "m")
    assert not (tmp_path.parent / "evil").exists()


def test_an_archive_of_another_kind_is_refused(tmp_path):
    path = tmp_path / "not-ours.tar.gz"
    with tarfile.open(path, "w:gz") as target:
        info = tarfile.TarInfo(archive.MANIFEST)
        raw = b'{"format": "something-else"}'
        info.size = len(raw)
        target.addfile(info, io.BytesIO(raw))
    with pytest.raises(archive.ArchiveError, match="不是本系统的备份文件"):
        archive.read_manifest(path)
