#!/usr/bin/env python3
"""httpd.py: a loopback HTTP server for crier's end-to-end tests.

Python 3 standard library only.  It binds 127.0.0.1 on a free port, writes
the port to --port-file, serves files from --root with scripted behaviours
chosen by the first path segment, and appends one JSON line per request to
--log so a test can count requests and see the conditional headers.  It
stops on SIGTERM, or by itself after --lifetime seconds.

    /etag/NAME      NAME with a strong ETag (hash of the bytes); 304 on a
                    matching If-None-Match
    /lm/NAME        NAME with Last-Modified (the file's mtime); 304 when
                    If-Modified-Since is not older
    /both/NAME      both validators
    /plain/NAME     NAME, no validators
    /gzip/NAME      NAME gzip-encoded when the client accepts gzip
    /moved/REST     301 to /REST          /found/REST   302 to /REST
    /perm308/REST   308 to /REST
    /loop/N         302 to /loop/N+1, for ever
    /tofile/NAME    302 to file:///NAME (a protocol redirects may not use)
    /status/CODE    that status with a short HTML body
    /retry/CODE     that status with Retry-After: 7200
    /slow/NAME      headers, then one byte every 0.3 s (never finishes
                    within a short timeout)
    /stall/NAME     headers and a few bytes, then nothing
    /huge/N         N bytes of a valid-looking feed, with Content-Length
    /hugechunk/N    the same, chunked (no length up front)
    /type/CS/NAME   NAME as text/xml; charset=CS
    /cc/N/NAME      NAME with Cache-Control: max-age=N
    /expires/N/NAME NAME with Expires: now + N seconds (and the Date)
    /feed, /rss.xml, /atom.xml, /index.xml, /feed.xml
                    the file top/NAME of the root, when there is one (the
                    usual feed paths `crier add` tries on a site)
"""
import argparse
import email.utils
import gzip
import hashlib
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG_LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "crier-test-httpd"

    def log_message(self, fmt, *args):  # quiet: the JSON log is ours
        pass

    def record(self, status, extra=None):
        entry = {
            "method": self.command,
            "path": self.path,
            "status": status,
            "if_none_match": self.headers.get("If-None-Match"),
            "if_modified_since": self.headers.get("If-Modified-Since"),
            "accept_encoding": self.headers.get("Accept-Encoding"),
            "user_agent": self.headers.get("User-Agent"),
            "t": round(time.time(), 3),
        }
        if extra:
            entry.update(extra)
        with LOG_LOCK:
            with open(self.server.logfile, "a") as fh:
                fh.write(json.dumps(entry) + "\n")

    def file_bytes(self, name):
        root = os.path.realpath(self.server.root)
        path = os.path.realpath(os.path.join(root, name))
        if not path.startswith(root + os.sep) or not os.path.isfile(path):
            return None, None
        with open(path, "rb") as fh:
            data = fh.read()
        return data, os.stat(path).st_mtime

    def send(self, status, body=b"", headers=None, extra=None):
        self.send_response(status)
        hdrs = {"Content-Type": "application/rss+xml"}
        hdrs.update(headers or {})
        for k, v in hdrs.items():
            self.send_header(k, v)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304 and self.command != "HEAD":
            self.wfile.write(body)
        self.record(status, extra)

    def not_found(self):
        self.send(404, b"<html><body>not found</body></html>",
                  {"Content-Type": "text/html"})

    def serve_file(self, name, etag=False, lm=False, ctype=None,
                   extra_headers=None):
        data, mtime = self.file_bytes(name)
        if data is None:
            return self.not_found()
        headers = dict(extra_headers or {})
        if ctype:
            headers["Content-Type"] = ctype
        tag = '"%s"' % hashlib.sha1(data).hexdigest()[:16]
        date = email.utils.formatdate(int(mtime), usegmt=True)
        if etag:
            headers["ETag"] = tag
        if lm:
            headers["Last-Modified"] = date
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if etag and inm is not None:
            if tag in [t.strip() for t in inm.split(",")]:
                return self.send(304, headers=headers)
        elif lm and ims is not None:
            try:
                when = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                when = None
            if when is not None and int(mtime) <= when:
                return self.send(304, headers=headers)
        self.send(200, data, headers)

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        # a query string only makes distinct URLs: it is ignored
        parts = self.path.split("?", 1)[0].lstrip("/").split("/", 1)
        kind = parts[0]
        rest = parts[1] if len(parts) > 1 else ""
        if kind == "etag":
            return self.serve_file(rest, etag=True)
        if kind == "lm":
            return self.serve_file(rest, lm=True)
        if kind == "both":
            return self.serve_file(rest, etag=True, lm=True)
        if kind == "plain":
            return self.serve_file(rest)
        if kind == "type":
            cs, _, name = rest.partition("/")
            return self.serve_file(name, ctype="text/xml; charset=" + cs)
        if kind in ("cc", "expires"):
            secs, _, name = rest.partition("/")
            if kind == "cc":
                hdrs = {"Cache-Control": "public, max-age=" + secs}
            else:
                # send_response() adds the Date
                hdrs = {"Expires": email.utils.formatdate(
                    time.time() + int(secs), usegmt=True)}
            return self.serve_file(name, extra_headers=hdrs)
        if kind in ("moved", "found", "perm308"):
            code = {"moved": 301, "found": 302, "perm308": 308}[kind]
            return self.send(code, b"moved",
                             {"Location": "/" + rest,
                              "Content-Type": "text/plain"})
        if kind == "loop":
            n = int(rest or "0") + 1
            return self.send(302, b"", {"Location": "/loop/%d" % n})
        if kind == "tofile":
            return self.send(302, b"", {"Location": "file:///" + rest})
        if kind in ("status", "retry"):
            code = int(rest)
            headers = {"Content-Type": "text/html"}
            if kind == "retry":
                headers["Retry-After"] = "7200"
            return self.send(code, b"<html><body>error</body></html>",
                             headers)
        if kind == "gzip":
            data, _ = self.file_bytes(rest)
            if data is None:
                return self.not_found()
            if "gzip" in (self.headers.get("Accept-Encoding") or ""):
                return self.send(200, gzip.compress(data),
                                 {"Content-Encoding": "gzip"},
                                 {"encoding": "gzip"})
            return self.send(200, data)
        if kind in ("slow", "stall"):
            data, _ = self.file_bytes(rest)
            if data is None:
                return self.not_found()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.record(200, {"behaviour": kind})
            try:
                self.wfile.write(data[:8])
                self.wfile.flush()
                for i in range(8, min(len(data), 100)):
                    if self.server.stopping.wait(0.3):
                        break
                    if kind == "slow":
                        self.wfile.write(data[i:i + 1])
                        self.wfile.flush()
            except OSError:
                pass
            self.close_connection = True
            return None
        if kind in ("huge", "hugechunk"):
            return self.huge(int(rest or "0"), kind == "hugechunk")
        if not rest and kind in ("feed", "rss.xml", "atom.xml",
                                 "index.xml", "feed.xml"):
            return self.serve_file("top/" + kind)
        return self.not_found()

    def huge(self, n, chunked):
        head = (b'<?xml version="1.0"?><rss version="2.0"><channel>'
                b"<title>huge</title><item><title>big</title><description>")
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(n))
        self.end_headers()
        self.record(200, {"behaviour": "huge", "chunked": chunked})
        sent = 0
        block = b"x" * 65536
        try:
            while sent < n:
                piece = head if sent == 0 else block[:min(65536, n - sent)]
                if chunked:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                else:
                    self.wfile.write(piece)
                sent += len(piece)
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass
        self.close_connection = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--lifetime", type=float, default=300)
    a = ap.parse_args()

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.root = a.root
    srv.logfile = a.log
    srv.stopping = threading.Event()
    open(a.log, "a").close()

    def stop(*_):
        srv.stopping.set()
        threading.Thread(target=srv.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    timer = threading.Timer(a.lifetime, stop)
    timer.daemon = True
    timer.start()
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as fh:
        fh.write("%d\n" % srv.server_address[1])
    os.rename(tmp, a.port_file)
    srv.serve_forever(poll_interval=0.2)
    srv.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
