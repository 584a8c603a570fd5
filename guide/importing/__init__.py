"""Bringing existing documents into the guide.

`converters` turns one file's bytes (Markdown, HTML, DOCX) into Markdown, the
files it refers to (images, linked documents) and warnings — pure functions,
no database. `archives` reads the uploaded files and ZIP archives entry by
entry, with size caps; `importer` makes draft pages and attachments from them.
"""

from guide.importing.converters import (
    SUPPORTED_EXTENSIONS,
    Asset,
    Converted,
    UnsupportedDocument,
    convert,
)

__all__ = ["SUPPORTED_EXTENSIONS", "Asset", "Converted", "UnsupportedDocument", "convert"]
