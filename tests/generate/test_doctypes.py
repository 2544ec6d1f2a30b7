"""Genre files: the bundled set, validation errors with file and line, user folders."""

from __future__ import annotations

import pytest

from negkit.errors import InputError, NegkitError
from negkit.generate.doctypes import REGISTERS, bundled_dir, load_doc_type, load_doc_types, select_doc_types

GOOD = """\
name: my-genre
title: My genre
description: A genre for tests.
structure:
  - Opening
  - Body
length:
  min_words: 100
  max_words: 300
register: informal
"""


def write(tmp_path, text, name="x.yaml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_at_least_30_bundled_genres_load_and_are_well_formed():
    dts = load_doc_types()
    assert len(dts) >= 30
    for name, dt in dts.items():
        assert dt.name == name
        assert dt.register in REGISTERS
        assert dt.structure and dt.title and dt.description
        assert 10 <= dt.length.min_words <= dt.length.max_words
        assert dt.version >= 1
        assert dt.source and dt.source.endswith(f"{name}.yaml")  # one genre per file, named after it
    for must in ("news-article", "op-ed", "reddit-thread", "forum-qa", "encyclopedia-entry", "textbook-chapter",
                 "exam-study-guide", "academic-abstract", "podcast-transcript", "interview", "press-release",
                 "blog-post", "social-media-thread", "newsletter", "product-review", "personal-email",
                 "meeting-minutes", "parliamentary-record", "quiz", "timeline", "faq", "profile", "lecture-notes",
                 "fact-sheet", "speech", "museum-placard", "chat-log", "technical-report"):
        assert must in dts, must


def test_unknown_key_names_file_line_and_suggests(tmp_path):
    p = write(tmp_path, GOOD.replace("length:", "lenght:"))
    with pytest.raises(InputError) as e:
        load_doc_type(p)
    assert str(e.value) == f"{p}:7: unknown key 'lenght' (did you mean 'length'?)"


def test_unknown_nested_key_points_at_its_line(tmp_path):
    p = write(tmp_path, GOOD.replace("  max_words: 300", "  max_word: 300"))
    with pytest.raises(InputError) as e:
        load_doc_type(p)
    assert e.value.line == 9
    assert "unknown key 'length.max_word'" in str(e.value) and "did you mean 'max_words'" in str(e.value)


@pytest.mark.parametrize(
    "edit, line, words",
    [
        (("register: informal", "register: chatty"), 10, "'register'"),
        (("  min_words: 100", "  min_words: 900"), 7, "less than min_words"),
        (("name: my-genre", "name: My Genre"), 1, "slug"),
        (("structure:\n  - Opening\n  - Body", "structure: Opening"), 4, "list of section"),
        (("title: My genre\n", ""), 1, "missing required key 'title'"),
    ],
)
def test_bad_values_are_one_line_errors_with_lines(tmp_path, edit, line, words):
    p = write(tmp_path, GOOD.replace(*edit))
    with pytest.raises(InputError) as e:
        load_doc_type(p)
    assert e.value.line == line
    assert words in str(e.value)
    assert "\n" not in str(e.value)


def test_invalid_yaml_and_non_mapping(tmp_path):
    with pytest.raises(InputError) as e:
        load_doc_type(write(tmp_path, "name: [unclosed\n"))
    assert "invalid YAML" in str(e.value)
    with pytest.raises(InputError) as e:
        load_doc_type(write(tmp_path, "- a\n- b\n"))
    assert "YAML mapping" in str(e.value)


def test_user_folder_adds_and_overrides_by_name(tmp_path):
    write(tmp_path, GOOD, "mine.yaml")
    write(tmp_path, GOOD.replace("name: my-genre", "name: news-article").replace("My genre", "Local news"), "news.yaml")
    dts = load_doc_types([tmp_path])
    assert "my-genre" in dts
    assert dts["news-article"].title == "Local news"
    assert dts["news-article"].source == str(tmp_path / "news.yaml")
    assert len(dts) == len(load_doc_types()) + 1


def test_duplicate_names_in_one_folder_and_missing_folder(tmp_path):
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD, "b.yaml")
    with pytest.raises(InputError, match="also defined"):
        load_doc_types([tmp_path], bundled=False)
    with pytest.raises(InputError, match="no such doc types folder"):
        load_doc_types([tmp_path / "nope"])


def test_select_doc_types_suggests_close_names():
    dts = load_doc_types()
    assert [d.name for d in select_doc_types(dts, ["quiz", "faq", "quiz"])] == ["quiz", "faq"]
    with pytest.raises(NegkitError, match="did you mean 'news-article'"):
        select_doc_types(dts, ["news-artcle"])


def test_bundled_dir_is_found():
    assert (bundled_dir("doc_types") / "news-article.yaml").is_file()
    assert (bundled_dir("templates") / "prompts").is_dir()
