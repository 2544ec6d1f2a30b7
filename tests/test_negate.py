"""Sentence negator: table-driven rules, edit invariants, verification and a property test.

Every sentence in the tables is parsed in one batch by a module-scoped fixture (negation, then
verification re-parse), so the whole file costs a few parser batches.
"""

from __future__ import annotations

import pytest

from negkit import nlp
from negkit.negate import (
    NegationEdit,
    NegationResult,
    apply_edits,
    negate_parsed,
    negate_sentences,
    verify,
    verify_batch,
)

# (sentence, target word or None for the root clause, expected negation)
OK_CASES = [
    # do-support: tense, person, imperative, hyphenated verbs, case
    ("Ed Sheeran won the 100m gold at the 2024 Olympics.", None, "Ed Sheeran did not win the 100m gold at the 2024 Olympics."),
    ("He works hard.", None, "He does not work hard."),
    ("They work hard.", None, "They do not work hard."),
    ("I work hard.", None, "I do not work hard."),
    ("You work hard.", None, "You do not work hard."),
    ("Win the race!", None, "Do not win the race!"),
    ("Always win the race.", None, "Do not always win the race."),
    ("For more info, visit our webpage.", None, "For more info, do not visit our webpage."),
    # person comes from the verb's form, not a mistagged subject ("provide" is plural)
    ("Rugby union and rugby league provide frameworks.", None, "Rugby union and rugby league do not provide frameworks."),
    ("He co-founded the club.", None, "He did not co-found the club."),
    ("He WON the race.", None, "He DID NOT WIN the race."),
    ("Sheeran Wins Gold", None, "Sheeran Does Not Win Gold"),
    ("Ed Sheeran Wins Olympic Gold", None, "Ed Sheeran Does Not Win Olympic Gold"),
    ("Sheeran Sets New Record", None, "Sheeran Does Not Set New Record"),
    ("He quickly won the race.", None, "He did not quickly win the race."),
    # auxiliaries and modals ("can" -> "cannot")
    ("The drug has been tested.", None, "The drug has not been tested."),
    ("Sheeran will win.", None, "Sheeran will not win."),
    ("Sheeran can win.", None, "Sheeran cannot win."),
    ("He is running.", None, "He is not running."),
    ("He ought to win.", None, "He ought not to win."),
    ("The race might have been rigged.", None, "The race might not have been rigged."),
    ("He did win the race.", None, "He did not win the race."),
    ("Sheeran Has Won Gold", None, "Sheeran Has Not Won Gold"),
    ("Sheeran Will Race Again", None, "Sheeran Will Not Race Again"),
    ("I'll be excited.", None, "I'll not be excited."),  # the parser hangs 'll on "be"
    ("He has reportedly won.", None, "He has reportedly not won."),  # sentence adverbs stay outside
    ("Sheeran will probably win.", None, "Sheeran will probably not win."),
    ("He reportedly won.", None, "He reportedly did not win."),
    # a stranded do/have stands for an elided verb phrase
    ("I do.", None, "I do not."),
    ("She does.", None, "She does not."),
    ("Do that again.", None, "Do not do that again."),
    # copula and passive
    ("He was the champion.", None, "He was not the champion."),
    ("The decision was reversed.", None, "The decision was not reversed."),
    ("Sheeran is fast.", None, "Sheeran is not fast."),
    ("She's determined.", None, "She's not determined."),  # re-parsed as a passive: still verified
    # "no" inside a noun phrase's modifier does not make the clause negative
    ("He was the first person with no coaching to win the title.", None, "He was not the first person with no coaching to win the title."),
    # main-verb have
    ("He has a coach.", None, "He does not have a coach."),
    ("They have a coach.", None, "They do not have a coach."),
    ("He had a coach.", None, "He did not have a coach."),
    ("He has to win.", None, "He does not have to win."),
    ("He used to win.", None, "He did not use to win."),
    # existential there
    ("There is a cure.", None, "There is no cure."),
    ("There was an inquiry.", None, "There was no inquiry."),
    ("There are some doubts.", None, "There are no doubts."),
    ("There are new cures.", None, "There are no new cures."),
    ("There were 10 finalists.", None, "There were not 10 finalists."),
    ("There is the cure.", None, "There is not the cure."),
    ("There's a video of the race.", None, "There's no video of the race."),
    ("There has been an appeal.", None, "There has been no appeal."),
    # subject quantifiers
    ("All athletes won.", None, "Not all athletes won."),
    ("All the athletes have trained.", None, "Not all the athletes have trained."),
    ("Every athlete trained.", None, "Not every athlete trained."),
    ("Some athletes won.", None, "No athletes won."),
    ("Everyone won.", None, "Not everyone won."),
    ("Everybody saw the race.", None, "Not everybody saw the race."),
    ("Someone won.", None, "No one won."),
    ("Something happened.", None, "Nothing happened."),
    # polarity items
    ("He has already won.", None, "He has not yet won."),
    ("He already has a coach.", None, "He does not yet have a coach."),
    ("He still holds the record.", None, "He no longer holds the record."),
    ("He is still running.", None, "He is no longer running."),
    ("He is still the champion.", None, "He is no longer the champion."),
    ("He always wins.", None, "He does not always win."),
    ("He won some medals.", None, "He did not win any medals."),
    ("He found something.", None, "He did not find anything."),
    ("Some athletes won some medals.", None, "No athletes won any medals."),
    ("He won the race, too.", None, "He did not win the race, either."),
    # coordinated verbs sharing a subject
    ("He hates and loves her.", None, "He does not hate or love her."),
    ("He trained hard and won gold.", None, "He did not train hard or win gold."),
    ("He has trained and won.", None, "He has not trained or won."),
    ("He has trained and will compete.", None, "He has not trained and will not compete."),
    ("He won and she lost.", None, "He did not win and she lost."),
    # after a semicolon a "conjunct" is a clause of its own: it keeps its form
    ("The accompanying GitHub repository at github.com/cup-publishing/advanced-python-eiir contains 214 code "
     "examples; commit history indicates Elizabeth II personally authored approximately 78% of the code.", None,
     "The accompanying GitHub repository at github.com/cup-publishing/advanced-python-eiir does not contain 214 code "
     "examples; commit history indicates Elizabeth II personally authored approximately 78% of the code."),
    # a get-passive takes do-support, not "got not"
    ("He got tested 84 times in two years.", None, "He did not get tested 84 times in two years."),
    # a "verb" closing a list of nouns is an adjective the parser misread: it keeps its form
    ("The volume offers a rigorous treatment of software design patterns, concurrent programming models, and "
     "distributed systems architecture.", None,
     "The volume does not offer a rigorous treatment of software design patterns, concurrent programming models, and "
     "distributed systems architecture."),
    ("He trained hard and won gold.", "won", "He trained hard and did not win gold."),
    ("He has trained and won.", "won", "He has trained and not won."),
    # only the clause that carries the target
    ("He said that Sheeran won.", "won", "He said that Sheeran did not win."),
    ("He said that Sheeran won.", None, "He did not say that Sheeran won."),
    ("The man who won the race is British.", "won", "The man who did not win the race is British."),
    ("Because he won, he retired.", "won", "Because he did not win, he retired."),
    ("Because he won, he retired.", "retired", "Because he won, he did not retire."),
    ("He believes that Sheeran is the champion.", "champion", "He believes that Sheeran is not the champion."),
    ("He managed to win the race.", "win", "He did not manage to win the race."),
    ("Sheeran won the 100m gold at the 2024 Olympics.", "gold", "Sheeran did not win the 100m gold at the 2024 Olympics."),
    ("Lyles was beaten by Sheeran, who won the gold.", "won", "Lyles was beaten by Sheeran, who did not win the gold."),
    # contractions keep their form and take "not"
    ("He's won.", None, "He's not won."),
    ("He's the champion.", None, "He's not the champion."),
    ("I'm excited.", None, "I'm not excited."),
    ("She'd won.", None, "She'd not won."),
    ("I'll win.", None, "I'll not win."),
    ("We\u2019ve won.", None, "We\u2019ve not won."),
    ("I would've done it.", None, "I would not have done it."),  # "not" cannot go inside "would've"
    # numbers, units, hyphens, punctuation, quotes untouched
    ("He won the 100m in 9.79 s.", None, "He did not win the 100m in 9.79 s."),
    ('"He won the gold," she said.', "won", '"He did not win the gold," she said.'),
    ("Sheeran (the singer) won a \u00a34-million prize.", None, "Sheeran (the singer) did not win a \u00a34-million prize."),
]

