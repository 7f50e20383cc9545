"""Catalogue entries: computer checks (PC)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "check.PC001.title": ("Hệ điều hành", "Operating system"),
    "check.PC001.desc": ("Tên, phiên bản, bản dựng và hạn hỗ trợ bảo mật của hệ điều hành (ngày lấy từ hồ sơ).",
                         "OS name, version, build and end of security support (dates from the profile)."),
    "param.os_end_of_support": ("Ngày hết hỗ trợ theo hệ điều hành", "End-of-support date per OS"),
    "param.os_eos_warn_days": ("Cảnh báo khi còn ít hơn số ngày này", "Warn when fewer days than this remain"),
    "pc.os.unknown_eos": ("{os}: không có ngày hết hỗ trợ trong hồ sơ", "{os}: no end-of-support date in the profile"),
    "pc.os.unsupported": ("{os} đã hết hỗ trợ bảo mật từ {date}", "{os} has had no security support since {date}"),
    "pc.os.ending": ("{os} sẽ hết hỗ trợ bảo mật sau {days} ngày", "{os} loses security support in {days} days"),
    "pc.os.supported": ("{os} còn được hỗ trợ đến {date}", "{os} is supported until {date}"),
    "pc.os.remedy": ("Đề xuất nâng cấp lên Windows 10/11 còn hỗ trợ; một số hệ thống ký số cần Windows 10 trở lên.",
                     "Propose an upgrade to a supported Windows 10/11; some signing systems need Windows 10 or later."),
    "ev.os": ("Hệ điều hành", "OS"),
    "ev.os_build": ("Bản dựng", "Build"),
    "ev.eos_date": ("Hết hỗ trợ", "End of support"),
    "ev.eos_days": ("Còn lại", "Remaining"),
}
