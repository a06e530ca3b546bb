"""Bad input gets one clear message for that item, and the run goes on (DESIGN.md, ground rules).

Each bad item is checked through the reader and end to end through
`frontline extract`: the message on stderr names the item and the reason,
the good items beside it are processed, and the exit code is 1 exactly when
an item failed.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontline.cli import app
from frontline.errors import ItemProblem
from frontline.io import MAX_ARTICLE_CHARS, read_inputs
from frontline.record import Document

NEXT_YEAR = dt.date.today().year + 1
ENGLISH = ("Syrian government forces recaptured the border town of Albu Kamal from Islamic State "
           "fighters on Sunday, the army said, after days of heavy fighting along the Euphrates. "
           "A monitoring group said dozens of fighters were killed on both sides.")
NO_ARTICLE_PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>404 | Báo Dân trí</title></head>
<body><header><nav><a href="/">Trang chủ</a> <a href="/the-gioi.htm">Thế giới</a></nav></header>
<main><h1>404</h1><p>Trang bạn tìm không tồn tại.</p></main><footer>© 2005-2020 Báo điện tử Dân trí</footer></body></html>"""


def problems(*paths: Path) -> list[ItemProblem]:
    return [item for item in read_inputs([str(p) for p in paths]) if isinstance(item, ItemProblem)]


def line(article: dict, **changes: object) -> str:
    return json.dumps({**article, **changes}, ensure_ascii=False) + "\n"


def random_bytes(count: int) -> bytes:
    return random.Random(7).randbytes(count)


# --- each bad item, through the readers -------------------------------------------

def test_empty_files(tmp_path):
    for name in ("empty.txt", "blank.txt", "empty.jsonl", "empty.html"):
        (tmp_path / name).write_bytes(b"" if name != "blank.txt" else b" \r\n\t\n")
    reasons = [p.reason for p in problems(*sorted(tmp_path.iterdir()))]
    assert reasons == ["empty article", "empty article", "empty file, no articles", "empty article"]


def png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + zlib.compress(random_bytes(3000))


def zip_archive(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("article.txt", text)
    return buffer.getvalue()


def test_binary_junk_is_not_text(tmp_path, corpus_articles):
    (tmp_path / "random.txt").write_bytes(random_bytes(5000))
    (tmp_path / "random.jsonl").write_bytes(random_bytes(5000))
    (tmp_path / "image.txt").write_bytes(png())
    (tmp_path / "archive.jsonl").write_bytes(zip_archive(corpus_articles[0]["text"]))
    (tmp_path / "nuls.html").write_bytes(b"\x00" * 4000)
    found = {Path(p.source).name: p.reason for p in problems(*tmp_path.iterdir())}
    assert found == {
        "random.txt": "binary data, not text",
        "random.jsonl": "binary data, not text",
        "image.txt": "binary data (a PNG image), not text",
        "archive.jsonl": "binary data (a ZIP archive or Office document), not text",
        "nuls.html": "binary data, not text",
    }


def test_invalid_utf8_is_read_with_a_warning(tmp_path, corpus_articles):
    text = corpus_articles[0]["text"]
    path = tmp_path / "corrupt.txt"
    path.write_bytes(text[:300].encode() + b"\xff\xfe" + text[300:].encode())
    warning, doc = read_inputs([str(path)])
    assert isinstance(warning, ItemProblem) and not warning.failed
    assert warning.reason.startswith("2 bytes that are not valid UTF-8 replaced by U+FFFD")
    assert isinstance(doc, Document) and doc.text.count("\ufffd") == 2


def test_bad_jsonl_lines_among_good_ones(tmp_path, corpus_articles):
    good = corpus_articles[:3]
    path = tmp_path / "feed.jsonl"
    path.write_text(line(good[0]) + '{"id": "cut", "text": "Ngày 27/3, Cơ\n' + "\n" + line(good[1])
                    + '["not", "an", "object"]\n' + json.dumps({"text": "không có id"}) + "\n"
                    + json.dumps({"id": "t", "text": ["a", "list"]}) + "\n" + json.dumps({"id": "no-text"}) + "\n"
                    + line(good[2]).rstrip("\n"), encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert [d.doc_id for d in items if isinstance(d, Document)] == [a["id"] for a in good]
    assert [(p.source, p.reason) for p in items if isinstance(p, ItemProblem)] == [
        (f"{path}:2", "broken JSON line: Invalid control character at column 37"),
        (f"{path}:5", "line holds a list, not a JSON object"),
        (f"{path}:6", "no 'id'"),
        (f"{path}:7", "'text' is a list, not a string"),
        (f"{path}:8", "no 'text'"),
    ]


def test_bad_csv_rows_among_good_ones(tmp_path, corpus_articles):
    a, b = corpus_articles[:2]
    path = tmp_path / "feed.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["id", "text", "published"], [a["id"], a["text"], a["published"]],
                                      ["", "không có id", ""], ["future", b["text"], f"{NEXT_YEAR}-01-01"],
                                      [b["id"], b["text"], ""]])
    items = list(read_inputs([str(path)]))
    assert [d.doc_id for d in items if isinstance(d, Document)] == [a["id"], b["id"]]
    assert [str(p) for p in items if isinstance(p, ItemProblem)] == [
        f"error: {path}:row 3: no 'id'",
        f"error: {path}:row 4 [future]: publication date {NEXT_YEAR}-01-01 is in the future",
    ]