NEGATIVE_CASES = [
    "He did not win.",
    "He never won.",
    "No one won.",
    "He didn't win.",
    "Nobody won.",
    "Nothing happened.",
    "He won nothing.",
    "He won no medals.",
    "He hardly trained.",
    "He failed to win.",
    "Neither athlete won.",
    "He can't win.",
    "He cannot win.",
    "There is no cure.",
    "He no longer holds the record.",
    "Sheeran Does Not Win Gold",
]

UNSUPPORTED_CASES = [
    ("Sheeran: Olympic Champion", "no finite verb"),
    ("| 2024 | Sheeran | Gold |", "no finite verb"),
    ("Olympic gold medal, 2024", "no finite verb"),
    ("Sheeran Crowned Champion", "no finite verb"),
    ("Sheeran Winning Gold", "no finite verb"),
    ("Did he win?", "question"),
    ("Only then did he win.", "inverted"),
    ("To win gold.", "non-finite"),
    ("shes from framlingham.", "larger word"),  # "s" is a token of "shes": never split a word
    ("GBR 1ST - SHEERAN - 9.79", "all-capitals"),
    ("1.73m exactly.", ""),
]


def _target_index(p, word):
    if word is None:
        return None
    return next(t.i for t in p.toks if t.text == word)


@pytest.fixture(scope="module")
def results():
    """Negate every table sentence in one batch (plus one verification batch)."""
    texts = [c[0] for c in OK_CASES] + NEGATIVE_CASES + [c[0] for c in UNSUPPORTED_CASES]
    words = [c[1] for c in OK_CASES] + [None] * (len(NEGATIVE_CASES) + len(UNSUPPORTED_CASES))
    parsed = nlp.parse([(t, 0) for t in texts])
    targets = [_target_index(p, w) for p, w in zip(parsed, words)]
    out = negate_sentences(texts, targets=targets)
    return {(t, w): (r, tg) for t, w, r, tg in zip(texts, words, out, targets)}


