"""The Python package against the `petrel` command: same events, same order; bad input raises."""

import datetime
import logging

import pytest

import petrel
from conftest import FALLBACK_DATE, examples, jsonl_records, read_text, run_cli

STORY = "20.03.2017\n\nJapan's foreign minister met his Russian counterpart in Tokyo on Monday."


def relative(path) -> str:
    return str(path.relative_to(path.parents[1]))


@pytest.mark.parametrize("path", [p for p in examples() if p.suffix != ".jsonl"], ids=lambda p: p.name)
def test_code_equals_the_command_on_each_example(coder, path):
    name = relative(path)  # examples/NAME, as the command names the document
    text = read_text(path)
    want, stderr = run_cli("code", "--format", "jsonl", name)
    try:
        got = coder.code(text, doc_id=name)
    except petrel.SkipError as e:
        # A story without a date: skipped by both, with the same message; then both code it on
        # the fallback date.
        assert e.reason == "no date"
        assert want == []
        assert str(e) in stderr
        want, _ = run_cli("code", "--format", "jsonl", "--date", FALLBACK_DATE, name)
        got = coder.code(text, doc_id=name, date=FALLBACK_DATE)
    assert got == want
    assert [list(e) for e in got] == [list(e) for e in want]  # the same keys in the same order


def test_code_many_equals_the_command_on_jsonl(coder):
    path = next(p for p in examples() if p.suffix == ".jsonl")
    want, _ = run_cli("code", "--format", "jsonl", relative(path))
    stream = coder.code_many(jsonl_records(path), threads=2)
    got = list(stream)
    assert got == want
    assert stream.summary["events"] == len(want)


def all_stories():
    stories = []
    for path in examples():
        if path.suffix == ".jsonl":
            stories.extend(jsonl_records(path))
        else:
            stories.append({"id": relative(path), "text": read_text(path)})
    # Stories without a date are coded on the fallback date, as the command's --date does.
    for s in stories:
        s.setdefault("date", None)
    return stories * 3


def test_two_threads_equal_one(coder):
    stories = all_stories()
    one = list(coder.code_many(stories, threads=1))
    two = coder.code_many(iter(stories), threads=2)
    assert list(two) == one
    assert len(one) > 20
    assert two.summary["documents"] + two.summary["skipped"] == len(stories)


def test_code_many_takes_tuples_and_strings(coder):
    by_tuple = list(coder.code_many([("t1", STORY, "2017-03-20")]))
    by_dict = list(coder.code_many([{"id": "t1", "text": STORY, "date": "2017-03-20"}]))
    assert by_tuple == by_dict and by_tuple
    by_str = list(coder.code_many([STORY]))
    assert [e["doc_id"] for e in by_str] == ["-:1"] * len(by_str)


def test_a_skipped_story_is_logged_and_counted_or_raised(coder, caplog):
    stories = [{"id": "empty", "text": "   "}, {"id": "ok", "text": STORY}]
    with caplog.at_level(logging.WARNING, logger="petrel"):
        stream = coder.code_many(stories)
        events = list(stream)
    assert events and all(e["doc_id"] == "ok" for e in events)
    assert stream.summary["skips"] == {"empty": 1}
    assert any("empty: empty story" in r.getMessage() for r in caplog.records)
    strict = coder.code_many(stories, errors="raise")
    with pytest.raises(petrel.SkipError, match="empty story") as e:
        list(strict)
    assert e.value.reason == "empty" and e.value.origin == "empty"


