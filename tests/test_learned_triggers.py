"""The sentence models: an event told in words no trigger list holds is still read, and doubted.

Each sentence is copied from /work/shared/corpus (VietNews, never coded, never in the eval sets).
"""
from __future__ import annotations

import re
import unicodedata

from passages import corpus_texts

from frontline.lang.language import language
from frontline.learn.sentence_features import word_runs
from frontline.pipeline import candidate_events, shipped_models
from frontline.pipeline.explanation import Explanation
from frontline.pipeline.mentions.learned_triggers import shipped_reader
from frontline.pipeline.mentions.triggers import find_triggers
from frontline.pipeline.text.normalize import fold_tones
from frontline.pipeline.text.segment import sentences
from frontline.record import Document, Published

# vietnews-031295 (2017): IS fights on at Al-Mayadeen; "chiến đấu" (to fight) is in no trigger list
FIGHT = ("Vào sáng sớm ngày hôm nay 29/3, Nhà nước Hồi giáo IS tiếp tục chiến đấu bằng những đòn trực diện "
         "nhằm vào vị trí SAA ở Tây Nam ngoại ô thị trấn Al - Mayadeen.")
# vietnews-032827: a wildfire, told with deaths and a date like an attack
WILDFIRE = ("Một trong ba vụ cháy rừng lớn ở California đã thiêu rụi gần như toàn bộ một thị trấn ở khu vực này "
            "và khiến 9 người thiệt mạng, CNN dẫn lời các quan chức địa phương hôm 10/11.")


def _only_sentence(text: str):
    folded = fold_tones(unicodedata.normalize("NFC", text))
    [sentence] = sentences(folded)
    assert not find_triggers(language("vi").triggers, folded, sentence.start, sentence.end)
    return folded, sentence


def test_the_passages_are_real_and_hold_no_war_word():
    texts = corpus_texts()
    assert FIGHT in texts["vietnews-031295"] and WILDFIRE in texts["vietnews-032827"]
    _only_sentence(FIGHT)
    _only_sentence(WILDFIRE)


def test_word_runs_carry_their_offsets():
    folded, sentence = _only_sentence(FIGHT)
    runs = word_runs(folded, sentence.start, sentence.end)
    words = len(re.findall(r"\w+", folded))   # "29/3" is two words
    assert len(runs) == 3 * words - 3  # runs of one, two and three words
    for run, start, end in runs:
        assert re.findall(r"\w+", folded[start:end].lower()) == run.split(" ")   # a run spans its words
    assert ("chiến đấu", folded.index("chiến đấu"), folded.index("chiến đấu") + len("chiến đấu")) in runs


def test_a_fight_told_without_a_war_word_is_read_at_its_words():
    reader = shipped_reader()
    assert reader is not None
    folded, sentence = _only_sentence(FIGHT)
    trigger = reader.trigger(folded, sentence)
    assert trigger is not None and trigger.kind == "Armed clash"
    assert "chiến đấu" in trigger.text and trigger.learned >= reader.detector.threshold


def test_a_wildfire_is_read_less_surely_than_a_fight():
    reader = shipped_reader()
    fight = reader.chance(*_only_sentence(FIGHT))
    fire = reader.chance(*_only_sentence(WILDFIRE))
    assert fire < fight


def test_a_learned_reading_is_doubted_and_joins_the_event_it_tells():
    """In an article the gate lets through, the learned reading is a doubted candidate; here it is the
    clash at Al-Mayadeen the next sentence names with a war word ("Dù tấn công quyết liệt")."""
    text = corpus_texts()["vietnews-031295"]
    doc = Document("vietnews-031295", unicodedata.normalize("NFC", text), Published.parse("2017-03-29"))
    explain = Explanation(doc.doc_id)
    found = [event for event, _ in candidate_events(doc, explain, shipped_models())]
    [doubted] = [t for t in explain.triggers if t["reason"].startswith("learned")]
    assert (doubted["trigger"], doubted["outcome"]) == ("chiến đấu", "doubted")
    [clash] = [e for e in found if any(s.role == "trigger" and s.start == doubted["start"] for s in e.evidence)]
    assert (clash.sub_event_type, clash.location, clash.event_date) == ("Armed clash", "Al Mayadin", "2017-03-29")
