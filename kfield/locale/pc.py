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
    "pc.windows.no_answer.processes": ("Không kiểm tra được: Windows không trả lời câu hỏi về các tiến trình (mã {code})",
                                       "Could not check: Windows did not answer the question about the running "
                                       "processes (code {code})"),
    "pc.os.remedy.windows10": (
        "Windows 10 hết hỗ trợ bảo mật từ 14/10/2025: đăng ký Cập nhật bảo mật mở rộng (ESU) cho máy này, "
        "hoặc nâng lên Windows 11 nếu phần cứng đáp ứng (TPM 2.0, bộ xử lý được hỗ trợ: xem ứng dụng "
        "Kiểm tra tình trạng PC); một số hệ thống ký số cần Windows 10 trở lên.",
        "Windows 10 has had no security support since 14 Oct 2025: enrol this PC in Extended Security "
        "Updates (ESU), or upgrade to Windows 11 where the hardware allows (TPM 2.0, a supported processor: "
        "see the PC Health Check app); some signing systems need Windows 10 or later."),
    "pc.os.remedy.windows11": (
        "Cài bản cập nhật tính năng mới nhất của Windows 11 ({menu[windows_update]}).",
        "Install the latest Windows 11 feature update ({menu[windows_update]})."),
    "pc.os.remedy": ("Đề xuất nâng cấp lên Windows 10/11 còn hỗ trợ; một số hệ thống ký số cần Windows 10 trở lên.",
                     "Propose an upgrade to a supported Windows 10/11; some signing systems need Windows 10 or later."),
    "ev.os": ("Hệ điều hành", "OS"),
    "ev.os_build": ("Bản dựng", "Build"),
    "ev.eos_date": ("Hết hỗ trợ", "End of support"),
    "ev.eos_days": ("Còn lại", "Remaining"),
    # PC002 CPU
    "check.PC002.title": ("Tải CPU", "CPU load"),
    "check.PC002.desc": ("Mức dùng CPU đo trong 1 giây; cảnh báo khi máy gần như quá tải.",
                         "CPU use sampled over one second; warns when the PC is close to saturated."),
    "param.cpu_load_warn_pct": ("Cảnh báo khi CPU dùng trên mức này (%)", "Warn above this CPU use (%)"),
    "pc.cpu.ok": ("CPU đang dùng {percent} %", "CPU at {percent}%"),
    "pc.cpu.busy": ("CPU quá tải: {percent} %", "CPU overloaded: {percent}%"),
    "pc.cpu.remedy": ("Mở {menu[task_manager]} (Ctrl+Shift+Esc), thẻ {menu[processes_tab]}, sắp xếp theo CPU để tìm chương trình gây tải; "
                      "nếu là Windows Update hoặc quét virus thì chờ chạy xong, nếu là chương trình bị treo thì lưu việc rồi đóng nó.",
                     "Open {menu[task_manager]} (Ctrl+Shift+Esc), the {menu[processes_tab]} tab, sort by CPU to find the cause; "
                      "if it is Windows Update or a virus scan let it finish, if a program hangs save work and close it."),
    "pc.cpu.remedy.linux": ("Chạy top (hoặc System Monitor), sắp xếp theo %CPU để tìm chương trình gây tải; nếu là cập nhật "
                            "hoặc quét virus thì chờ chạy xong, nếu là chương trình bị treo thì lưu việc rồi đóng nó.",
                            "Run top (or System Monitor) and sort by %CPU to find the cause; if it is an update or a virus "
                            "scan let it finish, if a program hangs save work and close it."),
    "ev.cpu_percent": ("CPU đang dùng", "CPU use"),
    "ev.cpu_count": ("Số luồng CPU", "Logical CPUs"),
    # PC003 memory
    "check.PC003.title": ("Bộ nhớ RAM", "Memory (RAM)"),
    "check.PC003.desc": ("Dung lượng RAM còn trống cho chương trình; thiếu RAM làm máy chậm và trình duyệt bị treo.",
                         "RAM still available to programs; too little makes the PC slow and browsers hang."),
    "param.mem_available_warn_pct": ("Cảnh báo khi RAM trống dưới mức này (%)", "Warn below this much available RAM (%)"),
    "param.mem_available_fail_pct": ("Báo lỗi khi RAM trống dưới mức này (%)", "Fail below this much available RAM (%)"),
    "pc.mem.ok": ("Còn trống {percent} % RAM", "{percent}% of RAM available"),
    "pc.mem.low": ("RAM sắp hết: chỉ còn {percent} % trống", "Memory is running low: {percent}% available"),
    "pc.mem.exhausted": ("Hết RAM: chỉ còn {percent} % trống", "Memory is exhausted: {percent}% available"),
    "pc.mem.remedy": ("Đóng bớt chương trình và tab trình duyệt không dùng (xem bước PC007); nếu máy thường xuyên thiếu RAM, "
                      "đề xuất nâng cấp (Windows 10/11 dùng trình duyệt và ký số chạy thoải mái với khoảng 8 GB).",
                      "Close programs and browser tabs not in use (see PC007); if the PC is often short of memory, "
                      "propose an upgrade (Windows 10/11 with a browser and signing runs comfortably with about 8 GB)."),
    "ev.mem_total": ("Tổng RAM", "Total RAM"),
    "ev.mem_available": ("RAM trống", "Available RAM"),
    "ev.mem_available_pct": ("Tỉ lệ RAM trống", "Available share"),
    # PC004 disk
    "check.PC004.title": ("Dung lượng trống ổ hệ thống", "Free space on the system drive"),
    "check.PC004.desc": ("Dung lượng còn trống trên ổ chứa hệ điều hành (thường là C:); ổ đầy làm hỏng cập nhật và lưu tệp.",
                         "Free space on the drive the OS runs from (usually C:); a full drive breaks updates and saving files."),
    "param.disk_free_warn_gb": ("Cảnh báo khi còn trống dưới mức này (GB)", "Warn below this much free space (GB)"),
    "param.disk_free_fail_gb": ("Báo lỗi khi còn trống dưới mức này (GB)", "Fail below this much free space (GB)"),
    "pc.disk.ok": ("Ổ {mount} còn trống {free} GB", "{free} GB free on {mount}"),
    "pc.disk.low": ("Ổ {mount} sắp đầy: còn {free} GB", "{mount} is nearly full: {free} GB free"),
    "pc.disk.full": ("Ổ {mount} đã đầy: chỉ còn {free} GB", "{mount} is full: only {free} GB free"),
    "pc.disk.remedy": ("Chạy Disk Cleanup (cleanmgr), chọn «Clean up system files»; dọn Thùng rác và thư mục Downloads; "
                       "chuyển tài liệu số hóa sang ổ khác. Hỏi người dùng trước khi xóa tệp của họ.",
                       "Run Disk Cleanup (cleanmgr) with \"Clean up system files\"; empty the Recycle Bin and Downloads; "
                       "move digitised records to another drive. Ask the user before deleting their files."),
    "pc.disk.remedy.linux": ("Xem thư mục nào lớn (du -sh ~/* | sort -h); dọn Thùng rác, thư mục Downloads và bộ đệm gói "
                             "(sudo apt clean); chuyển tài liệu số hóa sang ổ khác. Hỏi người dùng trước khi xóa tệp của họ.",
                             "See which folders are big (du -sh ~/* | sort -h); empty the Trash, Downloads and the package "
                             "cache (sudo apt clean); move digitised records to another drive. Ask the user before deleting "
                             "their files."),
    "ev.mount": ("Ổ đĩa", "Drive"),
    "ev.disk_free": ("Còn trống", "Free"),
    "ev.disk_free_pct": ("Tỉ lệ trống", "Free share"),
    "ev.disk_total": ("Dung lượng", "Size"),
    # PC005 battery
    "check.PC005.title": ("Pin máy tính xách tay", "Laptop battery"),
    "check.PC005.desc": ("Mức pin và việc cắm sạc của máy xách tay; máy để bàn được bỏ qua.",
                         "Charge and mains power of a laptop; desktop PCs are skipped."),
    "param.battery_warn_pct": ("Cảnh báo khi pin dưới mức này mà không cắm sạc (%)",
                               "Warn below this charge when not plugged in (%)"),
    "pc.battery.none": ("Không có pin (máy để bàn)", "No battery (desktop PC)"),
    "pc.battery.plugged": ("Pin {percent} %, đang cắm sạc", "Battery {percent}%, plugged in"),
    "pc.battery.on_battery": ("Pin {percent} %, đang chạy bằng pin", "Battery {percent}%, running on battery"),
    "pc.battery.low": ("Pin yếu: {percent} % và không cắm sạc", "Battery low: {percent}% and not plugged in"),
    "pc.battery.remedy": ("Cắm sạc trước khi làm việc lâu hoặc ký số hàng loạt; nếu pin tụt rất nhanh, pin có thể đã chai.",
                          "Plug in the charger before long work or batch signing; a battery that drains very fast may be worn."),
    "ev.battery_percent": ("Mức pin", "Charge"),
    "ev.battery_plugged": ("Đang cắm sạc", "Plugged in"),
    "ev.battery_minutes_left": ("Thời gian còn lại", "Time left"),
    # PC006 uptime
    "check.PC006.title": ("Thời gian máy chạy liên tục", "Uptime"),
    "check.PC006.desc": ("Số ngày từ lần khởi động lại gần nhất; chạy quá lâu thì bản cập nhật chưa được cài xong và bộ nhớ bị rò rỉ.",
                         "Days since the last restart; long uptimes keep updates pending and let memory leak."),
    "param.uptime_warn_days": ("Cảnh báo khi máy chạy liên tục quá số ngày này", "Warn when the PC has run longer than this many days"),
    "pc.uptime.ok": ("Máy đã chạy {days} ngày từ lần khởi động gần nhất", "Running for {days} days since the last start"),
    "pc.uptime.long": ("Máy chưa khởi động lại {days} ngày", "Not restarted for {days} days"),
    "pc.uptime.remedy": ("Lưu công việc rồi khởi động lại máy (Restart) để cài xong bản cập nhật và giải phóng bộ nhớ. "
                         "Trên Windows 10/11 có Fast Startup, «Shut down» không đặt lại thời gian chạy; hãy chọn «Restart».",
                         "Save work and restart the PC (Restart) so pending updates finish and leaked memory is freed. "
                         "With Fast Startup on Windows 10/11, \"Shut down\" does not reset the uptime; choose \"Restart\"."),
    "ev.uptime_days": ("Thời gian chạy", "Uptime"),
    "ev.boot_time": ("Khởi động lúc", "Started at"),
    # PC007 processes
    "check.PC007.title": ("Chương trình dùng nhiều RAM nhất", "Top memory users"),
    "check.PC007.desc": ("Các tiến trình chiếm nhiều bộ nhớ nhất; cảnh báo khi một tiến trình chiếm phần lớn RAM.",
                         "The processes holding the most memory; warns when one holds most of the RAM."),
    "param.top_processes": ("Số tiến trình liệt kê", "How many processes to list"),
    "param.top_process_warn_pct": ("Cảnh báo khi một tiến trình chiếm quá tỉ lệ RAM này (%)",
                                   "Warn when one process holds more than this share of RAM (%)"),
    "pc.procs.none": ("Không đọc được danh sách tiến trình", "The process list could not be read"),
    "pc.procs.ok": ("Dùng nhiều RAM nhất: {name} ({mb} MB)", "Largest memory user: {name} ({mb} MB)"),
    "pc.procs.hog": ("{name} chiếm {percent} % RAM", "{name} holds {percent}% of RAM"),
    "pc.procs.remedy": ("Lưu công việc rồi đóng hoặc mở lại chương trình đó; nếu là trình duyệt, đóng bớt tab không dùng.",
                        "Save work, then close or restart that program; if it is a browser, close the tabs not in use."),
    "ev.top_process": ("Tiến trình", "Process"),
    "ev.process_count": ("Số tiến trình", "Processes"),
    # PC008 time zone
    "check.PC008.title": ("Múi giờ", "Time zone"),
    "check.PC008.desc": ("Múi giờ của máy; sai múi giờ làm dấu thời gian ký số và giờ làm việc trên văn bản bị lệch.",
                         "The PC's time zone; a wrong zone puts signing timestamps and office hours out."),
    "param.expected_utc_offset": ("Độ lệch UTC đúng của múi giờ (Việt Nam: +07:00)",
                                  "The expected UTC offset (Vietnam: +07:00)"),
    "pc.tz.ok": ("Múi giờ UTC{actual}", "Time zone UTC{actual}"),
    "pc.tz.wrong": ("Múi giờ là UTC{actual}, đúng ra phải là UTC{expected}: dấu thời gian ký số và giờ trên văn bản sẽ sai",
                    "Time zone is UTC{actual}, expected UTC{expected}: signing timestamps and office hours will be wrong"),
    "pc.tz.remedy": ("Vào {menu[datetime]}, chọn múi giờ (UTC{expected}); ở Việt Nam là "
                     "«(UTC+07:00) Bangkok, Hanoi, Jakarta». Sau đó đồng bộ lại đồng hồ (bước PC009).",
                    "In {menu[datetime]} choose the (UTC{expected}) time zone; for Vietnam it is "
                     "\"(UTC+07:00) Bangkok, Hanoi, Jakarta\". Then synchronise the clock again (check PC009)."),
    "pc.tz.remedy.linux": ("Đặt múi giờ UTC{expected} (ở Việt Nam: sudo timedatectl set-timezone Asia/Ho_Chi_Minh). Sau đó "
                           "đồng bộ lại đồng hồ (bước PC009).",
                           "Set the UTC{expected} time zone (for Vietnam: sudo timedatectl set-timezone Asia/Ho_Chi_Minh). "
                           "Then synchronise the clock again (check PC009)."),
    "ev.utc_offset": ("Độ lệch UTC", "UTC offset"),
    "ev.timezone": ("Tên múi giờ", "Time zone name"),
    # PC009 clock drift
    "check.PC009.title": ("Độ lệch đồng hồ", "Clock drift"),
    "check.PC009.desc": ("So giờ của máy với máy chủ thời gian NTP (hoặc tiêu đề Date của máy chủ web); đồng hồ lệch làm ký số "
                         "bị từ chối và trang HTTPS báo lỗi. Mất mạng thì bỏ qua.",
                         "The PC clock against an NTP time server (or a web server's Date header); a drifting clock gets "
                         "signatures rejected and HTTPS pages failing. Skipped when offline."),
    "param.ntp_servers": ("Máy chủ NTP, hỏi lần lượt (dạng tên hoặc tên:cổng)", "NTP servers, asked in order (name or name:port)"),
    "param.ntp_timeout_s": ("Thời gian chờ mỗi máy chủ (giây)", "Time to wait for each server (seconds)"),
    "param.time_http_url": ("Địa chỉ web lấy giờ khi không có NTP (để trống là tắt)",
                            "Web address whose Date header is used when no NTP server answers (empty turns it off)"),
    "param.clock_drift_warn_s": ("Cảnh báo khi đồng hồ lệch quá số giây này", "Warn when the clock is off by more seconds than this"),
    "param.clock_drift_fail_s": ("Báo lỗi khi đồng hồ lệch quá số giây này", "Fail when the clock is off by more seconds than this"),
    "pc.clock.ok": ("Đồng hồ đúng (lệch {seconds} giây so với {source})", "Clock is right (off by {seconds} s against {source})"),
    "pc.clock.slow": ("Đồng hồ máy chậm {seconds} giây so với {source}", "The PC clock is {seconds} s slow against {source}"),
    "pc.clock.fast": ("Đồng hồ máy nhanh {seconds} giây so với {source}", "The PC clock is {seconds} s fast against {source}"),
    "pc.clock.no_source": ("Không liên lạc được nguồn giờ nào (mất mạng?)", "No time source reachable (offline?)"),
    "pc.clock.remedy": ("Kiểm tra múi giờ trước (bước PC008). Vào {menu[datetime]}, bật {menu[auto_time]} rồi bấm "
                        "{menu[sync_now]} (hoặc với quyền quản trị: w32tm /resync). Nếu giờ sai lại sau mỗi lần "
                        "bật máy, pin CMOS có thể đã hết. Đồng hồ lệch làm dấu thời gian ký số bị từ chối và trang HTTPS báo lỗi.",
                       "Check the time zone first (PC008). In {menu[datetime]} turn on {menu[auto_time]} and press "
                        "{menu[sync_now]} (or, as administrator: w32tm /resync). If the time is wrong "
                        "again after every start, the CMOS battery may be flat. A wrong clock gets signing timestamps "
                        "rejected and HTTPS pages failing."),
    "pc.clock.remedy.linux": ("Kiểm tra múi giờ trước (bước PC008). Bật đồng bộ giờ tự động: sudo timedatectl set-ntp true "
                              "(xem lại bằng timedatectl status). Nếu giờ sai lại sau mỗi lần bật máy, pin CMOS có thể đã "
                              "hết. Đồng hồ lệch làm dấu thời gian ký số bị từ chối và trang HTTPS báo lỗi.",
                              "Check the time zone first (PC008). Turn on automatic time: sudo timedatectl set-ntp true "
                              "(check with timedatectl status). If the time is wrong again after every start, the CMOS "
                              "battery may be flat. A wrong clock gets signing timestamps rejected and HTTPS pages failing."),
    "ev.clock_offset": ("Độ lệch (nguồn giờ − máy)", "Offset (time source − PC)"),
    "ev.time_source": ("Nguồn giờ", "Time source"),
    "ev.time_method": ("Cách đo", "Method"),
}
