from kfield.net import oui


def test_registered_prefixes_have_vendors():
    assert "Dell" in oui.vendor("00:14:22:01:02:03")
    assert "Canon" in oui.vendor("00:1e:8f:00:00:01")


def test_locally_administered_and_empty_have_none():
    assert oui.vendor("02:42:ac:11:00:02") == ""   # docker-style random MAC
    assert oui.vendor("") == ""
