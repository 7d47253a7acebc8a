"""lspclient.py: a minimal LSP client for vtasklint's tests and benchmarks: frames messages,
reads the server's on a thread, and waits for the messages a test asks for (with generous
timeouts: the machine may be loaded; nothing here asserts a duration)."""
import json
import os
import queue
import subprocess
import threading
import time


def frame(obj):
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Server:
    def __init__(self, exe, args=(), env=None, cwd=None):
        e = dict(os.environ)
        if env:
            e.update(env)
        self.p = subprocess.Popen([exe, "--lsp", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=e, cwd=cwd)
        self.q = queue.Queue()
        self.seen = []  # every message received, in order
        self.stderr = b""
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_err, daemon=True).start()

    def _read_err(self):
        self.stderr = self.p.stderr.read()

    def _read(self):
        f = self.p.stdout
        while True:
            length = None
            while True:
                line = f.readline()
                if not line:
                    self.q.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                k, _, v = line.partition(b":")
                if k.strip().lower() == b"content-length":
                    length = int(v)
            body = f.read(length)
            self.q.put(json.loads(body))

    def send_raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, obj):
        self.send_raw(frame(obj))

    def notify(self, method, params=None):
        m = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            m["params"] = params
        self.send(m)

    def request_async(self, method, params=None):
        self.next_id += 1
        m = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            m["params"] = params
        self.send(m)
        return self.next_id

    def wait(self, pred, timeout=120):
        """The first message (already seen or arriving) for which pred is true."""
        for m in self.seen:
            if pred(m):
                self.seen.remove(m)
                return m
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no matching message in %g s; seen: %s" % (timeout, self.seen[-5:]))
            try:
                m = self.q.get(timeout=left)
            except queue.Empty:
                continue
            if m is None:
                raise EOFError("the server closed its output; stderr: %s" % self.stderr[-2000:])
            if pred(m):
                return m
            self.seen.append(m)

    def response(self, rid, timeout=120):
        return self.wait(lambda m: m.get("id") == rid and "method" not in m, timeout)

    def request(self, method, params=None, timeout=120):
        return self.response(self.request_async(method, params), timeout)

    def initialize(self, capabilities=None, root=None, trace="off"):
        r = self.request("initialize", {"processId": os.getpid(), "rootUri": root, "trace": trace,
                                        "capabilities": capabilities or {}})
        self.notify("initialized", {})
        return r

    def diagnostics(self, uri, version=None, timeout=120):
        def ok(m):
            return (m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri and
                    (version is None or m["params"].get("version") == version))
        return self.wait(ok, timeout)["params"]

    def shutdown(self, timeout=60):
        r = self.request("shutdown")
        self.notify("exit")
        rc = self.p.wait(timeout)
        return r, rc

    def kill(self):
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait()


def uri(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))
