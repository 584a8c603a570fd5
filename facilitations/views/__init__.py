"""Views of the facilitation workflow, by concept: requests, triage, the
facilitation log and sessions, the facilitator workspace, activity statistics."""
