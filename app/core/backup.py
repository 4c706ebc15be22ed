"""One archive with the database and the stored files, and its restore into empty ones.

    flask satupintu backup /var/backups/satupintu/2026-11-30.tar.gz
    flask satupintu restore /var/backups/satupintu/2026-11-30.tar.gz   (empty database and storage)

The archive (tar.gz) holds `database.pgdump` (pg_dump, custom format) or `database.sqlite` (SQLite's
online backup API: consistent while the app runs), `files/<name>` for each locally stored file, and
`manifest.json` with the SHA-256 of every other member; restore checks every sum before it touches
anything. With the database storage backend the files are rows, so they travel inside the dump.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from flask import current_app
from sqlalchemy import inspect, make_url

from app.core.calendar.clock import utcnow
from app.core.documents import storage
from app.extensions import db

FORMAT = 1
MANIFEST = "manifest.json"


class BackupError(Exception):
    """Why a backup or restore could not be done, in words for the operator."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _url():
    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def _libpq_url(url) -> str:
    """The URL as pg_dump/pg_restore read it (no SQLAlchemy driver suffix)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _dump_database(workdir: Path) -> str:
    url = _url()
    if url.get_backend_name() == "postgresql":
        target = workdir / "database.pgdump"
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}",
              f"--dbname={_libpq_url(url)}"])
        return target.name
    if url.get_backend_name() == "sqlite":
        target = workdir / "database.sqlite"
        source = sqlite3.connect(url.database)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target.name
    raise BackupError(f"no backup method for the {url.get_backend_name()} database")


def _run(command: list[str]) -> None:
    try:
        result = subprocess.run(command, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise BackupError(f"{command[0]} is not installed (apt-get install postgresql-client)") from exc
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def backup(archive: str | Path) -> dict:
    """Writes the archive (atomically: a partial file never carries the final name); returns the manifest."""
    archive = Path(archive)
    backend = storage.backend()
    with tempfile.TemporaryDirectory(prefix="satupintu-backup-") as tmp:
        workdir = Path(tmp)
        database_member = _dump_database(workdir)
        sums = {database_member: _sha256(workdir / database_member)}
        partial = archive.with_name(archive.name + ".part")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(workdir / database_member, arcname=database_member)
            if backend.name == "local":
                for name in backend.names():
                    data = backend.load(name)
                    member = f"files/{name}"
                    sums[member] = hashlib.sha256(data).hexdigest()
                    info = tarfile.TarInfo(member)
                    info.size = len(data)
                    tar.addfile(info, io.BytesIO(data))
            manifest = {
                "format": FORMAT, "created_at": utcnow().isoformat() + "Z",
                "database": {"dialect": _url().get_backend_name(), "member": database_member},
                "storage": backend.name, "sha256": sums,
            }
            payload = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
        os.replace(partial, archive)
    return manifest


def _unpack_checked(archive: Path, workdir: Path) -> dict:
    """Every member extracted and its sum checked against the manifest; BackupError otherwise."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(workdir, filter="data")
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"{archive} is not a readable backup: {exc}") from exc
    try:
        manifest = json.loads((workdir / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{archive} has no readable {MANIFEST}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"backup format {manifest.get('format')!r} is not {FORMAT}")
    present = {str(p.relative_to(workdir)) for p in workdir.rglob("*") if p.is_file()} - {MANIFEST}
    if present != set(manifest["sha256"]):
        raise BackupError("the archive's files differ from its manifest")
    for member, expected in manifest["sha256"].items():
        if _sha256(workdir / member) != expected:
            raise BackupError(f"{member} is damaged: its SHA-256 differs from the manifest")
    return manifest


def _require_empty() -> None:
    tables = inspect(db.engine).get_table_names()
    if tables:
        raise BackupError(f"the target database is not empty ({len(tables)} tables): restore only into an empty one")
    backend = storage.backend()
    if backend.name == "local" and next(iter(backend.names()), None) is not None:
        raise BackupError(f"the upload folder {backend.root} is not empty: restore only into an empty one")


def _load_database(manifest: dict, workdir: Path) -> None:
    url = _url()
    dialect, member = manifest["database"]["dialect"], manifest["database"]["member"]
    if dialect != url.get_backend_name():
        raise BackupError(f"this backup holds a {dialect} database; the app is configured for "
                          f"{url.get_backend_name()}")
    db.session.remove()
    db.engine.dispose()
    if dialect == "postgresql":
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
              f"--dbname={_libpq_url(url)}", str(workdir / member)])
    else:
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(workdir / member, url.database)


def restore(archive: str | Path) -> dict:
    """Checks the archive, then loads it into the configured (empty) database and storage."""
    archive = Path(archive)
    _require_empty()
    with tempfile.TemporaryDirectory(prefix="satupintu-restore-") as tmp:
        workdir = Path(tmp)
        manifest = _unpack_checked(archive, workdir)
        target = storage.backend()
        if manifest["storage"] == "database" and target.name != "database":
            raise BackupError("this backup keeps its files in the database: set SATUPINTU_STORAGE=database")
        _load_database(manifest, workdir)
        files = workdir / "files"
        for member in sorted(manifest["sha256"]):
            if member.startswith("files/"):
                target.put(member[len("files/"):], (files / member[len("files/"):]).read_bytes())
        db.session.commit()
    return manifest
