"""A double tap is one touch: on "confirm" it answers once (the button stays in the same place on
the next screen), and on a multiple-choice card it does not select then unselect.

That the second tap did nothing is checked once it is known to have been taken: the kiosk runs
with --verbose and logs each touch it ignores as a repeat; then a later touch (the test's next
step) is a sentinel, whose screen comes after whatever the double tap caused.

A kiosk busy for more than 350 ms between reading the two taps takes the second (the repeat
is measured from when SDL read each tap, not when it was made): this test then fails, rightly;
e2e_busy_touches shows that bug on purpose."""
from kiosk import check, main

REPEAT = "touch on '%s' repeated within"  # src/kiosk/app.c, logged with --verbose


def double_click(k, tid):
    """Two clicks 90 ms apart at the centre of tid. Returns (event count, log size) before."""
    g = k.target(tid)
    x, y, w, hh = g["rect"]
    n, off = k.count(), k.log_size()
    k.display.run(["xdotool", "mousemove", str(x + w // 2), str(y + hh // 2),
                   "click", "--repeat", "2", "--delay", "90", "1"])
    return n, off


def test(h):
    d = h.display(1280, 800)
    k = h.kiosk(d, "double", extra_args=["--verbose"])
    k.wait_screen("welcome", timeout=15)
    _, s = k.begin("checkin-weekly")  # the menu, then no personal code
    check(s["kind"] == "info" and s["question"] == "intro", "the check-in begins with %s %s" % (s["kind"], s["question"]))

    # On confirm: the first tap goes to the next question; the second is taken, and ignored.
    n, off = double_click(k, "confirm")
    k.wait_screen("question", since=n, question="feeling", what="the next question after a double tap on confirm")
    k.wait_log(REPEAT % "confirm", since=off, timeout=10, what="the second tap on confirm logged as a repeat")
    i, sel = k.select("refuse")  # the sentinel: its screen follows anything the double tap did
    screens = [e for e in k.events()[n:i] if e["event"] == "screen"]
    check([(e["kind"], e["question"]) for e in screens] == [("question", "feeling")],
          "after a double tap on confirm, before the next touch: %s" % [(e["kind"], e["question"]) for e in screens])
    check(not any(g["selected"] for g in screens[0]["targets"]), "feeling began with a selection")
    hints = [e for e in k.events()[n:i] if e["event"] == "speech_start" and "abord" in (e["text"] or "")]
    check(not hints, "the second tap reached the next screen's confirm: %s" % hints)
    h.log("double tap on confirm: one step")

    k.press_wait("confirm", "question", question="internship")
    k.select("choice:good")
    k.press_wait("confirm", "question", question="helped-someone")
    k.select("choice:yes")
    k.press_wait("confirm", "question", question="what-helped")

    # On a card of a multiple-choice question: selected by the first tap, left so by the second.
    n, off = double_click(k, "choice:team")
    k.wait_screen("question", since=n, pred=lambda e: k.target("choice:team", e)["selected"],
                  what="choice:team selected after a double tap")
    k.wait_log(REPEAT % "choice:team", since=off, timeout=10, what="the second tap on choice:team logged as a repeat")
    i, sel = k.select("choice:trainers")  # the sentinel
    check(k.target("choice:team", sel)["selected"], "a double tap on a card unselected it again")
    flips = [e["t_ms"] for e in k.events()[n:i] if e["event"] == "screen" and not k.target("choice:team", e)["selected"]]
    check(not flips, "choice:team shown unselected after the double tap (at %s ms)" % flips)
    h.log("double tap on a multiple-choice card: selected once")
    check(k.stop() == 0, "exit status on SIGTERM")


if __name__ == "__main__":
    main(test)
