"""Catalogue entries: Internet and service checks (NET)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "area.NET": ("Internet và dịch vụ", "Internet and services"),
    "check.NET001.title": ("Phân giải tên miền (DNS)", "Name resolution (DNS)"),
    "check.NET001.desc": (
        "Phân giải từng tên miền trong hồ sơ qua hệ thống và qua từng máy chủ DNS riêng: phát hiện máy chủ "
        "DNS không trả lời, trả lời sai (khác hẳn máy chủ DNS đối chiếu) hoặc tự chuyển hướng tên không tồn tại; "
        "một tên mà cả máy chủ của cơ quan lẫn máy chủ đối chiếu đều nói không tồn tại là lỗi bản ghi của chính tên đó.",
        "Resolves each profile name through the system and through each DNS server separately: finds a server "
        "that does not answer, answers that disagree with the reference resolvers, or rewritten NXDOMAIN; a name "
        "the office's servers and a reference resolver both say does not exist is that name's own record."),
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
    "net.uplink.proxy_only": ("Internet chỉ đi được qua proxy {proxy} ({portal} trả lời HTTP {status}); đi thẳng "
                              "thì không địa chỉ nào trả lời — bình thường với mạng dùng proxy",
                              "The Internet is reached only through the proxy {proxy} ({portal} answers HTTP {status}); "
                              "nothing answers directly — normal on a network with a proxy"),
    "net.uplink.proxy_fails": ("Không địa chỉ nào trên Internet trả lời, đi thẳng hay qua proxy {proxy} ({portal}: "
                               "dừng ở bước {stage})",
                               "Nothing on the Internet answers, directly or through the proxy {proxy} ({portal}: "
                               "stopped at the {stage} step)"),
    "net.uplink.remedy_proxy": ("Hỏi người quản trị proxy của cơ quan: proxy có chạy và có ra được Internet không; nếu "
                                "cơ quan không dùng proxy, tắt nó trong cài đặt mạng.",
                                "Ask whoever runs the office's proxy whether it runs and reaches the Internet; if the "
                                "office has no proxy, turn it off in the network settings."),
    "ev.uplink_proxy": ("Qua proxy", "Through the proxy"),
    "net.direct.proxy_only": ("Bỏ qua: đi thẳng tới {target} không được, máy ra Internet qua proxy (xem bước "
                              "NET009)", "Skipped: {target} is not reachable directly; this PC reaches the Internet "
                              "through its proxy (see NET009)"),
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
    "param.portals": ("Địa chỉ các cổng dịch vụ cần kiểm tra (https://…, hoặc {url: https://…, domestic: true/false} "
                      "để ghi cổng trong nước hay ở nước ngoài)",
                      "Portal addresses to check (https://…, or {url: https://…, domestic: true/false} to say whether "
                      "the portal is in Vietnam)"),
    "param.dns_names": ("Tên miền cần phân giải (mặc định: tên miền của các cổng)",
                        "Names to resolve (default: the portals' host names)"),
    "param.resolvers": ("Máy chủ DNS đối chiếu (ví dụ DNS công cộng)", "Reference DNS resolvers (e.g. public ones)"),
    "param.captive_url": ("Địa chỉ kiểm tra trang đăng nhập Wi-Fi", "Captive-portal check URL"),
    "param.captive_expect_status": ("Mã HTTP mong đợi từ địa chỉ kiểm tra", "HTTP status the check URL must return"),
    "param.timestamp_urls": ("Máy chủ dấu thời gian của chữ ký số", "Signing timestamp servers"),
    "param.internet_target": ("Địa chỉ Internet để đo độ trễ, MTU, traceroute (mặc định: cổng đầu tiên)",
                              "Internet target for latency, MTU, traceroute (default: the first portal)"),
    "param.dns_slow_ms": ("Tra một tên miền lâu hơn mức này (ms) là chậm (cảnh báo)",
                          "A name lookup slower than this (ms) is slow (warning)"),
    "param.dns_fail_ms": ("Tra một tên miền lâu hơn mức này (ms) là hỏng (lỗi)",
                          "A name lookup slower than this (ms) is broken (failure)"),
    "param.first_byte_slow_s": ("Cổng trả byte đầu tiên chậm hơn mức này (giây) là chậm",
                                "A portal whose first byte comes later than this (s) is slow"),
    "param.portal_domestic": ("Cổng nào ở trong nước (tên máy → true/false); không ghi: tên kết thúc bằng .vn là trong "
                              "nước", "Which portals are in Vietnam (host name → true/false); unnamed: a name ending in "
                              ".vn is domestic"),
    "param.latency_warn_ms": ("Cảnh báo khi độ trễ từ mức này (ms)", "Warn at this round trip (ms)"),
    "param.loss_warn_percent": ("Cảnh báo khi mất gói từ mức này (%)", "Warn at this packet loss (%)"),
    "param.loss_fail_percent": ("Lỗi khi mất gói từ mức này (%)", "Fail at this packet loss (%)"),
    "param.cert_expiry_warn_days": ("Cảnh báo khi chứng chỉ của cổng còn ít ngày hơn",
                                    "Warn when a portal's certificate has fewer days left"),
    "ev.dns_system": ("Phân giải qua hệ thống", "System resolver"),
    "ev.dns_answer": ("Trả lời DNS", "DNS answer"),
    "ev.dns_reference": ("Máy chủ đối chiếu nói", "The reference server says"),
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
    "ev.portal_fail_reset": ("Cổng bị cắt kết nối khi bắt tay HTTPS", "Portal whose connection is reset at the HTTPS handshake"),
    "ev.portal_fail_proxy": ("Cổng mà proxy không mở được kết nối tới", "Portal the proxy cannot connect to"),
    "ev.portal_cert_untrusted": ("Cổng có chứng chỉ từ nơi cấp không tin cậy (nơi cấp)", "Portal with a certificate from an untrusted issuer (issuer)"),
    "ev.captive_answer": ("Trả lời của địa chỉ kiểm tra", "Check URL answer"),
    "ev.proxy": ("Proxy", "Proxy"),
    "ev.ping": ("Đo phản hồi", "Ping"),
    "ev.mtu_largest_ok": ("Gói lớn nhất đi qua", "Largest packet through"),
    "ev.hop": ("Chặng", "Hop"),
    "ev.tsa": ("Máy chủ dấu thời gian", "Timestamp server"),
    "net.dns.no_names": ("Hồ sơ chưa có tên miền hay cổng dịch vụ nào", "The profile names no host or portal"),
    "net.dns.unresolved": ("Không phân giải được: {unresolved}", "Cannot resolve: {unresolved}"),
    "net.dns.not_found": ("Tên miền không tồn tại ở bất cứ đâu: {names} (máy chủ DNS đối chiếu {server} cũng trả "
                          "lời NXDOMAIN, các tên khác vẫn phân giải được)",
                          "No such name anywhere: {names} (the reference DNS server {server} also answers NXDOMAIN; "
                          "the other names resolve)"),
    "net.dns.disagree": ("Máy chủ DNS đang dùng trả địa chỉ khác hẳn máy chủ đối chiếu cho: {names}",
                         "The DNS in use answers addresses unlike the reference resolvers for: {names}"),
    "net.dns.rewrites": ("Máy chủ DNS {servers} trả địa chỉ cho cả tên không tồn tại",
                         "DNS server {servers} answers even names that do not exist"),
    "net.dns.reference_down": ("Các máy chủ DNS của máy này trả lời; máy chủ đối chiếu {down} không tới được (chỉ "
                               "dùng để so sánh)", "This PC's DNS servers answer; the reference resolver {down} is out "
                               "of reach (it is only a comparison)"),
    "net.dns.some_down": ("Máy chủ DNS không trả lời: {down}", "DNS servers not answering: {down}"),
    "net.dns.unreliable": ("DNS chập chờn: máy chủ {server} chỉ trả lời {answered}/{asked} lần hỏi cùng một tên",
                           "Unreliable DNS: {server} answered only {answered} of {asked} identical questions"),
    "net.dns.slow": ("DNS chậm: mỗi tên miền phải chờ {ms} ms mới có địa chỉ (máy chủ {server}; quá mức {threshold} ms "
                     "người dùng chịu được; {answered}/{asked} câu hỏi dồn dập được trả lời kịp)",
                     "Slow DNS: each name waits {ms} ms for its address (server {server}; past the {threshold} ms a "
                     "user can bear; {answered} of {asked} questions asked at once answered in time)"),
    # LAN004's (kfield/checks/lan.py) late answer: kept beside the DNS limits it is judged by.
    "lan.dns.slow": ("Máy chủ DNS {server} trả lời chậm: {ms} ms (quá mức {threshold} ms)",
                     "The DNS server {server} answers late: {ms} ms (past {threshold} ms)"),
    "net.dns.first_dead": ("Máy chủ DNS thứ nhất, {server}, không trả lời: mỗi tên miền phải chờ {wait_s} giây cho "
                           "nó rồi {next_server} mới trả lời",
                           "The first DNS server, {server}, does not answer: every name waits {wait_s} s for it "
                           "before {next_server} answers"),
    "net.dns.remedy_first_dead": ("Bỏ {server} khỏi danh sách DNS của card mạng (hoặc của DHCP trên router), để "
                                  "{next_server} đứng đầu.",
                                  "Remove {server} from the adapter's DNS list (or from the router's DHCP settings), "
                                  "so that {next_server} comes first."),
    "net.dns.remedy_slow": ("Khởi động lại router; nếu vẫn chậm, đặt DNS khác (của nhà mạng hoặc công cộng) cho card "
                            "mạng hoặc cho DHCP của router, và báo nhà mạng.",
                            "Restart the router; if names stay slow, set another DNS server (the provider's or a public "
                            "one) on the adapter or in the router's DHCP, and tell the provider."),
    "net.dns.remedy_unreliable": ("Khởi động lại router; nếu vẫn vậy, đặt DNS khác (của nhà mạng hoặc công cộng) "
                                  "và báo nhà mạng.",
                                  "Restart the router; if it stays so, set another DNS server (the provider's or a "
                                  "public one) and tell the provider."),
    "net.dns.ok": ("{count} máy chủ DNS trả lời và thống nhất", "{count} DNS servers answer and agree"),
    "net.dns.remedy_not_found": ("Báo quản trị cổng: bản ghi DNS của tên miền này bị thiếu hoặc tên miền đã hết "
                                 "hạn; xem lại cả địa chỉ cổng trong hồ sơ. Đổi DNS trên máy này không giúp được.",
                                 "Tell the portal's administrators: the name's DNS record is missing or its domain "
                                 "has lapsed; check the portal's address in the profile too. Changing this PC's DNS "
                                 "does not help."),
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
    "net.web.fail_reset": ("{failed_count}/{count} cổng không vào được — {portal}: kết nối bị cắt ngang ngay khi bắt tay "
                           "HTTPS (gói RST)",
                           "{failed_count} of {count} portals fail — {portal}: the connection is reset right at the "
                           "HTTPS handshake"),
    "net.web.fail_redirects": ("{failed_count}/{count} cổng không vào được — {portal}: cổng chuyển hướng vòng quanh "
                               "mãi (trình duyệt báo «quá nhiều lần chuyển hướng»)",
                               "{failed_count} of {count} portals fail — {portal}: it redirects round and round (a "
                               "browser says \"too many redirects\")"),
    "ev.portal_fail_redirects": ("Cổng chuyển hướng vòng quanh", "Portal redirecting in a loop"),
    "net.web.clock_skew": ("Đồng hồ máy này lệch {amount} so với máy chủ của các cổng: các cổng nói hôm nay là "
                           "{server_date}, máy này nói {today} (quá mức {threshold})",
                           "This PC's clock is {amount} off the portals' servers: they say today is {server_date}, "
                           "this PC says {today} (past {threshold})"),
    "net.web.ipv6_broken": ("{portal} có địa chỉ IPv6 và máy này có đường IPv6, nhưng kết nối IPv6 tới đó không đi "
                            "được: trình duyệt chờ rồi mới quay về IPv4 (trang mở chậm, lúc được lúc không)",
                            "{portal} has an IPv6 address and this PC an IPv6 route, but IPv6 connections to it go "
                            "nowhere: browsers wait before falling back to IPv4 (pages open slowly, or only sometimes)"),
    "net.web.remedy_ipv6": ("Tắt IPv6 trên router nếu nhà mạng chưa cấp IPv6 chạy được, hoặc báo nhà mạng sửa IPv6.",
                            "Turn IPv6 off on the router if the provider's IPv6 does not work yet, or ask the provider "
                            "to fix it."),
    "net.web.fail_proxy": ("{failed_count}/{count} cổng không vào được — {portal}: proxy {proxy} không mở được kết nối "
                           "tới cổng",
                           "{failed_count} of {count} portals fail — {portal}: the proxy {proxy} cannot open a "
                           "connection to it"),
    "net.web.international_fail": ("{failed_count}/{count} cổng không vào được — các cổng ở nước ngoài ({failed}) "
                                   "đều lỗi trong khi các cổng trong nước vẫn vào được",
                                   "{failed_count} of {count} portals fail — the international ones ({failed}) fail "
                                   "while the domestic ones work"),
    "net.web.domestic_fail": ("{failed_count}/{count} cổng không vào được — các cổng trong nước ({failed}) đều lỗi "
                              "trong khi các cổng ở nước ngoài vẫn vào được",
                              "{failed_count} of {count} portals fail — the domestic ones ({failed}) fail while the "
                              "international ones work"),
    "net.web.group_fail": ("{failed_count}/{count} cổng không vào được — {failed}: các máy chủ khác nhau cùng lỗi một "
                           "kiểu ({portal}: xem bằng chứng) trong khi cổng khác vẫn vào được",
                           "{failed_count} of {count} portals fail — {failed}: different servers failing alike ({portal}: "
                           "see the evidence) while another portal works"),
    "net.web.remedy_class": ("Lỗi theo nhóm địa chỉ (trong nước / nước ngoài) là lỗi tuyến của nhà mạng: báo nhà mạng, "
                             "kèm danh sách cổng lỗi và cổng vẫn vào được.",
                             "A failure by class of address (domestic / international) is the provider's routing: "
                             "tell the provider, with the failing and the working portals."),
    "net.web.slow": ("Cổng {portal} trả byte đầu tiên sau {seconds} giây (quá mức {threshold} giây người dùng chịu "
                     "được); {slow_count}/{count} cổng chậm như vậy",
                     "The portal {portal} sends its first byte after {seconds} s (past the {threshold} s a user can "
                     "bear); {slow_count} of {count} portals are that slow"),
    "net.web.remedy_slow": ("Xem chẩn đoán: `kfield diagnose` so sánh các cổng với nhau và với đường truyền.",
                            "See the verdict: `kfield diagnose` compares the portals with each other and with the link."),
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
    "net.proxy.remedy": ("Tắt proxy ({menu[proxy]}; `netsh winhttp reset proxy`) nếu cơ quan không "
                         "dùng proxy, hoặc sửa đúng địa chỉ proxy.",
                         "Turn the proxy off ({menu[proxy]}; `netsh winhttp reset proxy`) if the "
                         "office has none, or fix its address."),
    "net.proxy.remedy_check": ("Xác nhận với bộ phận CNTT rằng proxy này là của cơ quan.",
                               "Confirm with the IT staff that this proxy belongs to the office."),
    "net.latency.no_target": ("Không có địa chỉ để đo (thêm internet_target hoặc portals vào hồ sơ)",
                              "Nothing to measure against (add internet_target or portals to the profile)"),
    "net.latency.silent": ("{target} không trả lời ({method})", "{target} does not answer ({method})"),
    "net.latency.lossy": ("Mất {loss} % gói tới {target}, trễ {ms} ms ({method})",
                          "{loss}% loss to {target}, {ms} ms ({method})"),
    "net.latency.slow": ("Độ trễ tới {target} cao: {ms} ms, dao động {jitter} ms ({method})",
                         "High latency to {target}: {ms} ms, jitter {jitter} ms ({method})"),
    "net.latency.lossy_lan": ("Mất gói ngay trong mạng nội bộ: {gateway_loss} % tới router, {loss} % tới {target} ({method})",
                              "Packets are lost inside the LAN already: {gateway_loss}% to the router, {loss}% to "
                              "{target} ({method})"),
    "net.latency.slow_lan": ("Độ trễ cao ngay trong mạng nội bộ: {gateway_ms} ms tới router, {ms} ms tới {target}",
                             "High latency inside the LAN already: {gateway_ms} ms to the router, {ms} ms to {target}"),
    "net.latency.refusals": ("Tới {target}: {ms} ms qua kết nối TCP, nhưng chỉ có lời từ chối trả lời (thường là "
                             "tường lửa trên đường đi, vốn giới hạn số lời từ chối) — không đo được tỉ lệ mất gói ở đây",
                             "To {target}: {ms} ms by TCP handshake, but only refusals answer (usually a firewall on "
                             "the way, which limits how many it sends) — the loss cannot be measured there"),
    "net.latency.filtered": ("Tới {target}: {ms} ms qua kết nối TCP, mất {loss} % (ping bị chặn ngoài router — "
                             "bình thường ở nhiều nhà mạng, không phải lỗi)",
                             "To {target}: {ms} ms by TCP handshake, {loss}% lost (ping is filtered beyond the "
                             "router — common with providers, not a fault)"),
    "net.latency.ok": ("Tới {target}: {ms} ms, dao động {jitter} ms, mất {loss} % ({method})",
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
