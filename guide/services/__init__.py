"""State changes of the guide, one module per concept. Views, commands and
tasks call these, never the fields:

- `pages`: drafts, publication, scheduling, archiving, restoring;
- `moves`: a page's address and parent (through review for rédacteurs);
- `review`: sending a draft for review, asking for changes;
- `attachments`: a page's files;
- `suggestions`: suggestions from the network and their answers;
- `checks`: the identity rule on the guide's text, shared with the forms;
- `autosaves`: an editor's unsaved text, kept while they write.
"""

from .attachments import attach, check_upload, remove_attachment
from .autosaves import (
    AUTOSAVE_SECONDS,
    autosave,
    discard_autosave,
    purge_stale_autosaves,
    unsaved_text,
)
from .moves import change_slug, move_page, moves_at_once, propose_move, withdraw_move
from .pages import (
    RESERVED_SLUGS,
    ConcurrentEditError,
    archive,
    create_page,
    normalise_content,
    page_revision,
    publish,
    publish_scheduled,
    restore,
    save_revision,
    schedule,
    slug_taken,
    unarchive,
    unique_slug,
    unpublish,
    version_to_publish,
)
from .review import request_changes, review_note_errors, submit_for_review
from .suggestions import (
    answer_suggestion,
    create_suggestion,
    proposed_body_errors,
    proposed_diff,
    take_into_draft,
)

__all__ = [
    "AUTOSAVE_SECONDS",
    "RESERVED_SLUGS",
    "ConcurrentEditError",
    "answer_suggestion",
    "archive",
    "attach",
    "autosave",
    "change_slug",
    "check_upload",
    "create_page",
    "create_suggestion",
    "discard_autosave",
    "move_page",
    "moves_at_once",
    "normalise_content",
    "page_revision",
    "propose_move",
    "proposed_body_errors",
    "proposed_diff",
    "publish",
    "publish_scheduled",
    "purge_stale_autosaves",
    "remove_attachment",
    "request_changes",
    "restore",
    "review_note_errors",
    "save_revision",
    "schedule",
    "slug_taken",
    "submit_for_review",
    "take_into_draft",
    "unarchive",
    "unique_slug",
    "unpublish",
    "unsaved_text",
    "version_to_publish",
    "withdraw_move",
]
