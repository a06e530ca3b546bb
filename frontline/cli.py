"""The `frontline` command: a thin layer over the library (each command calls one function)."""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from frontline.batch import ItemResult
from frontline.cluster import ClusterSpec
from frontline.commands.options import (
    InputPaths,
    LangOption,
    PublishedOption,
    SchedulerOption,
    WorkersOption,
    cluster_errors,
    cluster_spec,
)
from frontline.errors import ItemProblem
from frontline.io.plaintext import NO_DEFAULTS, TextDefaults
from frontline.output_file import text_output

app = typer.Typer(help=__doc__, no_args_is_help=True, add_completion=False,
                  context_settings={"help_option_names": ["-h", "--help"]})



def _print_version(value: bool) -> None:
    if value:
        import frontline

        print(f"frontline {frontline.__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option(
        "--version", callback=_print_version, is_eager=True, help="Print the version and exit.")] = False) -> None:
    """Vietnamese news articles in, ACLED-coded conflict events out."""



class OutputFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


def report(problem: ItemProblem) -> None:
    """One clear line on stderr per problem item."""
    print(problem, file=sys.stderr)


def run_items(paths: list[str], progress_label: str, cluster: ClusterSpec | None = None,
              text_defaults: TextDefaults = NO_DEFAULTS) -> Iterator[ItemResult]:
    """Read and extract every item (here, or on `cluster`), reporting problems; a progress bar once there are two."""
    from frontline.cluster import extract_items
    from frontline.progress import LazyProgress, count_items

    with LazyProgress(progress_label, count_items(paths)) as progress, cluster_errors():
        for result in extract_items(paths, cluster, text_defaults):
            for problem in result.problems:
                report(problem)
            if result.doc is not None or result.failed:  # a reader's warning precedes its article
                progress.advance()
            yield result


@app.command()
def extract(
    paths: InputPaths,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")] = None,
    fmt: Annotated[OutputFormat | None, typer.Option(
        "--format", help="jsonl or csv; default jsonl into a file, a table on the terminal.")] = None,
    all_modalities: Annotated[bool, typer.Option(
        "--all-modalities", help="Also planned, negated and hypothetical events.")] = False,
    min_confidence: Annotated[float, typer.Option(
        "--min-confidence", min=0.0, max=1.0,
        help="Only events at least this likely to be right (the README's reliability table).")] = 0.0,
    published: PublishedOption = None,
    lang: LangOption = None,
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
) -> None:
    """Extract ACLED-coded events from articles. Exit code 1 when any item failed."""
    from frontline.events_table import events_table
    from frontline.io.writers import CsvEventWriter, event_json

    fmt = fmt or (OutputFormat.table if output is None else OutputFormat.jsonl)
    cluster = cluster_spec(scheduler, workers)
    started = time.perf_counter()
    articles = failures = written = 0
    shown = []
    with text_output(output) as out:
        csv_writer = CsvEventWriter(out) if fmt is OutputFormat.csv else None
        for result in run_items(paths, "extracting", cluster, TextDefaults(published, lang)):
            failures += result.failed
            articles += result.doc is not None
            for event in result.events:
                if not (all_modalities or event.exported_by_default) or event.confidence < min_confidence:
                    continue
                written += 1
                if csv_writer:
                    csv_writer.write(event)
                elif fmt is OutputFormat.jsonl:
                    out.write(event_json(event) + "\n")
                else:
                    shown.append(event)
        if fmt is OutputFormat.table:
            events_table(shown, out)
    where = f" → {output}" if output is not None and str(output) != "-" else ""
    print(f"{articles:,} article(s) → {written:,} event(s), {failures:,} failed, "
          f"{time.perf_counter() - started:.1f} s{where}", file=sys.stderr)
    raise typer.Exit(1 if failures else 0)


