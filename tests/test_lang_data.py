"""The language data files of lang/vi/ keep their shape: the keys the code reads, of the types it
expects, every phrase a clean non-empty NFC string, no list holding the same phrase twice.

A typo in a YAML key or a phrase pasted with a trailing space would otherwise show up only as
events quietly missed.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from frontline.lang.language import FramePhrasings, language
from frontline.taxonomy import SUB_EVENT_TYPES

LANG_VI = Path(__file__).resolve().parents[1] / "frontline" / "lang" / "vi"

# file -> its top-level keys and the type of each (the code reads every one of them)
SHAPES: dict[str, dict[str, type]] = {
    "actors.yaml": {"heads": dict, "named": list, "state_named": list, "country_links": list,
                    "country_joiners": list},
    "modality.yaml": {"near_words": int, "planned": dict, "negated": dict, "hypothetical": dict, "not_cues": list,
                      "speech_verbs": list, "claim_verbs": list, "background": dict, "skip_sentence": list,
                      "clause_breaks": list, "light_verbs": list, "that": list, "own_deed": list},
    "landmarks.yaml": {"locatives": list, "speech_words": list, "landmarks": list, "seats_of_state": list},
    "noun_form.yaml": {"heads": list, "plural": list},
    "numbers.yaml": {"digits": dict, "vague": dict, "death_words": list, "people_nouns": list, "fillers": list,
                     "bounds": list, "killing_verbs": list, "and": list, "among_them": list},
    "places.yaml": {"places": list},
    "senses.yaml": {"context": dict, "not_context": list, "domains": dict},
    "sources.yaml": {"sources": dict, "cues": list},
    "typing.yaml": {"weapons": dict, "projectiles": list, "aircraft": list, "air_defence": list, "downing": list,
                    "forced": list, "protest": dict, "air_forces": list,
                    "avoided": list},
}


def _load(name: str):
    return yaml.safe_load((LANG_VI / name).read_text(encoding="utf-8"))


def _strings(value, where: str):
    """Every (where, string) inside a parsed YAML value, keys included."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            if isinstance(key, str):
                yield f"{where}/key", key
            yield from _strings(inner, f"{where}/{key}")
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _strings(inner, f"{where}[{i}]")


def _lists(value, where: str):
    if isinstance(value, list):
        yield where, value
        for i, inner in enumerate(value):
            yield from _lists(inner, f"{where}[{i}]")
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _lists(inner, f"{where}/{key}")


ALL_FILES = sorted(p.name for p in LANG_VI.glob("*.yaml"))


def test_every_data_file_is_covered():
    assert set(ALL_FILES) == set(SHAPES) | {"dates.yaml", "place_cues.yaml", "triggers.yaml", "frame.yaml"}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_top_level_keys_and_types(name):
    data = _load(name)
    assert isinstance(data, dict), name
    assert {k: type(v) for k, v in data.items()} == SHAPES[name]


@pytest.mark.parametrize("name", ALL_FILES)
def test_phrases_are_clean_nfc_strings(name):
    for where, text in _strings(_load(name), name):
        assert text.strip(), f"{where}: empty"
        assert text == text.strip(), f"{where}: {text!r} has spaces at an end"
        assert unicodedata.normalize("NFC", text) == text, f"{where}: {text!r} is not NFC"
        assert "  " not in text, f"{where}: {text!r} has a double space"


@pytest.mark.parametrize("name", ALL_FILES)
def test_no_list_holds_a_phrase_twice(name):
    for where, items in _lists(_load(name), name):
        plain = [item for item in items if isinstance(item, str)]
        twice = sorted({item for item in plain if plain.count(item) > 1})
        assert not twice, f"{where}: {twice}"


def test_triggers_name_their_kind_and_words():
    entries = _load("triggers.yaml")
    assert isinstance(entries, list) and entries
    for entry in entries:
        assert "kind" in entry and ({"words", "patterns"} & set(entry)), entry
        for key in ("words", "patterns"):
            if key in entry:
                assert isinstance(entry[key], list) and entry[key], entry["kind"]
        for pattern in entry.get("patterns", []):
            re.compile(pattern)
        assert bool(entry.get("patterns")) == bool(entry.get("anchors")), entry["kind"]  # no pattern untried


