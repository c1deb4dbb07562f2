"""/reload_faq with a YAML bomb in faq/: refused with its file:line, old content kept."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.core.test_faq_bad_files import BILLION_LAUGHS
from tests.harness import ROOT, bot_harness, make_settings


async def test_reload_refuses_a_yaml_bomb_and_keeps_answering(
    empty_db_url: str, tmp_path: Path
) -> None:
    faq_dir = tmp_path / "faq"
    shutil.copytree(ROOT / "faq", faq_dir)
    async with bot_harness(make_settings(empty_db_url, faq_dir=faq_dir)) as bot:
        before = await bot.chat.send(bot.parent, "출산휴가 며칠이에요")
        (faq_dir / "bomb.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
        [reply] = await bot.chat.send(bot.admin, "/reload_faq")
        assert "이전 내용을 그대로" in reply.text
        assert "bomb.yaml:3" in reply.text
        after = await bot.chat.send(bot.parent, "출산휴가 며칠이에요")
        assert after[0].text == before[0].text
