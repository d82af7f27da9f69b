"""Shared by the xenstored client tests: start a daemon in a scratch
directory, talk raw wire protocol, run Debian's xenstore-utils."""
import os
import re
import shlex
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

XS = {"CONTROL": 0, "DIRECTORY": 1, "READ": 2, "GET_PERMS": 3, "WATCH": 4,
      "UNWATCH": 5, "TRANSACTION_START": 6, "TRANSACTION_END": 7,
      "INTRODUCE": 8, "RELEASE": 9, "GET_DOMAIN_PATH": 10, "WRITE": 11,
      "MKDIR": 12, "RM": 13, "SET_PERMS": 14, "WATCH_EVENT": 15, "ERROR": 16,
      "IS_DOMAIN_INTRODUCED": 17, "RESUME": 18, "SET_TARGET": 19,
      "RESET_WATCHES": 21, "DIRECTORY_PART": 22}


class Daemon:
    """A xenstored on private sockets: dom0's, and domain 5's and 6's."""

    def __init__(self, binary, *args, workdir=None, keep=False):
        self.dir = workdir or tempfile.mkdtemp(prefix="xsd-")
        self.keep = keep
        self.sock = os.path.join(self.dir, "socket")
        self.dom = {0: self.sock, 5: os.path.join(self.dir, "dom5"),
                    6: os.path.join(self.dir, "dom6")}
        self.log = os.path.join(self.dir, "xenstored.log")
        self.binary = binary
        # XSD_EXTRA_ARGS: e.g. --no-io-uring, to run a suite on the epoll loop.
        self.args = shlex.split(os.environ.get("XSD_EXTRA_ARGS", "")) + list(args)
        self.proc = None

    def start(self, *extra):
        cmd = [self.binary, "-N", "-s", self.sock, "-L", self.log,
               "--store-dir", os.path.join(self.dir, "store"),
               "--unprivileged-socket", self.dom[5] + ":5",
               "--unprivileged-socket", self.dom[6] + ":6"] + self.args + list(extra)
        self.proc = subprocess.Popen(cmd)
        for _ in range(200):
            if os.path.exists(self.sock):
                try:
                    Raw(self.sock).close()
                    self.check_loop()
                    return self
                except OSError:
                    pass
            if self.proc.poll() is not None:
                raise RuntimeError("xenstored exited with %d" % self.proc.returncode)
            time.sleep(0.02)
        raise RuntimeError("xenstored did not start")

    def alive(self):
        return self.proc.poll() is None

    def check_loop(self):
        """XSD_EXPECT_LOOP=epoll|io_uring: the daemon must say it runs that."""
        want = os.environ.get("XSD_EXPECT_LOOP")
        if not want:
            return
        with open(self.log, errors="replace") as f:
            loops = re.findall(r"; (\S+) loop$", f.read(), re.M)
        if not loops or loops[-1] != want:
            raise RuntimeError("xenstored runs the %s loop, not %s"
                               % (loops[-1] if loops else "unknown", want))

    def stop(self, sig=15):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        rc = self.proc.returncode if self.proc else 0
        self.proc = None
        return rc

    def cleanup(self):
        self.stop()
        if not self.keep:
            shutil.rmtree(self.dir, ignore_errors=True)

    def utils(self, domid, *argv, timeout=20):
        env = dict(os.environ, XENSTORED_PATH=self.dom[domid])
        p = subprocess.run(list(argv), env=env, capture_output=True, text=True,
                           timeout=timeout)
        return p.returncode, p.stdout, p.stderr


class Raw:
    """One client connection speaking the wire protocol directly."""

    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.connect(path)    # blocking: waits while the backlog is full
        self.s.settimeout(10)
        self.events = []
        self.req = 0

    def close(self):
        self.s.close()

    def send(self, typ, payload=b"", tx=0, req=None, length=None):
        self.req += 1
        req = self.req if req is None else req
        n = len(payload) if length is None else length
        self.s.sendall(struct.pack("<IIII", XS.get(typ, typ) if isinstance(typ, str) else typ,
                                   req, tx, n) + payload)
        return req

    def recv_msg(self):
        hdr = self._exact(16)
        typ, req, tx, n = struct.unpack("<IIII", hdr)
        return typ, req, tx, self._exact(n)

    def _exact(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.s.recv(n - len(buf))
            if not chunk:
                raise ConnectionError("closed by xenstored")
            buf += chunk
        return buf

    def reply(self):
        """Next non-event message: (type, req_id, tx_id, payload)."""
        while True:
            m = self.recv_msg()
            if m[0] == XS["WATCH_EVENT"]:
                self.events.append(tuple(m[3].split(b"\0")[:2]))
                continue
            return m

    def call(self, typ, *args, tx=0, raw=None):
        payload = raw if raw is not None else b"".join(
            (a if isinstance(a, bytes) else a.encode()) + b"\0" for a in args)
        req = self.send(typ, payload, tx)
        t, r, rtx, data = self.reply()
        assert r == req, "reply echoes req_id %d, got %d" % (req, r)
        assert rtx == tx, "reply echoes tx_id %d, got %d" % (tx, rtx)
        if t == XS["ERROR"]:
            return "error", data.rstrip(b"\0").decode()
        assert t == XS.get(typ, typ) if isinstance(typ, str) else typ, "reply type %d" % t
        return "ok", data

    def wait_event(self, timeout=5):
        end = time.time() + timeout
        while not self.events and time.time() < end:
            self.s.settimeout(max(0.01, end - time.time()))
            try:
                m = self.recv_msg()
            except socket.timeout:
                break
            finally:
                self.s.settimeout(10)
            if m[0] == XS["WATCH_EVENT"]:
                self.events.append(tuple(m[3].split(b"\0")[:2]))
        return self.events.pop(0) if self.events else None


class Table:
    """Table-driven cases: each returns None on success or a message."""

    def __init__(self, name):
        self.name = name
        self.failed = 0
        self.count = 0

    def run(self, cases):
        for label, fn in cases:
            self.count += 1
            try:
                err = fn()
            except Exception as e:  # a crash in a case is a failure of it
                err = "%s: %s" % (type(e).__name__, e)
            print("%-4s %s%s" % ("ok" if not err else "FAIL", label,
                                 "" if not err else ": " + str(err)))
            sys.stdout.flush()
            self.failed += bool(err)

    def finish(self, daemon=None):
        if daemon is not None and not daemon.alive():
            print("FAIL daemon died (status %s)" % daemon.proc.returncode)
            self.failed += 1
        print("%s: %d cases, %d failed" % (self.name, self.count, self.failed))
        return 1 if self.failed else 0


def expect(got, want):
    return None if got == want else "got %r, want %r" % (got, want)
