"""The visit commands as a student uses them, in both languages, with real files."""

import json
import os
import subprocess
import sys

import pytest


@pytest.fixture
def kf(tmp_path):
    env = {**os.environ, "KFIELD_DATA_DIR": str(tmp_path / "data"), "KFIELD_CONFIG_DIR": str(tmp_path / "config"),
           "KFIELD_NO_PROGRESS": "1"}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "kfield", *args], capture_output=True, text=True, env=env,
                              timeout=120, stdin=subprocess.DEVNULL)

    run.data = tmp_path / "data"
    return run


def test_a_whole_visit(kf):
    assert kf("member", "set", "--name", "Trần Thị Bình", "--school", "Đại học Khánh Hòa", "--team", "Tổ 5").returncode == 0
    started = kf("visit", "start", "--commune", "xa cam lam", "--member", "Lê Văn Cường", "--lang", "vi")
    assert started.returncode == 0 and "Xã Cam Lâm" in started.stderr
    assert kf("visit", "note", "Phòng một cửa mất mạng").returncode == 0
    assert kf("visit", "problem", "Không ký được", "--system", "signing", "--outcome", "escalated").returncode == 0
    assert kf("visit", "task", "eoffice", "--system", "eoffice").returncode == 0
    assert kf("visit", "train", "--topic", "Nhận diện lừa đảo", "--officials", "14").returncode == 0
    shown = json.loads(kf("visit", "show", "--json").stdout)
    assert shown["commune"] == "Xã Cam Lâm" and shown["members"] == ["Trần Thị Bình", "Lê Văn Cường"]
    assert shown["problems"][0]["outcome"] == "escalated" and shown["officials_trained"] == 14
    assert shown["systems"] == ["eoffice", "signing"] and shown["ended"] is None
    assert kf("visit", "end").returncode == 0
    listing = kf("visit", "list", "--lang", "vi").stdout
    assert "Xã Cam Lâm (22453)" in listing and "14" in listing


def test_checks_run_during_a_visit_are_attached(kf):
    kf("member", "set", "--name", "An", "--school", "NTU")
    kf("visit", "start", "--commune", "22366")
    ran = kf("check", "--only", "PC001", "--lang", "en")
    shown = json.loads(kf("visit", "show", "--json").stdout)
    assert f"Attached to visit {shown['id'].rsplit('-', 1)[-1]}\n" in ran.stderr and shown["id"] not in ran.stderr
    assert [r["check_id"] for r in shown["checks"][0]["results"]] == ["PC001"]


@pytest.mark.parametrize("args, key_words", [
    (("visit", "start", "--commune", "cam lam"), "member set"),
    (("visit", "note", "x"), "visit start"),
    (("visit", "end"), "visit start"),
    (("visit", "show", "../../etc/passwd"), "../../etc/passwd"),
])
def test_refusals_are_one_line_exit_2(kf, args, key_words):
    for lang in ("vi", "en"):
        done = kf(*args, "--lang", lang)
        assert done.returncode == 2 and key_words in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_unknown_commune_and_a_second_open_visit(kf):
    kf("member", "set", "--name", "An", "--school", "NTU")
    unknown = kf("visit", "start", "--commune", "Nha Trng", "--lang", "vi")
    assert unknown.returncode == 2 and "Phường Nha Trang" in unknown.stderr
    assert kf("visit", "start", "--commune", "Nha Trang").returncode == 0
    again = kf("visit", "start", "--commune", "Cam Lâm", "--lang", "en")
    assert again.returncode == 2 and "still open" in again.stderr


def test_a_torn_log_still_shows_with_a_warning(kf):
    kf("member", "set", "--name", "An", "--school", "NTU")
    kf("visit", "start", "--commune", "Nha Trang")
    kf("visit", "note", "một")
    log = next((kf.data / "visits").glob("*.jsonl"))
    with open(log, "ab") as handle:
        handle.write(b'{"id": "20261124T999999Z-torn", "type": "no')
    shown = kf("visit", "show", "--lang", "en")
    assert shown.returncode == 0 and "Note: một" in shown.stdout and "damaged (torn)" in shown.stderr
    short = log.stem.rsplit("-", 1)[-1]
    assert shown.stdout.startswith(f"Visit {short} — ") and log.stem not in shown.stdout     # the short id people read


