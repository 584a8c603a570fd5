"""The diff engine shared by every versioned document."""

from gecolib.diff import diff_contents, diff_fields, diff_text


def test_diff_marks_words_and_lines():
    old = "Titre\nLigne une\nLigne deux\nA\nB\nC\nD\nE\nF\nFin"
    new = "Titre\nLigne 1\nLigne deux\nA\nB\nC\nD\nE\nF\nFin\nAjout"
    lines, added, removed = diff_text(old, new)
    kinds = [line.kind for line in lines]
    assert "changed" in kinds and "added" in kinds and "skipped" in kinds
    changed = next(line for line in lines if line.kind == "changed")
    assert ("removed", "une") in changed.segments and ("added", "1") in changed.segments
    assert next(line for line in lines if line.kind == "added").text == "Ajout"
    skipped = next(line for line in lines if line.kind == "skipped")
    # "Ligne deux" and "A" before, "F" and "Fin" after: B, C, D, E are skipped.
    assert skipped.skipped == 4
    assert (added, removed) == (2, 1)


def test_diff_pairs_similar_lines_in_uneven_blocks():
    old = "Douze communes.\n\nUne population âgée : 30 % de plus de 65 ans."
    new = "Treize communes.\n\nUne population âgée : 32 % de plus de 65 ans.\n\n- item"
    lines, added, removed = diff_text(old, new)
    changed = [line for line in lines if line.kind == "changed"]
    assert len(changed) == 2
    assert ("added", "32") in changed[1].segments
    assert [line.text for line in lines if line.kind == "added"] == ["", "- item"]
    assert not [line for line in lines if line.kind == "removed"]


def test_identical_texts_have_no_change():
    lines, added, removed = diff_text("Un\nDeux", "Un\nDeux")
    assert (added, removed) == (0, 0)
    # Nothing but unchanged text: all of it is folded away.
    assert [(line.kind, line.skipped) for line in lines] == [("skipped", 2)]


def test_long_unchanged_text_is_shortened_at_both_ends():
    old = "\n".join(f"L{i}" for i in range(10)) + "\nFin"
    new = "\n".join(f"L{i}" for i in range(10)) + "\nFin modifiée"
    lines, _, _ = diff_text(old, new)
    # No context before the first change is kept beyond two lines.
    assert lines[0].kind == "skipped" and lines[0].skipped == 8
    assert [line.text for line in lines[1:3]] == ["L8", "L9"]


def test_unpaired_lines_beyond_the_pairing_budget_are_removed_then_added():
    old = "\n".join(f"ancienne ligne {i}" for i in range(60))
    new = "\n".join(f"nouvelle ligne {i}" for i in range(60))
    lines, added, removed = diff_text(old, new)
    assert (added, removed) == (60, 60)
    assert {line.kind for line in lines} == {"removed", "added"}


def test_diff_fields_keeps_the_order_and_labels_given():
    diffs = diff_fields([("text", "Texte", "Un.", "Deux."), ("title", "Titre", "Charte", "Charte")])
    assert [(d.key, d.label, d.changed) for d in diffs] == [
        ("text", "Texte", True),
        ("title", "Titre", False),
    ]


def test_diff_contents_treats_a_missing_field_as_empty():
    diffs = diff_contents(
        {"title": "Charte"}, {"text": "Nouveau"}, [("title", "Titre"), ("text", "Texte")]
    )
    title, text = diffs
    assert (title.added, title.removed) == (0, 1)
    assert (text.added, text.removed) == (1, 0)
    assert [line.text for line in text.lines] == ["Nouveau"]
