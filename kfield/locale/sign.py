"""Catalogue entries: digital-signing checks (SIGN)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "check.SIGN001.title": ("Cổng dịch vụ ký số", "Signing service port"),
    "check.SIGN001.desc": (
        "Công cụ ký số có đang nghe trên cổng 127.0.0.1 ghi trong hồ sơ không (ký số chuyên dùng công vụ: 8987).",
        "Whether the signing tool listens on a 127.0.0.1 port from the profile (government signing: 8987)."),
    "check.SIGN002.title": ("Tiến trình công cụ ký số", "Signing service process"),
    "check.SIGN002.desc": ("Tiến trình của công cụ ký số (tên trong hồ sơ) có đang chạy không.",
                           "Whether the signing tool's process (names from the profile) is running."),
    "check.SIGN003.title": ("Thiết bị USB token", "USB token"),
    "check.SIGN003.desc": ("Máy có nhận USB token của hãng nằm trong danh sách mã hãng USB của hồ sơ không.",
                           "Whether a USB token from a vendor in the profile's USB vendor-id list is plugged in."),
    "check.SIGN004.title": ("Chứng thư số", "Certificate"),
    "check.SIGN004.desc": (
        "Có chứng thư số kèm khóa bí mật trong kho của người dùng Windows không, và còn bao nhiêu ngày hiệu lực.",
        "Whether the Windows user's store holds a certificate with its private key, and its days to expiry."),
    "check.SIGN005.title": ("Phiên bản trình duyệt", "Browser versions"),
    "check.SIGN005.desc": (
        "Các trình duyệt đã cài (Chrome, Edge, Cốc Cốc, Firefox) và phiên bản; cảnh báo khi cũ hơn mức tối thiểu.",
        "Installed browsers (Chrome, Edge, Cốc Cốc, Firefox) and versions; warns below the profile's minimum."),
    "check.SIGN006.title": ("Quyền truy cập mạng cục bộ", "Local Network Access policy"),
    "check.SIGN006.desc": (
        "Chrome/Edge từ bản 142 hỏi quyền «Truy cập mạng cục bộ» trước khi trang web gọi công cụ ký số. "
        "Cảnh báo khi có trình duyệt như vậy mà chính sách LocalNetworkAccessAllowedForUrls chưa cho phép "
        "địa chỉ E-Office trong hồ sơ; nếu không có trình duyệt đó thì đạt.",
        "Chrome/Edge 142+ ask for \"Local network access\" before a site can reach the signing tool. Warns "
        "when such a browser is installed and the LocalNetworkAccessAllowedForUrls policy does not allow the "
        "profile's E-Office addresses; OK when no such browser is installed."),
    "param.signing_ports": ("Cổng 127.0.0.1 của công cụ ký số", "Loopback ports of the signing tools"),
    "param.signing_processes": ("Tên tiến trình công cụ ký số", "Process names of the signing tools"),
    "param.token_usb_vendors": ("Mã hãng USB của token → tên hãng", "Token USB vendor id → vendor name"),
    "param.cert_warn_days": ("Cảnh báo khi chứng thư còn ít hơn số ngày này",
                             "Warn when the certificate has fewer days left"),
    "param.browser_min_versions": ("Phiên bản chính tối thiểu theo trình duyệt", "Minimum major version per browser"),
    "param.eoffice_urls": ("Địa chỉ E-Office của tỉnh (để kiểm tra chính sách trình duyệt)",
                           "The province's E-Office addresses (for the browser policy check)"),
    "sign.no_usb_bus": ("Không đọc được danh sách thiết bị USB", "The USB device list cannot be read"),
    "sign.port.ok": ("Công cụ ký số đang nghe trên cổng {ports}", "The signing tool listens on port {ports}"),
    "sign.port.none": ("Không có công cụ ký số nào nghe trên cổng {ports}", "No signing tool listens on port {ports}"),
    "sign.port.remedy": (
        "Bật công cụ ký số (biểu tượng chữ «V» đỏ ở khay hệ thống); nếu vẫn không được, kiểm tra xem "
        "phần mềm diệt virus hoặc tường lửa có chặn nó không.",
        "Start the signing tool (red \"V\" icon in the system tray); if it still fails, check whether "
        "antivirus or the firewall blocks it."),
    "sign.process.ok": ("Tiến trình {name} đang chạy", "Process {name} is running"),
    "sign.process.none": ("Không thấy tiến trình nào trong: {names}", "None of these processes runs: {names}"),
    "sign.process.remedy": ("Mở công cụ ký số từ menu Start; nếu chưa cài, cài bản do đơn vị cấp chứng thư cung cấp.",
                            "Open the signing tool from the Start menu; if missing, install the version "
                            "supplied by the certificate issuer."),
    "sign.token.ok": ("Đã nhận USB token ({vendor})", "USB token detected ({vendor})"),
    "sign.token.none": ("Không nhận thấy USB token nào", "No USB token detected"),
    "sign.token.remedy": (
        "Cắm lại token, thử cổng USB khác (cổng phía sau máy); kiểm tra biểu tượng chữ «S» đỏ (trình điều khiển token).",
        "Re-plug the token, try another USB port (at the back of the PC); check the red \"S\" icon (token driver)."),
    "sign.cert.ok": ("Chứng thư {subject} còn hiệu lực {days} ngày", "Certificate {subject} valid for {days} more days"),
    "sign.cert.none": ("Không có chứng thư số nào kèm khóa bí mật trong kho của người dùng",
                       "No certificate with a private key in the user's store"),
    "sign.cert.expired": ("Chứng thư số đã hết hạn từ {date}", "The certificate expired on {date}"),
    "sign.cert.expiring": ("Chứng thư số sẽ hết hạn sau {days} ngày", "The certificate expires in {days} days"),
    "sign.cert.remedy_missing": (
        "Cắm token rồi mở công cụ ký số để nạp chứng thư; nếu vẫn không có, báo đầu mối chứng thư số của tỉnh.",
        "Plug the token in and open the signing tool to load the certificate; if still missing, tell the "
        "provincial certificate contact."),
    "sign.cert.remedy_renew": ("Làm thủ tục gia hạn chứng thư số với đơn vị cấp trước khi hết hạn.",
                               "Ask the issuer to renew the certificate before it expires."),
    "sign.browser.none": ("Không tìm thấy trình duyệt nào", "No browser found"),
    "sign.browser.old": ("Trình duyệt quá cũ: {browsers}", "Outdated browser: {browsers}"),
    "sign.browser.remedy": ("Cập nhật trình duyệt (Cài đặt → Giới thiệu) rồi khởi động lại trình duyệt.",
                            "Update the browser (Settings → About) and restart it."),
    "sign.browser.ok": ("{count} trình duyệt, phiên bản đủ mới", "{count} browser(s), recent enough"),
    "sign.browser.ok_lna": (
        "{count} trình duyệt, đủ mới; từ bản {major} trình duyệt sẽ hỏi quyền «Truy cập mạng cục bộ» khi ký số",
        "{count} browser(s), recent enough; from version {major} the browser asks for \"Local network access\" "
        "when signing"),
    "sign.lna.no_urls": ("Hồ sơ chưa có địa chỉ E-Office (eoffice_urls)", "No E-Office address in the profile (eoffice_urls)"),
    "sign.lna.not_needed": ("Không có Chrome/Edge từ bản {major}: không cần quyền này",
                            "No Chrome/Edge {major}+ installed: the permission is not needed"),
    "sign.lna.ok": ("Chính sách cho phép {count} địa chỉ E-Office", "Policy allows all {count} E-Office address(es)"),
    "sign.lna.missing": ("Chưa có chính sách cho phép: {urls}", "No policy allows: {urls}"),
    "sign.lna.remedy": (
        "Bấm biểu tượng ổ khóa → Cài đặt trang web → Truy cập mạng cục bộ → Cho phép; với nhiều máy, nhờ IT đặt "
        "chính sách LocalNetworkAccessAllowedForUrls. (Cờ chrome://flags/#allow-insecure-localhost không còn từ Chrome 119.)",
        "Padlock → Site settings → Local network access → Allow; for many PCs ask IT to set the "
        "LocalNetworkAccessAllowedForUrls policy. (chrome://flags/#allow-insecure-localhost is gone since Chrome 119.)"),
    "ev.port_listening": ("Cổng", "Port"),
    "ev.process": ("Tiến trình", "Process"),
    "ev.usb_token": ("Token", "Token"),
    "ev.cert_subject": ("Chủ thể", "Subject"),
    "ev.cert_issuer": ("Đơn vị cấp", "Issuer"),
    "ev.cert_days_left": ("Còn hiệu lực", "Valid for"),
    "ev.browser": ("Trình duyệt", "Browser"),
    "ev.lna_pattern": ("Chính sách cho phép", "Allowed by policy"),
}
