"""Shared harness for pictovox's end-to-end tests (Python 3, standard library only).

A test gets a Harness, which owns everything it starts and ends it all, even on failure:

    def test(h):
        d = h.display(1280, 800)            # its own Xvfb (free display number) + matchbox WM
        k = h.kiosk(d)                      # pictovox, fullscreen, private --db, --trace, disk audio
        k.wait_screen("welcome")
        k.press("start")                    # xdotool click at the centre of the target's rect
        k.wait_screen("info", since=...)
    if __name__ == "__main__":
        main(test)

The kiosk writes its --trace as JSON lines (see src/session/trace.c); Kiosk.wait_* poll that file.
Each parsed event also gets "_audio" (the size of the disk-audio file when the event was first
seen) and "_seen" (time.monotonic() then), so a test can look at the sound written since.
On failure, the harness prints the tail of each kiosk's trace and its stderr.

A check that something did NOT happen is made after a positive fact that proves the kiosk got
that far (the screen of a later touch, a line of its log, its audio device closed or having
played a while), never after a sleep: on a slow machine a sleep ends before the kiosk has done
anything, and the check passes for nothing. Waits have generous timeouts that only bound a
failure.

A tool the tests need (TOOLS) that is not installed makes a test exit with SKIP_CODE, which
tests/e2e/CMakeLists.txt tells CTest means "skipped", naming the tool: a packager's build can run
ctest without an X server. PV_E2E_REQUIRE=1 makes it a failure instead (where the tools are
meant to be there: tests/run installs them).
"""

import argparse
import array
import json
import math
import os
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback

POLL_S = 0.03
SKIP_CODE = 77  # SKIP_RETURN_CODE in tests/e2e/CMakeLists.txt
AUDIO_RATE = 22050  # the disk driver writes what the kiosk asks for: 22050 Hz mono s16
AUDIO_BYTES_PER_S = AUDIO_RATE * 2


# The programs the end-to-end tests run, and the Debian package of each (tools/deps.sh).
TOOLS = {
    "Xvfb": "xvfb",
    "matchbox-window-manager": "matchbox-window-manager",
    "xdotool": "xdotool",
    "xprop": "x11-utils",
    "import": "imagemagick",
}
# What every test needs: a display (Xvfb), a window manager for fullscreen, clicks, and xprop to
# know when the window manager is up. Screenshots and pixels also need ImageMagick's import.
DISPLAY_TOOLS = ("Xvfb", "matchbox-window-manager", "xdotool", "xprop")


class Failure(Exception):
    """A test's expectation was not met."""


class Skip(Exception):
    """A tool the test needs is not installed: the test cannot run here."""


def require(tools):
    """Raises Skip naming every tool of `tools` not found on PATH, with its package."""
    missing = [t for t in tools if not shutil.which(t)]
    if missing:
        raise Skip("not installed: %s (apt-get install %s; tests/run installs them)" % (
            ", ".join(missing), " ".join(sorted({TOOLS.get(t, t) for t in missing}))))


def check(cond, msg):
    """Like assert, but survives python -O and reads as a test failure."""
    if not cond:
        raise Failure(msg)


def short(ev):
    """One line summing up a trace event, for failure messages."""
    e = ev.get("event")
    t = ev.get("t_ms")
    if e == "screen":
        sel = [g["id"] for g in ev.get("targets", []) if g.get("selected")]
        ids = [g["id"] for g in ev.get("targets", [])]
        s = "screen %s q=%s problem=%s selected=%s targets=%s" % (
            ev.get("kind"), ev.get("question"), bool(ev.get("problem")), sel, ids)
    elif e in ("speech_start", "speech_end"):
        s = "%s %r target=%s" % (e, (ev.get("text") or "")[:50], ev.get("target"))
    elif e == "answer":
        s = "answer %s refused=%s values=%s" % (ev.get("question"), ev.get("refused"), ev.get("values"))
    else:
        s = json.dumps({k: v for k, v in ev.items() if not k.startswith("_")})[:160]
    return "[%6s ms] %s" % (t, s)


def today():
    return time.strftime("%Y-%m-%d", time.localtime())


