"""State changes of the guide, one module per concept. Views, commands and
tasks call these, never the fields:

- `pages`: drafts, publication, scheduling, archiving, restoring;
- `moves`: a page's address and parent (through review for rédacteurs);
- `review`: sending a draft for review, asking for changes;
- `attachments`: a page's files;
- `suggestions`: suggestions from the network and their answers;
- `checks`: the identity rule on the guide's text, shared with the forms.
"""

from .attachments import attach, check_upload, remove_attachment
from .moves import change_slug, move_page, moves_at_once, propose_move, withdraw_move
from .pages import (
    RESERVED_SLUGS,
    ConcurrentEditError,
    archive,
    create_page,
    normalise_content,
    publish,
    publish_scheduled,
    restore,
    save_revision,
    schedule,
    slug_taken,
    unarchive,
    unique_slug,
    unpublish,
)
from .review import request_changes, review_note_errors, submit_for_review
from .suggestions import answer_suggestion, create_suggestion

__all__ = [
    "RESERVED_SLUGS",
    "ConcurrentEditError",
    "answer_suggestion",
    "archive",
    "attach",
    "change_slug",
    "check_upload",
    "create_page",
    "create_suggestion",
    "move_page",
    "moves_at_once",
    "normalise_content",
    "propose_move",
    "publish",
    "publish_scheduled",
    "remove_attachment",
    "request_changes",
    "restore",
    "review_note_errors",
    "save_revision",
    "schedule",
    "slug_taken",
    "submit_for_review",
    "unarchive",
    "unique_slug",
    "unpublish",
    "withdraw_move",
]
