"""Which language an article is in (py3langid: ships its model, no download).

INTERFACE:

    identify(text) -> tuple[str, float]     # ISO 639-1 code and probability
    check_language(doc) -> str              # the code frontline reads doc as, or ItemRejected

The model knows 140 languages; the news frontline meets comes in far fewer,
and leaving the rest out matters on short or unaccented text: Vietnamese
typed without diacritics ("Quan doi Syria tai chiem...") reads as Tagalog or
French to the full model in 100 of 300 corpus openings of 60 characters,
in 47 to the restricted one (20 and 4 at 200 characters). Only the first 500 characters
are classified: the cost grows with length, and on the 8,666 articles of the three corpora of
../shared/corpus 500 characters give the same answer as 1,000 (all Vietnamese at >= 0.9) in
0.39 ms an article instead of 0.70.
"""
from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from frontline.errors import ItemRejected
from frontline.lang import SUPPORTED
from frontline.record import Document

# Vietnamese and English, the languages of Vietnam's neighbours and of the
# wire services and sources Vietnamese outlets translate from.
CANDIDATES = ("vi", "en", "fr", "de", "es", "pt", "it", "nl", "pl", "ru", "uk", "tr", "ar", "fa",
              "hi", "zh", "ja", "ko", "th", "km", "lo", "my", "id", "ms", "tl")
SAMPLE_CHARS = 500     # the first 500 characters tell Vietnamese from English; the cost is linear in them
MIN_LETTERS = 20      # fewer letters than this ("Hà Nội", "12/11"): too short to judge
CONFIDENT = 0.9       # below this the text does not overrule the declared (or default) language
DEFAULT = SUPPORTED[0]
_ALIASES = {"vie": "vi", "eng": "en"}


@cache
def _identifier() -> LanguageIdentifier:
    """Loaded once per process (0.5 s); restricted to CANDIDATES."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(CANDIDATES))
    return identifier


def identify(text: str) -> tuple[str, float]:
    """The most likely language of the text's start (ISO 639-1) and its probability."""
    code, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return code, probability


def check_language(doc: Document) -> str:
    """The language frontline reads `doc` as; raises ItemRejected when it is not supported.

    The declared `doc.lang` is trusted unless the text is long enough to judge
    and clearly (probability >= CONFIDENT) in another language: feeds often
    stamp every item with the site's language. With nothing declared and a
    text too short or unclear, frontline reads it as Vietnamese, its first
    language: a wrong guess costs an empty result, a wrong refusal an article.
    """
    declared = normalize_code(doc.lang)
    lang = declared or DEFAULT
    sample = doc.text[:SAMPLE_CHARS]
    if _has_letters(sample, MIN_LETTERS):
        code, probability = identify(sample)
        if probability >= CONFIDENT:
            lang = code
    if lang not in SUPPORTED:
        detail = f"; it was given as '{declared}'" if declared and declared != lang else ""
        raise ItemRejected(f"language '{lang}' is not supported yet (frontline reads: {', '.join(SUPPORTED)}){detail}")
    return lang


def _has_letters(text: str, count: int) -> bool:
    """At least `count` letters (stops counting there: most texts answer in 30 characters)."""
    for char in text:
        if char.isalpha():
            count -= 1
            if count == 0:
                return True
    return False


def normalize_code(code: str | None) -> str | None:
    """"vi-VN", "VI", "vie" -> "vi"; None for nothing."""
    if not code or not code.strip():
        return None
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return _ALIASES.get(base, base)
