"""Text as the later steps read it: its language, tone marks folded one way, sentences, and the
phrase finder every lexicon uses."""