class Display:
    """An Xvfb server on a free display number, with a matchbox window manager on it."""

    def __init__(self, h, width, height):
        self.h = h
        self.width, self.height = width, height
        require(DISPLAY_TOOLS)  # main() checked them already, unless a test forgot to say so
        self.log_path = h.path("xvfb-%dx%d-%d.log" % (width, height, len(h.procs)))
        log = open(self.log_path, "w")
        r, w = os.pipe()
        self.xvfb = h.spawn("Xvfb", ["Xvfb", "-displayfd", str(w), "-screen", "0",
                                     "%dx%dx24" % (width, height), "-nolisten", "tcp", "-noreset"],
                            pass_fds=(w,), stdout=log, stderr=log)
        os.close(w)
        buf = b""
        deadline = time.monotonic() + 15
        try:
            while not buf.endswith(b"\n"):
                left = deadline - time.monotonic()
                if left <= 0 or self.xvfb.poll() is not None:
                    break
                ready, _, _ = select.select([r], [], [], min(left, 0.2))
                if ready:
                    chunk = os.read(r, 32)
                    if not chunk:
                        break
                    buf += chunk
        finally:
            os.close(r)
        if not buf.strip().isdigit():
            raise Failure("Xvfb did not start (exit %s); its log:\n%s" % (self.xvfb.poll(), self._log()))
        self.name = ":" + buf.strip().decode()
        self.env = dict(os.environ, DISPLAY=self.name)
        self.env.pop("WAYLAND_DISPLAY", None)
        self.wm = h.spawn("matchbox-window-manager",
                          ["matchbox-window-manager", "-use_titlebar", "no"],
                          env=self.env, stdout=log, stderr=log)
        self._wait_wm()

    def _log(self):
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()[-3000:]
        except OSError:
            return ""

    def _wait_wm(self):
        """The kiosk's window must be managed from the start: wait for the WM's EWMH check window."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.wm.poll() is not None:
                raise Failure("matchbox-window-manager exited (%s):\n%s" % (self.wm.returncode, self._log()))
            r = subprocess.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=self.env,
                               capture_output=True, text=True, timeout=10)
            if "window id" in r.stdout:
                return
            time.sleep(0.05)
        raise Failure("matchbox-window-manager did not come up on %s" % self.name)

    def run(self, argv, timeout=20):
        r = subprocess.run(argv, env=self.env, capture_output=True, text=True, timeout=timeout)
        if r.returncode != 0:
            raise Failure("%s failed (%d): %s" % (" ".join(argv), r.returncode, r.stderr.strip()))
        return r.stdout

    def click(self, x, y):
        self.run(["xdotool", "mousemove", str(x), str(y), "click", "1"])

    def screenshot(self, path):
        # Asked for (PV_SAVE_SCREENS): a missing import fails rather than skips.
        if not shutil.which("import"):
            raise Failure("ImageMagick's import is not installed (apt-get install imagemagick)")
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        self.run(["import", "-window", "root", path], timeout=60)

    def pixel(self, x, y):
        """The colour at (x, y) as (r, g, b), 0..255."""
        require(("import",))
        out = self.run(["import", "-window", "root", "-crop", "1x1+%d+%d" % (x, y), "-depth", "8",
                        "txt:-"])
        for line in out.splitlines():
            if line.startswith("0,0:"):
                inside = line.split("(", 1)[1].split(")", 1)[0]
                vals = [float(v.strip().rstrip("%")) for v in inside.split(",")[:3]]
                return tuple(int(round(v)) for v in vals)
        raise Failure("cannot read a pixel from import's output: %r" % out)


class Kiosk:
    """One run of pictovox on a Display, with its own trace file and disk-audio file."""

    def __init__(self, h, display, name, db=None, config=None, content=None, size=None,
                 extra_args=(), env=None, audio=True, trace=True):
        self.h = h
        self.display = display
        self.name = name
        self.db = db or h.path(name + ".db")
        self.trace_path = h.path(name + ".trace.jsonl") if trace else None
        self.audio_path = h.path(name + ".audio.raw") if audio else None
        self.stderr_path = h.path(name + ".stderr")
        self.size = size
        argv = [h.binary, "--db", self.db]
        if self.trace_path:
            argv += ["--trace", self.trace_path]
        if config:
            argv += ["--config", config]
        if content:
            argv += ["--content", content]
        if size:
            argv += ["--windowed", "%dx%d" % size]
        else:
            argv += ["--fullscreen"]
        argv += list(extra_args)
        self.argv = argv
        e = dict(display.env if display else os.environ)
        e["SDL_VIDEODRIVER"] = "x11"
        if audio:
            e["SDL_AUDIODRIVER"] = "disk"
            e["SDL_DISKAUDIOFILE"] = self.audio_path
        else:
            e["SDL_AUDIODRIVER"] = "dummy"
        e["XDG_DATA_HOME"] = h.path("xdg-data")
        e.update(env or {})
        self.env = e
        self._events = []
        self._offset = 0
        self._partial = b""
        self._settled = False
        self._last_press = (None, 0.0)
        self.started = time.monotonic()
        self.stderr_file = open(self.stderr_path, "w")
        self.proc = h.spawn("pictovox " + name, argv, env=e, stdout=self.stderr_file,
                            stderr=subprocess.STDOUT)
        h.kiosks.append(self)

    # --- process -------------------------------------------------------------------------
    def alive(self):
        return self.proc.poll() is None

    def stderr(self):
        self.stderr_file.flush()
        try:
            with open(self.stderr_path, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def wait_exit(self, timeout):
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise Failure("%s still running after %.1f s" % (self.name, timeout))

    def stop(self, timeout=10):
        """SIGTERM, as a service manager would: the kiosk should exit 0."""
        if not self.alive():
            return self.proc.returncode
        self.proc.send_signal(signal.SIGTERM)
        rc = self.wait_exit(timeout)
        return rc

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    # --- log -----------------------------------------------------------------------------
    def log_size(self):
        """Where the kiosk's stderr ends now: pass it to wait_log as since."""
        try:
            return os.path.getsize(self.stderr_path)
        except OSError:
            return 0

    def wait_log(self, text, since=0, timeout=10, what=None):
        """Waits until the kiosk's stderr, from byte offset since, holds a line containing
        text (its log: a line of it is a fact about what the kiosk did, e.g. with --verbose a
        touch ignored). Returns the line."""
        deadline = time.monotonic() + timeout
        while True:
            with open(self.stderr_path, "rb") as f:
                f.seek(since)
                data = f.read().decode("utf-8", "replace")
            lines = data.split("\n")
            lines.pop()  # a line counts once it is complete
            for line in lines:
                if text in line:
                    return line
            if not self.alive():
                raise Failure("%s exited (status %s) while waiting for %s" % (
                    self.name, self.proc.returncode, what or "a log line with %r" % text))
            if time.monotonic() > deadline:
                raise Failure("%s: not within %.1f s: %s; its log since:\n%s" % (
                    self.name, timeout, what or "a log line with %r" % text, data[-2000:]))
            time.sleep(POLL_S)

    # --- trace ---------------------------------------------------------------------------
    def events(self):
        """All events so far (parsed incrementally; a line is used once it is complete)."""
        if not self.trace_path:
            return self._events
        try:
            with open(self.trace_path, "rb") as f:
                f.seek(self._offset)
                data = f.read()
        except FileNotFoundError:
            return self._events
        if data:
            self._offset += len(data)
            data = self._partial + data
            lines = data.split(b"\n")
            self._partial = lines.pop()
            audio = self.audio_size()
            now = time.monotonic()
            for line in lines:
                if not line.strip():
                    continue
                try:
                    ev = json.loads(line)
                except ValueError as e:
                    raise Failure("%s: a trace line is not JSON (%s): %r" % (self.name, e, line[:200]))
                ev["_audio"] = audio
                ev["_seen"] = now
                self._events.append(ev)
        return self._events

    def count(self):
        return len(self.events())

    def wait_for(self, pred, what, since=0, timeout=10):
        """Waits for the first event at index >= since for which pred(ev) is true: (index, ev)."""
        deadline = time.monotonic() + timeout
        while True:
            evs = self.events()
            for i in range(since, len(evs)):
                if pred(evs[i]):
                    return i, evs[i]
            if not self.alive():
                self.events()
                raise Failure("%s exited (status %s) while waiting for %s" % (self.name, self.proc.returncode, what))
            if time.monotonic() > deadline:
                raise Failure("%s: no %s within %.1f s (after event #%d)" % (self.name, what, timeout, since))
            time.sleep(POLL_S)

    def wait_event(self, name, since=0, timeout=10, **fields):
        def pred(ev):
            return ev.get("event") == name and all(ev.get(k) == v for k, v in fields.items())
        desc = "%s event%s" % (name, (" with %s" % fields) if fields else "")
        return self.wait_for(pred, desc, since, timeout)

    def wait_quiet(self, since, quiet=1.0, timeout=60, what="the screen"):
        """Waits until something was said after event #since and nothing for `quiet` s since the
        last speech_end (no speaking frame left on the screen). Returns the event count."""
        deadline = time.monotonic() + timeout
        while True:
            evs = self.events()
            sp = [e for e in evs[since:] if e["event"] in ("speech_start", "speech_end")]
            if sp and sp[-1]["event"] == "speech_end" and time.monotonic() - sp[-1]["_seen"] >= quiet:
                return len(evs)
            check(self.alive(), "%s exited while %s was speaking" % (self.name, what))
            check(time.monotonic() < deadline, "%s: %s still speaking (or silent) after %d s; last: %s"
                  % (self.name, what, timeout, [(e["event"], e.get("text")) for e in sp[-3:]]))
            time.sleep(0.1)

    def wait_screen(self, kind=None, since=0, timeout=10, question=None, pred=None, what=None):
        def p(ev):
            return (ev.get("event") == "screen" and (kind is None or ev.get("kind") == kind)
                    and (question is None or ev.get("question") == question)
                    and (pred is None or pred(ev)))
        desc = what or "screen %s%s" % (kind or "(any)", " question=%s" % question if question else "")
        return self.wait_for(p, desc, since, timeout)

    def screens(self, since=0):
        return [e for e in self.events()[since:] if e.get("event") == "screen"]

    def latest_screen(self):
        s = self.screens()
        check(s, "%s: no screen traced yet" % self.name)
        return s[-1]

    def target(self, tid, screen=None):
        sc = screen or self.latest_screen()
        for g in sc["targets"]:
            if g["id"] == tid:
                return g
        raise Failure("%s: no target %r on the %s screen (question %s); targets: %s" % (
            self.name, tid, sc.get("kind"), sc.get("question"), [g["id"] for g in sc["targets"]]))

    def click(self, x, y):
        """A touch at (x, y), wherever it lands (a corner, between the targets)."""
        self._settle()
        self.display.click(x, y)

    def press(self, tid):
        """Clicks the centre of target tid of the latest screen. Returns the event count before
        the click, to wait for what follows (since=...)."""
        g = self.target(tid)
        self._settle()
        x, y, w, hh = g["rect"]
        check(w > 0 and hh > 0, "%s: target %r has an empty rect %s" % (self.name, tid, g["rect"]))
        # A person does not touch the same place twice within 350 ms; the kiosk ignores it.
        if self._last_press[0] == tid:
            wait = self._last_press[1] + 0.4 - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        n = self.count()
        self.display.click(x + w // 2, y + hh // 2)
        self._last_press = (tid, time.monotonic())
        return n

    def _settle(self):
        """SDL ignores a click that comes within 10 ms of its window getting the focus (unless
        SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH is set), and the window gets it just after the first
        frame: the first click waits until the window has been up for a moment."""
        if self._settled:
            return
        first = self.screens()[0]
        left = first["_seen"] + 0.3 - time.monotonic()
        if left > 0:
            time.sleep(left)
        self._settled = True

    def press_wait(self, tid, kind=None, question=None, timeout=10, pred=None):
        """Presses tid and waits for the next screen event (of kind/question if given)."""
        n = self.press(tid)
        return self.wait_screen(kind, since=n, timeout=timeout, question=question, pred=pred,
                                what="screen %s%s after pressing %r" % (
                                    kind or "(any)", " question=%s" % question if question else "", tid))

    def select(self, tid):
        """Presses a card and waits until it shows as selected."""
        def sel(ev):
            return any(g["id"] == tid and g["selected"] for g in ev["targets"])
        return self.press_wait(tid, pred=sel)

    # --- from the welcome screen to the questions -------------------------------------------
    def begin(self, questionnaire="checkin-weekly", code=None, timeout=10):
        """From the screen shown now (welcome, or a menu reached otherwise, e.g. after choosing
        a language) to the first screen of a questionnaire's questions: "start", then the menu's
        card for `questionnaire` when there is a menu, then on the personal-code question
        (questionnaires marked linked) "code:guest" when code is None, else "code:mine", the four
        pictograms of `code` (names such as "apple" or "code:apple"), "confirm", and "confirm" on
        the result screen. With a content folder of one questionnaire and no menu, `questionnaire`
        is still checked against the screen reached.

        Returns (index, event) of that first screen, as wait_screen does. The screens met on the
        way are kept: self.begun = {"menu": ev, "code-ask": ev, "code": ev (full), "code-result":
        ev}, each when it was met."""
        if code is not None:
            code = [c if c.startswith("code:") else "code:" + c for c in code]
            check(len(code) == 4, "a personal code is four pictograms, not %s" % code)
        self.begun = {}
        sc = self.latest_screen()
        i = max(j for j, e in enumerate(self.events()) if e is sc)
        for _ in range(12):
            kind = sc["kind"]
            if kind == "welcome":
                i, sc = self.press_wait("start", timeout=timeout)
            elif kind == "menu":
                self.begun["menu"] = sc
                i, sc = self.press_wait("questionnaire:" + questionnaire, timeout=timeout)
            elif kind == "code-ask":
                self.begun["code-ask"] = sc
                if code is None:
                    i, sc = self.press_wait("code:guest", timeout=timeout)
                    continue
                _, sc = self.press_wait("code:mine", "code", timeout=timeout)
                check(sc.get("row") == [None] * 4, "the code screen starts with row %s" % sc.get("row"))
                for filled, tid in enumerate(code, 1):
                    _, sc = self.press_wait(tid, "code", timeout=timeout,
                                            pred=lambda e, f=filled: sum(v is not None for v in e.get("row") or []) == f)
                    check(self.target("confirm", sc)["enabled"] == (filled == 4),
                          "with %d pictograms, confirm enabled=%s" % (filled, self.target("confirm", sc)["enabled"]))
                self.begun["code"] = sc
                _, sc = self.press_wait("confirm", "code-result", timeout=timeout)
                self.begun["code-result"] = sc
                i, sc = self.press_wait("confirm", timeout=timeout)
            elif kind in ("info", "question"):
                check(sc.get("questionnaire") == questionnaire,
                      "%s: began %s %s/%s, not %s" % (self.name, kind, sc.get("questionnaire"),
                                                     sc.get("question"), questionnaire))
                check(code is None or "code-result" in self.begun,
                      "%s: %s began without asking for the personal code" % (self.name, questionnaire))
                return i, sc
            else:
                raise Failure("%s: on the way to %s, a %s screen (%s)" % (
                    self.name, questionnaire, kind, [g["id"] for g in sc["targets"]]))
        raise Failure("%s: %s did not begin: %s" % (self.name, questionnaire, self.tail()))

    def tail(self, n=25):
        evs = self.events()
        return "\n".join("  #%d %s" % (i, short(e)) for i, e in list(enumerate(evs))[-n:])

    # --- audio ---------------------------------------------------------------------------
    def audio_size(self):
        if not self.audio_path:
            return 0
        try:
            return os.path.getsize(self.audio_path)
        except OSError:
            return 0

    def audio_open(self):
        """Whether the kiosk holds its disk-audio file open, that is, has its audio device open
        (SDL's disk driver opens the file with the device and closes it with it)."""
        want = os.path.realpath(self.audio_path)
        fds = "/proc/%d/fd" % self.proc.pid
        try:
            names = os.listdir(fds)
        except OSError as e:
            raise Failure("%s: cannot list %s: %s" % (self.name, fds, e))
        for fd in names:
            try:
                if os.path.realpath(os.readlink(os.path.join(fds, fd))) == want:
                    return True
            except OSError:
                pass  # closed meanwhile
        return False

    def wait_audio_closed(self, timeout=15, what="the audio device to close"):
        """Waits until the kiosk has closed its audio device (a fact, unlike a file that
        happens not to grow for a while)."""
        check(self.audio_path, "%s runs without disk audio" % self.name)
        deadline = time.monotonic() + timeout
        while self.audio_open():
            check(self.alive(), "%s exited while waiting for %s" % (self.name, what))
            check(time.monotonic() < deadline, "%s: still open after %.0f s: %s" % (self.name, timeout, what))
            time.sleep(POLL_S)

    def wait_audio_played(self, offset, seconds, timeout=30, what="sound"):
        """Waits until the disk-audio file holds `seconds` of sound past byte offset: the audio
        device has pulled that much from the speech layer since. Whatever the speech layer had
        ready to say in that time has begun (its speech_start is written as its first samples
        are pulled). A slow machine pulls slowly, and is waited for."""
        target = offset + int(seconds * AUDIO_BYTES_PER_S)
        deadline = time.monotonic() + timeout
        while self.audio_size() < target:
            check(self.alive(), "%s exited while waiting for %s" % (self.name, what))
            check(time.monotonic() < deadline, "%s: %.1f s of %s not played within %.0f s (%d of %d bytes)"
                  % (self.name, seconds, what, timeout, self.audio_size() - offset, target - offset))
            time.sleep(POLL_S)
        self.events()  # what came meanwhile, seen before the caller looks

    def audio_samples(self, start, end=None):
        """Signed 16-bit samples between byte offsets start and end of the disk-audio file."""
        with open(self.audio_path, "rb") as f:
            f.seek(start - start % 2)
            data = f.read(None if end is None else max(0, end - start))
        data = data[: len(data) - len(data) % 2]
        a = array.array("h")
        a.frombytes(data)
        if sys.byteorder != "little":
            a.byteswap()
        return a


def peak(samples):
    return max((abs(s) for s in samples), default=0)


def rms(samples):
    if not samples:
        return 0.0
    return math.sqrt(sum(s * s for s in samples) / len(samples))


class Harness:
    def __init__(self, name, binary, source):
        self.name = name
        self.binary = os.path.abspath(binary)
        self.source = os.path.abspath(source)
        self.tmp = tempfile.mkdtemp(prefix="pv-e2e-%s-" % name)
        self.procs = []   # (label, Popen), in start order
        self.kiosks = []
        self.t0 = time.monotonic()
        self.notes = []
        check(os.access(self.binary, os.X_OK), "the kiosk binary %s is not executable" % self.binary)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def spawn(self, label, argv, **kw):
        try:
            p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, **kw)
        except FileNotFoundError:
            raise Failure("%s: command not found (%s)" % (label, argv[0]))
        self.procs.append((label, p))
        return p

    def display(self, width=1280, height=800):
        return Display(self, width, height)

    def kiosk(self, display, name=None, **kw):
        name = name or "kiosk%d" % (len(self.kiosks) + 1)
        return Kiosk(self, display, name, **kw)

    def note(self, msg):
        """Something a person should read in the log even when the test passes."""
        self.notes.append(msg)
        print("NOTE: " + msg, flush=True)

    def log(self, msg):
        print("[%6.2f s] %s" % (time.monotonic() - self.t0, msg), flush=True)

    def write(self, name, text):
        p = self.path(name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)
        return p

    def config(self, text, name="config.yaml"):
        return self.write(name, text)

    def content(self, questionnaires, name="content"):
        """A content folder: questionnaires/ copied from `questionnaires` (a folder of YAML
        files, or a list of files), pictograms/ copied from the bundled assets."""
        root = self.path(name)
        qdir = os.path.join(root, "questionnaires")
        os.makedirs(qdir)
        files = questionnaires
        if isinstance(questionnaires, str):
            files = [os.path.join(questionnaires, f) for f in sorted(os.listdir(questionnaires))]
        for f in files:
            shutil.copy(f, qdir)
        shutil.copytree(os.path.join(self.source, "assets", "pictograms"), os.path.join(root, "pictograms"))
        return root

    def data(self, *parts):
        return os.path.join(self.source, "tests", "data", "e2e", *parts)

    def screens_dir(self):
        """Where screenshots for the documentation go, or None unless PV_SAVE_SCREENS=1 (then
        docs/screens) or PV_SCREENS_DIR=DIR (elsewhere: to try the screenshot paths without
        touching the documentation's pictures)."""
        if os.environ.get("PV_SCREENS_DIR"):
            os.makedirs(os.environ["PV_SCREENS_DIR"], exist_ok=True)
            return os.path.abspath(os.environ["PV_SCREENS_DIR"])
        if os.environ.get("PV_SAVE_SCREENS") == "1":
            return os.path.join(self.source, "docs", "screens")
        return None

    def dump(self):
        for k in self.kiosks:
            print("---- %s: %s" % (k.name, " ".join(k.argv)))
            print("---- %s: trace tail (%s):" % (k.name, k.trace_path))
            try:
                print(k.tail())
            except Failure as e:
                print("  (unreadable: %s)" % e)
            print("---- %s: stderr (status %s):" % (k.name, k.proc.poll()))
            print(k.stderr()[-4000:])

    def cleanup(self):
        # Kiosks first (they talk to the X server), then window managers, then X servers.
        order = sorted(self.procs, key=lambda lp: 0 if lp[0].startswith("pictovox") else
                       1 if lp[0].startswith("matchbox") else 2)
        for label, p in order:
            if p.poll() is None:
                p.terminate()
        deadline = time.monotonic() + 5
        for label, p in order:
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=5)
        for k in self.kiosks:
            k.stderr_file.close()


