"""Reading the files of an import — ZIP archives and single uploads — with
size caps, without holding an archive in memory.

`ArchiveFiles` is a mapping of an archive's paths to their bytes that reads an
entry only when the importer asks for it, streamed in chunks and stopped at
`MAX_ENTRY_SIZE` (whatever the archive's directory claims), with
`MAX_ARCHIVE_TOTAL` for the whole archive. An entry that cannot be read —
encrypted, compressed by an unknown method, corrupted, over a cap — raises
`UnreadableEntry` with a French reason, which the import report lists; the
other entries are still imported.
"""

from __future__ import annotations

import lzma
import posixpath
import zipfile
import zlib
from collections import ChainMap
from collections.abc import Iterable, Iterator, Mapping
from typing import IO

from django.utils.translation import gettext as _

from ..models.attachments import MAX_SIZE

MAX_ENTRY_SIZE = MAX_SIZE
MAX_ARCHIVE_TOTAL = 200 * 1024 * 1024
MAX_ARCHIVE_FILES = 2000
CHUNK_SIZE = 64 * 1024
READABLE_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
# What a damaged entry raises while it is decompressed.
DAMAGED = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError)


class UnreadableEntry(Exception):
    """An entry the import cannot use; the message is the French reason."""


def too_big_reason() -> str:
    return _("plus de %(size)s Mo une fois décompressé : non importé") % {
        "size": MAX_ENTRY_SIZE // (1024 * 1024)
    }


def read_capped(stream: IO[bytes], limit: int = MAX_ENTRY_SIZE) -> bytes:
    """The bytes of `stream`, read in chunks; UnreadableEntry past `limit`."""
    chunks, size = [], 0
    while chunk := stream.read(CHUNK_SIZE):
        size += len(chunk)
        if size > limit:
            raise UnreadableEntry(too_big_reason())
        chunks.append(chunk)
    return b"".join(chunks)


def _clean_path(name: str) -> str | None:
    """The entry's path inside the archive, or None for what is left out
    (paths leaving the archive, hidden files and folders)."""
    path = posixpath.normpath(name.replace("\\", "/")).lstrip("/")
    if path.startswith("..") or any(part.startswith(".") for part in path.split("/")):
        return None
    return path


class ArchiveFiles(Mapping[str, bytes]):
    """The files of one ZIP archive (an open, seekable file), read on demand.

    `refused` lists, as (path, reason), the entries known unusable from the
    archive's directory (encrypted, unknown compression, declared too big)."""

    def __init__(self, name: str, fileobj: IO[bytes]):
        self.name = name
        try:
            self.archive = zipfile.ZipFile(fileobj)
            infos = [info for info in self.archive.infolist() if not info.is_dir()]
        except DAMAGED as error:
            message = _("« %(name)s » n'est pas une archive ZIP lisible.") % {"name": name}
            raise ValueError(message) from error
        if len(infos) > MAX_ARCHIVE_FILES:
            raise ValueError(
                _("« %(name)s » contient plus de %(count)s fichiers : découpez-la.")
                % {"name": name, "count": MAX_ARCHIVE_FILES}
            )
        self.entries: dict[str, zipfile.ZipInfo] = {}
        self.refused: list[tuple[str, str]] = []
        for info in infos:
            path = _clean_path(info.filename)
            if path is None:
                continue
            reason = self._refusal(info)
            if reason:
                self.refused.append((path, reason))
            else:
                self.entries[path] = info
        self.total = 0
        self._counted: set[str] = set()

    @staticmethod
    def _refusal(info: zipfile.ZipInfo) -> str:
        if info.flag_bits & 0x1:
            return _("fichier chiffré (protégé par un mot de passe) : non importé")
        if info.compress_type not in READABLE_METHODS:
            return _("méthode de compression non prise en charge : non importé")
        if info.file_size > MAX_ENTRY_SIZE:
            return too_big_reason()
        return ""

    def __getitem__(self, path: str) -> bytes:
        info = self.entries[path]
        try:
            with self.archive.open(info) as stream:
                data = read_capped(stream)
        except UnreadableEntry:
            raise
        except (RuntimeError, NotImplementedError) as error:  # encrypted, unknown method
            raise UnreadableEntry(_("fichier chiffré ou compressé d'une façon inconnue")) from error
        except DAMAGED as error:
            raise UnreadableEntry(_("fichier endommagé dans l'archive : illisible")) from error
        if path not in self._counted:
            self._counted.add(path)
            self.total += len(data)
            if self.total > MAX_ARCHIVE_TOTAL:
                raise UnreadableEntry(
                    _("l'archive dépasse %(size)s Mo une fois décompressée : non importé")
                    % {"size": MAX_ARCHIVE_TOTAL // (1024 * 1024)}
                )
        return data

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, path: object) -> bool:
        return path in self.entries

    def close(self) -> None:
        self.archive.close()


class ImportSources:
    """The files sent to one import — documents, images, ZIP archives — as one
    mapping of paths to bytes (`files`), and what could not be read
    (`refused`: (name, reason)). Archives stay open until `close`."""

    def __init__(self, uploads: Iterable = ()):
        self.plain: dict[str, bytes] = {}
        self.archives: list[ArchiveFiles] = []
        self.refused: list[tuple[str, str]] = []
        for upload in uploads:
            self.add(upload.name, upload)

    def add(self, name: str, stream: IO[bytes]) -> None:
        if name.lower().endswith(".zip"):
            try:
                archive = ArchiveFiles(name, stream)
            except ValueError as error:
                self.refused.append((name, str(error)))
                return
            self.archives.append(archive)
            self.refused.extend(archive.refused)
            return
        try:
            self.plain[name] = read_capped(stream)
        except UnreadableEntry as error:
            self.refused.append((name, str(error)))

    @property
    def files(self) -> Mapping[str, bytes]:
        return ChainMap(self.plain, *self.archives)

    def close(self) -> None:
        for archive in self.archives:
            archive.close()

    def __enter__(self) -> ImportSources:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()