def test_csv_without_a_text_column(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("id,body\n1,Quân đội\n", encoding="utf-8")
    assert [p.reason for p in problems(path)] == ["no 'text' column in the CSV header (columns: id, body)"]


def test_article_too_long(tmp_path, corpus_articles):
    text = corpus_articles[0]["text"]
    big = text * (5_200_000 // len(text) + 1)
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    (tmp_path / "big.jsonl").write_text(line(corpus_articles[1]) + line(corpus_articles[2], text=big)
                                        + line(corpus_articles[3]), encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "big.txt"), str(tmp_path / "big.jsonl")]))
    limit = f"exceeds the {MAX_ARTICLE_CHARS:,} character limit"
    assert [str(i) for i in items if isinstance(i, ItemProblem)] == [
        f"error: {tmp_path / 'big.txt'}: article of {len(big):,} characters {limit}",
        f"error: {tmp_path / 'big.jsonl'}:2 [{corpus_articles[2]['id']}]: article of {len(big):,} characters {limit}",
    ]
    assert [d.doc_id for d in items if isinstance(d, Document)] == [corpus_articles[1]["id"], corpus_articles[3]["id"]]


def test_line_past_the_read_limit_is_skipped_unread(tmp_path, corpus_articles):
    path = tmp_path / "dump.jsonl"
    path.write_text(line(corpus_articles[0]) + line(corpus_articles[1], text="x" * 9_000_000)
                    + line(corpus_articles[2]), encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert [getattr(i, "doc_id", None) for i in items] == [corpus_articles[0]["id"], None, corpus_articles[2]["id"]]
    assert items[1].reason == f"article of 9.0 MB exceeds the {MAX_ARTICLE_CHARS:,} character limit"


def test_publication_dates(tmp_path, corpus_articles):
    article = corpus_articles[0]
    (tmp_path / "future.txt").write_text(f" date {NEXT_YEAR}-03 {article['text']}", encoding="utf-8")
    (tmp_path / "dates.jsonl").write_text(
        line(article, id="bad-month", published="2020-13-01") + line(article, id="number", published=2020)
        + line(article, id="in-two-days", published=str(dt.date.today() + dt.timedelta(days=2)))
        + line(article, id="tomorrow", published=str(dt.date.today() + dt.timedelta(days=1)))
        + line(article, id="today", published=str(dt.date.today())) + line(article, id="none", published=None),
        encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "future.txt"), str(tmp_path / "dates.jsonl")]))
    assert [p.reason for p in items if isinstance(p, ItemProblem)] == [
        f"publication date {NEXT_YEAR}-03 is in the future",
        "publication date '2020-13-01' has no month 13",
        "publication date 2020 is not YYYY-MM or YYYY-MM-DD",
        f"publication date {dt.date.today() + dt.timedelta(days=2)} is in the future",
    ]
    # a day of slack for time zones: "today" in Hanoi can be tomorrow on a UTC clock
    assert [(d.doc_id, d.published and d.published.earliest()) for d in items if isinstance(d, Document)] == [
        ("tomorrow", dt.date.today() + dt.timedelta(days=1)), ("today", dt.date.today()), ("none", None)]


