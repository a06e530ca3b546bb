"""Reading articles from files: .txt, .jsonl, .csv, .html and stdin ("-").

INTERFACE (the CLI codes against it):

    read_inputs(paths: Sequence[str]) -> Iterator[Document | ItemProblem]

yields one Document per readable article (text decoded, NFC-normalised) and one
ItemProblem per item that cannot be read (named by path, line or row, and why);
it never raises for one bad item. A warning about an article that is still
read (bytes that were not valid UTF-8) comes as an ItemProblem with
failed=False just before its Document.

    readers.py     which reader a path gets (extension, or its first bytes)
    plaintext.py   .txt: one article, optional " date YYYY-MM" header
    jsonl.py       .jsonl: one article a line     lines.py: decoded lines
    table.py       .csv / .tsv: one article a row
    webpage.py     .html: trafilatura's main text and metadata
    decode.py      bytes to text; binary junk refused
    clean.py       NFC, LF, no control characters
    documents.py   the checks every format shares (size, empty, date)
    streams.py     size ceilings, sniffing standard input
"""
from frontline.io.documents import MAX_ARTICLE_CHARS
from frontline.io.readers import read_inputs

__all__ = ["MAX_ARTICLE_CHARS", "read_inputs"]
