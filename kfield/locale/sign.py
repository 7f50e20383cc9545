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
        "Chrome/Edge từ bản 142 hỏi quyền «Truy cập mạng cục bộ» trước khi trang web gọi tới 127.0.0.1; kết nối "
        "WebSocket (cách trang gọi công cụ ký số) chỉ bị áp quy tắc này từ bản 147. Đọc chính sách nào đang đặt, "
        "cho địa chỉ nào: LocalNetworkAccessAllowedForUrls, LoopbackNetworkAllowedForUrls (từ 146), "
        "LocalNetworkAccessRestrictionsTemporaryOptOut. Cảnh báo khi trình duyệt từ 147 chưa được chính sách cho "
        "phép địa chỉ E-Office hoặc một cửa; khi chưa đặt địa chỉ E-Office thì ghi lệnh để đặt.",
        "Chrome/Edge 142+ ask a permission before a page reaches 127.0.0.1; WebSocket connections (how a page "
        "calls the signing tool) came under that rule only in 147. Reads which policy is set, for which addresses: "
        "LocalNetworkAccessAllowedForUrls, LoopbackNetworkAllowedForUrls (146+), "
        "LocalNetworkAccessRestrictionsTemporaryOptOut. Warns when a 147+ browser has no policy allowing the "
        "E-Office or one-stop address; when the E-Office address is not set, names the command that sets it."),
    "check.SIGN007.title": ("Công cụ ký số trả lời", "Signing service answers"),
    "check.SIGN007.desc": (
        "Gọi công cụ ký số như trang web gọi (WebSocket bảo mật wss://127.0.0.1:cổng/GetVersion) và đọc phiên bản; "
        "báo lỗi khi công cụ không trả lời hoặc dùng chứng chỉ máy này không tin (trình duyệt cũng sẽ từ chối).",
        "Calls the signing tool as a page does (secure WebSocket wss://127.0.0.1:port/GetVersion) and reads its "
        "version; fails when it does not answer or uses a certificate this PC does not trust (a browser refuses it too)."),
    "check.SIGN008.title": ("Phần mềm điều khiển token", "Token middleware"),
    "check.SIGN008.desc": (
        "Có thư viện PKCS#11 của hãng token (SafeNet, VNPT-CA, Viettel-CA, BkavCA, FPT-CA, ePass2003…; tên trong "
        "hồ sơ) trong thư mục hệ thống Windows không.",
        "Whether a token vendor's PKCS#11 library (SafeNet, VNPT-CA, Viettel-CA, BkavCA, FPT-CA, ePass2003…; names "
        "from the profile) is in Windows' system folders."),
    "check.SIGN009.title": ("Trạng thái chứng thư (OCSP)", "Certificate status (OCSP)"),
    "check.SIGN009.desc": (
        "Hỏi máy chủ OCSP của đơn vị cấp về chứng thư số trong máy (yêu cầu RFC 6960 thật, kiểm tra chữ ký câu trả "
        "lời): còn hiệu lực, đã bị thu hồi, hay máy chủ không trả lời.",
        "Asks the issuer's OCSP responder about this PC's certificate (a real RFC 6960 request, the answer's "
        "signature checked): good, revoked, or no answer."),
    "check.SIGN010.title": ("Máy chủ của đơn vị cấp chứng thư", "Certificate authorities' servers"),
    "check.SIGN010.desc": (
        "Các máy chủ OCSP trong hồ sơ có trả lời không; danh sách thu hồi (CRL) có tải được, đọc được và còn hạn không.",
        "Whether the profile's OCSP responders answer, and its revocation lists (CRL) download, parse and are current."),
    "param.signing_ports": ("Cổng 127.0.0.1 của công cụ ký số", "Loopback ports of the signing tools"),
    "param.signing_processes": ("Tên tiến trình công cụ ký số", "Process names of the signing tools"),
    "param.token_usb_vendors": ("Mã hãng USB của token → tên hãng", "Token USB vendor id → vendor name"),
    "param.cert_warn_days": ("Cảnh báo khi chứng thư còn ít hơn số ngày này",
                             "Warn when the certificate has fewer days left"),
    "param.browser_min_versions": ("Phiên bản chính tối thiểu theo trình duyệt", "Minimum major version per browser"),
    "param.token_usb_models": ("Mã USB hãng:sản phẩm của token → tên loại token",
                               "Token USB vendor:product id → token model"),
    "param.signing_site_urls": ("Địa chỉ các trang gọi công cụ ký số ngoài E-Office (một cửa…)",
                                "Addresses of the sites that call the signing tool besides the E-Office (one-stop…)"),
    "param.signing_ws_path": ("Đường dẫn WebSocket để hỏi phiên bản công cụ ký số",
                              "WebSocket path that asks the signing tool its version"),
    "param.token_middleware": ("Tên tệp thư viện PKCS#11 của phần mềm token (Windows; dùng được dấu *)",
                               "File names of the token middleware's PKCS#11 libraries (Windows; * allowed)"),
    "param.ocsp_urls": ("Máy chủ OCSP của các đơn vị cấp chứng thư", "The certificate authorities' OCSP responders"),
    "param.ocsp_rewrites": ("Tên miền trong địa chỉ OCSP của chứng thư → máy chủ OCSP hỏi thay (như phần mềm của Ban Cơ yếu)",
                            "Domain of a certificate's OCSP address → the responder asked instead (as the government's clients do)"),
    "param.crl_urls": ("Danh sách thu hồi chứng thư (CRL) cần tải được", "Certificate revocation lists (CRL) that must download"),
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
    "sign.process.remedy": ("Mở công cụ ký số từ menu {menu[start]}; nếu chưa cài, cài bản do đơn vị cấp chứng thư cung cấp.",
                            "Open the signing tool from the {menu[start]} menu; if missing, install the version "
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
    "sign.lna.no_urls": ("Chưa đặt địa chỉ E-Office của tỉnh trên máy này: đặt bằng lệnh kfield profile set eoffice_url <địa chỉ>",
                         "The province's E-Office address is not set on this PC: set it with kfield profile set eoffice_url <address>"),
    "sign.lna.ok_no_eoffice": (
        "Chính sách cho phép {count} địa chỉ một cửa; địa chỉ E-Office chưa đặt (kfield profile set eoffice_url <địa chỉ>)",
        "Policy allows the {count} one-stop address(es); the E-Office address is not set (kfield profile set eoffice_url <address>)"),
    "sign.lna.before_websocket": (
        "{browsers}: chưa có chính sách, nhưng kết nối WebSocket tới công cụ ký số chỉ cần quyền từ bản {major}",
        "{browsers}: no policy, but WebSocket connections to the signing tool need the permission only from version {major}"),
    "sign.lna.not_needed": ("Không có Chrome/Edge từ bản {major}: không cần quyền này",
                            "No Chrome/Edge {major}+ installed: the permission is not needed"),
    "sign.lna.ok": ("Chính sách cho phép {count} địa chỉ E-Office", "Policy allows all {count} E-Office address(es)"),
    "sign.lna.missing": ("{browsers} (từ bản {major}, ký số cần quyền này): chưa có chính sách cho phép {urls}",
                         "{browsers} (from {major} signing needs this permission): no policy allows {urls}"),
    "sign.lna.remedy": (
        "Bấm biểu tượng ổ khóa → Cài đặt trang web → Truy cập mạng cục bộ → Cho phép; với nhiều máy, nhờ IT đặt "
        "chính sách LocalNetworkAccessAllowedForUrls (trên Chrome/Edge từ 146 có thể dùng LoopbackNetworkAllowedForUrls). "
        "Nếu trang vẫn báo «chưa cài phần mềm ký» trong khi công cụ đang chạy, thường là do quyền này. "
        "(Cờ chrome://flags/#allow-insecure-localhost không còn từ Chrome 119.)",
        "Padlock → Site settings → Local network access → Allow; for many PCs ask IT to set the "
        "LocalNetworkAccessAllowedForUrls policy (on Chrome/Edge 146+ LoopbackNetworkAllowedForUrls works too). If the "
        "page keeps asking to install the signing tool while it runs, this permission is the usual cause. "
        "(chrome://flags/#allow-insecure-localhost is gone since Chrome 119.)"),
    "sign.ws.ok": ("Công cụ ký số trả lời tại {url}, phiên bản {version}", "The signing tool answers at {url}, version {version}"),
    "sign.ws.silent": ("Công cụ ký số không trả lời WebSocket trên cổng {ports}",
                       "The signing tool does not answer its WebSocket on port {ports}"),
    "sign.ws.untrusted": ("Công cụ ký số trả lời tại {url} nhưng máy này không tin chứng chỉ của nó: trình duyệt sẽ từ chối",
                          "The signing tool answers at {url} but this PC does not trust its certificate: browsers will refuse it"),
    "sign.ws.remedy": (
        "Cổng đang mở nhưng công cụ không trả lời: thoát công cụ ký số (chuột phải biểu tượng «V» đỏ → Thoát) rồi mở lại; "
        "nếu vẫn vậy, cài lại công cụ (VGCASignServiceSetup.msi với công cụ của Ban Cơ yếu).",
        "The port is open but the tool does not answer: quit the signing tool (right-click the red \"V\" icon → Exit) "
        "and start it again; if that fails, reinstall it (VGCASignServiceSetup.msi for the government tool)."),
    "sign.ws.remedy_untrusted": (
        "Cài lại công cụ ký số bằng quyền quản trị để nó đặt lại chứng chỉ của mình vào kho tin cậy của máy.",
        "Reinstall the signing tool as administrator so it puts its certificate back into the PC's trusted store."),
    "sign.middleware.ok": ("Đã cài phần mềm token: {names}", "Token middleware installed: {names}"),
    "sign.middleware.none": ("Không thấy thư viện nào trong {count} tên phần mềm token đã biết",
                             "None of the {count} known token middleware libraries is installed"),
    "sign.middleware.remedy": (
        "Cài phần mềm quản lý token của đơn vị cấp (ví dụ VNPT-CA Token Manager, Viettel-CA Token Manager, trình điều "
        "khiển GCA-01 của Ban Cơ yếu — biểu tượng «S» đỏ), rồi cắm lại token.",
        "Install the issuer's token manager (e.g. VNPT-CA Token Manager, Viettel-CA Token Manager, the government's "
        "GCA-01 driver — red \"S\" icon), then re-plug the token."),
    "sign.ocsp.no_cert": ("Không có chứng thư kèm khóa bí mật để hỏi OCSP", "No certificate with a private key to ask OCSP about"),
    "sign.ocsp.good": ("OCSP: chứng thư {subject} còn hiệu lực", "OCSP: certificate {subject} is good"),
    "sign.ocsp.revoked": ("OCSP: chứng thư đã bị thu hồi từ {date}", "OCSP: the certificate was revoked on {date}"),
    "sign.ocsp.unknown": ("OCSP: máy chủ không biết chứng thư {subject}", "OCSP: the responder does not know certificate {subject}"),
    "sign.ocsp.unreached": ("Không hỏi được OCSP cho chứng thư {subject}", "Could not reach OCSP for certificate {subject}"),
    "sign.ocsp.bad": ("OCSP trả lời không dùng được cho chứng thư {subject}", "OCSP gave no usable answer for certificate {subject}"),
    "sign.ocsp.remedy": (
        "Không kiểm tra được chữ ký khi không hỏi được OCSP: kiểm tra Internet và tường lửa (cổng 80 ra ngoài); "
        "nếu mạng ổn, báo đầu mối chứng thư số của tỉnh.",
        "Signatures cannot be checked without OCSP: check the Internet link and firewall (outgoing port 80); if the "
        "network is fine, tell the provincial CA contact."),
    "sign.ca.no_urls": ("Hồ sơ chưa có máy chủ OCSP hay CRL", "The profile lists no OCSP or CRL server"),
    "sign.ca.ok": ("{count} máy chủ của đơn vị cấp chứng thư trả lời", "{count} certificate authority servers answer"),
    "sign.ca.down": ("Không tới được: {urls}", "Could not reach: {urls}"),
    "sign.ca.stale": ("Danh sách thu hồi đã quá hạn cập nhật: {urls}", "Revocation list past its next update: {urls}"),
    "sign.ca.remedy": (
        "Kiểm tra Internet và tường lửa (cổng 80 và 443 ra ngoài); nếu các cổng khác vào được mà riêng máy chủ này "
        "không, báo đầu mối chứng thư số của tỉnh.",
        "Check the Internet link and firewall (outgoing ports 80 and 443); if other sites work and only this server "
        "does not, tell the provincial CA contact."),
    "sign.ca.remedy_stale": ("Báo đầu mối chứng thư số của tỉnh: đơn vị cấp chưa phát hành danh sách thu hồi mới.",
                             "Tell the provincial CA contact: the issuer has not published a new revocation list."),
    "net.tsa.some_down": ("Một số máy chủ dấu thời gian không cấp dấu thời gian: {urls}",
                          "Some timestamp servers gave no timestamp: {urls}"),
    "ev.port_listening": ("Cổng", "Port"),
    "ev.process": ("Tiến trình", "Process"),
    "ev.usb_token": ("Token", "Token"),
    "ev.cert_subject": ("Chủ thể", "Subject"),
    "ev.cert_issuer": ("Đơn vị cấp", "Issuer"),
    "ev.cert_days_left": ("Còn hiệu lực", "Valid for"),
    "ev.browser": ("Trình duyệt", "Browser"),
    "ev.lna_pattern": ("Chính sách", "Policy"),
    "ev.lna_setting": ("Chưa đặt địa chỉ E-Office; lệnh đặt", "E-Office address not set; set it with"),
    "ev.ws": ("WebSocket", "WebSocket"),
    "ev.service_version": ("Phiên bản công cụ ký số", "Signing tool version"),
    "ev.pkcs11": ("Thư viện PKCS#11", "PKCS#11 library"),
    "ev.ocsp": ("OCSP", "OCSP"),
    "ev.crl": ("Danh sách thu hồi (đơn vị cấp, số chứng thư bị thu hồi, hạn cập nhật)",
               "Revocation list (issuer, revoked certificates, next update)"),
    "ev.tsa_drift": ("Giờ dấu thời gian trừ giờ máy", "Timestamp time minus this PC's clock"),
    "ev.sign_dns": ("Không tới được (không phân giải được tên)", "Could not reach (the name does not resolve)"),
    "ev.sign_refused": ("Không tới được (bị từ chối kết nối)", "Could not reach (connection refused)"),
    "ev.sign_timeout": ("Không tới được (quá thời gian chờ)", "Could not reach (timed out)"),
    "ev.sign_tls": ("Không tới được (lỗi kết nối bảo mật TLS)", "Could not reach (TLS failed)"),
    "ev.sign_reset": ("Không tới được (kết nối bị ngắt)", "Could not reach (the connection broke)"),
    "ev.sign_http": ("Máy chủ trả lời lỗi HTTP", "The server answered with an HTTP error"),
    "ev.sign_untrusted": ("Chứng chỉ không được máy này tin", "Certificate not trusted by this PC"),
    "ev.sign_handshake": ("Không phải WebSocket của công cụ ký số", "Not the signing tool's WebSocket"),
    "ev.sign_closed": ("Công cụ đóng kết nối, không trả lời", "The tool closed the connection without answering"),
    "ev.sign_too_large": ("Câu trả lời quá lớn", "Answer too large"),
    "ev.sign_not_tsp": ("Không phải câu trả lời dấu thời gian RFC 3161", "Not an RFC 3161 timestamp answer"),
    "ev.sign_not_ocsp": ("Không phải câu trả lời OCSP", "Not an OCSP answer"),
    "ev.sign_not_crl": ("Không phải danh sách thu hồi", "Not a revocation list"),
    "ev.sign_refused_answer": ("Máy chủ từ chối yêu cầu", "The server refused the request"),
    "ev.sign_mismatch": ("Câu trả lời không khớp yêu cầu", "The answer does not match the request"),
    "ev.sign_bad_signature": ("Chữ ký của câu trả lời không hợp lệ", "The answer's signature is not valid"),
    "ev.sign_no_issuer": ("Không tìm được chứng thư của đơn vị cấp", "The issuer's certificate was not found"),
    "ev.sign_no_ocsp_url": ("Chứng thư không ghi máy chủ OCSP", "The certificate names no OCSP responder"),
    # The default profile and this PC's own settings (`kfield profile set|unset|show`).
    "settings.eoffice_url.title": ("Địa chỉ E-Office (hệ thống quản lý văn bản và điều hành) của tỉnh",
                                   "The province's E-Office address (document management and operations)"),
    "settings.kpi_url.title": ("Địa chỉ phần mềm KPI của tỉnh", "The province's KPI software address"),
    "settings.portal.title": ("Cổng dịch vụ khác tổ hỗ trợ đã biết", "Another service portal the team knows"),
    "settings.unknown": ("Không có mục cài đặt «{name}»; có: {known}", "No setting \"{name}\"; there are: {known}"),
    "settings.bad_url": ("«{url}» không phải địa chỉ web (cần http:// hoặc https://, tên máy, không có khoảng trắng)",
                         "\"{url}\" is not a web address (it needs http:// or https://, a host name, no spaces)"),
    "settings.count": ("Cần từ 1 đến {most} địa chỉ", "Give between 1 and {most} addresses"),
    "settings.unreadable": ("Không đọc được tệp cài đặt {path}: {reason}", "Cannot read the settings file {path}: {reason}"),
    "settings.damaged": ("Tệp cài đặt {path} bị hỏng: xóa nó rồi đặt lại bằng kfield profile set",
                         "The settings file {path} is damaged: delete it and set again with kfield profile set"),
    "profile.unknown_contact": ("vai trò «{role}» không có trong contacts (có: {known})",
                                "role \"{role}\" is not under contacts (there are: {known})"),
    "cli.settings.saved": ("Đã lưu {setting}: {urls} (trong {path})", "Saved {setting}: {urls} (in {path})"),
    "cli.settings.removed": ("Đã bỏ {setting}", "Removed {setting}"),
    "cli.settings.was_unset": ("{setting} chưa được đặt trên máy này", "{setting} was not set on this PC"),
    "cli.settings.profile": ("Hồ sơ {id}: {title}. Các cổng được kiểm tra:", "Profile {id}: {title}. Portals checked:"),
    "cli.settings.here": ("đặt trên máy này", "set on this PC"),
    "cli.settings.in_profile": ("trong hồ sơ", "in the profile"),
    "cli.settings.not_set": ("chưa đặt (kfield profile set {name} <địa chỉ>)", "not set (kfield profile set {name} <address>)"),
    "cli.settings.file": ("Tệp cài đặt của máy này: {path}", "This PC's settings file: {path}"),
    "help.profile.setting": ("Mục cài đặt: eoffice_url (E-Office), kpi_url (phần mềm KPI), portal (cổng khác)",
                             "The setting: eoffice_url (E-Office), kpi_url (KPI software), portal (another portal)"),
    "help.profile.urls": ("Một hay nhiều địa chỉ http:// hoặc https://", "One or more http:// or https:// addresses"),
    "help.profile.set": ("Lưu địa chỉ tổ hỗ trợ biết được (E-Office, KPI, cổng khác) trên máy này, không cần sửa YAML; "
                         "kfield check kiểm tra chúng.",
                         "Keep an address the team learned (E-Office, KPI, another portal) on this PC, no YAML to edit; "
                         "kfield check checks them."),
    "help.profile.unset": ("Bỏ một mục cài đặt đã lưu trên máy này.", "Remove a setting kept on this PC."),
    "help.profile.show": ("Xem hồ sơ đang dùng: các cổng được kiểm tra và cài đặt của máy này.",
                          "Show the profile in use: the portals checked and this PC's settings."),
    # Readiness: which link of the signing chain broke (kfield/aggregate/readiness.yaml, `why:`).
    "ready.why.column": ("{item}: khâu hỏng", "{item}: link that broke"),
    "ready.link.service": ("công cụ ký số (không chạy, không nghe cổng hoặc không trả lời)",
                           "signing tool (not running, not listening or not answering)"),
    "ready.link.middleware": ("phần mềm điều khiển token chưa cài", "token middleware not installed"),
    "ready.link.token": ("không nhận USB token", "USB token not detected"),
    "ready.link.certificate": ("chứng thư số (không có, hết hạn hoặc sắp hết hạn)", "certificate (missing, expired or expiring)"),
    "ready.link.tsa": ("máy chủ dấu thời gian không cấp dấu thời gian", "timestamp server gives no timestamp"),
    "ready.link.ocsp": ("không kiểm tra được trạng thái chứng thư (OCSP, CRL) hoặc chứng thư bị thu hồi",
                        "certificate status cannot be checked (OCSP, CRL) or the certificate is revoked"),
    "ready.link.browser": ("trình duyệt chưa được phép gọi công cụ ký số (Truy cập mạng cục bộ)",
                           "browser not allowed to reach the signing tool (Local Network Access)"),
    "sign.no_package": ("Không kiểm tra được: bản kfield này thiếu gói {package} (cài lại kfield đầy đủ)",
                        "Could not check: this kfield lacks the {package} package (reinstall kfield whole)"),
}
