"""The FAQ loader/checker: every kind of problem is reported with file and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.knowledge import KnowledgeBaseError, Problem, load_knowledge_base
from bot.knowledge.loader import ANSWER_MAX_CHARS, LABEL_MAX_CHARS, SHORT_ANSWER_MAX_CHARS

REAL_FAQ = Path(__file__).resolve().parents[2] / "faq"

SAFETY = """\
reviewed: 2026-11-25
message: "109 자살예방상담"
crisis:
  - kind: self-harm
    patterns: ["죽고 싶"]
"""
CENTER = """\
name: 서울특별시 직장맘지원센터
short_name: 직장맘지원센터
address: 서울시 어딘가 1
website: https://example.org
hours: 평일 09:00~18:00
phones:
  - team: 법률지원팀
    number: 02-000-0000
reply_time: 1일 이내
reviewed: 2026-11-25
"""
SYNONYMS = """\
synonyms:
  육아휴직: [육휴]
"""


def entry(entry_id: str = "first-entry", **extra: str) -> str:
    """One entry as YAML list item; `extra` fields are inserted verbatim (already YAML)."""
    fields = {
        "id": entry_id,
        "question": "육아휴직은 얼마나 쓸 수 있나요?",
        "variants": "[육휴 기간]",
        "keywords": "[육아휴직]",
        "answer": "1년이에요.",
        "links": "[{title: 법령, url: 'https://www.law.go.kr'}]",
        "related": "[]",
        "reviewed": "2026-11-25",
    }
    fields.update(extra)
    body = "\n".join(f"    {key}: {value}" for key, value in fields.items() if value != "-")
    return "  - " + body.lstrip() + "\n"


def group(*entries: str, name: str = "leave") -> str:
    return f"group: {name}\ntitle: 휴직\norder: 1\nentries:\n" + "".join(entries)


def make_faq(tmp_path: Path, *entries: str, **files: str) -> Path:
    """A valid FAQ folder with the given entries; `files` overrides or adds whole files."""
    contents = {
        "safety.yaml": SAFETY,
        "center.yaml": CENTER,
        "synonyms.yaml": SYNONYMS,
        "leave.yaml": group(*(entries or (entry(),))),
    }
    contents.update({name.replace("_", "."): text for name, text in files.items()})
    for name, text in contents.items():
        if text is not None:
            (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(path)
    return caught.value.problems


def test_real_faq_loads() -> None:
    knowledge = load_knowledge_base(REAL_FAQ)
    assert len(knowledge.ids) >= 46
    assert knowledge.center is not None
    assert knowledge.safety.crisis


def test_valid_folder_loads(tmp_path: Path) -> None:
    knowledge = load_knowledge_base(make_faq(tmp_path))
    assert knowledge.ids == ["first-entry"]
    assert knowledge.groups[0].entry_ids == ["first-entry"]
    assert knowledge.synonyms == {"육아휴직": ["육휴"]}


def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    broken = group(entry()) + "  - id: [unclosed\n"
    problems = problems_of(make_faq(tmp_path, leave_yaml=broken))
    assert [p.file for p in problems] == ["leave.yaml"]
    assert problems[0].line in (13, 14)  # the broken item, or where the parser gave up
    assert "syntax" in problems[0].message


def test_missing_field_reported_at_entry_line(tmp_path: Path) -> None:
    text = group(entry("ok-entry"), entry("no-review", reviewed="-"))
    problems = problems_of(make_faq(tmp_path, leave_yaml=text))
    assert [str(p) for p in problems] == [
        "leave.yaml:13: entry 'no-review': missing field 'reviewed'"
    ]


def test_unknown_field_reported_at_its_line(tmp_path: Path) -> None:
    problems = problems_of(make_faq(tmp_path, entry(answr="오타")))
    assert len(problems) == 1
    assert problems[0].line == 13
    assert "unknown field 'answr'" in problems[0].message


def test_wrong_type_reported(tmp_path: Path) -> None:
    problems = problems_of(make_faq(tmp_path, entry(variants="{a: 1}")))
    assert len(problems) == 1
    assert problems[0].line == 7
    assert "field 'variants'" in problems[0].message


def test_id_must_be_kebab_case(tmp_path: Path) -> None:
    problems = problems_of(make_faq(tmp_path, entry("Parental_Leave")))
    assert ["kebab-case" in p.message for p in problems] == [True]


def test_duplicate_id_with_overlapping_dates(tmp_path: Path) -> None:
    problems = problems_of(make_faq(tmp_path, entry("same-id"), entry("same-id")))
    assert len(problems) == 1
    assert "duplicate id" in problems[0].message
    assert "leave.yaml:5" in problems[0].message


def test_versions_with_disjoint_dates_are_allowed(tmp_path: Path) -> None:
    old = entry("paid-days", answer="2일", valid_until="2026-11-26")
    new = entry("paid-days", answer="4일", valid_from="2026-11-27")
    knowledge = load_knowledge_base(make_faq(tmp_path, old, new))
    before, after = (knowledge.entry("paid-days", date(2026, 11, d)) for d in (26, 27))
    assert before is not None
    assert before.answer == "2일"
    assert after is not None
    assert after.answer == "4일"
    assert [e.answer for e in knowledge.entries_on(date(2027, 1, 1))] == ["4일"]
    assert knowledge.ids == ["paid-days"]


def test_a_copy_with_other_entries_finds_its_own(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    knowledge = load_knowledge_base(make_faq(tmp_path / "a", entry("paid-days")))
    assert knowledge.entry("paid-days", date(2026, 12, 1)) is not None  # index made
    replacement = load_knowledge_base(make_faq(tmp_path / "b", entry("unpaid-days"))).entries
    other = knowledge.model_copy(update={"entries": replacement})
    assert other.entry("paid-days", date(2026, 12, 1)) is None
    found = other.entry("unpaid-days", date(2026, 12, 1))
    assert found is not None
    assert found.id == "unpaid-days"


def test_unknown_related_id(tmp_path: Path) -> None:
    problems = problems_of(make_faq(tmp_path, entry(related="[no-such-entry]")))
    assert [(p.line, "unknown related id 'no-such-entry'" in p.message) for p in problems] == [
        (11, True)
    ]


def test_malformed_link(tmp_path: Path) -> None:
    links = "[{title: ok, url: 'https://a.kr'}, {title: bad, url: 'www.law.go.kr'}]"
    problems = problems_of(make_faq(tmp_path, entry(links=links)))
    assert len(problems) == 1
    assert "malformed link" in problems[0].message


def test_answer_too_long(tmp_path: Path) -> None:
    answer = f"|\n      첫 문단.\n\n      {'가' * ANSWER_MAX_CHARS}"
    problems = problems_of(make_faq(tmp_path, entry(answer=answer)))
    assert len(problems) == 1
    assert f"limit {ANSWER_MAX_CHARS}" in problems[0].message


def test_empty_directory(tmp_path: Path) -> None:
    problems = problems_of(tmp_path)
    assert any("no FAQ group files" in p.message for p in problems)


def test_missing_directory(tmp_path: Path) -> None:
    problems = problems_of(tmp_path / "nowhere")
    assert "not found" in problems[0].message


def test_missing_safety_file_is_a_problem(tmp_path: Path) -> None:
    faq = make_faq(tmp_path)
    (faq / "safety.yaml").unlink()
    assert [p.message for p in problems_of(faq)] == ["safety.yaml is missing"]


def test_bad_crisis_pattern(tmp_path: Path) -> None:
    safety = SAFETY.replace('["죽고 싶"]', '["죽고 (싶"]')
    problems = problems_of(make_faq(tmp_path, safety_yaml=safety))
    assert [(p.file, "bad pattern" in p.message) for p in problems] == [("safety.yaml", True)]


def test_variant_listed_under_two_synonyms(tmp_path: Path) -> None:
    synonyms = "synonyms:\n  육아휴직: [육휴]\n  출산전후휴가: [육휴]\n"
    problems = problems_of(make_faq(tmp_path, synonyms_yaml=synonyms))
    assert ["listed under both" in p.message for p in problems] == [True]


def test_group_file_without_group_fields(tmp_path: Path) -> None:
    problems = problems_of(make_faq(tmp_path, notes_yaml="hello: world\n"))
    messages = sorted(p.message for p in problems if p.file == "notes.yaml")
    assert "entries: missing, empty or not a list" in messages
    assert "group file: unknown field 'hello'" in messages


def test_targets_file_and_subfolders_are_ignored(tmp_path: Path) -> None:
    faq = make_faq(tmp_path, targets_yaml="종합상담: 3500\n")
    (faq / "rules").mkdir()
    (faq / "rules" / "intake.yaml").write_text("not: [an, faq", encoding="utf-8")
    assert load_knowledge_base(faq).ids == ["first-entry"]


def test_all_problems_are_collected(tmp_path: Path) -> None:
    text = group(entry("Bad_Id"), entry("refers", related="[ghost]"), entry("x", reviewed="-"))
    problems = problems_of(make_faq(tmp_path, leave_yaml=text, broken_yaml="a: [\n"))
    assert len(problems) == 4
    assert {p.file for p in problems} == {"leave.yaml", "broken.yaml"}


def test_problem_string_form() -> None:
    assert str(Problem("a.yaml", 3, "bad")) == "a.yaml:3: bad"


def test_review_is_an_optional_staff_note_that_must_not_be_blank(tmp_path: Path) -> None:
    noted = entry(review="'220만원: 시행령 원문과 대조할 것'")
    kb = load_knowledge_base(make_faq(tmp_path, noted))
    assert kb.entries[0].review == "220만원: 시행령 원문과 대조할 것"
    problems = problems_of(make_faq(tmp_path, entry(review="''")))
    assert [p.message for p in problems] == [
        "entry 'first-entry': field 'review': String should have at least 1 character"
    ]


def test_the_first_paragraph_is_a_short_direct_answer(tmp_path: Path) -> None:
    short = "가" * SHORT_ANSWER_MAX_CHARS
    ok = entry(answer=f"|\n      {short}\n\n      {'나' * 500}")
    kb = load_knowledge_base(make_faq(tmp_path, ok))
    assert kb.entries[0].short_answer == short
    assert kb.entries[0].has_details
    long = entry(answer=f"|\n      {short}다\n\n      자세한 내용")
    [problem] = problems_of(make_faq(tmp_path, long))
    assert problem.message == (
        f"entry 'first-entry': first paragraph has {SHORT_ANSWER_MAX_CHARS + 1} characters "
        f"(limit {SHORT_ANSWER_MAX_CHARS}: the direct answer, details after a blank line)"
    )


def test_a_long_question_needs_a_short_label_for_its_button(tmp_path: Path) -> None:
    question = "가" * (LABEL_MAX_CHARS + 1)
    [problem] = problems_of(make_faq(tmp_path, entry(question=question)))
    assert problem.message.endswith("add a shorter 'label'")
    labelled = entry(question=question, label="육아휴직 기간")
    kb = load_knowledge_base(make_faq(tmp_path, labelled))
    assert kb.entries[0].button_label == "육아휴직 기간"


def test_every_real_answer_starts_with_a_phone_sized_direct_answer() -> None:
    knowledge = load_knowledge_base(REAL_FAQ)
    lengths = {e.id: len(e.short_answer) for e in knowledge.entries}
    assert max(lengths.values()) <= SHORT_ANSWER_MAX_CHARS
    assert all(len(e.button_label) <= LABEL_MAX_CHARS for e in knowledge.entries)


def test_a_legal_basis_written_twice_is_shown_once(tmp_path: Path) -> None:
    basis = "[남녀고용평등법 제19조, 고용보험법 제70조, 남녀고용평등법 제19조]"
    kb = load_knowledge_base(make_faq(tmp_path, entry(legal_basis=basis)))
    assert kb.entries[0].legal_basis == ["남녀고용평등법 제19조", "고용보험법 제70조"]


def test_no_real_entry_repeats_a_legal_basis_in_its_file() -> None:
    for path in REAL_FAQ.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data.get("entries", []) if isinstance(data, dict) else []:
            basis = item.get("legal_basis", [])
            assert len(basis) == len(set(basis)), (path.name, item["id"])


def test_an_english_plural_under_another_term_is_the_same_variant(tmp_path: Path) -> None:
    synonyms = "synonyms:\n  급여: [benefit]\n  지원금: [benefits]\n"
    messages = [p.message for p in problems_of(make_faq(tmp_path, synonyms_yaml=synonyms))]
    assert any("listed under both" in message for message in messages), messages
