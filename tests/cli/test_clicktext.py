"""Typer's and Click's own words in Vietnamese: help pages and usage errors, real processes."""

from __future__ import annotations

import pytest

ENGLISH = ("Usage:", "Options:", "Arguments:", "Commands:", "Show this message and exit.", "[default:", "[required]",
           "<str>", "<int", "COMMAND [ARGS]", "[OPTIONS]")


@pytest.mark.parametrize("args", [["--help"], ["visit", "train", "--help"], ["lan", "speed", "--help"],
                                  ["visit", "--help"]])
def test_help_pages_in_vietnamese_with_the_language_given_once(kfield_cmd, args):
    for where in (["--lang", "vi", *args], [*args, "--lang", "vi"]):
        page = kfield_cmd(*where).stdout
        assert page.startswith("Cách dùng: kfield") and "Tùy chọn:" in page and "Xem hướng dẫn này rồi thoát." in page
        assert not [word for word in ENGLISH if word in page], page


def test_english_help_is_unchanged(kfield_cmd):
    page = kfield_cmd("lan", "speed", "--help", "--lang", "en").stdout
    assert page.startswith("Usage: kfield lan speed") and "[default: 8737; 1<=x<=65535]" in page and "[required]" in page


def test_command_descriptions_are_not_cut_mid_word(kfield_cmd):
    import re

    page = kfield_cmd("--help", "--lang", "vi", env={"COLUMNS": "60"}).stdout
    listed = [line for line in page.split("Lệnh:")[1].split("\n\n")[0].splitlines() if line.strip()]
    assert len(listed) > 10
    for line in listed:
        description = line.split(None, 1)[1]
        if description.endswith("…"):
            from kfield.core.i18n import text

            name = line.split()[0]
            key = {"check": "help.check"}.get(name, f"help.{name}")
            full = text(key, "vi")
            stem = description[:-1]
            assert full.startswith(stem) and re.match(r"[\s,;:.—-]", full[len(stem)]), (line, full)


@pytest.mark.parametrize("args, vi, en", [
    (["chek"], "Không có lệnh 'chek'. Có phải ý bạn là 'check'?", "No such command 'chek'. Did you mean 'check'?"),
    (["visit", "train", "--topic", "x", "--officials", "-1"], "Giá trị không hợp lệ cho '--officials': phải lớn hơn "
     "hoặc bằng 0", "Invalid value for '--officials': Input should be greater than or equal to 0"),
    (["visit", "train", "--topic", "x", "--officials", "abc"], "phải là một số nguyên", "Input should be a valid integer"),
    (["visit", "train", "--topic", "x"], "Thiếu tùy chọn '--officials'.", "Missing option '--officials'."),
    (["lan", "speed", "--token", "t"], "Thiếu đối số", "Missing argument"),
    (["visit", "show", "a", "b"], "Thừa đối số (b)", "Got unexpected extra argument(s) (b)"),
    (["check", "--bogus"], "Không có tùy chọn --bogus", "No such option: --bogus"),
    (["check", "--format"], "Tùy chọn '--format' cần một giá trị.", "Option '--format' requires an argument."),
    (["check", "--format", "pdf"], "không phải một trong", "is not one of"),
])
def test_usage_errors_are_one_line_in_the_language_chosen(kfield_cmd, args, vi, en):
    for lang, expected in (("vi", vi), ("en", en)):
        done = kfield_cmd("--lang", lang, *args)
        line = done.stderr.strip()
        assert done.returncode == 2 and expected in line and len(line.splitlines()) == 1, line
        if lang == "vi":
            assert "Input should" not in line and "Value error" not in line and "Invalid value" not in line


def test_a_wrong_language_is_refused_in_one_line(kfield_cmd):
    done = kfield_cmd("--lang", "fr", "check")
    assert done.returncode == 2 and "'fr'" in done.stderr and "Value error" not in done.stderr
