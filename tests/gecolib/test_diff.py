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


# -- rendered Markdown: what a reader sees, not the raw marks ------------------------


def test_lines_are_rendered_without_markdown_marks():
    old = "## Priorités\n\n- **Prévention** des chutes\n1. Premier *point*\n| Col | **B** |"
    lines, _, _ = diff_text("", old + "\n> Citation")
    rendered = {line.text: line for line in lines}
    heading = rendered["## Priorités"]
    assert heading.html == "Priorités" and "diff-heading-2" in heading.block_class
    assert (
        rendered["- **Prévention** des chutes"].html == "• <strong>Prévention</strong> des chutes"
    )
    assert rendered["1. Premier *point*"].html == "1. Premier <em>point</em>"
    assert rendered["| Col | **B** |"].html == "Col │ <strong>B</strong>"
    quote = rendered["> Citation"]
    assert quote.html == "Citation" and quote.block_class == "diff-quote"
    assert not any("**" in line.html for line in lines)


def test_a_word_put_in_bold_shows_as_removed_plain_and_added_bold():
    lines, added, removed = diff_text("La prévention des chutes.", "La **prévention** des chutes.")
    (line,) = lines
    assert line.kind == "changed" and (added, removed) == (1, 1)
    assert ("removed", "prévention") in line.html_segments
    assert ("added", "<strong>prévention</strong>") in line.html_segments
    assert all("**" not in html for _, html in line.html_segments)


def test_an_edited_bullet_keeps_its_bullet_once():
    lines, _, _ = diff_text("- Douze communes", "- Treize communes")
    (line,) = lines
    assert line.html_segments[0] == ("equal", "• ")
    assert ("removed", "Douze") in line.html_segments and ("added", "Treize") in line.html_segments


def test_rendered_text_is_escaped_and_plain_text_keeps_its_marks():
    lines, _, _ = diff_text("", "<script>alert(1)</script> **gras**")
    assert lines[0].html == "&lt;script&gt;alert(1)&lt;/script&gt; <strong>gras</strong>"
    lines, _, _ = diff_text("", "**titre**", markdown=False)
    assert lines[0].html == "**titre**"
