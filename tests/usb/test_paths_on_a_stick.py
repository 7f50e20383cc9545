"""Where kfield keeps its data when it runs from a kit: KFIELD_KIT (set by the launchers) names a
folder with MANIFEST.sha256 and verify.py; everything then goes under <kit>/kfield-data."""

from kfield.core import paths
from kfield.usb import stick


def _kit(tmp_path):
    (tmp_path / "MANIFEST.sha256").write_text("", encoding="utf-8")
    (tmp_path / "verify.py").write_text("", encoding="utf-8")
    return tmp_path


def test_a_kit_keeps_data_member_logs_and_caches_on_the_stick(tmp_path):
    env = {"KFIELD_KIT": str(_kit(tmp_path))}
    data = tmp_path / "kfield-data"
    assert paths.kit_root(env) == tmp_path and paths.data_dir(env) == data == paths.config_dir(env)
    assert paths.log_dir(env) == data / "logs" and paths.cache_dir(env) == data / "cache"


def test_a_folder_that_is_not_a_kit_is_not_taken_for_one(tmp_path):
    assert paths.kit_root({"KFIELD_KIT": str(tmp_path)}) is None


def test_kfield_data_dir_covers_the_member_and_config_dir_still_wins(tmp_path):
    assert paths.config_dir({"KFIELD_DATA_DIR": str(tmp_path)}) == tmp_path
    assert paths.config_dir({"KFIELD_DATA_DIR": str(tmp_path), "KFIELD_CONFIG_DIR": str(tmp_path / "c")}) == tmp_path / "c"


def test_the_stick_remembers_the_commune_of_the_last_visit(tmp_path, monkeypatch):
    monkeypatch.setenv("KFIELD_KIT", str(_kit(tmp_path)))
    monkeypatch.delenv("KFIELD_DATA_DIR", raising=False)
    assert stick.commune() is None
    stick.remember_commune("22453", 56)
    assert stick.commune() == ("22453", 56) and (tmp_path / "kfield-data" / "stick.json").is_file()


def test_the_remembered_commune_and_the_profile_settings_live_side_by_side(tmp_path, monkeypatch):
    """Both once wrote kfield-data/settings.json: a visit started from the stick made every later
    check run refuse the settings file as damaged (exit 2, seen under wine on the merged main)."""
    from kfield.core import settings

    monkeypatch.setenv("KFIELD_KIT", str(_kit(tmp_path)))
    monkeypatch.delenv("KFIELD_DATA_DIR", raising=False)
    settings.set_value("eoffice_url", ["https://eoffice.example.vn"])
    stick.remember_commune("22453", 56)
    assert settings.load() == {"eoffice_url": ["https://eoffice.example.vn/"]}
    assert stick.commune() == ("22453", 56)


def test_off_a_stick_nothing_is_remembered(tmp_path, monkeypatch):
    monkeypatch.delenv("KFIELD_KIT", raising=False)
    monkeypatch.setenv("KFIELD_DATA_DIR", str(tmp_path))
    stick.remember_commune("22453", 56)
    assert stick.commune() is None and list(tmp_path.iterdir()) == []
