#!/usr/bin/env python3
"""hostile.py: a fault-injecting HTTP server on loopback for crier's tests.

Python 3 standard library only.  It binds 127.0.0.1 on a free port, writes
the port to --port-file and appends one JSON line per request to --log
(path and status), so a test can tell whether a URL was ever asked for
(the external DTD must never be).  Big bodies are made on the fly, never
stored.  It stops on SIGTERM, or by itself after --lifetime seconds.

    /ok/N           a small valid RSS feed of 3 items ("healthy N")
    /drip           headers, then one byte every 0.4 s for ever
    /reset          half of the promised body, then a TCP reset
    /short          a body shorter than its Content-Length, then close
    /huge           Content-Length of 6 GB, bytes made as they are sent
    /hugechunk      6 GB, chunked (no length up front)
    /bomb           gzip: 1 MB that inflates to 1 GB of a feed
    /loop/N         302 to /loop/N+1, for ever
    /tofile         302 to file:///etc/passwd
    /toftp          302 to ftp://127.0.0.1/feed.xml
    /status/CODE    that status (500, 503 and 429 with Retry-After: 120)
    /html           an HTML page
    /empty          200 with an empty body
    /invalid        a document that is no XML
    /laughs         "billion laughs": nested internal entities
    /xxe?f=PATH     an external entity naming the local file PATH
    /dtd            a feed with an external DTD (and a parameter entity)
                    on this server: /evil.dtd
    /evil.dtd       the DTD; a request for it is logged as "dtd": true
    /big            a 50 MB feed of 100,000 items, chunked
    /endless        a feed that never stops sending items
    /attrs/N        a feed whose item has N attributes
    /redir?to=URL   302 to URL
    /moving/N       feed N: its 30 latest items, a new one every 0.25 s

With --also ADDR it listens on that loopback address too, on the same
port (the tests play a public server on 127.0.0.2).
"""
import argparse
import json
import os
import signal
import socket
import struct
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG_LOCK = threading.Lock()
BOMB = None
BOMB_LOCK = threading.Lock()

FEED_HEAD = (b'<?xml version="1.0" encoding="utf-8"?>\n'
             b'<rss version="2.0"><channel><title>%s</title>'
             b'<link>http://example.org/</link>\n')
FEED_TAIL = b'</channel></rss>\n'


def item(i, pad=b""):
    return (b'<item><title>item %d</title><link>http://example.org/%d'
            b'</link><guid>urn:x:%d</guid><description>%s</description>'
            b'</item>\n' % (i, i, i, pad))


def healthy(name):
    body = FEED_HEAD % (b"healthy " + name.encode())
    for i in range(3):
        body += item(i)
    return body + FEED_TAIL


