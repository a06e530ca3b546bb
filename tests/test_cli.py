"""The command line: every command documents itself; explain shows the reasoning behind a row."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from typer.testing import CliRunner

from frontline.cli import app

runner = CliRunner()


def _commands() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def explain(tmp_path, doc_id: str, published: str, text: str, *options: str):
    """`frontline explain` of one article written as JSON lines; the run must succeed."""
    path = tmp_path / f"{doc_id}.jsonl"
    path.write_text(json.dumps({"id": doc_id, "text": text, "published": published}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["explain", str(path), *options])
    assert result.exit_code == 0, result.output
    return result


def test_explain_says_why_a_football_report_is_skipped(tmp_path):
    # dantri-news_sport_105 (a V-League report): "tấn công" in its football sense
    text = ("Ở trên hàng công, tài cầm quân của \"Zico Thái\" cũng được thể hiện bằng việc sử dụng rất linh hoạt "
            "các cầu thủ tấn công. Đội bóng phố núi đã có chiến thắng thuyết phục trước đối thủ.")
    record = json.loads(explain(tmp_path, "sport", "2021-04-10", text, "--json").output)
    assert record["events"] == []
    assert record["verdict"].startswith("skipped") or all(t["outcome"] != "event" for t in record["triggers"])


def test_explain_shows_the_sense_and_sub_type_of_a_real_attack(tmp_path):
    # vietnews-031086: an Israeli interception, reported by Sputnik
    text = ("Sputnik đưa tin, thông cáo của Lực lượng Phòng vệ Israel (IDF) cho hay 1 máy bay không người lái (UAV) "
            "không rõ nguồn gốc xâm nhập không phận Israel bị lực lượng này bắn hạ bằng tên lửa phòng không Patriot.")
    result = explain(tmp_path, "idf", "2018-07-12", text)
    assert "Disrupted weapons use" in result.output
    assert "'bắn hạ'" in result.output


# "Trước đó, ngày 6/5, chiến đấu cơ Iraq đã khởi động một đợt không kích mới nhằm vào các tiền đồn
# của IS ở Syria." (vietnews-030303): a day with no year, so only a publication date places it
IRAQI_STRIKE = ("Trước đó, ngày 6/5, chiến đấu cơ Iraq đã khởi động một đợt không kích mới nhằm vào các tiền đồn "
                "của IS ở Syria.")


def _events(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_published_dates_a_plain_article_on_stdin():
    dated = runner.invoke(app, ["extract", "-", "--published", "2018-06-02", "--format", "jsonl"], input=IRAQI_STRIKE)
    assert dated.exit_code == 0, dated.output
    assert [(e["event_date"], e["sub_event_type"]) for e in _events(dated)] == [("2018-05-06", "Air/drone strike")]
    undated = runner.invoke(app, ["extract", "-", "--format", "jsonl"], input=IRAQI_STRIKE)
    assert _events(undated) == []


def test_explain_reads_a_plain_article_on_stdin_with_published():
    result = runner.invoke(app, ["explain", "-", "--published", "2018-06-02", "--json"], input=IRAQI_STRIKE)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert len(record["events"]) == 1
    assert any(t["outcome"] == "event" and t["date"] == "2018-05-06" for t in record["triggers"])


def test_a_date_header_in_the_text_file_wins_over_published(tmp_path):
    article = tmp_path / "strike.txt"
    article.write_text(" date 2019-06-02 " + IRAQI_STRIKE, encoding="utf-8")
    done = runner.invoke(app, ["extract", str(article), "--published", "2018-06-02", "--format", "jsonl"])
    assert [e["event_date"] for e in _events(done)] == ["2019-05-06"]


def test_published_in_the_future_is_refused_for_that_article():
    done = runner.invoke(app, ["extract", "-", "--published", "2999-01-01", "--format", "jsonl"], input=IRAQI_STRIKE)
    assert done.exit_code == 1
    assert "in the future" in done.output


def test_version():
    done = runner.invoke(app, ["--version"])
    assert done.exit_code == 0 and done.stdout.startswith("frontline ")


def test_extract_ends_with_a_summary_line(tmp_path):
    out = tmp_path / "events.jsonl"
    done = runner.invoke(app, ["extract", "-", "--published", "2018-06-02", "-o", str(out)], input=IRAQI_STRIKE)
    assert done.exit_code == 0
    last = done.stderr.strip().splitlines()[-1]
    assert re.fullmatch(rf"1 article\(s\) → 1 event\(s\), 0 failed, [\d.]+ s → {re.escape(str(out))}", last), last


def test_progress_for_a_log_file_says_where_the_run_is(tmp_path, capsys, corpus_articles):
    from frontline.progress import PLAIN_EVERY, LazyProgress, count_items

    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n\n" for a in corpus_articles), encoding="utf-8")
    assert count_items([str(feed)]) == len(corpus_articles)      # blank lines are not articles
    assert count_items([str(feed), "-"]) is None                 # standard input: unknown
    with LazyProgress("extracting", total=2 * PLAIN_EVERY) as progress:
        for _ in range(PLAIN_EVERY):
            progress.advance()
    said = capsys.readouterr().err.strip().splitlines()
    assert len(said) == 1 and said[0].startswith(f"extracting: {PLAIN_EVERY:,}/{2 * PLAIN_EVERY:,} articles, ")
    assert "s left" in said[0]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_table_fits_an_80_column_terminal_without_splitting_dates(monkeypatch):
    from frontline import extract
    from frontline.events_table import events_table

    monkeypatch.setenv("COLUMNS", "80")
    events = extract(IRAQI_STRIKE, published="2018-06-02")
    screen = _Terminal()
    events_table(events, screen)
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in screen.getvalue().splitlines()]
    assert max(len(line) for line in lines) <= 80
    assert any("2018-05-06 (1)" in line for line in lines)      # the date whole, on one line
    assert any("time_precision" in line for line in lines)      # "(prec)" explained


def test_extract_csv_keeps_evidence_as_readable_columns(tmp_path):
    out = tmp_path / "events.csv"
    done = runner.invoke(app, ["extract", "-", "--published", "2018-06-02", "--format", "csv", "-o", str(out)],
                         input=IRAQI_STRIKE)
    assert done.exit_code == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1 and "evidence" not in rows[0]
    row = rows[0]
    assert row["evidence_sentence"] == IRAQI_STRIKE and row["evidence_trigger"] == "đợt không kích"
    assert row["evidence_date"] == "ngày 6/5"
    spans = dict(part.rsplit(" ", 1) for part in row["evidence_spans"].split("; "))
    start, end = map(int, spans["trigger"].split("-"))
    assert IRAQI_STRIKE[start:end] == "đợt không kích"


def test_explain_names_an_echo_for_what_it_is_not_a_title(tmp_path):
    # pool-01250: "Các cuộc tấn công nói trên" (the attacks above) is an echo of the body's own strike, no
    # title; the reason given for dropping it used to say "title only"
    text = ("Theo Alalam đăng tải vào ngày 20/11, pháo kích dữ dội của phiến quân đã tấn công vào khu vực bệnh viện "
            "al - Basel và ngôi trường Fawzi al - Jesri tại quận al - Shahba thuộc thành phố Aleppo.\nCác cuộc tấn "
            "công nói trên đã làm thiệt mạng 10 người, trong đó có 7 trẻ em, và làm bị thương 10 người khác.")
    record = json.loads(explain(tmp_path, "echo", "2016-11-21", text, "--json").output)
    echo = [t for t in record["triggers"] if t["trigger"] == "Các cuộc tấn công" and t["outcome"] == "dropped"]
    assert echo and echo[-1]["reason"].startswith("no anchor of its own")
    assert not any("title only" in t.get("reason", "") for t in record["triggers"])