def test_diff_within_a_visit_and_since_the_last_visit(kf):
    kf("member", "set", "--name", "An", "--school", "NTU")
    kf("visit", "start", "--commune", "Nha Trang")
    one = kf("visit", "diff", "--lang", "en")
    assert one.returncode == 2 and "no check runs" in one.stderr
    assert "Z-" not in one.stderr                                    # the visit named by its short id
    kf("check", "--only", "PC001")
    kf("check", "--only", "PC001")
    within = kf("visit", "diff", "--lang", "vi")
    assert within.returncode == 0 and "Vẫn tốt: 1" in within.stdout and "Đã sửa được: 0" in within.stdout
    kf("visit", "end")
    assert kf("visit", "diff", "--since-last", "--lang", "en").returncode == 2   # the latest visit is the first
    kf("visit", "start", "--commune", "Phường Nha Trang")
    kf("check", "--only", "PC001")
    since = kf("visit", "diff", "--since-last", "--lang", "en")
    assert since.returncode == 0 and "Still fine: 1" in since.stdout


def test_another_province_and_a_wrong_province_code(kf):
    kf("member", "set", "--name", "An", "--school", "NTU")
    other = kf("visit", "start", "--commune", "Nha Trang", "--province", "1", "--lang", "en")
    assert other.returncode == 2 and "No commune" in other.stderr          # Hà Nội has no Nha Trang
    wrong = kf("visit", "start", "--commune", "x", "--province", "999", "--lang", "vi")
    assert wrong.returncode == 2 and "'--province'" in wrong.stderr and "99" in wrong.stderr   # codes are 1-99


def _ids(kf):
    return sorted(p.stem for p in (kf.data / "visits").glob("*.jsonl"))


def test_cancel_a_practice_visit_keeps_its_log_and_leaves_it_out(kf, tmp_path):
    kf("member", "set", "--name", "An", "--school", "NTU")
    kf("visit", "start", "--commune", "Nha Trang")
    kf("visit", "problem", "thử", "--outcome", "fixed")
    cancelled = kf("visit", "cancel", "--reason", "tập thử", "--lang", "vi")
    practice = _ids(kf)[0]
    assert cancelled.returncode == 0 and f"Đã hủy chuyến {practice[-6:]}" in cancelled.stderr
    log = (kf.data / "visits" / f"{practice}.jsonl").read_text(encoding="utf-8")
    assert '"type":"cancel"' in log and '"reason":"tập thử"' in log and '"type":"problem"' in log
    again = kf("visit", "cancel", practice[-6:], "--lang", "en")
    assert again.returncode == 2 and "already cancelled" in again.stderr
    assert kf("visit", "start", "--commune", "Cam Lâm").returncode == 0          # the cancel closed it
    kf("visit", "end")
    listing = kf("visit", "list", "--lang", "vi").stdout
    assert "đã hủy" in listing and "Xã Cam Lâm" in listing
    exported = kf("export", "--all", "--format", "json")
    assert [v["commune"] for v in json.loads(exported.stdout)["visits"]] == ["Xã Cam Lâm"]
    refused = kf("export", "--visit", practice[-6:], "--lang", "vi")
    assert refused.returncode == 2 and "đã hủy" in refused.stderr
    nothing = kf("visit", "cancel", "--lang", "en")
    assert nothing.returncode == 2 and "name the visit" in nothing.stderr


def test_short_ids_and_unique_prefixes(kf):
    kf("member", "set", "--name", "An", "--school", "NTU")
    for commune in ("Nha Trang", "Cam Lâm"):
        kf("visit", "start", "--commune", commune)
        kf("visit", "end")
    first, second = _ids(kf)
    assert json.loads(kf("visit", "show", first[-6:], "--json").stdout)["id"] == first
    assert json.loads(kf("visit", "show", second[-6:-2], "--json").stdout)["id"] == second    # a prefix of the short id
    assert json.loads(kf("visit", "show", first, "--json").stdout)["id"] == first
    both = kf("visit", "show", first[:8], "--lang", "en")                       # the same day: both match
    assert both.returncode == 2 and first[-6:] in both.stderr and second[-6:] in both.stderr
    none = kf("visit", "show", "zzzz", "--lang", "vi")
    assert none.returncode == 2 and "Không có chuyến công tác zzzz" in none.stderr


