"""Layout at five window sizes, from the trace's target rects.

For each of 800x480, 1280x800, 1920x1080, 480x800 (portrait) and 3840x2160 (--windowed WxH on an
Xvfb screen of that size): the bundled check-in from welcome to thanks (through the bundled menu and
the personal-code question, answered "no code", both checked too), with "still there?", a
problem banner (the database locked by another connection for longer than the kiosk's busy
timeout) and a multiple-choice question on the way, and the menu of a two-questionnaire content.
On every screen: each target inside the window, no two targets overlapping (except the
whole-screen target of welcome and thanks), each target's smaller side >= ceil(min(W, H) / 8);
and confirm, replay and the volume buttons in the same place on every question screen.

With PV_SAVE_SCREENS=1, screenshots of each screen kind at 1280x800 and 800x480 go to
docs/screens/<kind>-<W>x<H>.png.
"""
import math
import os
import sqlite3
import time

from kiosk import Failure, check, main

SIZES = [(800, 480), (1280, 800), (1920, 1080), (480, 800), (3840, 2160)]
SHOT_SIZES = {(1280, 800), (800, 480)}
WHOLE = {"start", "finish"}  # whole-screen targets: the screen itself is the button
FIXED = ["confirm", "replay", "volume-down", "volume-up"]


def overlap(a, b):
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


class Run:
    def __init__(self, h, k, size):
        self.h, self.k, self.size = h, k, size
        self.problems = []
        self.fixed = {}   # target id -> (rect, where first seen)
        self.kinds = set()
        shots = h.screens_dir()
        self.shots = shots if shots and size in SHOT_SIZES else None

    def check(self, ev, label):
        """Checks the layout of a screen event; collects problems instead of stopping at the first."""
        W, H = self.size
        where = "%dx%d %s" % (W, H, label)
        self.kinds.add(ev["kind"])
        if (ev["width"], ev["height"]) != (W, H):
            self.problems.append("%s: the window is %dx%d" % (where, ev["width"], ev["height"]))
        min_side = math.ceil(min(W, H) / 8)
        ts = ev["targets"]
        for g in ts:
            x, y, w, hh = g["rect"]
            if x < 0 or y < 0 or x + w > W or y + hh > H:
                self.problems.append("%s: %s %s is not inside the %dx%d window" % (where, g["id"], g["rect"], W, H))
            if min(w, hh) < min_side:
                self.problems.append("%s: %s %s is smaller than %d px" % (where, g["id"], g["rect"], min_side))
        for i, a in enumerate(ts):
            for b in ts[i + 1:]:
                if a["id"] in WHOLE or b["id"] in WHOLE:
                    continue
                if overlap(a["rect"], b["rect"]):
                    self.problems.append("%s: %s %s overlaps %s %s" % (where, a["id"], a["rect"], b["id"], b["rect"]))
        if ev["kind"] in ("question", "info"):
            for g in ts:
                if g["id"] in FIXED:
                    first = self.fixed.setdefault(g["id"], (g["rect"], label))
                    if first[0] != g["rect"]:
                        self.problems.append("%s: %s is at %s, on %s it was at %s" % (
                            where, g["id"], g["rect"], first[1], first[0]))

    def shot(self, kind):
        if not self.shots:
            return
        time.sleep(0.25)  # the frame traced is presented; give the X server a moment
        W, H = self.size
        path = os.path.join(self.shots, "%s-%dx%d.png" % (kind, W, H))
        self.k.display.screenshot(path)
        self.h.log("saved %s" % path)