def sqlite_open(path):
    check(os.path.exists(path), "no database file at %s" % path)
    return sqlite3.connect(path, timeout=5)


def db_integrity(path):
    con = sqlite_open(path)
    try:
        ic = con.execute("PRAGMA integrity_check").fetchall()
        jm = con.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        con.close()
    check(ic == [("ok",)], "%s: PRAGMA integrity_check says %s" % (path, ic))
    return jm


def main(test, name=None, needs=DISPLAY_TOOLS):
    """Runs test(h) and exits 0 (passed), 1 (failed) or SKIP_CODE (a tool of `needs`, or one
    the test asked for with require(), is not installed)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    a = ap.parse_args()
    name = name or os.path.splitext(os.path.basename(sys.argv[0]))[0]

    def on_term(sig, frame):
        raise Failure("stopped by signal %d (a CTest timeout?)" % sig)

    signal.signal(signal.SIGTERM, on_term)
    ok = False
    skipped = None
    h = None
    try:
        require(needs)
        h = Harness(name, a.binary, a.source)
        test(h)
        ok = True
    except Skip as e:
        skipped = str(e)
        if os.environ.get("PV_E2E_REQUIRE") == "1":
            print("FAIL (PV_E2E_REQUIRE=1): %s" % e, flush=True)
        else:
            print("SKIP: %s" % e, flush=True)
    except Failure as e:
        print("FAIL: %s" % e, flush=True)
    except Exception:
        print("ERROR in the test itself:", flush=True)
        traceback.print_exc()
    finally:
        if h:
            if not ok and not skipped:
                h.dump()
            h.cleanup()
            if a.keep or (not ok and os.environ.get("PV_KEEP_TMP") == "1"):
                print("kept %s" % h.tmp)
            else:
                shutil.rmtree(h.tmp, ignore_errors=True)
            print("%s: %s in %.1f s" % (name, "passed" if ok else "skipped" if skipped else "FAILED",
                                        time.monotonic() - h.t0))
            for n in h.notes:
                print("NOTE: " + n)
    if skipped and os.environ.get("PV_E2E_REQUIRE") != "1":
        sys.exit(SKIP_CODE)
    sys.exit(0 if ok else 1)