def bomb():
    """1 GB of a feed-looking body in gzip, made once: a 1 MB block is
    deflated after a full flush, which resets the compressor, so its
    bytes repeat as they are; the CRC is left wrong (never reached)"""
    global BOMB
    with BOMB_LOCK:
        if BOMB is None:
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            head = c.compress(FEED_HEAD % b"bomb" + b"<item><title>")
            head += c.flush(zlib.Z_FULL_FLUSH)
            block = c.compress(b"A" * (1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
            tail = c.compress(b"</title></item>" + FEED_TAIL) + c.flush()
            BOMB = (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + head +
                    block * 1024 + tail + struct.pack("<II", 0, 1 << 30))
        return BOMB


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "crier-test-hostile"
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):
        pass

    def record(self, status, extra=None):
        entry = {"path": self.path, "status": status,
                 "host": self.server.server_address[0],
                 "t": round(time.time(), 3)}
        if extra:
            entry.update(extra)
        with LOG_LOCK:
            with open(self.server.logfile, "a") as fh:
                fh.write(json.dumps(entry) + "\n")

    def head(self, status, headers=None, length=None):
        self.send_response(status)
        hdrs = {"Content-Type": "application/rss+xml"}
        hdrs.update(headers or {})
        for k, v in hdrs.items():
            self.send_header(k, v)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def send(self, status, body=b"", headers=None, extra=None):
        self.head(status, headers, len(body))
        self.wfile.write(body)
        self.record(status, extra)

    def chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def redirect(self, where):
        self.send(302, b"", {"Location": where})

    def do_GET(self):
        try:
            self.route()
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            self.close_connection = True

    def route(self):
        p = self.path
        port = self.server.server_address[1]
        me = "http://127.0.0.1:%d" % port
        if p.startswith("/ok/"):
            return self.send(200, healthy(p[4:]))
        if p == "/drip":
            self.head(200, length=1 << 20)
            self.record(200)
            self.wfile.write(FEED_HEAD % b"drip")
            self.wfile.flush()
            while True:
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.4)
        if p == "/reset":
            body = healthy("reset")
            self.head(200, length=len(body) * 2)
            self.wfile.write(body[:len(body) // 2])
            self.wfile.flush()
            self.record(200)
            # SO_LINGER 0: close() sends a reset, not a FIN
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        if p == "/short":
            body = healthy("short")
            self.head(200, length=len(body) + 5000)
            self.wfile.write(body)
            self.wfile.flush()
            self.record(200)
            self.close_connection = True
            return
        if p in ("/huge", "/hugechunk"):
            size = 6 << 30
            chunked = p == "/hugechunk"
            if chunked:
                self.head(200, {"Transfer-Encoding": "chunked"})
            else:
                self.head(200, length=size)
            self.record(200)
            out = self.chunk if chunked else self.wfile.write
            out(FEED_HEAD % b"huge")
            block = b"".join(item(i, b"x" * 400) for i in range(128))
            sent = 0
            while sent < size:
                out(block)
                sent += len(block)
            return
        if p == "/bomb":
            return self.send(200, bomb(), {"Content-Encoding": "gzip"})
        if p.startswith("/loop/"):
            n = int(p[6:] or 0)
            return self.redirect("%s/loop/%d" % (me, n + 1))
        if p == "/tofile":
            return self.redirect("file:///etc/passwd")
        if p == "/toftp":
            return self.redirect("ftp://127.0.0.1/feed.xml")
        if p.startswith("/status/"):
            code = int(p[8:])
            hdrs = {"Content-Type": "text/html"}
            if code in (429, 503):
                hdrs["Retry-After"] = "120"
            return self.send(code, b"<html><body>no</body></html>", hdrs)
        if p == "/html":
            return self.send(200, b"<!DOCTYPE html><html><head><title>A "
                             b"page</title></head><body><p>Hello</p>"
                             b"</body></html>", {"Content-Type": "text/html"})
        if p == "/empty":
            return self.send(200, b"")
        if p == "/invalid":
            return self.send(200, b"\x00\x01<<<rss version=>>&&& \xff\xfe"
                             b"</channel>]]>")
        if p == "/laughs":
            body = b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n'
            body += b'<!ENTITY l0 "ha">\n'
            for i in range(1, 12):
                body += b'<!ENTITY l%d "%s">\n' % (
                    i, b"".join(b"&l%d;" % (i - 1) for _ in range(10)))
            body += (b']>\n<rss version="2.0"><channel><title>laughs'
                     b'</title><item><title>&l11;</title><guid>l</guid>'
                     b'</item></channel></rss>\n')
            return self.send(200, body)
        if p.startswith("/xxe?f="):
            path = p[7:]
            body = (b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n'
                    b'<!ENTITY xxe SYSTEM "file://%s">\n'
                    b'<!ENTITY %% remote SYSTEM "%s/evil.dtd">\n%%remote;\n'
                    b']>\n<rss version="2.0"><channel><title>xxe</title>'
                    b'<item><title>t &xxe;</title><guid>x1</guid>'
                    b'<description>d &xxe; &ext;</description></item>'
                    b'</channel></rss>\n' % (path.encode(), me.encode()))
            return self.send(200, body)
        if p == "/dtd":
            body = (b'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM '
                    b'"%s/evil.dtd">\n<rss version="2.0"><channel>'
                    b'<title>dtd</title><item><title>t &ext;</title>'
                    b'<guid>d1</guid></item></channel></rss>\n' %
                    me.encode())
            return self.send(200, body)
        if p == "/evil.dtd":
            return self.send(200, b'<!ENTITY ext "FETCHED-DTD">\n',
                             {"Content-Type": "application/xml-dtd"},
                             {"dtd": True})
        if p == "/big":
            self.head(200, {"Transfer-Encoding": "chunked"})
            self.record(200)
            self.chunk(FEED_HEAD % b"big")
            pad = b"y" * 400
            for start in range(0, 100000, 500):
                self.chunk(b"".join(item(i, pad)
                                    for i in range(start, start + 500)))
            self.chunk(FEED_TAIL)
            self.chunk(b"")
            return
        if p == "/endless":
            self.head(200, {"Transfer-Encoding": "chunked"})
            self.record(200)
            self.chunk(FEED_HEAD % b"endless")
            i = 0
            while True:
                self.chunk(b"".join(item(i + k) for k in range(100)))
                i += 100
                time.sleep(0.01)
        if p.startswith("/moving/"):
            n = p[8:].encode()
            t = int(time.time() * 4)
            body = FEED_HEAD % (b"moving " + n)
            for k in range(t - 30, t):
                body += (b"<item><title>%s item %d</title><guid>%s-%d</guid>"
                         b"<description>text of %d, long enough to be "
                         b"indexed and stored</description></item>\n" %
                         (n, k, n, k, k))
            return self.send(200, body + FEED_TAIL)
        if p.startswith("/redir?to="):
            return self.redirect(p[10:])
        if p.startswith("/attrs/"):
            n = int(p[7:])
            attrs = b" ".join(b'a%d="v"' % i for i in range(n))
            body = (FEED_HEAD % b"attrs" + b"<item " + attrs +
                    b"><title>t</title><guid>a1</guid></item>" + FEED_TAIL)
            return self.send(200, body)
        return self.send(404, b"<html><body>not found</body></html>",
                         {"Content-Type": "text/html"})


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass    # clients that hang up are the point of this server


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--lifetime", type=float, default=120)
    ap.add_argument("--also", help="a second loopback address")
    args = ap.parse_args()

    srv = Server(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.logfile = args.log
    if args.also:
        if not args.also.startswith("127."):
            sys.exit("hostile.py: --also takes a loopback address")
        srv2 = Server((args.also, srv.server_address[1]), Handler)
        srv2.daemon_threads = True
        srv2.logfile = args.log
        threading.Thread(target=srv2.serve_forever, daemon=True).start()
    open(args.log, "a").close()
    signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
    threading.Timer(args.lifetime, lambda: os._exit(0)).start()
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as fh:
        fh.write("%d\n" % srv.server_address[1])
    os.rename(tmp, args.port_file)
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