def checkin(h, d, size, cfg):
    W, H = size
    k = h.kiosk(d, "checkin-%dx%d" % size, config=cfg, size=size)
    r = Run(h, k, size)
    _, s = k.wait_screen("welcome", timeout=20)
    r.check(s, "welcome")
    r.shot("welcome")
    _, s = k.begin("checkin-weekly")  # the bundled menu, then no personal code
    for kind in ("menu", "code-ask"):
        check(kind in k.begun, "no %s screen on the way to the check-in (met %s)" % (kind, sorted(k.begun)))
        r.check(k.begun[kind], kind)
    check(s["kind"] == "info" and s["question"] == "intro", "the check-in begins with %s %s" % (s["kind"], s["question"]))
    r.check(s, "info intro")
    r.shot("info")
    n = k.press("confirm")
    _, s = k.wait_screen("question", since=n, question="feeling")
    r.check(s, "question feeling")

    # still there? (idle_timeout 5 s)
    _, s = k.wait_screen("still-there", since=n, timeout=10)
    r.check(s, "still-there")
    r.shot("still-there")
    _, s = k.press_wait("continue", "question", question="feeling")
    r.check(s, "question feeling after continue")

    _, s = k.select("choice:3")
    r.check(s, "question feeling with a selection")
    r.shot("question")

    # a problem: the database is locked by someone else for longer than the busy timeout
    lock = sqlite3.connect(k.db, timeout=5, isolation_level=None)
    try:
        lock.execute("BEGIN EXCLUSIVE")
        n = k.press("confirm")
        _, s = k.wait_screen(since=n, timeout=10, what="a screen after confirm with the database locked")
        check(s["kind"] == "question" and s["question"] == "feeling" and s["problem"],
              "with the database locked, confirm led to %s %s problem=%r" % (s["kind"], s["question"], s["problem"]))
        check(not any(e["event"] == "answer" for e in k.events()[n:]), "an answer was reported while the database was locked")
        r.check(s, "question feeling with the problem banner")
        h.log("%dx%d: with the database locked, the problem showed %d ms after the touch's previous screen "
              "(the kiosk waits out its busy timeout, frozen)" % (W, H, s["t_ms"] - k.screens()[-2]["t_ms"]))
        r.shot("problem")
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    _, s = k.press_wait("confirm", "question", question="internship")
    check(not s["problem"], "the problem banner stays after the answer was stored")
    _, a = k.wait_event("answer", question="feeling")
    check(a["values"] == ["3"], "the answer stored after the problem: %s" % a)
    r.check(s, "question internship")

    k.select("choice:good")
    _, s = k.press_wait("confirm", "question", question="helped-someone")
    r.check(s, "question helped-someone")
    k.select("choice:yes")
    _, s = k.press_wait("confirm", "question", question="what-helped")
    r.check(s, "question what-helped")
    k.select("choice:team")
    _, s = k.select("choice:peers")
    r.check(s, "multiple what-helped with two choices")
    r.shot("multiple")
    _, s = k.press_wait("confirm", "question", question="talk")
    k.select("choice:yes")
    _, s = k.press_wait("confirm", "info", question="talk-who")
    r.check(s, "info talk-who")
    _, s = k.press_wait("confirm", "question", question="confidence")
    r.check(s, "question confidence")
    k.select("choice:yes")
    _, s = k.press_wait("confirm", "thanks")
    r.check(s, "thanks")
    r.shot("thanks")
    _, s = k.press_wait("finish", "welcome")
    check(k.stop() == 0, "exit status on SIGTERM")
    return r


def menu(h, d, size, content):
    k = h.kiosk(d, "menu-%dx%d" % size, content=content, size=size)
    r = Run(h, k, size)
    k.wait_screen("welcome", timeout=20)
    _, s = k.press_wait("start", "menu")
    r.check(s, "menu")
    r.shot("menu")
    check(k.stop() == 0, "exit status on SIGTERM")
    return r


def test(h):
    cfg = h.config("idle_timeout: 5\nidle_grace: 5\n")
    content = h.content(h.data("two", "questionnaires"))
    problems = []
    for size in SIZES:
        t = time.monotonic()
        d = h.display(*size)
        r = checkin(h, d, size, cfg)
        r2 = menu(h, d, size, content)
        problems += r.problems + r2.problems
        h.log("%dx%d: %d screen kinds, %d layout problems, %.1f s" % (
            size[0], size[1], len(r.kinds | r2.kinds), len(r.problems) + len(r2.problems), time.monotonic() - t))
        for p in r.problems + r2.problems:
            print("  " + p)
    if problems:
        raise Failure("%d layout problems:\n  %s" % (len(problems), "\n  ".join(problems)))


if __name__ == "__main__":
    main(test)
