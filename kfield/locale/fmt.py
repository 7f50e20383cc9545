"""Catalogue entries: output formats."""

MESSAGES: dict[str, tuple[str, str]] = {
    "fmt.summary": ("{counts} — {seconds} giây, hồ sơ {profile}, máy {host}",
                    "{counts} — {seconds} s, profile {profile}, host {host}"),
    "fmt.summary_interrupted": ("ĐÃ DỪNG GIỮA CHỪNG: {counts} — {seconds} giây, hồ sơ {profile}, máy {host}",
                                "INTERRUPTED: {counts} — {seconds} s, profile {profile}, host {host}"),
    "fmt.col.check": ("Bước kiểm tra", "Check"),
    "fmt.col.result": ("Kết quả", "Result"),
}
