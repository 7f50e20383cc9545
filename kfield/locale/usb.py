"""Catalogue entries: the USB stick kit (`kfield usb init|verify`)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "help.usb": ("Bộ công cụ trên USB: tạo (zipapp, gói cài, trình khởi chạy, bảng băm), kiểm tra.",
                 "The USB stick kit: make it (zipapp, wheels, launchers, manifest), verify it."),
    "help.usb.init": ("Ghi bộ kfield lên USB (thư mục DEST): kfield.pyz, wheelhouse/, trình khởi chạy, "
                      "hướng dẫn, MANIFEST.sha256. --platform windows: bộ có Python nhúng riêng cho máy "
                      "Windows chưa cài Python (python\\, kfield.cmd, run-checks.cmd).",
                      "Write the kfield kit to a stick (folder DEST): kfield.pyz, wheelhouse/, launchers, "
                      "guide, MANIFEST.sha256. --platform windows: a kit with its own embeddable Python for "
                      "Windows PCs with no Python (python\\, kfield.cmd, run-checks.cmd)."),
    "help.usb.verify": ("Kiểm tra mọi tệp của bộ trên USB với MANIFEST.sha256.",
                        "Verify every file of a kit against its MANIFEST.sha256."),
    "help.usb.dest": ("Thư mục của USB (đã gắn)", "The stick's folder (mounted)"),
    "help.usb.profile": ("Hồ sơ có sẵn cho run-checks (mặc định: usb)", "Bundled profile for run-checks (default: usb)"),
    "help.usb.no_wheelhouse": ("Không ghi wheelhouse/ (nhanh hơn, nhỏ hơn)", "Skip wheelhouse/ (faster, smaller)"),
    "help.usb.expect": ("SHA-256 của MANIFEST.sha256 đã ghi lại khi tạo USB",
                        "The SHA-256 of MANIFEST.sha256 noted when the kit was made"),
    "usb.building": ("Đang tạo bộ kfield trong {path} …", "Building the kfield kit in {path} …"),
    "usb.summary": ("Đã ghi bộ kfield vào {path}: {files} tệp, {size_mb} MB, {wheels} gói wheel.",
                    "Wrote the kfield kit to {path}: {files} files, {size_mb} MB, {wheels} wheels."),
    "usb.manifest_hash": ("SHA-256 của MANIFEST.sha256 (hãy ghi lại): {digest}",
                          "SHA-256 of MANIFEST.sha256 (note it down): {digest}"),
    "usb.verified": ("{path}: mọi tệp khớp MANIFEST.sha256 ({files} tệp); SHA-256 của bảng băm: {digest}",
                     "{path}: every file matches MANIFEST.sha256 ({files} files); manifest SHA-256: {digest}"),
    "usb.error.extra": ("{path}: bộ bị từ chối: tệp lạ, không có trong MANIFEST.sha256: {names}",
                        "{path}: kit refused: file not in MANIFEST.sha256: {names}"),
    "usb.error.special": ("{path}: bộ bị từ chối: không phải tệp thường (liên kết, thiết bị…): {names}",
                          "{path}: kit refused: not a regular file (a link, a device…): {names}"),
    "usb.error.malformed.empty": ("{path}: bộ bị từ chối: MANIFEST.sha256 không liệt kê tệp nào",
                                  "{path}: kit refused: MANIFEST.sha256 lists no file"),
    "usb.error.malformed.encoding": ("{path}: bộ bị từ chối: MANIFEST.sha256 không phải văn bản UTF-8",
                                     "{path}: kit refused: MANIFEST.sha256 is not UTF-8 text"),
    "usb.error.malformed.nul": ("{path}: bộ bị từ chối: MANIFEST.sha256 chứa ký tự NUL",
                                "{path}: kit refused: MANIFEST.sha256 holds a NUL character"),
    "usb.error.malformed.line": ("{path}: bộ bị từ chối: MANIFEST.sha256 có dòng quá dài (dòng {detail})",
                                 "{path}: kit refused: MANIFEST.sha256 has an over-long line (line {detail})"),
    "usb.error.malformed.entry": ("{path}: bộ bị từ chối: MANIFEST.sha256 có dòng không đúng dạng "
                                  "\"<sha256>  <tệp>\" (dòng {detail})",
                                  "{path}: kit refused: MANIFEST.sha256 has a line that is not "
                                  "\"<sha256>  <file>\" (line {detail})"),
    "usb.error.malformed.too_big": ("{path}: bộ bị từ chối: MANIFEST.sha256 lớn quá mức một bảng băm",
                                    "{path}: kit refused: MANIFEST.sha256 is too large for a manifest"),
    "usb.error.malformed.special": ("{path}: bộ bị từ chối: MANIFEST.sha256 không phải một tệp thường",
                                    "{path}: kit refused: MANIFEST.sha256 is not a regular file"),
    "usb.error.malformed.unreadable": ("{path}: bộ bị từ chối: không đọc được MANIFEST.sha256 ({detail})",
                                       "{path}: kit refused: MANIFEST.sha256 cannot be read ({detail})"),
    "usb.error.malformed.launched": ("{path}: bộ bị từ chối: MANIFEST.sha256 không liệt kê tệp mà trình khởi "
                                     "chạy chạy: {detail}",
                                     "{path}: kit refused: MANIFEST.sha256 does not list files the launchers "
                                     "run: {detail}"),
    "usb.error.empty_dest": ("Hãy ghi rõ thư mục của USB (DEST không được để trống)",
                             "Name the stick's folder (DEST cannot be empty)"),
    "usb.error.dest_link": ("{path}: không tạo bộ ở đây: có liên kết hoặc tệp đặc biệt ({names}); "
                            "hãy chọn một thư mục trống",
                            "{path}: no kit written here: it holds links or special files ({names}); "
                            "choose an empty folder"),
    "usb.error.dest_foreign": ("{path}: không tạo bộ ở đây: thư mục có tệp không phải do kfield ghi ({names}); "
                               "hãy chọn một thư mục trống, ví dụ E:\\kfield",
                               "{path}: no kit written here: it holds files kfield did not write ({names}); "
                               "choose an empty folder, such as E:\\kfield"),
    "usb.error.dest_manifest": ("{path}: không tạo bộ ở đây: bảng băm này không phải do kfield usb init tạo; "
                                "hãy chọn một thư mục trống",
                                "{path}: no kit written here: this manifest was not made by kfield usb init; "
                                "choose an empty folder"),
    "usb.summary_windows": ("Đã ghi bộ kfield cho Windows vào {path}: {files} tệp, {size_mb} MB, Python {python} "
                            "kèm {packages} gói trong python\\.",
                            "Wrote the kfield kit for Windows to {path}: {files} files, {size_mb} MB, Python "
                            "{python} with {packages} packages in python\\."),
    "usb.built": ("Ngày tạo: {built}; mã ngắn in ở mỗi lần chạy: {short}",
                  "Built on {built}; the short hash shown at every start: {short}"),
    "help.usb.exit_codes": ("Mã thoát: 0 xong; 2 dùng sai lệnh, USB bị từ chối hoặc không tạo được bộ; "
                            "3 lỗi nội bộ (có đường dẫn nhật ký); 130 bị dừng bằng Ctrl-C.",
                            "Exit codes: 0 done; 2 bad usage, kit refused or the kit could not be built; "
                            "3 unexpected internal error (a log path is printed); 130 interrupted (Ctrl-C)."),
    "usb.error.no_manifest": ("{path}: không có MANIFEST.sha256 — đây không phải bộ kfield trên USB",
                              "{path}: no MANIFEST.sha256 — not a kfield USB kit"),
    "usb.error.missing": ("{path}: bộ bị từ chối: thiếu tệp {names}", "{path}: kit refused: missing file {names}"),
    "usb.error.changed": ("{path}: bộ bị từ chối: tệp đã bị thay đổi: {names}",
                          "{path}: kit refused: file changed: {names}"),
    "usb.error.manifest_hash": ("{path}: SHA-256 của MANIFEST.sha256 là {actual}, không phải {expected} — "
                                "bảng băm đã bị thay",
                                "{path}: MANIFEST.sha256 has SHA-256 {actual}, not {expected} — the manifest was replaced"),
    "usb.error.dest_not_dir": ("{path} là một tệp, không phải thư mục", "{path} is a file, not a folder"),
    "usb.error.cannot_write": ("Không ghi được vào {path}: {reason}", "Cannot write to {path}: {reason}"),
    "usb.error.bad_profile": ("Hồ sơ {profile}: hãy dùng tên một hồ sơ có sẵn (kfield profile list)",
                              "Profile {profile}: use the name of a bundled profile (kfield profile list)"),
    "usb.error.no_shiv": ("Cần gói shiv để tạo kfield.pyz: pip install shiv",
                          "The shiv package is needed to build kfield.pyz: pip install shiv"),
    "usb.error.shiv_failed": ("shiv không tạo được kfield.pyz: {reason}", "shiv could not build kfield.pyz: {reason}"),
    "usb.error.not_installed": ("Gói {name} chưa được cài trong Python này; bộ USB được tạo từ các gói đã cài",
                                "Package {name} is not installed in this Python; the kit is built from what is installed"),
    "usb.error.kfield_not_installed": (
        "kfield chưa được cài trong Python này, nên chưa tạo được bộ USB: hãy cài kfield trước "
        "(từ thư mục mã nguồn: pip install .) rồi chạy lại kfield usb init",
        "kfield is not installed in this Python, so the kit cannot be built: install kfield first "
        "(from the checkout: pip install .), then run kfield usb init again"),
    "help.usb.platform": ("Bộ cho hệ điều hành nào: linux hoặc windows (mặc định: hệ điều hành này). "
                          "windows: kèm Python nhúng, chạy trên Windows 10/11 x64 không cài Python",
                          "Which OS the kit is for: linux or windows (default: this OS). "
                          "windows: carries the embeddable Python, runs on Windows 10/11 x64 with no Python"),
    "usb.error.bad_platform": ("Nền tảng {platform} không có; hãy chọn một trong: {choices}",
                               "No platform {platform}; choose one of: {choices}"),
    "usb.error.embed_hash": ("{path}: mã SHA-256 không phải {expected} — không dùng tệp Python này; hãy xóa nó rồi chạy lại",
                             "{path}: SHA-256 is not {expected} — this Python is not used; delete it and try again"),
    "usb.error.fetch_failed": ("Không lấy được {what} cho Windows: không có trong bộ nhớ đệm và pip không tải được "
                               "(mất mạng?); hãy chạy lại khi có mạng một lần, các lần sau không cần mạng",
                               "Could not get {what} for Windows: not in the cache and pip could not download it "
                               "(offline?); run it once with Internet access, later runs need none"),
    "usb.error.wheels_missing": ("Thiếu gói cho Windows sau khi tải: {names}", "Windows packages still missing after download: {names}"),
    "usb.error.no_packaging": ("Python này không có pip (cũng không có packaging) nên không tạo được bộ USB; "
                               "hãy chạy kfield usb init trên máy của tổ đã cài kfield bằng pip",
                               "This Python has no pip (nor packaging), so it cannot build a kit; "
                               "run kfield usb init on a team laptop where kfield was installed with pip"),
    # who a visit is recorded for (asked once per stick), used by visit start
    "visit.member.ask": ("Chưa biết bạn là ai (lần đầu dùng USB hoặc máy này).",
                         "Who you are is not known yet (the first use of this stick or laptop)."),
    "visit.member.ask_name": ("Họ và tên", "Full name"),
    "visit.member.ask_school": ("Trường", "School"),
    "visit.recorded_as": ("Ghi cho {name} ({school}); nếu không phải bạn: kfield member set --name … --school …",
                          "Recorded for {name} ({school}); not you? kfield member set --name … --school …"),
    # kfield run (the scripted run from a stick): where its check run is filed
    "help.run.commune": ("Xã/phường của lần chạy khi không có chuyến đang mở (mặc định: xã của chuyến gần nhất "
                         "bắt đầu từ USB này)",
                         "The commune of this run when no visit is open (default: that of the last visit "
                         "started from this stick)"),
    "run.no_visit": ("Lần chạy này chưa thuộc chuyến công tác nào (kết quả vẫn nằm trong thư mục kết quả): "
                     "hãy mở chuyến bằng kfield visit start --commune … rồi chạy lại, hoặc thêm --commune …",
                     "This run is in no visit (its results are still in the results folder): open one with "
                     "kfield visit start --commune … and run again, or add --commune …"),
    "run.not_filed": ("Lần chạy này chưa được ghi vào chuyến công tác nào: {reason}",
                      "This run was not filed with a visit: {reason}"),
    "run.filed_new_visit": ("Đã ghi lần chạy vào một chuyến của {commune} ({code}), mã {visit}, chỉ gồm lần chạy này",
                            "Filed the run as a visit to {commune} ({code}), id {visit}, holding only this run"),
}