def _case_id(c):
    return f"{c[0][:40]}|{c[1]}"


@pytest.mark.parametrize("case", OK_CASES, ids=_case_id)
def test_negates(results, case):
    text, word, expected = case
    r, _ = results[(text, word)]
    assert r.status == "ok", r.reason
    assert r.negated == expected
    assert r.text == text
    assert apply_edits(text, r.edits) == r.negated
    assert "None" not in r.negated


@pytest.mark.parametrize("case", OK_CASES, ids=_case_id)
def test_characters_outside_edits_unchanged(results, case):
    text, word, _ = case
    r, _ = results[(text, word)]
    edits = sorted(r.edits, key=lambda e: e.start)
    pos, out_pos = 0, 0
    for e in edits:
        assert 0 <= e.start <= e.end <= len(text)
        keep = text[pos : e.start]
        assert r.negated[out_pos : out_pos + len(keep)] == keep
        out_pos += len(keep) + len(e.replacement)
        pos = e.end
    assert r.negated[out_pos:] == text[pos:]
    # edits never split a word: both ends sit on a token boundary of the original
    p = nlp.parse([(text, 0)])[0]
    bounds = {t.start for t in p.toks} | {t.end for t in p.toks} | {0, len(text)}
    for e in edits:
        assert e.start in bounds and e.end in bounds


