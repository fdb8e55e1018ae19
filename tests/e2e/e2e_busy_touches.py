"""Touches that reach the kiosk while it is busy are neither lost nor taken on the wrong screen
(src/kiosk/app.c, app_step; each case failed before its fix). Three cases, each on a kiosk of
its own:

1. Two touches on two cards of a multiple-choice question, read in one batch (the kiosk was
   busy while they were made; here it is stopped with SIGSTOP): the first selects its card and
   rebuilds the screen; the second must hit the new screen's layout (it hit nothing when the
   rectangles were copied into the screen only when drawn). Both cards are selected.
2. A double tap on confirm, 90 ms apart, while the answer's commit waits for the database
   (another connection holds the write lock for a moment, as a slow disk or an export would):
   the second tap, read after the commit with SDL's timestamp of that moment, is no repeat
   (REPEAT_TOUCH_MS); it must be dropped with the touches made while the screen was frozen.
3. A touch on volume-up during such a commit: the kiosk means to drop touches made while the
   screen did not answer (after a commit of more than 250 ms), those still in the X server's
   queue too (pumped before the flush), or the next question gets louder.

Each check is made once a sentinel touch made after the case (settings, whose screen is
unmistakable) has its screen: everything touched before it has been read by then. (In cases 2
and 3, a kiosk too slow to read the first touch before the second comes would pass them.)
"""
import os
import signal
import sqlite3
import time

from kiosk import Failure, main

BUSY_S = 0.6  # how long the database stays locked: the stimulus, not a wait for the kiosk


def centre(g):
    x, y, w, hh = g["rect"]
    return x + w // 2, y + hh // 2


def lock(db):
    con = sqlite3.connect(db, timeout=5, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    return con


def sentinel(k):
    """Presses settings; returns the index of the settings screen it opens."""
    n = k.press("settings")
    i, _ = k.wait_screen("settings", since=n, timeout=10,
                         what="the settings screen of the sentinel touch (lost, if it came with a late touch)")
    return i


def to_question(h, d, name, question, answers):
    """A kiosk on the check-in's question `question`, answering the ones before with answers."""
    k = h.kiosk(d, name)
    k.wait_screen("welcome", timeout=15)
    k.begin("checkin-weekly")
    k.press_wait("confirm", "question", question="feeling")
    for tid, nxt in answers:
        k.select(tid)
        k.press_wait("confirm", "question", question=nxt)
    return k


def batch(h, d):
    k = to_question(h, d, "batch", "what-helped", [("refuse", "internship"), ("refuse", "helped-someone"),
                                                   ("choice:yes", "what-helped")])
    a, b = centre(k.target("choice:team")), centre(k.target("choice:rest"))
    n = k.count()
    os.kill(k.proc.pid, signal.SIGSTOP)
    try:
        d.click(*a)
        d.click(*b)
    finally:
        os.kill(k.proc.pid, signal.SIGCONT)
    k.wait_screen("question", since=n, pred=lambda e: k.target("choice:team", e)["selected"],
                  what="choice:team selected")
    i = sentinel(k)
    last_q = [e for e in k.events()[n:i] if e["event"] == "screen"][-1]
    sel = [g["id"] for g in last_q["targets"] if g["selected"]]
    k.stop()
    if sel != ["choice:team", "choice:rest"]:
        return "two touches read in one batch: selected %s, not choice:team and choice:rest" % sel
    return None


def double_tap(h, d):
    k = to_question(h, d, "double", "feeling", [])
    k.select("choice:3")
    x, y = centre(k.target("confirm"))
    con = lock(k.db)
    n = k.count()
    d.run(["xdotool", "mousemove", str(x), str(y), "click", "--repeat", "2", "--delay", "90", "1"])
    time.sleep(BUSY_S)
    con.execute("COMMIT")
    con.close()
    k.wait_screen("question", since=n, question="internship", timeout=15)
    i = sentinel(k)
    screens = [e["question"] for e in k.events()[n:i] if e["event"] == "screen"]
    hints = [e["text"] for e in k.events()[n:i] if e["event"] == "speech_start" and "abord" in (e["text"] or "")]
    k.stop()
    if screens != ["internship"] or hints:
        return "a double tap on confirm during a slow commit was taken twice: screens %s, said %s" % (screens, hints)
    return None


def touch_during_commit(h, d):
    k = to_question(h, d, "during", "feeling", [])
    k.select("choice:3")
    vol = k.latest_screen()["volume"]
    up = centre(k.target("volume-up"))
    con = lock(k.db)
    n = k.press("confirm")
    k.click(*up)
    time.sleep(BUSY_S)
    con.execute("COMMIT")
    con.close()
    k.wait_screen("question", since=n, question="internship", timeout=15)
    i = sentinel(k)
    volumes = [(e["kind"], e["volume"]) for e in k.events()[n:i + 1] if e["event"] == "screen"]
    k.stop()
    if any(v != vol for _, v in volumes):
        return "a touch made during a slow commit was taken on the next screen: volume %d, then %s" % (vol, volumes)
    return None


def test(h):
    d = h.display(1280, 800)
    problems = []
    for case in (batch, double_tap, touch_during_commit):
        try:
            p = case(h, d)
        except Failure as e:
            p = "%s: %s" % (case.__name__, e)
        h.log("%s: %s" % (case.__name__, p or "as it should be"))
        if p:
            problems.append(p)
    if problems:
        raise Failure("src/kiosk/app.c:\n  " + "\n  ".join(problems))


if __name__ == "__main__":
    main(test)