def test_visit_list_has_headers_and_local_times(kf):
    kf("member", "set", "--name", "An", "--school", "NTU")
    kf("visit", "start", "--commune", "Nha Trang")
    visit_id = _ids(kf)[0]
    started = json.loads(kf("visit", "show", "--json").stdout)["started"]          # UTC in JSON
    assert started.endswith("+00:00")
    import datetime as dt

    local = dt.datetime.fromisoformat(started).astimezone(dt.timezone(dt.timedelta(hours=7)))
    lines = kf("visit", "list", "--lang", "vi").stdout.splitlines()
    assert lines[0].split() == ["Mã", "Xã,", "phường", "Bắt", "đầu", "Kết", "thúc", "Sự", "cố", "Cán", "bộ", "tập", "huấn"]
    assert lines[1].startswith(f"* {visit_id[-6:]}") and local.strftime("%d/%m/%Y %H:%M") in lines[1]
    assert "đang mở" in lines[1] and "UTC+7" in lines[-1] and lines[-1].startswith("* ")
    english = kf("visit", "list", "--lang", "en").stdout.splitlines()
    assert english[0].split()[:2] == ["Id", "Commune"] and "open" in english[1]
    kf("visit", "end")
    ended = kf("visit", "list", "--lang", "en").stdout.splitlines()
    assert not ended[1].startswith("*") and "UTC+7" in ended[-1] and not ended[-1].startswith("*")   # no open visit


def test_decomposed_vietnamese_input_is_stored_composed(kf):
    import unicodedata

    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731 - what a cp1258 console delivers
    kf("member", "set", "--name", nfd("Lê Thị Huyền"), "--school", nfd("Đại học Nha Trang"))
    assert kf("visit", "start", "--commune", nfd("Xã Cam Lâm"), "--member", nfd("Nguyễn Văn Đông")).returncode == 0
    kf("visit", "note", nfd("Mất mạng ở phòng một cửa"))
    kf("visit", "problem", nfd("Không ký được"), "--system", "signing")
    kf("visit", "train", "--topic", nfd("Nhận diện lừa đảo"), "--officials", "3")
    kf("visit", "task", "vneid")
    log = next((kf.data / "visits").glob("*.jsonl")).read_text(encoding="utf-8")
    assert log == unicodedata.normalize("NFC", log)
    for word in ("Lê Thị Huyền", "Nguyễn Văn Đông", "Mất mạng ở phòng một cửa", "Không ký được", "Nhận diện lừa đảo"):
        assert word in log


@pytest.mark.parametrize("typed, expected", [("Cam Lâm, Khánh Hòa", "Xã Cam Lâm"), ("cam la", "Xã Cam Lâm"),
                                             ("Xã Cam Lâm, tỉnh Khánh Hòa", "Xã Cam Lâm")])
def test_commune_with_the_province_or_a_unique_start(kf, typed, expected):
    kf("member", "set", "--name", "An", "--school", "NTU")
    done = kf("visit", "start", "--commune", typed, "--lang", "vi")
    assert done.returncode == 0 and expected in done.stderr


def test_a_partial_name_lists_every_candidate(kf):
    kf("member", "set", "--name", "An", "--school", "NTU")
    for lang in ("vi", "en"):
        done = kf("visit", "start", "--commune", "cam", "--lang", lang)
        assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
        for unit in ("Phường Cam Ranh", "Phường Cam Linh", "Xã Cam Lâm", "Xã Cam Hiệp", "Xã Cam An"):
            assert unit in done.stderr


def test_one_vocabulary_of_systems_for_tasks_and_problems(kf):
    kf("member", "set", "--name", "An", "--school", "NTU")
    kf("visit", "start", "--commune", "Nha Trang")
    assert kf("visit", "task", "internet").returncode == 0
    assert kf("visit", "problem", "Mất mạng", "--system", "internet").returncode == 0
    shown = json.loads(kf("visit", "show", "--json").stdout)
    assert shown["systems"] == ["network"] and shown["problems"][0]["system"] == "network"
    helped = kf("visit", "problem", "--help", "--lang", "vi").stdout
    assert "ký số" in helped and "signing" in helped
    bad = kf("visit", "problem", "x", "--system", "wifi", "--lang", "vi")
    assert bad.returncode == 2 and "Hệ thống «wifi» không hợp lệ" in bad.stderr and "mạng LAN" in bad.stderr
    recorded = kf("visit", "note", "ghi", "--lang", "vi")
    assert "(ghi chú)" in recorded.stderr and "(note)" not in recorded.stderr


def test_diff_of_runs_sharing_no_check_says_so(kf):
    kf("member", "set", "--name", "An", "--school", "NTU")
    kf("visit", "start", "--commune", "Nha Trang")
    kf("check", "--only", "PC001")
    kf("check", "--only", "PC002")
    for lang, words in (("vi", "không so sánh"), ("en", "nothing to compare")):
        done = kf("visit", "diff", "--lang", lang)
        assert done.returncode == 0 and words in done.stdout and ": 0" not in done.stdout