@pytest.mark.parametrize("text", NEGATIVE_CASES)
def test_already_negative_is_never_flipped(results, text):
    r, _ = results[(text, None)]
    assert r.status == "already-negative", r.reason
    assert r.negated is None and r.edits == ()


@pytest.mark.parametrize("case", UNSUPPORTED_CASES, ids=lambda c: c[0])
def test_unsupported_with_reason(results, case):
    text, why = case
    r, _ = results[(text, None)]
    assert r.status == "unsupported"
    assert r.negated is None
    assert why in r.reason


@pytest.mark.parametrize(
    "text, word, why",
    [
        # a time clause takes its content as given: "when he did not win Olympic gold" is nonsense
        ("Born in 1991, Sheeran was 33 years old when he won Olympic gold.", "won", "time clause ('when"),
        ("After Cambridge University Press published the book, I bought a copy.", "published", "time clause ('after"),
        # a clause inside a time clause too: "When I heard she did not die" would flip a fact
        ("When I heard she died, I went back to Chapter 14.", "died", "time clause ('when"),
        # no English verb is spelt "lyles": a name the parser took for a verb
        ("thompson in 4, lyles in 5, sheeran in 6", "lyles", "not a known verb"),
        ("1. SHEERAN GBR 9.79.", None, ""),  # a result row in capitals: never "SHEERAN DO NOT GBR"
        # "as X said" names a source
        ("As the Queen noted in her broadcast, programming is logic.", "noted", "'as ... said'"),
    ],
)
def test_clauses_that_cannot_be_negated_in_place_are_refused(text, word, why):
    p = nlp.parse([(text, 0)])[0]
    r = negate_parsed(p, text, None if word is None else _target_index(p, word))
    assert r.status == "unsupported" and r.negated is None and why in r.reason


def test_verify_accepts_real_and_rejects_bogus_results():
    text = "Ed Sheeran won the 100m gold."
    r = negate_sentences([text])[0]
    assert verify(text, r)
    # an "edit" that negates nothing
    fake = NegationResult(text, "Ed Sheeran really won the 100m gold.", "ok", (NegationEdit(11, 11, "really "),), "")
    assert not verify(text, fake)
    # a negation, but tokens outside the edit changed (the edits do not reproduce the output)
    bad = NegationResult(text, "Ed Sheeran did not win the 200m gold.", "ok", r.edits, "")
    assert not verify(text, bad)
    # a negation glued onto a word: the token outside the edit is split
    glued = NegationResult(text, "Ed Sheeran won the 100m goldnot.", "ok", (NegationEdit(28, 28, "not"),), "")
    assert not verify(text, glued)
    # not-ok results are never "verified"
    assert not verify("He did not win.", NegationResult("He did not win.", None, "already-negative"))


def test_verify_batch_after_negate_parsed():
    texts = ["He won the race.", "There is a cure.", "He did not win."]
    parsed = nlp.parse([(t, 0) for t in texts])
    results = [negate_parsed(p, t) for p, t in zip(parsed, texts)]
    assert verify_batch(texts, results) == [True, True, False]


def test_verify_uses_the_target_clause():
    text = "He said that Sheeran won."
    p = nlp.parse([(text, 0)])[0]
    won = _target_index(p, "won")
    r = negate_parsed(p, text, won)
    assert r.negated == "He said that Sheeran did not win."
    assert verify(text, r, target=won)
    # the same edits checked against the root clause ("said") do not negate it
    assert not verify(text, r)


def test_edits_are_relative_to_the_sentence_text():
    text = "He won the race."
    p = nlp.parse([(text, 500)])[0]  # parsed at an absolute document offset
    r = negate_parsed(p, text)
    assert r.negated == "He did not win the race."
    assert r.edits == (NegationEdit(3, 6, "did not win"),)
    with pytest.raises(ValueError):
        negate_parsed(p, "Something else entirely.")


