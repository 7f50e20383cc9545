import re

from kfield.core.result import Measure, warn
from kfield.playbook import loader, render
from kfield.playbook.graph import mermaid
from tests.playbook.conftest import SIGNING


def test_mermaid_has_one_node_per_step_and_one_arrow_per_edge():
    playbook = loader.load(SIGNING)
    chart = mermaid(playbook, "en")
    assert chart.startswith("flowchart TD\n")
    nodes = re.findall(r"^  (n\d+)[\[{(]", chart, flags=re.M)
    arrows = re.findall(r"^  n\d+ -->\|\"[^\"]*\"\| n\d+$", chart, flags=re.M)
    assert len(nodes) == len(playbook.steps) == len(set(nodes))
    assert len(arrows) == sum(len(render.edge_labels(s, "en")) for s in playbook.steps.values())
    assert 'n1{"which-browser: Which browser does the official sign in?"}' in chart
    assert "class n1 start" in chart and "class n11 fixed" in chart


def test_mermaid_escapes_quotes_and_uses_generated_ids_for_keywords(tmp_path):
    text = SIGNING.read_text(encoding="utf-8").replace("  fixed:\n", "  end:\n").replace("next: fixed", "next: end")
    text = text.replace("en: Sign a document again. Did it work?", 'en: "Sign again. Did it \\"work\\"?"')
    path = tmp_path / "sample-signing.yaml"
    path.write_text(text, encoding="utf-8")
    chart = mermaid(loader.load(path), "en")
    assert "#quot;work#quot;" in chart and '"work"' not in chart
    assert "\n  end" not in chart  # a step called end never becomes a Mermaid keyword


def test_show_lists_every_step_with_its_edges_in_vietnamese():
    shown = render.show(loader.load(SIGNING), "vi")
    assert "Hệ thống: signing" in shown and "Biến: browser='unknown'" in shown
    assert "os-check  [Kiểm tra] PC001 Hệ điều hành" in shown
    assert "    Lỗi, Bỏ qua, Sự cố phần mềm → os-unsupported" in shown
    assert "pin-locked  [Kết thúc] Chuyển lên cấp trên (provincial_ca)" in shown


def test_fill_replaces_declared_variables_only():
    step = loader.load(SIGNING).steps["allow-lna"]
    assert render.fill(step.text, "en", {"browser": "Edge"}).startswith("In Edge: click the padlock")
    assert render.fill(step.text, "en", {}).startswith("In {browser}:")


def test_result_lines_show_status_summary_evidence_and_remedy():
    result = warn("pc.os.ending", evidence=(Measure("eos_days", 20, "days"),), remedy="pc.os.remedy",
                  os="Windows 10", days=20).stamped("PC001", 0.1, False)
    lines = render.result_lines(result, "vi")
    assert lines[0] == "  Cảnh báo: Windows 10 sẽ hết hỗ trợ bảo mật sau 20 ngày"
    assert lines[1] == "    Còn lại: 20 ngày" and lines[2].startswith("  Cách khắc phục: Đề xuất nâng cấp")


def test_outcome_lines_name_the_contact_or_say_it_is_not_configured():
    end = loader.load(SIGNING).steps["pin-locked"]
    contacts = {"provincial_ca": {"vi": "Đầu mối CA của tỉnh", "en": "Province CA contact"}}
    assert render.outcome_lines(end, "vi", {}, contacts, "p")[-1] == "Liên hệ: Đầu mối CA của tỉnh"
    assert "not set in the contacts of profile commune-office" in render.outcome_lines(end, "en", {}, {}, "commune-office")[-1]
