"""Catalogue entries: command line (help texts, messages)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.error_prefix": ("kfield: lỗi: ", "kfield: error: "),
    "cli.interrupted": ("Đã dừng theo yêu cầu (Ctrl-C); kết quả đã có vẫn được giữ.",
                        "Stopped on request (Ctrl-C); results so far are kept."),
    "cli.internal_error": ("Lỗi nội bộ không mong đợi ({error}). Nhật ký để gửi nhóm phát triển: {log}",
                           "Unexpected internal error ({error}). Log to send to the developers: {log}"),
    "cli.cannot_write": ("Không ghi được {path}: {reason}", "Cannot write {path}: {reason}"),
    "cli.written": ("Đã ghi {path}", "Wrote {path}"),
    "cli.progress": ("Đang kiểm tra", "Checking"),
    "cli.profile.valid": ("{path}: hợp lệ", "{path}: valid"),
    "help.app": ("kfield — bộ công cụ chẩn đoán cho tổ hỗ trợ chuyển đổi số tại xã, phường.",
                 "kfield — field diagnostics for digital-transformation support teams in communes."),
    "help.exit_codes": (
        "Mã thoát: 0 không có lỗi; 1 có bước kiểm tra lỗi; 2 dùng sai lệnh hoặc dữ liệu vào sai; "
        "3 lỗi nội bộ (có đường dẫn nhật ký); 130 bị dừng bằng Ctrl-C.",
        "Exit codes: 0 nothing failed; 1 a check failed; 2 bad usage or input; "
        "3 unexpected internal error (a log path is printed); 130 interrupted (Ctrl-C)."),
    "help.version": ("In phiên bản rồi thoát", "Print the version and exit"),
    "help.check": ("Chạy các bước kiểm tra của một hồ sơ và in báo cáo.",
                   "Run a profile's checks and print the report."),
    "help.check.areas": ("Chỉ chạy các nhóm này (PC, SIGN, SEC, …)", "Run only these areas (PC, SIGN, SEC, …)"),
    "help.check.only": ("Chỉ chạy bước kiểm tra có mã này (lặp lại được)", "Run only this check id (repeatable)"),
    "help.profile_opt": ("Tên hồ sơ có sẵn hoặc đường dẫn tệp YAML (mặc định: commune-office)",
                         "Bundled profile name or a YAML file path (default: commune-office)"),
    "help.format": ("Định dạng đầu ra", "Output format"),
    "help.checks": ("Danh mục các bước kiểm tra.", "The catalogue of checks."),
    "help.checks.list": ("Liệt kê mọi bước kiểm tra kèm mô tả.", "List every check with its description."),
    "help.profile": ("Hồ sơ kiểm tra (YAML): kiểm tra hợp lệ, liệt kê, xuất lược đồ.",
                     "Check profiles (YAML): validate, list, export the schema."),
    "help.profile.validate": ("Kiểm tra tệp hồ sơ; báo lỗi kèm tệp:dòng:cột.",
                              "Validate profile files; errors cite file:line:column."),
    "help.profile.paths": ("Tệp hồ sơ hoặc tên hồ sơ có sẵn", "Profile files or bundled names"),
    "help.profile.list": ("Liệt kê các hồ sơ có sẵn.", "List the bundled profiles."),
    "help.profile.schema": ("In JSON Schema của hồ sơ (dùng cho trình soạn thảo).",
                            "Print the profiles' JSON Schema (for editors)."),
}
