"""This PC's own settings (`kfield profile set|unset|show`) and the default Khánh Hòa profile."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kfield.core import settings
from kfield.core.errors import UsageError
from kfield.core.profile import DEFAULT_PROFILE, load_profile

ROOT = Path(__file__).resolve().parents[2]
PROVINCE = ["dichvucong.khanhhoa.gov.vn", "pakn.khanhhoa.gov.vn", "tuongtac.khanhhoa.gov.vn",
            "hanhchinhcong.khanhhoa.gov.vn", "khanhhoa.gov.vn", "dichvucong.gov.vn", "vneid.gov.vn"]


def kfield(*args, data):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KFIELD_DATA_DIR": str(data)}
    return subprocess.run([sys.executable, "-m", "kfield", *args], capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture
def env(tmp_path):
    return {"KFIELD_DATA_DIR": str(tmp_path)}


def test_the_default_profile_is_khanh_hoa_with_every_service_labelled_and_domestic(env):
    loaded = load_profile(None, local=False)
    assert DEFAULT_PROFILE == loaded.id == "khanh-hoa"
    hosts = [p.url.split("/")[2] for p in loaded.portals]
    assert hosts == PROVINCE and loaded.params["portals"] == [p.url for p in loaded.portals]
    for portal in loaded.portals:
        assert portal.domestic is True and portal.contact in loaded.contacts and portal.title["vi"] and portal.title["en"]
    assert loaded.portal("https://vneid.gov.vn/").contact == "commune_police"
    assert loaded.params["timestamp_urls"][0] == "http://ca.gov.vn/tsa"
    assert "http://ocsp.ca.gov.vn/" in loaded.params["ocsp_urls"] and len(loaded.params["ocsp_urls"]) == 7
    assert loaded.params["crl_urls"] == ["https://rootca.gov.vn/crl/vnrca256.crl"]
    assert loaded.params["eoffice_urls"] == []     # no public address: a setting


def test_a_portal_naming_a_role_that_is_not_a_contact_cites_its_place(tmp_path):
    from kfield.core.schema import SchemaError

    bad = tmp_path / "p.yaml"
    bad.write_text("version: 1\nid: p\ntitle: {vi: a, en: a}\nselect: {tags: [pc]}\n"
                   "portals:\n  x:\n    url: https://a.vn/\n    title: {vi: a, en: a}\n    contact: nobody\n    domestic: yes\n")
    with pytest.raises(SchemaError) as caught:
        load_profile(bad, local=False)
    assert caught.value.issues[0].location().endswith(":9:14")


def test_set_validates_keeps_and_lays_over_every_profile(env):
    assert settings.set_value("eoffice_url", ["https://qlvb.example.gov.vn", "https://qlvb.example.gov.vn/"], env) == [
        "https://qlvb.example.gov.vn/"]
    settings.set_value("kpi_url", ["http://kpi.example.gov.vn:8080/login"], env)
    values = settings.load(env)
    for name in ("khanh-hoa", "commune-office"):
        loaded = settings.apply(load_profile(name, local=False), values)
        assert loaded.params["eoffice_urls"] == ["https://qlvb.example.gov.vn/"]
        assert {"https://qlvb.example.gov.vn/", "http://kpi.example.gov.vn:8080/login"} <= set(loaded.params["portals"])
        kpi = loaded.portal("http://kpi.example.gov.vn:8080/login")
        assert kpi.local and kpi.contact == "kpi_admin" and kpi.title["vi"].startswith("Địa chỉ phần mềm KPI")
    assert settings.unset("kpi_url", env) and not settings.unset("kpi_url", env)
    assert settings.load(env) == {"eoffice_url": ["https://qlvb.example.gov.vn/"]}


@pytest.mark.parametrize("url", ["qlvb.example.gov.vn", "ftp://a.vn/", "https://", "https://a b.vn/",
                                 "https://user:pw@a.vn/", "https://a.vn:99999/", "javascript:alert(1)", "https://-a.vn/"])
def test_bad_addresses_are_refused(env, url):
    with pytest.raises(UsageError) as caught:
        settings.set_value("eoffice_url", [url], env)
    assert caught.value.message.key == "settings.bad_url"
    assert not settings.path(env).exists()


def test_unknown_setting_and_damaged_file(env, tmp_path):
    with pytest.raises(UsageError) as caught:
        settings.set_value("eoffice_urls", ["https://a.vn/"], env)
    assert caught.value.message.key == "settings.unknown"
    for body in ("{not json", json.dumps({"version": 1, "values": {"eoffice_url": ["ftp://x"]}}),
                 json.dumps({"version": 2, "values": {}}), json.dumps({"version": 1, "values": {"x": []}})):
        settings.path(env).write_text(body)
        with pytest.raises(UsageError) as caught:
            settings.load(env)
        assert caught.value.message.key == "settings.damaged"


def test_a_link_in_place_of_the_settings_file_is_not_followed(env, tmp_path):
    target = tmp_path / "elsewhere.json"
    target.write_text(json.dumps({"version": 1, "values": {"eoffice_url": ["https://evil.example/"]}}))
    settings.path(env).symlink_to(target)
    with pytest.raises(UsageError) as caught:
        settings.load(env)
    assert caught.value.message.key == "settings.unreadable"


def test_profile_set_show_unset_commands_in_vietnamese(tmp_path):
    saved = kfield("--lang", "vi", "profile", "set", "eoffice_url", "https://qlvb.example.gov.vn", data=tmp_path)
    assert saved.returncode == 0 and "Đã lưu Địa chỉ E-Office" in saved.stderr
    shown = kfield("--lang", "vi", "profile", "show", data=tmp_path)
    assert shown.returncode == 0 and "https://qlvb.example.gov.vn/  Địa chỉ E-Office" in shown.stdout
    assert "(đặt trên máy này)" in shown.stdout and "https://pakn.khanhhoa.gov.vn/" in shown.stdout
    assert "chưa đặt (kfield profile set kpi_url <địa chỉ>)" in shown.stdout
    bad = kfield("--lang", "vi", "profile", "set", "eoffice_url", "qlvb", data=tmp_path)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "không phải địa chỉ web" in bad.stderr
    gone = kfield("--lang", "vi", "profile", "unset", "eoffice_url", data=tmp_path)
    assert gone.returncode == 0 and "Đã bỏ" in gone.stderr


def test_the_json_schema_declares_labelled_portals_with_an_optional_domestic_flag():
    from kfield.core.profile import export_schema

    portal = export_schema()["properties"]["portals"]["patternProperties"]
    [spec] = portal.values()
    assert spec["properties"]["domestic"]["type"] == "boolean" and spec["required"] == ["url", "title"]


def test_a_link_planted_at_the_old_temporary_name_is_never_written_through(env, tmp_path):
    """The settings went through `settings.json.tmp` by name; now through kfield.core.atomic."""
    victim = tmp_path / "victim"
    victim.write_text("keep")
    (tmp_path / "settings.json.tmp").symlink_to(victim)
    where = settings.store({"gateway": ["192.168.1.1"]}, env)
    assert victim.read_text() == "keep"
    assert json.loads(where.read_text())["values"] == {"gateway": ["192.168.1.1"]}
