"""Each reader on real files: text, JSONL, CSV, HTML, stdin; encodings and Unicode forms."""
from __future__ import annotations

import csv
import html
import io
import json
import sys
import tracemalloc
import unicodedata
from pathlib import Path

import pytest

from frontline.errors import ItemProblem, ItemRejected
from frontline.io import read_inputs
from frontline.io.webpage import NO_ARTICLE
from frontline.pipeline.text import language
from frontline.pipeline.text.language import check_language, identify
from frontline.record import Document, Published

SEED = Path(__file__).resolve().parents[2] / "shared" / "eval" / "seed" / "albu_kamal_2017-11.txt"
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # the marks Windows-1258 writes as separate characters


def read_all(*paths: Path | str) -> list[Document | ItemProblem]:
    return list(read_inputs([str(path) for path in paths]))


def only_doc(*paths: Path | str) -> Document:
    items = read_all(*paths)
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def windows_1258(text: str) -> bytes:
    """How Windows-1258 stores Vietnamese: base letters like "ê" whole, tone marks apart."""
    out = bytearray()
    for char in nfc(text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
            out += (base + "".join(c for c in parts if c in TONE_MARKS)).encode("cp1258", errors="replace")
    return bytes(out)


def article_page(article: dict, published: str | None = None) -> str:
    """A news page as Dân Trí serves it: menus, the article, related links, a footer."""
    title = html.escape(article["title"])
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in article["text"].split("\n")[1:])
    date_meta = f'<meta property="article:published_time" content="{published}T08:15:00+07:00">' if published else ""
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{title} | Báo Dân trí</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Báo Dân trí">
{date_meta}
<link rel="canonical" href="{article['url']}">
</head><body>
<header><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/xa-hoi.htm">Xã hội</a></li>
<li><a href="/the-gioi.htm">Thế giới</a></li><li><a href="/kinh-doanh.htm">Kinh doanh</a></li></ul></nav></header>
<main><article><h1 class="title-page detail">{title}</h1>
<div class="singular-content">{paragraphs}</div></article>
<aside><h3>Tin liên quan</h3><ul><li><a href="/a.htm">Giá vàng hôm nay tăng mạnh</a></li>
<li><a href="/b.htm">Thời tiết Hà Nội chuyển lạnh</a></li></ul></aside></main>
<footer><p>© 2005-2020 Bản quyền thuộc về Báo điện tử Dân trí. Giấy phép số 298/GP-BTTTT.</p></footer>
</body></html>"""


# --- plain text ---------------------------------------------------------------

def test_seed_file_gives_its_date_and_loses_the_header():
    if not SEED.exists():
        pytest.skip(f"seed not found: {SEED}")
    doc = only_doc(SEED)
    assert doc.doc_id == "albu_kamal_2017-11"
    assert doc.published == Published(2017, 11)
    assert doc.text.startswith("Theo Al Masdar News ngày 17/11")
    assert doc.source_path == str(SEED)


def test_date_header_on_its_own_line(tmp_path, corpus_articles):
    article = corpus_articles[0]
    path = tmp_path / "vinamilk.txt"
    path.write_text(f"date {article['published']}\n{article['text']}\n", encoding="utf-8")
    doc = only_doc(path)
    assert doc.published == Published.parse(article["published"])
    assert doc.text == nfc(article["text"])


def test_text_without_header_has_no_date(tmp_path, corpus_articles):
    path = tmp_path / "no-header.txt"
    path.write_text(corpus_articles[1]["text"], encoding="utf-8")
    doc = only_doc(path)
    assert (doc.doc_id, doc.published, doc.text) == ("no-header", None, nfc(corpus_articles[1]["text"]))


# --- JSON lines and CSV -----------------------------------------------------

def test_jsonl_reads_the_spec_fields_and_ignores_others(tmp_path, corpus_articles):
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in corpus_articles[:3]), encoding="utf-8")
    docs = read_all(path)
    assert [d.doc_id for d in docs] == [a["id"] for a in corpus_articles[:3]]
    first, article = docs[0], corpus_articles[0]
    assert first.text == nfc(article["text"])
    assert (first.url, first.outlet, first.lang, first.title) == (article["url"], "Dân Trí", "vi", article["title"])
    assert first.published == Published.parse(article["published"])
    assert [d.source_path for d in docs] == [f"{path}:1", f"{path}:2", f"{path}:3"]


def test_jsonl_streams_instead_of_loading_the_file(tmp_path, corpus_articles):
    path = tmp_path / "many.jsonl"
    lines = [json.dumps(dict(a, id=f"{a['id']}-{n}"), ensure_ascii=False) for n in range(100) for a in corpus_articles]
    path.write_text("\n".join(lines), encoding="utf-8")
    size = path.stat().st_size
    assert size > 2_000_000
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_inputs([str(path)]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == len(lines)
    assert peak < size / 5, f"peak {peak:,} bytes for a {size:,}-byte file"


def test_csv_rows_with_multiline_text(tmp_path, corpus_articles):
    path = tmp_path / "articles.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "text", "published", "url", "outlet", "lang", "topic"])
        for a in corpus_articles[:3]:
            writer.writerow([a["id"], a["title"], a["text"], a["published"], a["url"], a["outlet"], "vi", a["topic"]])
    docs = read_all(path)
    assert [d.doc_id for d in docs] == [a["id"] for a in corpus_articles[:3]]
    assert "\n" in docs[0].text and docs[0].text == nfc(corpus_articles[0]["text"])
    assert docs[2].source_path == f"{path}:row 4"  # the header is row 1
    assert docs[1].published == Published.parse(corpus_articles[1]["published"])


def test_tsv_uses_tabs(tmp_path, corpus_articles):
    path = tmp_path / "articles.tsv"
    text = corpus_articles[0]["text"].replace("\n", " ")
    path.write_text(f"id\ttext\n{corpus_articles[0]['id']}\t{text}\n", encoding="utf-8")
    assert only_doc(path).text == nfc(text)


# --- HTML ---------------------------------------------------------------------

def test_html_page_gives_main_text_title_and_date(tmp_path, corpus_articles):
    article = corpus_articles[0]
    path = tmp_path / "vinamilk-top-1000.html"
    path.write_text(article_page(article, published="2020-10-01"), encoding="utf-8")
    doc = only_doc(path)
    assert doc.doc_id == "vinamilk-top-1000"
    assert doc.title == article["title"]
    assert doc.published == Published(2020, 10, 1)
    assert (doc.url, doc.outlet) == (article["url"], "Báo Dân trí")
    for paragraph in article["text"].split("\n")[1:]:
        assert paragraph.strip() in doc.text
    for boilerplate in ("Trang chủ", "Tin liên quan", "Bản quyền", "Giá vàng hôm nay"):
        assert boilerplate not in doc.text


def test_html_page_without_article(tmp_path):
    path = tmp_path / "login.htm"
    path.write_text("""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Đăng nhập | Báo Dân trí</title></head>