def test_show_streams_the_same_text_the_whole_visit_gives(kf):
    """`visit show` folds an outline and reads notes (and for --json check runs) again line by line: its
    text and its JSON are those of the visit replayed whole, with every kind of event and a damaged line."""
    from kfield.formats import visit as render
    from kfield.visit import visits

    kf("member", "set", "--name", "An", "--school", "NTU")
    kf("visit", "start", "--commune", "Nha Trang")
    for args in (("note", "một\x1b[31m"), ("problem", "Máy in", "--system", "printer"), ("check", "--only", "PC001"),
                 ("task", "lan"), ("note", "hai"), ("train", "--topic", "ATTT", "--officials", "3"), ("end",)):
        assert kf(*(args if args[0] == "check" else ("visit", *args))).returncode == 0
    log = next((kf.data / "visits").glob("*.jsonl"))
    with open(log, "ab") as handle:
        handle.write(b'{"damaged": 1}\n')
    whole, _ = visits.replay(log, log.stem)
    assert len(whole.notes) == 2 and len(whole.checks) == 1 and whole.problems and whole.trainings
    for lang in ("vi", "en"):
        shown = kf("visit", "show", "--lang", lang)
        assert shown.returncode == 0 and shown.stdout == render.text_summary(whole, lang)
        assert "\x1b" not in shown.stdout and len(shown.stderr.strip().splitlines()) == 1
    as_json = kf("visit", "show", "--json")
    assert as_json.stdout == json.dumps(render.as_dict(whole), ensure_ascii=False, indent=2) + "\n"


def test_visit_list_from_outlines_is_the_list_of_whole_visits(kf, monkeypatch):
    from kfield.formats import visit as render
    from kfield.visit import visits

    kf("member", "set", "--name", "An", "--school", "NTU")
    for commune in ("Nha Trang", "Cam Lâm"):
        kf("visit", "start", "--commune", commune)
        for args in (("note", "một"), ("problem", "Máy in"), ("train", "--topic", "ATTT", "--officials", "5"), ("end",)):
            assert kf("visit", *args).returncode == 0
    (kf.data / "visits" / "20200101T000000.000000Z-dead00.jsonl").write_text("{}\n")     # no start: named
    monkeypatch.setenv("KFIELD_DATA_DIR", str(kf.data))
    outlined = visits.load_all()
    whole = [[visits.replay(visits.log_path(i), i)[0] for i in visits.all_ids() if not i.endswith("dead00")]]
    assert len(whole[0]) == 2 and len(outlined[1]) == 1 and "dead00" in outlined[1][0].path
    assert [v.notes for v in outlined[0]] == [(), ()] and [len(v.notes) for v in whole[0]] == [1, 1]
    for lang in ("vi", "en"):
        assert render.listing(outlined[0], None, lang) == render.listing(whole[0], None, lang)
        assert kf("visit", "list", "--lang", lang).stdout == render.listing(whole[0], None, lang)


def test_vocabularies_take_vietnamese_words_with_or_without_marks(kf):
    kf("member", "set", "--name", "An", "--school", "NTU")
    kf("visit", "start", "--commune", "Nha Trang")
    assert kf("visit", "problem", "Kẹt giấy", "--system", "máy in", "--outcome", "đã xử lý").returncode == 0
    assert kf("visit", "problem", "Không ký được", "--system", "ky so", "--outcome", "chuyen cap tren").returncode == 0
    assert kf("visit", "task", "mang lan").returncode == 0
    shown = json.loads(kf("visit", "show", "--json").stdout)
    assert [(p["system"], p["outcome"]) for p in shown["problems"]] == [("printer", "fixed"), ("signing", "escalated")]
    assert shown["tasks"] == ["lan"]
    for args, words in ((("task", "sửa quạt"), ("«sửa quạt»", "lan (mạng LAN)", "vneid (VNeID, Đề án 06)")),
                        (("problem", "x", "--outcome", "xong"), ("«xong»", "fixed (đã xử lý)", "pending (còn chờ)"))):
        bad = kf("visit", *args, "--lang", "vi")
        assert bad.returncode == 2 and all(w in bad.stderr for w in words), bad.stderr
    helped = kf("visit", "problem", "--help", "--lang", "vi").stdout
    assert "may in" in helped and "đã xử lý" in helped
    exported = kf("export", "-f", "csv", "--table", "su co", "--lang", "vi")
    assert exported.returncode == 0 and exported.stdout.startswith("\ufeffMã chuyến,\"Xã, phường\",Hệ thống")
    bad = kf("export", "-f", "csv", "--table", "bảng lương", "--lang", "vi")
    assert bad.returncode == 2 and "problems (Sự cố)" in bad.stderr
