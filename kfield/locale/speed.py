"""Catalogue entries: `kfield serve`, `kfield lan speed` and `kfield net speed`."""

MESSAGES: dict[str, tuple[str, str]] = {
    "help.serve": ("Mở điểm đo tốc độ mạng nội bộ cho `kfield lan speed` trên máy khác (Ctrl-C để dừng).",
                   "Serve a LAN throughput endpoint for `kfield lan speed` on another laptop (Ctrl-C stops it)."),
    "help.serve.bind": ("Địa chỉ để nghe (mặc định mọi card mạng)", "Address to listen on (default: every interface)"),
    "help.serve.port": ("Cổng TCP", "TCP port"),
    "help.serve.token": ("Mã dùng chung (mặc định: sinh ngẫu nhiên)", "Shared token (default: a random one)"),
    "help.lan.speed": ("Đo tốc độ mạng nội bộ tới máy đang chạy `kfield serve`: tải xuống, tải lên, độ trễ khi "
                       "rảnh và khi đang tải.",
                       "Measure the LAN to a laptop running `kfield serve`: download, upload, latency idle and "
                       "under load."),
    "help.lan.speed_host": ("Địa chỉ máy đang chạy `kfield serve`", "The address of the laptop running `kfield serve`"),
    "help.lan.speed_token": ("Mã mà `kfield serve` in ra", "The token `kfield serve` printed"),
    "help.lan.speed_seconds": ("Số giây đo mỗi chiều", "Seconds per direction"),
    "help.lan.speed_streams": ("Số luồng song song", "Parallel streams"),
    "speed.serve.ready": ("Đang phục vụ đo tốc độ tại {bind}:{port}, mã {token}. Trên máy kia chạy:",
                          "Serving throughput on {bind}:{port}, token {token}. On the other laptop run:"),
    "speed.serve.stopped": ("Đã dừng điểm đo tốc độ.", "Throughput endpoint stopped."),
    "speed.serve.port_busy": ("Cổng {port} trên {bind} đang bị chương trình khác dùng; chọn --port khác",
                              "Port {port} on {bind} is in use by another program; pick another --port"),
    "speed.serve.cannot_bind": ("Không mở được {bind}:{port}: {reason}", "Cannot listen on {bind}:{port}: {reason}"),
    "speed.measuring": ("Đang đo tốc độ tới {host}:{port} ({seconds:g} giây mỗi chiều)…",
                        "Measuring to {host}:{port} ({seconds:g} s each way)…"),
    "speed.measuring_short": ("Đang đo…", "Measuring…"),
    "speed.bad_host": ("Không hiểu địa chỉ «{host}»", "Cannot make sense of the address \"{host}\""),
    "speed.refused": ("{host}:{port} từ chối kết nối: máy kia đã chạy `kfield serve` chưa, đúng cổng chưa?",
                      "{host}:{port} refused the connection: is `kfield serve` running there, on that port?"),
    "speed.server_refused": ("{host}:{port} từ chối kết nối (máy chủ đo tốc độ đã tắt, hoặc bị chặn)",
                             "{host}:{port} refused the connection (the speed server is down, or blocked)"),
    "speed.timeout": ("{host}:{port} không trả lời (tường lửa hoặc sai địa chỉ?)",
                      "{host}:{port} does not answer (a firewall, or the wrong address?)"),
    "speed.unreachable": ("Không tới được {host}:{port}: {reason}", "Cannot reach {host}:{port}: {reason}"),
    "speed.bad_token": ("{host} từ chối mã: dùng đúng mã mà `kfield serve` in ra",
                        "{host} refused the token: use the one `kfield serve` printed"),
    "speed.line.down": ("Tải xuống: {mbps} Mbit/s", "Download: {mbps} Mbit/s"),
    "speed.line.up": ("Tải lên: {mbps} Mbit/s", "Upload: {mbps} Mbit/s"),
    "speed.line.latency": ("Độ trễ: {idle} ms khi rảnh, {loaded} ms khi đang tải; dao động {jitter} ms",
                           "Latency: {idle} ms idle, {loaded} ms under load; jitter {jitter} ms"),
    "speed.line.latency_both": ("Độ trễ: {idle} ms khi rảnh (dao động {jitter} ms), {down} ms khi đang tải xuống, "
                                "{up} ms khi đang tải lên",
                                "Latency: {idle} ms idle (jitter {jitter} ms), {down} ms while downloading, {up} ms "
                                "while uploading"),
    "speed.load.fine": ("Gọi video vẫn mượt khi có người đang tải xuống hoặc tải lên",
                        "Video calls stay smooth while someone downloads or uploads"),
    "speed.load.lag": ("Cuộc gọi sẽ hơi trễ khi có người đang {during} (độ trễ tăng {ms} ms)",
                       "Calls will lag a little while someone {during} (latency up {ms} ms)"),
    "speed.load.stutter": ("Cuộc gọi sẽ bị giật khi có người đang {during} (độ trễ tăng {ms} ms: hàng đợi của "
                           "modem quá sâu hoặc đường truyền quá hẹp)",
                           "Calls will stutter while someone {during} (latency up {ms} ms: the modem's queue is "
                           "too deep, or the line too thin)"),
    "speed.load.while.down": ("tải xuống", "downloads"),
    "speed.load.while.up": ("tải lên", "uploads"),
    "speed.load.while.both": ("tải xuống hoặc tải lên", "downloads or uploads"),
    "speed.stopped.budget": ("Dừng sớm vì sắp hết giới hạn dung lượng (--max-mb): kết quả là phần đã đo được",
                             "Stopped early, the byte cap (--max-mb) was near: the figures are what was measured "
                             "by then"),
    "speed.stopped.time": ("Dừng sớm vì hết thời gian: kết quả là phần đã đo được",
                           "Stopped early, time was up: the figures are what was measured by then"),
    "speed.line.bytes": ("Đã dùng {mb} MB trong {seconds} giây", "Used {mb} MB in {seconds} s"),
    "help.net": ("Chẩn đoán Internet: đo tốc độ đường truyền.", "Internet diagnostics: measure the link's speed."),
    "help.net.speed": (
        "Đo tốc độ Internet có giới hạn dung lượng (đường truyền vệ tinh, 4G tính tiền theo dung lượng). Không cần "
        "tuỳ chọn nào: mặc định đo một máy chủ trong nước rồi một máy chủ ở nước ngoài mà hồ sơ ghi, và cho biết kết "
        "nối quốc tế có phải là chỗ chậm không; --backend cloudflare đo tới Cloudflare; --backend ookla dùng máy chủ "
        "Speedtest.net gần nhất; --backend http đo tới máy chạy `kfield serve` hoặc một cặp địa chỉ tải xuống/tải lên.",
        "Measure the Internet speed within a byte budget (satellite and 4G links are metered). No option needed: "
        "by default it measures a server in Vietnam, then one abroad, as the profile names them, and says whether "
        "the international link is the slow part; --backend cloudflare measures against Cloudflare; --backend "
        "ookla uses the nearest Speedtest.net server; --backend http measures against a `kfield serve` peer or a "
        "download/upload URL pair."),
    "help.net.profile": ("Hồ sơ kiểm tra; khi không có tùy chọn nào khác, đo các máy chủ trong nước và nước ngoài của "
                         "hồ sơ (speed_servers), hoặc cặp speed_down_url/speed_up_url",
                         "Check profile; with no other target, its servers in Vietnam and abroad (speed_servers), or "
                         "its speed_down_url/speed_up_url pair, are measured"),
    "help.net.backend": ("cloudflare (mặc định), ookla (Speedtest.net) hoặc http (`kfield serve` hoặc cặp địa chỉ)",
                         "cloudflare (default), ookla (Speedtest.net) or http (`kfield serve` or a URL pair)"),
    "help.net.streams": ("Số luồng song song (mặc định 4, 8 trên đường truyền độ trễ cao)",
                         "Parallel streams (default 4, 8 on high-latency links)"),
    "speed.net.public_target": ("Backend {backend} tự chọn máy chủ: bỏ --down-url/--up-url (ookla nhận --server "
                                "HOST:PORT của một máy chủ Speedtest)",
                                "The {backend} backend picks its own server: drop --down-url/--up-url (ookla "
                                "accepts --server HOST:PORT of one Speedtest server)"),
    "help.net.server": ("Máy chạy `kfield serve` (HOST hoặc HOST:PORT), hoặc với --backend ookla một máy chủ Speedtest "
                        "HOST:PORT", "A `kfield serve` peer (HOST or HOST:PORT), or with --backend ookla one Speedtest "
                        "server HOST:PORT"),
    "help.net.down_url": ("Địa chỉ tệp để đo tải xuống", "A file URL to measure download"),
    "help.net.up_url": ("Địa chỉ nhận POST để đo tải lên", "A URL that accepts POST to measure upload"),
    "help.net.max_mb": ("Tối đa bao nhiêu MB qua card mạng, cả hai chiều (kể cả phần đầu gói và gửi lại)",
                        "At most this many MB through the network card, both ways (headers and retransmissions "
                        "included)"),
    "speed.http_status": ("{url} trả mã HTTP {status}", "{url} answered HTTP {status}"),
    "speed.net.one_target": ("Chọn --server hoặc cặp --down-url/--up-url, không dùng cả hai",
                             "Use --server or the --down-url/--up-url pair, not both"),
    "speed.net.needs_token": ("Cần --token mà `kfield serve` in ra", "--token is needed (the one `kfield serve` printed)"),
    "speed.net.no_target": ("Backend http cần nơi để đo: --server HOST[:PORT] --token T, hoặc --down-url và "
                            "--up-url",
                            "The http backend needs something to measure against: --server HOST[:PORT] --token T, "
                            "or --down-url and --up-url"),
    "speed.net.bad_url": ("Địa chỉ không hợp lệ: «{url}» (cần http:// hoặc https://)",
                          "Invalid URL: \"{url}\" (http:// or https:// needed)"),
    "speed.net.budget": ("Đo trong giới hạn {mb:g} MB, tối đa {seconds:g} giây mỗi chiều…",
                         "Measuring within {mb:g} MB, at most {seconds:g} s each way…"),
    "speed.ookla.no_config": ("Không lấy được cấu hình Speedtest.net: máy chưa ra được Internet hoặc bị chặn",
                              "Cannot fetch the Speedtest.net configuration: no Internet, or it is blocked"),
    "speed.ookla.no_server": ("Không tìm được máy chủ Speedtest.net nào", "No Speedtest.net server could be found"),
    "speed.no_name": ("Không tra được địa chỉ của {host}: máy chưa ra được Internet, hoặc DNS không trả lời",
                      "Cannot look up {host}: no Internet, or DNS does not answer"),
    "speed.line.server": ("Máy chủ: {server}", "Server: {server}"),
    "speed.net.budget_places": ("Đo một máy chủ trong nước rồi một máy chủ ở nước ngoài, tổng cộng trong giới hạn "
                                "{mb:g} MB, tối đa {seconds:g} giây mỗi chiều…",
                                "Measuring a server in Vietnam, then one abroad, within {mb:g} MB in all, at most "
                                "{seconds:g} s each way…"),
    "speed.places.domestic_line": ("Trong nước ({title})", "In Vietnam ({title})"),
    "speed.places.international_line": ("Nước ngoài ({title})", "Abroad ({title})"),
    "speed.places.figures": ("{where}: tải xuống {down} Mbit/s, tải lên {up} Mbit/s, độ trễ {idle} ms",
                             "{where}: download {down} Mbit/s, upload {up} Mbit/s, latency {idle} ms"),
    "speed.places.unmeasured": ("{where}: không đo được: {reason}", "{where}: could not be measured: {reason}"),
    "speed.places.international": (
        "Đường đi quốc tế chậm (chỉ bằng {percent} % tốc độ trong nước), trong nước vẫn tốt: lỗi ở kết nối quốc tế "
        "(cáp quang biển, cổng quốc tế của nhà mạng), không phải đường truyền của trụ sở. Trang web, dịch vụ trong "
        "nước vẫn dùng được; báo nhà mạng nếu kéo dài.",
        "The international link is slow ({percent} % of the domestic speed) while domestic is fine: the fault is "
        "the international connection (submarine cables, the provider's international gateway), not this office's "
        "line. Sites and services in Vietnam still work; tell the provider if it lasts."),
    "speed.places.alike": (
        "Trong nước và nước ngoài như nhau: tốc độ đo được là của chính đường truyền này, không phải kết nối quốc tế.",
        "Domestic and international alike: the speed measured is this line's own, not the international link's."),
    "speed.places.domestic": (
        "Máy chủ trong nước chậm hơn hẳn máy chủ ở nước ngoài (chỉ bằng {percent} %): máy chủ đó hoặc mạng của nó "
        "đang chậm, không phải đường truyền này; thử máy chủ trong nước khác.",
        "The server in Vietnam is far slower than the one abroad ({percent} % of it): that server or its network "
        "is slow, not this line; try another server in Vietnam."),
    "speed.places.abroad_silent": (
        "Máy chủ trong nước trả lời nhưng không máy chủ nào ở nước ngoài trả lời: kết nối quốc tế có thể đang bị "
        "gián đoạn (hoặc máy chủ đó đang tắt).",
        "A server in Vietnam answered but none abroad did: the international connection may be cut (or that "
        "server is down)."),
}