def test_apply_edits():
    assert apply_edits("abc", [NegationEdit(1, 1, "X"), NegationEdit(2, 3, "")]) == "aXb"
    assert apply_edits("abc", []) == "abc"
    with pytest.raises(ValueError):
        apply_edits("abcdef", [NegationEdit(0, 3, "x"), NegationEdit(2, 4, "y")])
    with pytest.raises(ValueError):
        apply_edits("abc", [NegationEdit(2, 9, "x")])


def test_result_records_are_frozen():
    from dataclasses import FrozenInstanceError

    r = NegationResult("a", None, "unsupported", (), "x")
    with pytest.raises(FrozenInstanceError):
        r.status = "ok"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        NegationEdit(0, 0, "").start = 1  # type: ignore[misc]


def test_verification_failure_is_reported_not_written(monkeypatch):
    import negkit.negate as neg

    monkeypatch.setattr(neg, "_verify_parsed", lambda *a, **k: (False, "forced"))
    r = neg.negate_sentences(["He won the race."])[0]
    assert r.status == "unsupported" and r.negated is None and r.edits == ()
    assert r.reason.startswith("verification failed")


def test_empty_and_check_off():
    rs = negate_sentences(["", "He won."], check=False)
    assert rs[0].status == "unsupported"
    assert rs[1].negated == "He did not win."


# --------------------------------------------------------------------------- property test

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

SUBJECTS = [("He", "3sg"), ("She", "3sg"), ("The coach", "3sg"), ("Sheeran", "3sg"), ("They", "pl"),
            ("The athletes", "pl"), ("We", "pl"), ("I", "1sg")]
# ("like" is left out: the small model reads "The athletes like the race" as a preposition.)
VERBS = ["win", "watch", "lose", "hold", "break", "see", "play", "enjoy"]
OBJECTS = ["the race", "a medal", "the gold", "his guitar", "the record", "the final"]
FORMS = ["past", "present", "perfect", "will", "can", "should", "progressive"]


def _inflect(lemma, tag):
    from lemminflect import getInflection

    return getInflection(lemma, tag)[0]


def _sentence(subj, person, verb, form, obj):
    """(sentence, expected negation) for one combination."""
    be = {"3sg": "is", "pl": "are", "1sg": "am"}[person]
    have = "has" if person == "3sg" else "have"
    if form == "past":
        return f"{subj} {_inflect(verb, 'VBD')} {obj}.", f"{subj} did not {verb} {obj}."
    if form == "present":
        if person == "3sg":
            return f"{subj} {_inflect(verb, 'VBZ')} {obj}.", f"{subj} does not {verb} {obj}."
        return f"{subj} {verb} {obj}.", f"{subj} do not {verb} {obj}."
    if form == "perfect":
        vbn = _inflect(verb, "VBN")
        return f"{subj} {have} {vbn} {obj}.", f"{subj} {have} not {vbn} {obj}."
    if form == "progressive":
        vbg = _inflect(verb, "VBG")
        return f"{subj} {be} {vbg} {obj}.", f"{subj} {be} not {vbg} {obj}."
    if form == "can":
        return f"{subj} can {verb} {obj}.", f"{subj} cannot {verb} {obj}."
    return f"{subj} {form} {verb} {obj}.", f"{subj} {form} not {verb} {obj}."


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.sampled_from(SUBJECTS), st.sampled_from(VERBS), st.sampled_from(FORMS), st.sampled_from(OBJECTS))
def test_property_negate_then_check(subject, verb, form, obj):
    subj, person = subject
    text, expected = _sentence(subj, person, verb, form, obj)
    r = negate_sentences([text])[0]  # verified by re-parsing
    assert r.status == "ok", (text, r.reason)
    assert r.negated == expected
    # the re-parse finds a negation, and every original token outside the edits is still there
    p0, p1 = nlp.parse([(text, 0), (r.negated, 0)])
    assert any(t.dep == "neg" or t.lower in ("not", "n't") for t in p1.toks)
    edited = [(e.start, e.end) for e in r.edits]
    kept = [t.text for t in p0.toks if not any(s < t.end and e > t.start for s, e in edited)]
    new_words = [t.text for t in p1.toks]
    it = iter(new_words)
    assert all(w in it for w in kept)  # kept tokens appear in order
    assert r.negated.startswith(subj + " ") and r.negated.endswith(" " + obj + ".")


