#!/usr/bin/env python3
"""A region outage in front of moto: an HTTP proxy on 127.0.0.1.

Every request the AWS SDKs and the AWS CLI send is signed with SigV4, and
the signature's credential scope names the region
(``Credential=KEY/20260101/us-east-1/rds/aws4_request``). The proxy forwards
each request to moto unchanged, except those signed for a region that is
"down": those get ``503 ServiceUnavailable``, as a region's endpoints would
answer (or fail to) during an outage. Global services signed for us-east-1
(IAM, Route 53's control plane) go down with it, as they do on AWS.

    outage_proxy.py --port 0 --upstream 127.0.0.1:5000 [--port-file F]

Runtime switch, on the proxy itself:
    POST /__outage   body: region codes separated by spaces ("" = none down)
    GET  /__outage   the regions down now, one a line

Python standard library only; listens on and talks to 127.0.0.1 only.
"""

import argparse
import http.client
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

SCOPE = re.compile(r"Credential=[^/,\s]+/\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request")
# Hop-by-hop headers are not forwarded (RFC 9110, section 7.6.1).
HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "expect"}

DOWN: set[str] = set()
LOCK = threading.Lock()
UPSTREAM = ("127.0.0.1", 0)


def signed_region(headers, path):
    """The region of the request's SigV4 scope, from the header or a presigned URL."""
    m = SCOPE.search(headers.get("Authorization", ""))
    if m:
        return m.group(1), m.group(2)
    query = parse_qs(urlsplit(path).query)
    cred = unquote(query.get("X-Amz-Credential", [""])[0])
    parts = cred.split("/")
    if len(parts) == 5:
        return parts[2], parts[3]
    return None, None


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet: one line per refused request only
        pass

    def body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            out = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return out
                out += self.rfile.read(size)
                self.rfile.readline()
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def reply(self, code, data, ctype="text/plain"):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def control(self, data):
        if self.command == "POST":
            with LOCK:
                DOWN.clear()
                DOWN.update(data.decode().split())
            print(f"[outage_proxy] regions down: {' '.join(sorted(DOWN)) or 'none'}", flush=True)
        with LOCK:
            self.reply(200, "".join(r + "\n" for r in sorted(DOWN)).encode())

    def forward(self):
        data = self.body()
        if urlsplit(self.path).path == "/__outage":
            return self.control(data)
        # As an HTTP proxy (HTTP_PROXY, for the virtual-host address of a bucket
        # named with dots, http://<bucket>.127.0.0.1:PORT/) it carries requests
        # for 127.0.0.1 only: anything else would be a call beyond the emulator.
        target = urlsplit(self.path).hostname
        if target and target != "127.0.0.1" and not target.endswith(".127.0.0.1"):
            print(f"[outage_proxy] 502 refused, not for 127.0.0.1: {self.command} {self.path[:80]}", flush=True)
            return self.reply(502, f"drill: {target} is not the emulator\n".encode())
        region, service = signed_region(self.headers, self.path)
        with LOCK:
            down = region in DOWN
        if down:
            print(f"[outage_proxy] 503 {service} in {region}: {self.command} {self.path[:80]}", flush=True)
            body = (
                "<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code>"
                f"<Message>drill: region {region} is down</Message></Error>"
                "<RequestId>drill-outage</RequestId></ErrorResponse>"
            ).encode()
            return self.reply(503, body, "text/xml")
        conn = http.client.HTTPConnection(*UPSTREAM, timeout=600)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
            if data or self.command in ("POST", "PUT", "PATCH"):
                headers["Content-Length"] = str(len(data))
            conn.request(self.command, self.path, body=data or None, headers=headers)
            resp = conn.getresponse()
            payload = resp.read()
            self.send_response(resp.status, resp.reason)
            for k, v in resp.getheaders():
                if k.lower() not in HOP and k.lower() != "content-length":
                    self.send_header(k, v)
            if self.command == "HEAD":
                # HEAD keeps the size of what a GET would return (S3 HeadObject).
                self.send_header("Content-Length", resp.getheader("Content-Length", "0"))
                self.end_headers()
            else:
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
        finally:
            conn.close()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = forward


def main():
    global UPSTREAM
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: a free one)")
    p.add_argument("--upstream", required=True, help="moto as 127.0.0.1:PORT")
    p.add_argument("--port-file", help="write the port chosen here once listening")
    p.add_argument("--down", default="", help="regions down from the start, space-separated")
    a = p.parse_args()
    host, _, port = a.upstream.rpartition(":")
    if host not in ("127.0.0.1", "localhost"):
        sys.exit("outage_proxy: the upstream must be on 127.0.0.1")
    UPSTREAM = ("127.0.0.1", int(port))
    DOWN.update(a.down.split())
    server = ThreadingHTTPServer(("127.0.0.1", a.port), Proxy)
    server.daemon_threads = True
    chosen = server.server_address[1]
    if a.port_file:
        with open(a.port_file, "w") as f:
            f.write(f"{chosen}\n")
    print(f"[outage_proxy] 127.0.0.1:{chosen} -> {a.upstream}; down: {' '.join(sorted(DOWN)) or 'none'}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
