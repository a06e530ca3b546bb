"""Paragraphs and sentences, as spans of the article (underthesea splits sentences)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from underthesea import sent_tokenize


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    paragraph: int
    start: int
    end: int

    def text(self, article: str) -> str:
        return article[self.start:self.end]


_PARAGRAPH = re.compile(r"[^\n]+")
# The longest sentence in 29,304 of the conflict pool's is 852 characters. Every step after this one
# reads a sentence per war word in it, so a sentence with no end ("không kích không kích ...", a
# table flattened to one line) would cost its length squared; cut at this length it costs a line.
MAX_SENTENCE_CHARS = 1000


def _bounded(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """The span cut into pieces of at most MAX_SENTENCE_CHARS, each ending after a clause mark
    (a comma, a semicolon, a colon) where there is one, else at a space."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        window = text[start + MAX_SENTENCE_CHARS // 2:limit]
        clause = max(window.rfind(", "), window.rfind("; "), window.rfind(": "))
        space = window.rfind(" ")
        cut = start + MAX_SENTENCE_CHARS // 2 + (clause + 1 if clause >= 0 else space if space >= 0 else len(window))
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    pieces.append((start, end))
    return pieces


def sentences(text: str) -> list[Sentence]:
    """Every sentence of the text, in order, with offsets into it.

    Paragraphs are split on newlines first: captions and titles stand on lines of
    their own and have no final full stop to end them. No sentence is longer than
    MAX_SENTENCE_CHARS.
    """
    found: list[Sentence] = []
    for paragraph_index, paragraph in enumerate(_PARAGRAPH.finditer(text)):
        cursor = paragraph.start()
        for piece in sent_tokenize(paragraph.group()):
            piece = piece.strip()
            if not piece:
                continue
            start = text.find(piece, cursor, paragraph.end())
            if start < 0:  # underthesea re-spaced the piece: fall back to the rest of the paragraph
                start = cursor
                end = paragraph.end()
            else:
                end = start + len(piece)
            for a, b in _bounded(start, end, text):
                found.append(Sentence(len(found), paragraph_index, a, b))
            cursor = end
            if end >= paragraph.end():
                break
    return found