def test_html_date_in_the_future(tmp_path, corpus_articles):
    page = NO_ARTICLE_PAGE.replace("<main><h1>404</h1><p>Trang bạn tìm không tồn tại.</p></main>",
                                   "<article><p>" + corpus_articles[0]["text"].replace("\n", "</p><p>") + "</p></article>")
    page = page.replace("</head>", f'<meta property="article:published_time" content="{NEXT_YEAR}-01-01"></head>')
    (tmp_path / "future.html").write_text(page, encoding="utf-8")
    assert [p.reason for p in problems(tmp_path / "future.html")] == [f"publication date {NEXT_YEAR}-01-01 is in the future"]


def test_missing_file_directory_and_json_array(tmp_path, corpus_articles):
    (tmp_path / "articles.json").write_text(json.dumps(corpus_articles[:2], ensure_ascii=False), encoding="utf-8")
    found = [str(p) for p in problems(tmp_path / "missing.jsonl", tmp_path, tmp_path / "articles.json")]
    assert found == [
        f"error: {tmp_path / 'missing.jsonl'}: no such file",
        f"error: {tmp_path}: is a directory; name its article files instead (e.g. {tmp_path}/*.jsonl)",
        f"error: {tmp_path / 'articles.json'}: a JSON array: frontline reads JSON lines, one article object a line "
        "(convert with: jq -c '.[]')",
    ]


# --- end to end through `frontline extract` --------------------------------------

