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
    "usb.extra": ("Tệp không có trong bảng băm (không được kiểm tra, trình khởi chạy không chạy chúng): {names}",
                  "Files not in the manifest (not verified, never run by the launchers): {names}"),
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
}
