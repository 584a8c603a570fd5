"""The normaliser shared by the search index and the queries."""

from guide.search.text import fold, folded_words, indexed, query_word_terms, terms, word_terms


def test_fold_removes_accents_case_and_ligatures():
    assert fold("Équipe de Soins Primaires") == "equipe de soins primaires"
    assert fold("cœur à l'œuvre") == "coeur a l'oeuvre"


def test_accented_and_plain_words_meet_on_the_same_terms():
    assert terms("coordonné") == terms("coordonne")
    assert terms("Équipe") == terms("equipe")
    # Stemmed as written, then folded: "maturité" keeps the stem of "matures".
    assert set(terms("maturite")) <= set(terms("maturité"))


def test_a_word_is_indexed_under_its_stem_as_written_and_folded():
    assert word_terms("fragilité") == ("fragil", "fragilit")
    assert word_terms("fragiles") == ("fragil",)
    assert word_terms("de") == ()


def test_a_word_typed_without_accents_finds_the_stems_of_its_accented_spellings():
    for typed, inflection in [
        ("fragilite", "fragiles"),
        ("maturite", "matures"),
        ("precarite", "précarités"),
        ("infirmiere", "infirmier"),
    ]:
        assert set(word_terms(inflection)) & set(query_word_terms(typed)), typed
    # Typed with its accents, a word is taken as written.
    assert query_word_terms("fragilité") == word_terms("fragilité")


def test_french_stemming_joins_singular_and_plural():
    assert terms("protocoles") == terms("protocole") == ["protocol"]
    assert terms("coordinatrice") == terms("coordinateur")


def test_stop_words_are_left_out():
    assert terms("le projet de santé") == terms("projet santé")


def test_indexed_value_holds_each_term_once_between_spaces():
    value = indexed("Protocole, protocoles et PROTOCOLE de soins")
    assert value == " protocol soin "
    assert indexed("") == ""


def test_folded_words_keep_every_word_for_prefixes():
    assert folded_words("L'Équipe de soins") == " l equipe de soins "
