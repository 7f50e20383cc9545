"""Catalogue entries: Internet and service checks (NET)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "area.NET": ("Internet và dịch vụ", "Internet and services"),
    "check.NET001.title": ("Phân giải tên miền (DNS)", "Name resolution (DNS)"),
    "check.NET001.desc": (
        "Phân giải từng tên miền trong hồ sơ qua hệ thống và qua từng máy chủ DNS riêng: phát hiện máy chủ "
        "DNS không trả lời, trả lời sai (khác hẳn máy chủ DNS đối chiếu) hoặc tự chuyển hướng tên không tồn tại.",
        "Resolves each profile name through the system and through each DNS server separately: finds a server "
        "that does not answer, answers that disagree with the reference resolvers, or rewritten NXDOMAIN."),
    "check.NET002.title": ("Kết nối tới các cổng dịch vụ (HTTPS)", "Portals over HTTPS"),
    "check.NET002.desc": (
        "Với từng cổng trong hồ sơ (E-Office, dịch vụ công…): thời gian kết nối TCP, bắt tay TLS, chứng chỉ "
        "(tin cậy, đúng tên miền, số ngày còn hạn, bị thiết bị kiểm soát TLS chặn giữa), mã trạng thái HTTP.",
        "For each portal in the profile (E-Office, public services…): TCP connect time, TLS handshake, certificate "
        "(trusted, host name, days to expiry, TLS interception), HTTP status."),
    "check.NET003.title": ("Trang đăng nhập Wi-Fi (captive portal)", "Captive portal"),
    "check.NET003.desc": (
        "Một địa chỉ kiểm tra phải trả đúng mã mong đợi (thường là 204); bị chuyển hướng hoặc nhận trang web "
        "nghĩa là mạng đòi đăng nhập trước.",
        "A check URL must answer exactly as expected (usually 204); a redirect or a page means the network "
        "wants a login first."),
    "check.NET004.title": ("Cấu hình proxy", "Proxy settings"),
    "check.NET004.desc": (
        "Proxy trong biến môi trường và (Windows) WinHTTP, WinINet; proxy đã đặt mà không trả lời thì mọi "
        "trang web đều không vào được.",
        "Proxies from the environment and (Windows) WinHTTP and WinINet; a proxy that is set but does not "
        "answer breaks every web page."),
    "check.NET005.title": ("Độ trễ, dao động, mất gói", "Latency, jitter, loss"),
    "check.NET005.desc": (
        "Thời gian phản hồi, độ dao động và tỉ lệ mất gói tới router và tới địa chỉ Internet của hồ sơ "
        "(ICMP nếu được phép, nếu không thì đo bằng kết nối TCP; kết quả ghi rõ cách đo).",
        "Round trip, jitter and loss to the router and to the profile's Internet target (ICMP where allowed, "
        "else TCP connect times; the result says which)."),
    "check.NET006.title": ("Kích thước gói trên đường truyền (MTU)", "Path MTU"),
    "check.NET006.desc": (
        "Gửi gói không được phân mảnh với kích thước giảm dần để tìm MTU của đường truyền và phát hiện "
        "«hố đen» (gói lớn bị bỏ mà không báo). Cần quyền quản trị.",
        "Sends don't-fragment packets of falling size to find the path MTU and a black hole (big packets "
        "dropped silently). Needs administrator rights."),
    "check.NET007.title": ("Đường đi tới Internet (traceroute)", "Route to the Internet (traceroute)"),
    "check.NET007.desc": (
        "Các router trên đường tới địa chỉ Internet của hồ sơ; đường dừng ở đâu thì lỗi ở đó. Cần quyền quản trị.",
        "The routers on the way to the profile's Internet target; where the path stops is where the fault is. "
        "Needs administrator rights."),
    "check.NET008.title": ("Máy chủ dấu thời gian", "Timestamp server"),
    "check.NET008.desc": (
        "Xin một dấu thời gian thật (RFC 3161) từ các máy chủ dấu thời gian trong hồ sơ: phải được cấp, đúng yêu "
        "cầu đã gửi và có chữ ký hợp lệ; ghi giờ của dấu thời gian so với đồng hồ máy.",
        "Asks the profile's timestamp servers for a real RFC 3161 timestamp: it must be granted, match the request "
        "sent and carry a valid signature; shows its time against this PC's clock."),
    "check.NET009.title": ("Internet có trả lời không (đường truyền)", "The Internet answers (uplink)"),
    "check.NET009.desc": (
        "Địa chỉ đích của hồ sơ và các DNS công cộng có trả lời ping hoặc kết nối TCP không; các bước Internet "
        "khác chờ bước này thay vì mỗi bước tự chờ hết thời gian.",
        "Whether the profile's target and the public resolvers answer ping or a TCP handshake; the other "
        "Internet checks wait for this one instead of each timing out."),
    "net.uplink.ok": ("Internet trả lời: {targets}", "The Internet answers: {targets}"),
    "net.uplink.no_target": ("Chưa kiểm tra đường truyền: hồ sơ không có địa chỉ IP nào để thử (internet_target, "
                             "resolvers)", "Uplink not tested: the profile names no IP address to try "
                             "(internet_target, resolvers)"),
    "net.uplink.silent": ("Không địa chỉ nào trên Internet trả lời (ping và TCP): {targets}",
                          "Nothing on the Internet answers (ping and TCP): {targets}"),
    "net.uplink.remedy": ("Router vẫn trả lời nên lỗi ở đường truyền: xem đèn WAN/PON của modem, khởi động lại modem; "
                          "nếu vẫn vậy, báo nhà mạng.",
                          "The router answers, so the uplink is at fault: look at the modem's WAN/PON light, restart "
                          "the modem; if it stays so, call the provider."),
    "ev.uplink": ("Đích thử đường truyền", "Uplink target"),
    "param.speed_down_url": ("Địa chỉ tải xuống để đo tốc độ khi chạy `kfield net speed` không kèm tùy chọn "
                             "(cùng speed_up_url; để trống: Cloudflare)",
                             "Download URL `kfield net speed` measures with no options (with speed_up_url; empty: "
                             "Cloudflare)"),
    "param.speed_up_url": ("Địa chỉ tải lên (POST) đi cùng speed_down_url", "Upload URL (POST) that goes with speed_down_url"),
    "param.portals": ("Địa chỉ các cổng dịch vụ cần kiểm tra (https://…)", "Portal addresses to check (https://…)"),
    "param.dns_names": ("Tên miền cần phân giải (mặc định: tên miền của các cổng)",
                        "Names to resolve (default: the portals' host names)"),
    "param.resolvers": ("Máy chủ DNS đối chiếu (ví dụ DNS công cộng)", "Reference DNS resolvers (e.g. public ones)"),
    "param.captive_url": ("Địa chỉ kiểm tra trang đăng nhập Wi-Fi", "Captive-portal check URL"),
    "param.captive_expect_status": ("Mã HTTP mong đợi từ địa chỉ kiểm tra", "HTTP status the check URL must return"),
    "param.timestamp_urls": ("Máy chủ dấu thời gian của chữ ký số", "Signing timestamp servers"),
    "param.internet_target": ("Địa chỉ Internet để đo độ trễ, MTU, traceroute (mặc định: cổng đầu tiên)",
                              "Internet target for latency, MTU, traceroute (default: the first portal)"),
    "param.latency_warn_ms": ("Cảnh báo khi độ trễ từ mức này (ms)", "Warn at this round trip (ms)"),
    "param.loss_warn_percent": ("Cảnh báo khi mất gói từ mức này (%)", "Warn at this packet loss (%)"),
    "param.loss_fail_percent": ("Lỗi khi mất gói từ mức này (%)", "Fail at this packet loss (%)"),
    "param.cert_expiry_warn_days": ("Cảnh báo khi chứng chỉ của cổng còn ít ngày hơn",
                                    "Warn when a portal's certificate has fewer days left"),
    "ev.dns_system": ("Phân giải qua hệ thống", "System resolver"),
    "ev.dns_answer": ("Trả lời DNS", "DNS answer"),
    "ev.portal": ("Cổng dịch vụ", "Portal"),
    "ev.portal_fail_dns": ("Cổng không phân giải được tên", "Portal whose name does not resolve"),
    "ev.portal_fail_timeout": ("Cổng không trả lời", "Portal not answering"),
    "ev.portal_fail_refused": ("Cổng từ chối kết nối", "Portal refusing connections"),
    "ev.portal_fail_unreachable": ("Cổng không có đường tới", "Portal with no route to it"),
    "ev.portal_fail_stalled": ("Cổng treo giữa chừng", "Portal stalling half-way"),
    "ev.portal_fail_tls": ("Cổng bắt tay HTTPS không thành", "Portal whose HTTPS handshake fails"),
    "ev.portal_fail_http": ("Cổng ngắt kết nối khi trả trang", "Portal dropping the connection"),
    "ev.portal_fail_status": ("Cổng báo lỗi máy chủ", "Portal answering with a server error"),
    "ev.portal_cert_expired": ("Cổng có chứng chỉ hết hạn (ngày hết hạn)", "Portal with an expired certificate (expiry date)"),
    "ev.portal_cert_not_yet_valid": ("Cổng có chứng chỉ chưa tới ngày hiệu lực (từ ngày)", "Portal with a certificate not valid yet (valid from)"),
    "ev.portal_cert_wrong_name": ("Cổng có chứng chỉ cấp cho tên khác (tên trong chứng chỉ)", "Portal with a certificate for another name (names in it)"),
    "ev.portal_cert_untrusted": ("Cổng có chứng chỉ từ nơi cấp không tin cậy (nơi cấp)", "Portal with a certificate from an untrusted issuer (issuer)"),
    "ev.captive_answer": ("Trả lời của địa chỉ kiểm tra", "Check URL answer"),
    "ev.proxy": ("Proxy", "Proxy"),
    "ev.ping": ("Đo phản hồi", "Ping"),
    "ev.mtu_largest_ok": ("Gói lớn nhất đi qua", "Largest packet through"),
    "ev.hop": ("Chặng", "Hop"),
    "ev.tsa": ("Máy chủ dấu thời gian", "Timestamp server"),
    "net.dns.no_names": ("Hồ sơ chưa có tên miền hay cổng dịch vụ nào", "The profile names no host or portal"),
    "net.dns.unresolved": ("Không phân giải được: {unresolved}", "Cannot resolve: {unresolved}"),
    "net.dns.disagree": ("Máy chủ DNS đang dùng trả địa chỉ khác hẳn máy chủ đối chiếu cho: {names}",
                         "The DNS in use answers addresses unlike the reference resolvers for: {names}"),
    "net.dns.rewrites": ("Máy chủ DNS {servers} trả địa chỉ cho cả tên không tồn tại",
                         "DNS server {servers} answers even names that do not exist"),
    "net.dns.some_down": ("Máy chủ DNS không trả lời: {down}", "DNS servers not answering: {down}"),
    "net.dns.unreliable": ("DNS chập chờn: máy chủ {server} chỉ trả lời {answered}/{asked} lần hỏi cùng một tên",
                           "Unreliable DNS: {server} answered only {answered} of {asked} identical questions"),
    "net.dns.slow": ("DNS chậm: máy chủ {server} trả lời sau {median_ms} ms (chậm nhất {slowest_ms} ms)",
                     "Slow DNS: {server} answers after {median_ms} ms (slowest {slowest_ms} ms)"),
    "net.dns.remedy_unreliable": ("Khởi động lại router; nếu vẫn vậy, đặt DNS khác (của nhà mạng hoặc công cộng) "
                                  "và báo nhà mạng.",
                                  "Restart the router; if it stays so, set another DNS server (the provider's or a "
                                  "public one) and tell the provider."),
    "net.dns.ok": ("{count} máy chủ DNS trả lời và thống nhất", "{count} DNS servers answer and agree"),
    "net.dns.remedy": ("Đặt DNS theo nhà mạng hoặc DNS công cộng đang hoạt động; khởi động lại router.",
                       "Use the ISP's DNS or a public resolver that works; restart the router."),
    "net.dns.remedy_hijack": ("Địa chỉ trả về có thể bị giả mạo: đổi DNS sang máy chủ đối chiếu, kiểm tra "
                              "router có bị đổi cấu hình DNS không, báo bộ phận CNTT.",
                              "The answers may be forged: switch to the reference resolver, check whether the "
                              "router's DNS settings were changed, tell the IT staff."),
    "net.web.no_portals": ("Hồ sơ chưa có cổng dịch vụ nào", "The profile lists no portals"),
    "net.web.fail_dns": ("{failed_count}/{count} cổng không vào được — {portal}: không tìm được địa chỉ của tên miền (DNS)",
                    "{failed_count} of {count} portals fail — {portal}: its name does not resolve (DNS)"),
    "net.web.fail_timeout": ("{failed_count}/{count} cổng không vào được — {portal}: không có trả lời khi kết nối (hết thời gian chờ)",
                    "{failed_count} of {count} portals fail — {portal}: no answer when connecting (timed out)"),
    "net.web.fail_refused": ("{failed_count}/{count} cổng không vào được — {portal}: máy chủ từ chối kết nối",
                    "{failed_count} of {count} portals fail — {portal}: the server refuses the connection"),
    "net.web.fail_unreachable": ("{failed_count}/{count} cổng không vào được — {portal}: không có đường tới máy chủ",
                    "{failed_count} of {count} portals fail — {portal}: there is no route to the server"),
    "net.web.fail_stalled": ("{failed_count}/{count} cổng không vào được — {portal}: kết nối treo giữa chừng (khi bắt tay HTTPS hoặc khi tải trang)",
                    "{failed_count} of {count} portals fail — {portal}: the connection stalls half-way (HTTPS handshake or page)"),
    "net.web.fail_tls": ("{failed_count}/{count} cổng không vào được — {portal}: bắt tay HTTPS không thành",
                    "{failed_count} of {count} portals fail — {portal}: the HTTPS handshake fails"),
    "net.web.fail_http": ("{failed_count}/{count} cổng không vào được — {portal}: máy chủ ngắt kết nối khi đang trả trang",
                    "{failed_count} of {count} portals fail — {portal}: the server drops the connection while answering"),
    "net.web.fail_status": ("{failed_count}/{count} cổng không vào được — {portal}: máy chủ báo lỗi HTTP {status}",
                    "{failed_count} of {count} portals fail — {portal}: the server answers with error HTTP {status}"),
    "net.web.cert_expired": ("{failed_count}/{count} cổng không vào được — {portal}: chứng chỉ của cổng đã hết hạn ngày {date}",
                    "{failed_count} of {count} portals fail — {portal}: its certificate expired on {date}"),
    "net.web.cert_not_yet_valid": ("{failed_count}/{count} cổng không vào được — {portal}: chứng chỉ chỉ có hiệu lực từ ngày {date}, mà đồng hồ máy này đang là ngày {today}",
                    "{failed_count} of {count} portals fail — {portal}: its certificate is valid only from {date}, and this PC's clock says {today}"),
    "net.web.cert_wrong_name": ("{failed_count}/{count} cổng không vào được — {portal}: chứng chỉ được cấp cho tên {names}, không phải {portal}",
                    "{failed_count} of {count} portals fail — {portal}: its certificate was issued for {names}, not for {portal}"),
    "net.web.cert_untrusted": ("{failed_count}/{count} cổng không vào được — {portal}: chứng chỉ do «{issuer}» cấp, là nơi cấp mà máy này không tin cậy",
                    "{failed_count} of {count} portals fail — {portal}: its certificate comes from «{issuer}», an issuer this PC does not trust"),
    "net.web.remedy_fail": ("Xem chẩn đoán: `kfield diagnose` cho biết lỗi ở máy, mạng nội bộ, nhà mạng hay chính cổng.",
                            "See the verdict: `kfield diagnose` tells whether the PC, the LAN, the provider or the "
                            "portal itself is at fault."),
    "net.web.remedy_cert": ("Lỗi nằm ở chứng chỉ của chính cổng dịch vụ: không sửa được trên máy này hay mạng nội bộ; "
                            "báo quản trị cổng đó (ghi lại tên cổng và lỗi ở trên).",
                            "The fault is in the portal's own certificate: nothing on this PC or the LAN can fix "
                            "it; tell that portal's administrator (note the portal and the fault above)."),
    "net.web.remedy_clock": ("Kiểm tra ngày giờ của máy (kfield check --tag clock) rồi thử lại; nếu đồng hồ đúng "
                             "thì báo quản trị cổng đó.",
                             "Check this PC's date and time (kfield check --tag clock), then try again; if the "
                             "clock is right, tell that portal's administrator."),
    "net.web.intercepted": ("Kết nối HTTPS bị thiết bị/phần mềm «{issuer}» kiểm soát giữa chừng",
                            "HTTPS is intercepted by \"{issuer}\""),
    "net.web.expiring": ("Chứng chỉ của {url} chỉ còn {days} ngày", "The certificate of {url} has {days} days left"),
    "net.web.ok": ("Vào được cả {count} cổng dịch vụ", "All {count} portals answer"),
    "net.web.remedy_intercept": ("Tắt tính năng quét HTTPS của phần mềm diệt virus/tường lửa cho các cổng "
                                 "dịch vụ công, hoặc nhập chứng chỉ gốc của thiết bị đó theo hướng dẫn CNTT.",
                                 "Turn off HTTPS scanning in the antivirus/firewall for government portals, or "
                                 "install that product's root certificate as the IT staff direct."),
    "net.web.remedy_expiring": ("Báo quản trị cổng dịch vụ gia hạn chứng chỉ.",
                                "Tell the portal's administrator to renew its certificate."),
    "net.captive.no_url": ("Hồ sơ chưa có địa chỉ kiểm tra", "The profile has no check URL"),
    "net.captive.unreachable": ("Không tới được địa chỉ kiểm tra {url}", "Cannot reach the check URL {url}"),
    "net.captive.found": ("Mạng đòi đăng nhập: nhận mã {status}, chuyển tới {location}",
                          "The network wants a login: got {status}, sent to {location}"),
    "net.captive.none": ("Không có trang đăng nhập chặn giữa", "No login page in the way"),
    "net.captive.remedy": ("Mở trình duyệt, đăng nhập trang Wi-Fi (khách sạn, nhà mạng), rồi kiểm tra lại.",
                           "Open a browser and sign in to the Wi-Fi page (hotel, provider), then check again."),
    "net.captive.remedy_unreachable": ("Xem chẩn đoán: `kfield diagnose`.", "See the verdict: `kfield diagnose`."),
    "net.proxy.direct": ("Không dùng proxy", "No proxy"),
    "net.proxy.dead": ("Đã đặt proxy {servers} nhưng proxy không trả lời",
                       "Proxy {servers} is set but does not answer"),
    "net.proxy.set": ("Truy cập web qua proxy {servers}", "Web traffic goes through proxy {servers}"),
    "net.proxy.remedy": ("Tắt proxy (Cài đặt → Mạng → Proxy; `netsh winhttp reset proxy`) nếu cơ quan không "
                         "dùng proxy, hoặc sửa đúng địa chỉ proxy.",
                         "Turn the proxy off (Settings → Network → Proxy; `netsh winhttp reset proxy`) if the "
                         "office has none, or fix its address."),
    "net.proxy.remedy_check": ("Xác nhận với bộ phận CNTT rằng proxy này là của cơ quan.",
                               "Confirm with the IT staff that this proxy belongs to the office."),
    "net.latency.no_target": ("Không có địa chỉ để đo (thêm internet_target hoặc portals vào hồ sơ)",
                              "Nothing to measure against (add internet_target or portals to the profile)"),
    "net.latency.silent": ("{target} không trả lời ({method})", "{target} does not answer ({method})"),
    "net.latency.lossy": ("Mất {loss}% gói tới {target}, trễ {ms} ms ({method})",
                          "{loss}% loss to {target}, {ms} ms ({method})"),
    "net.latency.slow": ("Độ trễ tới {target} cao: {ms} ms, dao động {jitter} ms ({method})",
                         "High latency to {target}: {ms} ms, jitter {jitter} ms ({method})"),
    "net.latency.lossy_lan": ("Mất gói ngay trong mạng nội bộ: {gateway_loss}% tới router, {loss}% tới {target} ({method})",
                              "Packets are lost inside the LAN already: {gateway_loss}% to the router, {loss}% to "
                              "{target} ({method})"),
    "net.latency.slow_lan": ("Độ trễ cao ngay trong mạng nội bộ: {gateway_ms} ms tới router, {ms} ms tới {target}",
                             "High latency inside the LAN already: {gateway_ms} ms to the router, {ms} ms to {target}"),
    "net.latency.filtered": ("Tới {target}: {ms} ms qua kết nối TCP, mất {loss}% (ping bị chặn ngoài router — "
                             "bình thường ở nhiều nhà mạng, không phải lỗi)",
                             "To {target}: {ms} ms by TCP handshake, {loss}% lost (ping is filtered beyond the "
                             "router — common with providers, not a fault)"),
    "net.latency.ok": ("Tới {target}: {ms} ms, dao động {jitter} ms, mất {loss}% ({method})",
                       "To {target}: {ms} ms, jitter {jitter} ms, {loss}% loss ({method})"),
    "net.latency.remedy_silent": ("Xem chẩn đoán: `kfield diagnose`.", "See the verdict: `kfield diagnose`."),
    "net.latency.remedy_loss": ("Kiểm tra cáp, sóng Wi-Fi, router; nếu mất gói cả khi cắm cáp thẳng vào router "
                                "thì báo nhà mạng.",
                                "Check cables, Wi-Fi signal, router; if loss stays with a cable straight into "
                                "the router, call the provider."),
    "net.latency.remedy_slow": ("Đường truyền vệ tinh/4G có độ trễ cao: tránh tải tệp lớn giờ làm việc, báo nhà "
                                "mạng nếu là cáp quang.",
                                "Satellite/4G links have high latency: avoid big downloads in office hours; "
                                "call the provider if this is fibre."),
    "net.mtu.no_echo": ("{target} không trả lời gói thử", "{target} does not answer echo probes"),
    "net.mtu.black_hole": ("Gói lớn hơn {mtu} byte tới {target} bị mất mà không báo (thử {sizes})",
                           "Packets over {mtu} bytes to {target} vanish without notice (tried {sizes})"),
    "net.mtu.small": ("MTU đường truyền tới {target} nhỏ: {mtu} byte", "Path MTU to {target} is small: {mtu} bytes"),
    "net.mtu.ok": ("MTU đường truyền tới {target}: {mtu} byte", "Path MTU to {target}: {mtu} bytes"),
    "net.mtu.remedy_black_hole": ("Giảm MTU trên router (1492 với PPPoE, 1400 nếu có VPN) hoặc bật MSS clamping; "
                                  "báo nhà mạng nếu router không chỉnh được.",
                                  "Lower the router's MTU (1492 on PPPoE, 1400 with a VPN) or enable MSS "
                                  "clamping; call the provider if the router cannot be changed."),
    "net.route.filtered": ("Các router trên đường tới {target} không trả lời truy vết (bị lọc sau bước {last_hop}), "
                           "nhưng {target} vẫn nhận kết nối TCP: đường truyền tốt",
                           "Routers on the way to {target} do not answer the trace (filtered after hop {last_hop}), "
                           "but {target} accepts TCP connections: the path works"),
    "net.route.reached": ("Tới {target} qua {hops} chặng", "Reached {target} in {hops} hops"),
    "net.route.stops": ("Đường tới {target} dừng sau chặng {last_hop} ({last_ip})",
                        "The path to {target} stops after hop {last_hop} ({last_ip})"),
    "net.route.remedy": ("Chặng cuối còn trả lời cho biết nơi lỗi: chặng 1 là router của cơ quan, sau đó là "
                         "nhà mạng.",
                         "The last hop that answers shows where it breaks: hop 1 is the office router, "
                         "beyond it the provider."),
    "net.tsa.no_urls": ("Hồ sơ chưa có máy chủ dấu thời gian", "The profile lists no timestamp server"),
    "net.tsa.down": ("Không xin được dấu thời gian từ: {urls}", "No timestamp from: {urls}"),
    "net.tsa.ok": ("{count} máy chủ dấu thời gian cấp dấu thời gian hợp lệ", "{count} timestamp servers grant a valid timestamp"),
    "net.tsa.remedy": ("Không ký được tới khi máy chủ dấu thời gian trả lời: kiểm tra Internet, tường lửa; "
                       "báo đầu mối chứng thư số của tỉnh.",
                       "Signing fails until the timestamp server answers: check the Internet link and firewall; "
                       "tell the provincial CA contact."),
}