def test_weapon_types_are_acled_sub_event_types():
    assert set(_load("typing.yaml")["weapons"]) <= set(SUB_EVENT_TYPES)


def test_dates_and_place_cues_are_mappings_of_lists_and_words():
    for name in ("dates.yaml", "place_cues.yaml"):
        data = _load(name)
        assert isinstance(data, dict) and data
        for key, value in data.items():
            assert isinstance(value, (dict, list, str, int)), f"{name}/{key}"


def test_every_frame_phrasing_is_read_by_the_pipeline():
    """frame.yaml holds exactly the phrasings FramePhrasings names, and the pipeline reads each one."""
    from dataclasses import fields


    names = {f.name for f in fields(FramePhrasings)}
    assert set(_load("frame.yaml")) == names
    code = "".join(p.read_text(encoding="utf-8") for p in (LANG_VI.parents[1] / "pipeline").rglob("*.py"))
    assert {name for name in names if not re.search(rf"\.frame\.{name}\b|\bphr\.{name}\b", code)} == set()
    phrasings = language("vi").frame
    assert phrasings.speech.search("Cảnh sát Bỉ cho biết") and not phrasings.speech.search("Cảnh sát Bỉ bắt giữ")


def test_a_language_missing_a_phrasing_is_refused_with_its_name(tmp_path, monkeypatch):
    import frontline.lang

    (tmp_path / "xx").mkdir()
    frame = {k: v for k, v in _load("frame.yaml").items() if k != "passive"}
    (tmp_path / "xx" / "frame.yaml").write_text(yaml.safe_dump(frame, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(frontline.lang, "LANG_DIR", tmp_path)
    with pytest.raises(ValueError, match="missing \\['passive'\\]"):
        FramePhrasings.of("xx", ("said",), ("claimed",))


def test_pipeline_steps_read_words_through_the_language_object():
    """No step loads a language's files by a code of its own: the words reach it through the
    article's Language (lang/language.py), so a second language needs no change to the steps."""
    pipeline = LANG_VI.parents[1] / "pipeline"
    loads = {p.name: re.findall(r"""load\(\s*["'][a-z]{2}["']""", p.read_text(encoding="utf-8"))
             for p in pipeline.rglob("*.py")}
    assert {name: found for name, found in loads.items() if found} == {}
    words = language("vi")
    assert words.dates.forms and words.triggers.lexicon.search("quân đội không kích")


def test_a_longer_light_verb_is_taken_before_its_first_word():
    """VietNews: "... và mở màn cuộc chạy đua vũ trang ...": "mở màn" carries the noun whole; read as
    "mở" it would leave "màn" counted as a word between a cue and a noun trigger."""
    sentence = "làm thay đổi hoàn toàn cán cân sức mạnh và mở màn cuộc chạy đua vũ trang giữa các bộ tộc Maori"
    kept = language("vi").modality.light_verbs.sub(" ", sentence).split()
    assert "màn" not in kept and "mở" not in kept and "cuộc" in kept


@pytest.mark.parametrize("sentence, nominal", [
    # VietNews: the strikes named as a noun ("những đợt không kích") are what Israel answered with
    ("một loạt pháo rocket phóng đi từ dải Gaza khiến Israel lập tức trả đũa bằng những đợt không kích dồn dập.",
     True),
    # VietNews: the verb, done by the planes of the sentence
    ("Hai chiến đấu cơ F -15 của liên quân do Mỹ dẫn đầu mới đây đã không kích vào lực lượng Kurd.", False),
])
def test_a_war_word_knows_its_noun_form_from_the_language_data(sentence, nominal):
    from frontline.pipeline.mentions.triggers import find_triggers
    from frontline.pipeline.text.normalize import fold_tones

    folded = fold_tones(sentence)
    strikes = [t for t in find_triggers(language("vi").triggers, folded, 0, len(folded)) if "không kích" in t.text]
    assert [t.nominal for t in strikes] == [nominal]
