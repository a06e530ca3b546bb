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


def sentences(text: str) -> list[Sentence]:
    """Every sentence of the text, in order, with offsets into it.

    Paragraphs are split on newlines first: captions and titles stand on lines of
    their own and have no final full stop to end them.
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
            found.append(Sentence(len(found), paragraph_index, start, end))
            cursor = end
            if end >= paragraph.end():
                break
    return found