def test_code_arrow_is_the_csv_layout(coder):
    pa = pytest.importorskip("pyarrow")
    stories = [s for s in all_stories()[: len(all_stories()) // 3]]
    table = pa.table(
        {
            "id": [s.get("id") for s in stories],
            "text": [s["text"] for s in stories],
            "date": [s.get("date") for s in stories],
        }
    )
    out = coder.code_arrow(table)
    assert out.schema.names == [name for name, _ in petrel.COLUMNS]
    events = list(coder.code_many(stories))
    assert out.column("id").to_pylist() == [e["id"] for e in events]
    assert out.column("goldstein").to_pylist() == [e["goldstein"] for e in events]
    assert out.column("target_code").to_pylist() == [
        e["target"]["code"] if e["target"] else None for e in events
    ]
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame({"id": ["p1"], "text": [STORY]})
    assert coder.code_arrow(frame, date=None).num_rows >= 1


def test_parse_gives_tokens_with_character_offsets():
    text = "Шойгу met Lavrov. They talked."
    sentences = petrel.parse(text)
    assert len(sentences) == 2
    met = sentences[0]["tokens"][1]
    assert met["form"] == "met" and text[met["start"] : met["end"]] == "met"
    assert met["upos"] == "VERB" and met["lemma"] == "meet" and met["head"] == 0
    assert sentences[0]["tokens"][0]["deprel"] == "nsubj"


def test_actor_is_petrel_actor_json(coder):
    report = coder.actor("Japanese Foreign Minister", "2024-06-01")
    assert report["code"] == "JPNGOV" and report["sectors"] == ["GOV"]
    assert coder.actor("purple teapot", datetime.date(2024, 6, 1))["code"] is None
    with pytest.raises(ValueError, match="more than 64"):
        coder.actor("word " * 65, "2024-06-01")


def test_dates_may_be_dates_or_record_forms(coder):
    iso = coder.code(STORY, date="2019-05-04")
    assert iso and all(e["date"].startswith("2019-") for e in iso)
    assert coder.code(STORY, date=datetime.date(2019, 5, 4)) == iso
    assert coder.code(STORY, date="4 May 2019") == iso


# Bad input: a clear exception, never a crash.


def test_bytes_that_are_not_utf8_raise(coder):
    with pytest.raises(ValueError, match="not UTF-8 .*decode them"):
        coder.code("Paris a accueilli Kerry.".encode("cp1252") + b"\xe9\xff")
    assert coder.code(STORY.encode("utf-8")) == coder.code(STORY)


def test_none_raises(coder):
    with pytest.raises(TypeError, match="text is None"):
        coder.code(None)
    with pytest.raises(TypeError, match="text is None"):
        list(coder.code_many([{"id": "x", "text": None}]))
    with pytest.raises(TypeError, match="a story is a dict"):
        list(coder.code_many([None]))
    # The stories before a bad item are coded and handed out before its exception.
    stream = coder.code_many([{"id": "good", "text": STORY}, None, {"id": "after", "text": STORY}])
    before = []
    with pytest.raises(TypeError, match="a story is a dict"):
        for event in stream:
            before.append(event["doc_id"])
    assert before and set(before) == {"good"}
    assert {e["doc_id"] for e in stream} == {"after"}


def test_a_20_mb_string_raises(coder):
    huge = "Japan met China. " * (20 * 1024 * 1024 // 17)
    with pytest.raises(petrel.SkipError, match="story is over 10485760 bytes") as e:
        coder.code(huge, date="2017-03-20")
    assert e.value.reason == "too large"
    with pytest.raises(ValueError, match="over 10485760 bytes"):
        petrel.parse(huge)


@pytest.mark.parametrize("bad", ["2017-02-30", "2017-13-01", "yesterday-ish", ""])
def test_an_invalid_date_raises(coder, bad):
    with pytest.raises(ValueError, match="^date "):
        coder.code(STORY, date=bad)
    with pytest.raises(ValueError, match="^date "):
        list(coder.code_many([{"text": STORY, "date": bad}]))


def test_other_bad_arguments_raise(coder):
    with pytest.raises(TypeError, match="date must be"):
        coder.code(STORY, date=20170320)
    with pytest.raises(TypeError, match="must be a str, not int"):
        coder.code(42)
    with pytest.raises(ValueError, match="lone surrogates"):
        coder.code("Japan \udc80 met China.")
    with pytest.raises(petrel.SkipError, match="binary data"):
        coder.code("20.03.2017 Japan\x00 met China.")
    with pytest.raises(ValueError, match='errors="x"'):
        coder.code_many([], errors="x")
    with pytest.raises(petrel.DictionaryError, match="^dicts /no/such/folder: "):
        petrel.Coder(dicts="/no/such/folder")
    with pytest.raises(ValueError, match="coder neural: expected learned or rules"):
        petrel.Coder(coder="neural")


def test_an_undated_story_raises_with_the_commands_message(coder):
    with pytest.raises(petrel.SkipError, match="^-: the story has no date") as e:
        coder.code("Japan met China.")
    assert e.value.reason == "no date"
