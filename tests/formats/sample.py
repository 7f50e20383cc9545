"""A hand-built Report with hostile and Vietnamese text, shared by the format tests."""

import datetime as dt

from kfield.core import result as r
from kfield.core.report import Report

SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example/x","Bấm vào đây")'
PIPED = "a|b\\|c\nnew line"
TZ = dt.timezone(dt.timedelta(hours=7))


def results():
    # PC001 texts start with the {os} parameter, so hostile values reach the start of a cell.
    return (
        r.fail("pc.os.unsupported", os=f"Windows 7 {SCRIPT}", date="2020-01-14", remedy="pc.os.remedy",
               evidence=(r.measure("os", "Windows 7 Chuyên nghiệp"), r.measure("eos_days", -2500, "days"))
               ).stamped("PC001", 0.5, True),
        r.ok("pc.os.unknown_eos", os=FORMULA, evidence=(r.measure("os_build", "=1+2"),)).stamped("PC002", 0.25, True),
        r.warn("pc.os.ending", os=PIPED, days=30, remedy="pc.os.remedy",
               evidence=(r.measure("os", PIPED),)).stamped("PC003", 1.0, False),
        r.ok("pc.os.unknown_eos", os="-1+2").stamped("PC004", 0.0, False),
        r.ok("pc.os.unknown_eos", os="@SUM(A1:A2)").stamped("PC005", 0.0, False),
        r.ok("pc.os.unknown_eos", os="\tcmd").stamped("PC006", 0.0, False),
        r.error("core.error.crashed", error=SCRIPT).stamped("SIGN001", 2.0, True),
        r.skip("core.skip.admin").stamped("SEC001", 0.0, False),
    )


def make_report(**overrides):
    start = dt.datetime(2026, 3, 2, 8, 30, 0, tzinfo=TZ)
    fields = dict(results=results(), profile="xa-ninh-hoa", started=start,
                  finished=start + dt.timedelta(seconds=12.5), admin=True, hostname="PC-UBND-01",
                  version="9.9.9")
    fields.update(overrides)
    return Report(**fields)

