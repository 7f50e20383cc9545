"""Catalogue entries: Windows menus, as the PC shows them.

Each ``menu.NAME`` is (the name a Vietnamese Windows shows, the name an English Windows shows) — not a
translation for the reader: a remedy or a playbook step names it as ``{menu[NAME]}`` and
``kfield.core.i18n.menu`` picks the one this PC's display language shows, or gives both when that is
unknown. ``menu.one`` and ``menu.both`` are how one name, or both, are quoted in a sentence.

Paths are Windows 11's; where Windows 10 names the page otherwise, ``menu.NAME.win10`` holds its path
(``kfield.core.i18n.WINDOWS10``), given on Windows 10, and beside Windows 11's when the version is unknown.

Where the Vietnamese names come from:
- checked against several independent Vietnamese guides written from a Vietnamese Windows (the same
  wording in each; Microsoft's own Vietnamese pages could not be read here): «Cài đặt», «Thời gian &
  ngôn ngữ», «Mạng & Internet», «Máy in & máy quét», the Task Manager's «Tiến trình» tab.
- from knowledge of Vietnamese Windows 10/11, not checked against a source: every other name (Ngày & giờ,
  Quyền riêng tư & bảo mật, Vị trí and its two switches, Bluetooth & thiết bị, Ứng dụng, Gỡ cài đặt, the
  print queue's menu, Bắt đầu (the Start menu), Trình quản lý Thiết bị and its pages, the IPv4 dialog, Bảo mật Windows and its
  pages, Windows Update's button, Quên, Đặt thời gian tự động, Đồng bộ ngay).
Nothing here was read from a real Vietnamese-display Windows (docs/windows.md, "Not exercised").
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "menu.one": ("«{name}»", "\"{name}\""),
    "menu.both": ("«{vi}» (Windows tiếng Anh: \"{en}\")", "\"{en}\" (on a Vietnamese Windows: «{vi}»)"),
    "menu.win10": ("{name} (trên Windows 10: {win10})", "{name} (on Windows 10: {win10})"),
    "menu.start": ("Bắt đầu", "Start"),
    # Settings → Time & language (Windows 10: the same)
    "menu.datetime": ("Cài đặt → Thời gian & ngôn ngữ → Ngày & giờ", "Settings → Time & language → Date & time"),
    "menu.auto_time": ("Đặt thời gian tự động", "Set time automatically"),
    "menu.sync_now": ("Đồng bộ ngay", "Sync now"),
    # Task Manager (Ctrl+Shift+Esc)
    "menu.task_manager": ("Trình quản lý Tác vụ", "Task Manager"),
    "menu.processes_tab": ("Tiến trình", "Processes"),
    "menu.network_column": ("Mạng", "Network"),
    "menu.windows_update": ("Cài đặt → Windows Update → Kiểm tra cập nhật", "Settings → Windows Update → Check for updates"),
    "menu.windows_update.win10": ("Cài đặt → Cập nhật & Bảo mật → Windows Update → Kiểm tra cập nhật",
                                  "Settings → Update & Security → Windows Update → Check for updates"),
    # Settings → Network & Internet (Windows 10: the same)
    "menu.proxy": ("Cài đặt → Mạng & Internet → Proxy", "Settings → Network & Internet → Proxy"),
    "menu.forget": ("Quên", "Forget"),
    "menu.location": ("Cài đặt → Quyền riêng tư & bảo mật → Vị trí", "Settings → Privacy & security → Location"),
    "menu.location.win10": ("Cài đặt → Quyền riêng tư → Vị trí", "Settings → Privacy → Location"),
    "menu.location_services": ("Dịch vụ vị trí", "Location services"),
    "menu.desktop_apps_location": ("Cho phép ứng dụng trên máy tính truy cập vị trí của bạn",
                                   "Let desktop apps access your location"),
    "menu.desktop_apps_location.win10": ("Cho phép ứng dụng trên máy tính truy cập vị trí của bạn",
                                         "Allow desktop apps to access your location"),
    # Windows 10: Settings → Apps → Apps & features
    "menu.apps": ("Cài đặt → Ứng dụng", "Settings → Apps"),
    "menu.uninstall": ("Gỡ cài đặt", "Uninstall"),
    "menu.printers": ("Cài đặt → Bluetooth & thiết bị → Máy in & máy quét", "Settings → Bluetooth & devices → Printers & scanners"),
    "menu.printers.win10": ("Cài đặt → Thiết bị → Máy in & máy quét", "Settings → Devices → Printers & scanners"),
    "menu.print_queue": ("Mở hàng đợi in", "Open print queue"),
    "menu.cancel_all": ("Máy in → Hủy tất cả tài liệu", "Printer → Cancel All Documents"),
    "menu.printer_offline": ("Dùng máy in ngoại tuyến", "Use Printer Offline"),
    # Device Manager (right-click Start)
    "menu.device_manager": ("Trình quản lý Thiết bị → Bộ điều hợp mạng", "Device Manager → Network adapters"),
    "menu.power_management": ("Thuộc tính → Quản lý nguồn", "Properties → Power Management"),
    "menu.allow_turn_off": ("Cho phép máy tính tắt thiết bị này để tiết kiệm điện",
                            "Allow the computer to turn off this device to save power"),
    # the adapter's Properties (ncpa.cpl)
    "menu.ipv4": ("Giao thức Internet Phiên bản 4 (TCP/IPv4) → Thuộc tính",
                  "Internet Protocol Version 4 (TCP/IPv4) → Properties"),
    "menu.dns_auto": ("Tự động lấy địa chỉ máy chủ DNS", "Obtain DNS server address automatically"),
    # Windows Security
    "menu.firewall": ("Bảo mật Windows → Tường lửa & bảo vệ mạng", "Windows Security → Firewall & network protection"),
    "menu.virus": ("Bảo mật Windows → Bảo vệ khỏi vi-rút & mối đe dọa", "Windows Security → Virus & threat protection"),
    "menu.defender_scan": ("Quét bằng Microsoft Defender", "Scan with Microsoft Defender"),
}
