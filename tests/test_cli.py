"""The command line: every command documents itself; explain shows the reasoning behind a row."""
from __future__ import annotations

import json

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


def test_explain_says_why_a_football_report_is_skipped(tmp_path):
    # dantri-news_sport_105 (a V-League report): "tấn công" in its football sense
    text = ("Ở trên hàng công, tài cầm quân của \"Zico Thái\" cũng được thể hiện bằng việc sử dụng rất linh hoạt "
            "các cầu thủ tấn công. Đội bóng phố núi đã có chiến thắng thuyết phục trước đối thủ.")
    path = tmp_path / "sport.jsonl"
    path.write_text(json.dumps({"id": "sport", "text": text, "published": "2021-04-10"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["explain", str(path), "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["events"] == []
    assert record["verdict"].startswith("skipped") or all(t["outcome"] != "event" for t in record["triggers"])


def test_explain_shows_the_sense_and_sub_type_of_a_real_attack(tmp_path):
    # vietnews-031086: an Israeli interception, reported by Sputnik
    text = ("Sputnik đưa tin, thông cáo của Lực lượng Phòng vệ Israel (IDF) cho hay 1 máy bay không người lái (UAV) "
            "không rõ nguồn gốc xâm nhập không phận Israel bị lực lượng này bắn hạ bằng tên lửa phòng không Patriot.")
    path = tmp_path / "idf.jsonl"
    path.write_text(json.dumps({"id": "idf", "text": text, "published": "2018-07-12"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["explain", str(path)])
    assert result.exit_code == 0, result.output
    assert "Disrupted weapons use" in result.output
    assert "'bắn hạ'" in result.output