<body><header><nav><a href="/">Trang chủ</a> <a href="/the-gioi.htm">Thế giới</a></nav></header>
<main><form action="/login"><label>Email</label><input name="email"><label>Mật khẩu</label>
<input name="password" type="password"><button>Đăng nhập</button></form></main>
<footer>© 2005-2020 Báo điện tử Dân trí</footer></body></html>""", encoding="utf-8")
    (problem,) = read_all(path)
    assert isinstance(problem, ItemProblem) and problem.reason == NO_ARTICLE and problem.failed


# --- Unicode forms and encodings ------------------------------------------------

def test_composed_and_decomposed_give_the_same_text(tmp_path, corpus_articles):
    text = corpus_articles[2]["text"]
    composed, decomposed = unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)
    assert composed != decomposed
    (tmp_path / "nfc.txt").write_text(composed, encoding="utf-8")
    (tmp_path / "nfd.txt").write_text(decomposed, encoding="utf-8")
    (tmp_path / "both.jsonl").write_text(
        json.dumps({"id": "c", "text": composed, "title": composed[:40]}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "d", "text": decomposed, "title": decomposed[:60]}) + "\n", encoding="utf-8")
    docs = read_all(tmp_path / "nfc.txt", tmp_path / "nfd.txt", tmp_path / "both.jsonl")
    assert {d.text for d in docs} == {nfc(text)}
    assert docs[3].title.startswith(docs[2].title)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_unicode_encodings(tmp_path, corpus_articles, encoding):
    text = corpus_articles[3]["text"]
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    assert only_doc(path).text == nfc(text)


def test_windows_1258_text_and_lines(tmp_path, corpus_articles):
    texts = [a["text"].replace("’", "'").replace("“", '"').replace("”", '"') for a in corpus_articles[:3]]
    (tmp_path / "legacy.txt").write_bytes(windows_1258(texts[0]))
    (tmp_path / "legacy.jsonl").write_bytes(b"".join(
        windows_1258(json.dumps({"id": f"a{n}", "text": t}, ensure_ascii=False)) + b"\n" for n, t in enumerate(texts)))
    docs = read_all(tmp_path / "legacy.txt", tmp_path / "legacy.jsonl")
    assert [d.text for d in docs] == [nfc(texts[0])] + [nfc(t) for t in texts]


def test_utf16_jsonl(tmp_path, corpus_articles):
    path = tmp_path / "wide.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in corpus_articles[:2]), encoding="utf-16")
    assert [d.text for d in read_all(path)] == [nfc(a["text"]) for a in corpus_articles[:2]]


def test_control_characters_and_line_ends(tmp_path, corpus_articles):
    first, second = corpus_articles[0]["text"].split("\n")[:2]
    path = tmp_path / "dirty.txt"
    path.write_bytes(f"\ufeff{first}\r\n\x00{second[:20]}\u200b\x07\t{second[20:]}\r".encode())
    assert only_doc(path).text == f"{first}\n{second[:20]}\t{second[20:]}"


# --- standard input and unknown extensions ------------------------------------

@pytest.mark.parametrize("kind", ["jsonl", "html", "text"])
def test_stdin_is_sniffed(monkeypatch, corpus_articles, kind):
    article = corpus_articles[0]
    data = {"jsonl": "\n  " + json.dumps(article, ensure_ascii=False) + "\n",
            "html": article_page(article, published="2020-10-01"),
            "text": article["text"]}[kind]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    doc = only_doc("-")
    assert doc.doc_id == (article["id"] if kind == "jsonl" else "stdin")
    assert article["text"].split("\n")[1] in doc.text


def test_unknown_extension_is_sniffed(tmp_path, corpus_articles):
    (tmp_path / "feed.dat").write_text(json.dumps(corpus_articles[0], ensure_ascii=False), encoding="utf-8")
    (tmp_path / "README").write_text(corpus_articles[1]["text"], encoding="utf-8")
    docs = read_all(tmp_path / "feed.dat", tmp_path / "README")
    assert [d.doc_id for d in docs] == [corpus_articles[0]["id"], "README"]


# --- language -------------------------------------------------------------------

ENGLISH = ("Syrian government forces recaptured the border town of Albu Kamal from Islamic State "
           "fighters on Sunday, the army said, after days of heavy fighting along the Euphrates.")


def test_identify_vietnamese_and_english(corpus_articles):
    code, probability = identify(corpus_articles[0]["text"])
    assert code == "vi" and probability > 0.9
    assert identify(ENGLISH)[0] == "en"


def test_check_language_reads_vietnamese(corpus_articles):
    text = corpus_articles[0]["text"]
    assert check_language(Document("a", text)) == "vi"
    assert check_language(Document("a", text, lang="vi-VN")) == "vi"
    assert check_language(Document("a", text, lang="en")) == "vi"  # the text is sure: it wins


def test_check_language_rejects_english():
    with pytest.raises(ItemRejected) as rejected:
        check_language(Document("a", ENGLISH))
    assert rejected.value.reason == "language 'en' is not supported yet (frontline reads: vi)"


def test_short_text_trusts_the_declared_language():
    assert check_language(Document("a", "Hà Nội, 12/11")) == "vi"
    assert check_language(Document("a", "Hà Nội, 12/11", lang="vi")) == "vi"
    with pytest.raises(ItemRejected, match="language 'en'"):
        check_language(Document("a", "Hà Nội, 12/11", lang="en"))


def test_check_language_reads_only_the_start(monkeypatch, corpus_articles):
    seen: list[int] = []
    monkeypatch.setattr(language, "identify", lambda text: (seen.append(len(text)), ("vi", 1.0))[1])
    check_language(Document("a", corpus_articles[0]["text"] * 500))
    assert seen == [language.SAMPLE_CHARS]