@app.command()
def explain(
    paths: InputPaths,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per article.")] = False,
    published: PublishedOption = None,
    lang: LangOption = None,
) -> None:
    """Why each article was kept or skipped, and the sense and fate of each war word in it."""
    from frontline.explain_report import explain_items

    failed = explain_items(paths, as_json, sys.stdout, report, TextDefaults(published, lang))
    raise typer.Exit(1 if failed else 0)


@app.command("eval")
def evaluate(
    gold_dirs: Annotated[list[Path] | None, typer.Argument(
        help="Gold folders (gold.jsonl + articles.jsonl, or *.gold.json + .txt); default: "
             "data/annotated/vi/heldout and ../shared/eval/vi-dev, side by side.", show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Also keep the extracted events here "
                                                                         "(one gold folder only).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="Without the learned models: the rules alone, "
                                                                  "to see what the models add.")] = False,
    reliability: Annotated[bool, typer.Option("--reliability", help="Also how often each confidence band is "
                                                                    "right, and what --min-confidence buys.")] = False,
) -> None:
    """Extract gold folders' articles and score them as ../shared/eval/score.py does; several side by side,
    with the shipped models' cross-validated figures."""
    import json

    from frontline.evaluation import (
        DEFAULT_SETS,
        cross_validated,
        evaluate_folder,
        format_confidence,
        format_scores,
        format_side_by_side,
    )

    if rules_only:
        os.environ["FRONTLINE_MODELS"] = "off"  # read by the pipeline, here and in any worker it starts
    folders = list(gold_dirs or [d for d in DEFAULT_SETS if d.exists()])
    if not folders:
        print("frontline eval: give a gold folder (none of the default sets is here)", file=sys.stderr)
        raise typer.Exit(2)
    if len(folders) == 1:
        result = evaluate_folder(folders[0], output)
        print(format_scores(result, as_json=as_json))
        if reliability and not as_json:
            print(format_confidence(result))
        return
    if output is not None:
        raise typer.BadParameter("-o keeps the events of one gold folder only", param_hint="-o")
    results = {str(folder): evaluate_folder(folder) for folder in folders}
    if as_json:
        print(json.dumps({"sets": results, "cross_validated": cross_validated()}, ensure_ascii=False))
        return
    print(format_side_by_side(results))
    if reliability:
        for name, result in results.items():
            print(f"\n{name}\n{format_confidence(result)}")
    for name, figures in cross_validated().items():
        if figures:
            print(f"\ncross-validated on train ({name} model, {figures.get('folds', '')}):")
            for key, value in figures.items():
                if key not in ("folds", "reliability", "measure"):
                    print(f"  {key:30s} {json.dumps(value)}")


@app.command()
def train(
    annotated_dir: Annotated[Path, typer.Argument(help="An annotated train folder: articles.jsonl + gold.jsonl.")],
    models_dir: Annotated[Path | None, typer.Option(
        "--models", help="Where to write the models' JSON files; default: the package's own models folder.")] = None,
) -> None:
    """Learn the place, type, sentence and event models from annotated articles (never from heldout/ or the
    eval sets)."""
    import json

    from frontline.learn.linear import MODELS_DIR
    from frontline.learn.train import train_models

    try:
        models = train_models(annotated_dir)
    except (ValueError, FileNotFoundError) as error:
        print(f"frontline train: {error}", file=sys.stderr)
        raise typer.Exit(2) from None
    folder = models_dir or MODELS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for model in models:
        target = folder / f"{model.name}.json"
        target.write_text(model.to_json(), encoding="utf-8")
        print(json.dumps({model.name: model.report}, ensure_ascii=False, indent=1))
        print(f"{model.name}: written to {target}")


def _register_commands() -> None:
    """The store's commands and `serve` live beside the code they drive."""
    from frontline.commands.serve import register as register_serve
    from frontline.commands.stats import register as register_stats
    from frontline.commands.store import register as register_store
    from frontline.commands.watch import register as register_watch

    register_store(app)
    register_stats(app)
    register_serve(app)
    register_watch(app)


_register_commands()


if __name__ == "__main__":
    app()