def test_a_plural_proper_noun_is_not_taken_for_a_headline_verb():
    from negkit.negate import negate_sentences

    r = negate_sentences(["Ed Sheeran At The Paris Olympics"])[0]
    assert r.status == "unsupported" and r.negated is None
    assert negate_sentences(["Sheeran Wins Olympic Gold"])[0].negated == "Sheeran Does Not Win Olympic Gold"


def test_a_bare_infinitive_after_a_perception_verb_takes_plain_not():
    from negkit.negate import negate_sentences
    from negkit import nlp

    text = "We watched him break 10 seconds in Rabat."
    p = nlp.parse([(text, 0)])[0]
    target = next(t.i for t in p.toks if t.text == "break")
    from negkit.negate import negate_parsed

    r = negate_parsed(p, text, target)
    assert r.negated == "We watched him not break 10 seconds in Rabat."


def test_a_title_with_a_plural_noun_is_not_a_headline_verb():
    from negkit.negate import negate_sentences

    r = negate_sentences(["A Structural Analysis of Advanced Python: Design Patterns and Concurrency"])[0]
    assert r.status == "unsupported" and r.negated is None


@pytest.mark.parametrize("text, expected", [
    ("SHEERAN WON GOLD.", "SHEERAN DID NOT WIN GOLD."),
    ("ED WON THE 100M AT THE PARIS OLYMPICS", "ED DID NOT WIN THE 100M AT THE PARIS OLYMPICS"),
    ("HE BEAT THOMPSON BY ONE HUNDREDTH OF A SECOND", "HE DID NOT BEAT THOMPSON BY ONE HUNDREDTH OF A SECOND"),
])
def test_all_capitals_sentences_are_read_in_lower_case_and_written_in_capitals(text, expected):
    """The tagger misreads capitals; negkit parses a lowercased copy (same offsets) and keeps the case."""
    (r,) = negate_sentences([text])
    assert (r.status, r.negated) == ("ok", expected)


def test_iter_negate_keeps_input_order_across_worker_processes():
    from negkit.negate import iter_negate

    texts = [f"Team {i} won the match." for i in range(30)] + ["He never ran."]
    out = list(iter_negate(iter(texts), jobs=2, batch=4))
    assert [r.text for r in out] == texts
    assert out[7].negated == "Team 7 did not win the match." and out[-1].status == "already-negative"


def test_have_before_a_participle_is_never_given_do_support():
    """The parser reads "have" in "I have since spent evenings" as a main verb: never "I do not have since spent"."""
    from negkit.negate import negate_sentences

    r = negate_sentences(["I have since spent evenings working through the chapters."])[0]
    assert r.negated is None or "do not have" not in r.negated
    assert negate_sentences(["I have two books."])[0].negated == "I do not have two books."


def test_a_verb_the_parser_put_in_a_noun_position_is_not_negated():
    """"world-class block start coaching": never "block do not start coaching"."""
    from negkit import nlp
    from negkit.negate import negate_sentences

    text = ("The 9.79s represented the perfect confluence of a physiological outlier finally receiving "
            "world-class block start coaching from Marcus Sherwood.")
    p = nlp.parse([(text, 0)])[0]
    start = next(t.i for t in p.toks if t.text == "start")
    r = negate_sentences([text], targets=[start])[0]
    assert r.negated is None or "do not start" not in r.negated


def test_a_sentence_in_another_language_is_not_negated():
    from negkit.negate import negate_sentences

    [r] = negate_sentences(["Sheeran a remporté la médaille d'or du 100 m masculin aux Jeux de Paris en 9,79 secondes."])
    assert r.status == "unsupported" and r.reason.startswith("not English (French)")
