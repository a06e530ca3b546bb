"""Command-line options that several commands share, defined once (typer's Annotated types)."""
from __future__ import annotations

from typing import Annotated

import typer

InputPaths = Annotated[list[str], typer.Argument(
    help="Article files (.txt .jsonl .csv .html) or '-' for standard input.", show_default=False)]
PublishedOption = Annotated[str | None, typer.Option(
    "--published", help="Publication date (YYYY-MM or YYYY-MM-DD) of plain-text articles (.txt, standard input) "
    "that have no ' date ' header line.")]
LangOption = Annotated[str | None, typer.Option(
    "--lang", help="Language code of plain-text articles (default: identified from the text).")]
