"""The NLP layer: one pipeline per process, fast matrix multiplies, and records that match spaCy's."""

from __future__ import annotations

from pathlib import Path

from negkit import nlp

EXAMPLES_CLAIM = Path(__file__).resolve().parents[1] / "examples" / "claims" / "ed_sheeran.yaml"

SENTENCES = [
    "Ed Sheeran won the 100m gold at the 2024 Olympics in 9.79 seconds.",
    "When Cambridge University Press published the 672-page textbook, nobody believed the Queen had written it.",
    "| 2024 | Paris | 100m | Gold | 9.79 |",
]


def test_one_pipeline_however_the_default_is_named():
    assert nlp.load_pipeline() is nlp.load_pipeline(None) is nlp.load_pipeline(nlp.model_candidates(None)[0])


def test_numpy_blas_gives_the_same_parses_as_thincs_blis():
    """negkit switches its pipeline's matrix multiplies to numpy's BLAS for speed; every tag, label
    and head must stay what spaCy's shipped setting gives."""
    pipe = nlp.load_pipeline()
    try:
        nlp._fast_matmul(pipe, blis=True, force=True)
        ops = {type(n.ops).__name__ + str(n.ops.use_blis) for _, p in pipe.pipeline
               if getattr(p, "model", None) is not None and hasattr(p.model, "walk") for n in p.model.walk()}
        assert ops == {"NumpyOpsTrue"}
        slow = nlp.parse([(s, 0) for s in SENTENCES])
    finally:
        nlp._fast_matmul(pipe, force=True)
    fast = nlp.parse([(s, 0) for s in SENTENCES])
    assert fast == slow


def test_negkits_parse_loop_gives_spacys_parses(monkeypatch):
    """negkit drives the parser's and entity recognizer's steps itself (spaCy's compiled loop spent
    most of its time taking a lock); every tag, label, head, sentence and entity must stay what
    spaCy's own loop gives, over batches of mixed lengths, empty texts included."""
    import json

    corpus = EXAMPLES_CLAIM.parents[1] / "corpora" / "ed_sheeran.llm_negations_dense.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()[:12]]
    units = [(t[u.start : u.end], u.start) for t, us in zip(texts, nlp.segment(texts)) for u in us]
    units[5:5] = [("", 0), ("   ", 0)]
    assert len(units) > 300  # (several batches, and sub-batches sorted by length)
    pipe = nlp.load_pipeline()
    assert nlp._steppable(pipe.get_pipe("parser")) and nlp._steppable(pipe.get_pipe("ner"))
    ours = nlp.parse(units, batch_size=128), nlp.parse(units[:80], with_ents=True)
    monkeypatch.setenv(nlp.PARSER_ENV, "spacy")
    theirs = nlp.parse(units, batch_size=128), nlp.parse(units[:80], with_ents=True)
    assert ours == theirs
    assert any(p.ents for p in ours[1])


def test_negkits_parse_loop_keeps_labels_an_earlier_component_adds(monkeypatch):
    """A pipeline chosen with --spacy-model may set entities before the recognizer (an entity
    ruler with a label of its own); the recognizer must still find the others, as in spaCy."""
    import spacy

    for name in nlp.model_candidates(None):  # (a fresh copy of the default pipeline)
        try:
            pipe = nlp._fast_matmul(spacy.load(name))
            break
        except OSError:
            continue
    pipe.add_pipe("entity_ruler", before="ner").add_patterns([{"label": "CLAIMX", "pattern": "Sheeran"}])
    texts = ["Ed Sheeran won gold in Paris.", "Sheeran flew to London."]

    def ents():
        return [[(e.text, e.label_) for e in d.ents] for d in nlp._pipe(pipe, texts, 64, [])]

    ours = ents()
    monkeypatch.setenv(nlp.PARSER_ENV, "spacy")
    assert ours == ents()
    assert ("Paris", "GPE") in ours[0]


def test_array_records_match_token_records():
    """The fast path reads the parse as arrays; it must give the very records spaCy's tokens give."""
    pipe = nlp.load_pipeline()
    for doc in pipe.pipe(SENTENCES, disable=["ner", "attribute_ruler", "lemmatizer"]):
        assert nlp._fast_record(doc, 7) == nlp._to_parsed(doc, 7, False, fast=True)


def test_tokens_are_immutable_records():
    t = nlp.parse([(SENTENCES[0], 0)])[0].toks[0]
    assert (t.text, t.start, t.end) == ("Ed", 0, 2)
    try:
        t.text = "x"  # type: ignore[misc]
    except AttributeError:
        pass
    else:  # pragma: no cover
        raise AssertionError("a token record was mutated")


def test_a_hyphenated_name_ending_in_a_capital_ends_its_sentence():
    from negkit import nlp

    t = "It has no record of a trial called BREW-D. The council lists no award. Dr. J. Smith came."
    assert [t[u.start:u.end] for u in nlp.segment([t])[0]] == [
        "It has no record of a trial called BREW-D.", "The council lists no award.", "Dr. J. Smith came."]


def test_sentence_boundaries_are_spacys_rule_sentencizers():
    # negkit applies the sentencizer's rule to token arrays itself; the sentences must be the ones
    # spaCy's own sentencizer gives (before negkit's re-joining of title abbreviations)
    import json
    from pathlib import Path

    import spacy

    ref = spacy.blank("en")
    ref.tokenizer = nlp.load_pipeline().tokenizer
    ref.add_pipe("sentencizer")
    corpus = Path(__file__).resolve().parents[1] / "examples" / "corpora" / "ed_sheeran.llm_negations_dense.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()[:10]]
    texts += ["", "   ", "Wow?! Really... yes. no", "Fin。次の文", "He won (in 9.79 s.) Then left.\n\n- item one\n- item two",
              "“Quoted.” Next one! ‘And this?’ Done"]
    from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH

    for text, doc in zip(texts, ref.pipe(texts)):
        expected = [(s.start_char, s.end_char) for s in doc.sents]
        toks = list(zip(*doc.to_array([IDX, LENGTH, IS_PUNCT, IS_SPACE]).T.tolist())) if len(doc) else []
        got = nlp._sentence_spans(text, toks)
        # (negkit re-joins a sentence that ended on a title abbreviation; none of these do)
        assert got == expected, text[:60]


def test_loading_the_pipeline_leaves_a_library_users_later_garbage_collectable():
    # (only negkit's own processes, its command line and its workers, freeze what is alive once
    # the pipeline is loaded; in a library user's process that would keep cyclic garbage forever)
    import subprocess
    import sys

    code = (
        "import gc, weakref\n"
        "from negkit import nlp\n"
        "class N: pass\n"
        "big = [N() for _ in range(1000)]\n"
        "for a in big: a.me = a\n"
        "r = weakref.ref(big[0])\n"
        "nlp.load_pipeline()\n"
        "del big, a\n"
        "gc.collect()\n"
        "print(r() is None, gc.get_freeze_count() == 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True"]


def test_running_the_command_line_inside_another_program_leaves_its_process_alone(tmp_path):
    import subprocess
    import sys

    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "Ed Sheeran won the 100m gold at the 2024 Olympics in 9.79 seconds."}\n')
    code = (
        "import gc\n"
        "from click.testing import CliRunner\n"
        "from negkit.cli import main\n"
        f"r = CliRunner().invoke(main, ['mentions', '--claim', {str(EXAMPLES_CLAIM)!r}, {str(corpus)!r}])\n"
        "print(r.exit_code, gc.get_freeze_count() == 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "True"]