@pytest.fixture
def bad_and_good(tmp_path, corpus_articles) -> tuple[list[str], dict[str, str], list[str]]:
    """Paths to extract, what each bad one must say, and the ids of the good articles."""
    good = corpus_articles[:4]
    text = good[0]["text"]
    files = {
        "feed.jsonl": line(good[0]) + '{"id": "cut", "text": "Ngày 27/3\n' + line(good[1]),
        "empty.txt": "",
        "junk.txt": random_bytes(4000),
        "bad-utf8.txt": text[:300].encode() + b"\xc0\xff" + text[300:].encode(),
        "no-article.html": NO_ARTICLE_PAGE,
        "huge.txt": text * (5_200_000 // len(text) + 1),
        "next-year.jsonl": line(good[2], id="future", published=f"{NEXT_YEAR}-01-01"),
        "undated.jsonl": line(good[3], published=None),
        "english.txt": f" date 2017-11-19 {ENGLISH}",
    }
    for name, content in files.items():
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    said = {
        "feed.jsonl": f"error: {tmp_path / 'feed.jsonl'}:2: broken JSON line",
        "empty.txt": f"error: {tmp_path / 'empty.txt'}: empty article",
        "junk.txt": f"error: {tmp_path / 'junk.txt'}: binary data, not text",
        "bad-utf8.txt": f"warning: {tmp_path / 'bad-utf8.txt'}: 2 bytes that are not valid UTF-8 replaced",
        "no-article.html": f"error: {tmp_path / 'no-article.html'}: no article text found in the HTML page",
        "huge.txt": f"error: {tmp_path / 'huge.txt'}: article of 5,2",
        "next-year.jsonl": f"error: {tmp_path / 'next-year.jsonl'}:1 [future]: publication date {NEXT_YEAR}-01-01 is in the future",
        "undated.jsonl": f"warning: {tmp_path / 'undated.jsonl'}:1 [{good[3]['id']}]: no publication date",
        "english.txt": f"error: {tmp_path / 'english.txt'}: language 'en' is not supported yet (frontline reads: vi)",
    }
    return [str(tmp_path / name) for name in files], said, [a["id"] for a in good[:2]] + [good[3]["id"], "bad-utf8"]


def run(*args: str):
    return CliRunner().invoke(app, ["extract", *args])


def test_every_bad_item_is_named_and_the_rest_processed(tmp_path, bad_and_good):
    paths, said, good_ids = bad_and_good
    out = tmp_path / "events.jsonl"
    result = run(*paths, "-o", str(out))
    assert result.exit_code == 1, result.output
    stderr = result.stderr.splitlines()
    for message in said.values():
        assert sum(message in said_line for said_line in stderr) == 1, (message, stderr)
    errors = [said_line for said_line in stderr if said_line.startswith("error:")]
    assert len(errors) == 7, errors
    assert not [error for error in errors if any(doc_id in error for doc_id in good_ids)]
    events = [json.loads(event) for event in out.read_text(encoding="utf-8").splitlines()]
    assert {event["doc_id"] for event in events} <= set(good_ids)


def test_english_article_fails_alone(tmp_path):
    (tmp_path / "english.txt").write_text(ENGLISH, encoding="utf-8")
    result = run(str(tmp_path / "english.txt"), "-o", str(tmp_path / "events.jsonl"))
    assert result.exit_code == 1
    assert "language 'en' is not supported yet (frontline reads: vi)" in result.stderr


def test_warnings_alone_exit_0(tmp_path, bad_and_good):
    paths, said, _ = bad_and_good
    chosen = [p for p in paths if Path(p).name in ("undated.jsonl", "bad-utf8.txt")]
    result = run(*chosen, "-o", str(tmp_path / "events.jsonl"))
    assert result.exit_code == 0, result.stderr
    *said_lines, summary = result.stderr.splitlines()
    assert [said_line.split(":")[0] for said_line in said_lines] == ["warning"] * 3
    assert summary.startswith("2 article(s) → ") and ", 0 failed," in summary


def test_stdin_through_the_installed_command(tmp_path, corpus_articles):
    feed = line(corpus_articles[0]) + "{not json}\n" + line(corpus_articles[1])
    out = tmp_path / "events.jsonl"
    command = str(Path(sys.executable).with_name("frontline"))  # the console script of this environment
    done = subprocess.run([command, "extract", "-", "-o", str(out)], input=feed.encode(),
                          capture_output=True, timeout=120, check=False)
    stderr = done.stderr.decode()
    assert done.returncode == 1, stderr
    assert "error: stdin:2: broken JSON line: Expecting property name enclosed in double quotes at column 2" in stderr
    assert stderr.count("error:") == 1
    assert out.exists()


@pytest.mark.parametrize("junk", [
    pytest.param(b"\x00" * 4096, id="4 KB of NULs"),
    pytest.param(b"\x00\xff" * 2048, id="NULs and 0xFF"),
    pytest.param(lambda line: line.decode().encode("utf-16-le"), id="one line in UTF-16"),
])
@pytest.mark.parametrize("at", [1, 3, 101])
def test_junk_near_the_start_of_a_jsonl_costs_its_line_only(tmp_path, corpus_articles, junk, at):
    """A stretch of junk in the first 64 KB is one bad line, as it is further on (the file was
    refused whole when it fell in the head the reader sniffs)."""
    lines = [json.dumps(corpus_articles[i % 8] | {"id": f"a{i}"}, ensure_ascii=False).encode() for i in range(299)]
    bad = junk(lines[0]) if callable(junk) else junk
    lines.insert(at - 1, bad)
    path = tmp_path / "stream.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = list(read_inputs([str(path)]))
    assert sum(isinstance(i, Document) for i in items) == 299
    assert [(p.source, p.reason) for p in items if isinstance(p, ItemProblem)] == [
        (f"{path}:{at}", "binary data, not text")]
