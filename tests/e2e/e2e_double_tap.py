"""A double tap is one touch: on "confirm" it answers once (the button stays in the same place on
the next screen), and on a multiple-choice card it does not select then unselect."""
import time

from kiosk import check, main


def double_click(k, tid):
    g = k.target(tid)
    x, y, w, hh = g["rect"]
    n = k.count()
    k.display.run(["xdotool", "mousemove", str(x + w // 2), str(y + hh // 2),
                   "click", "--repeat", "2", "--delay", "90", "1"])
    return n


def test(h):
    d = h.display(1280, 800)
    k = h.kiosk(d, "double")
    k.wait_screen("welcome", timeout=15)
    _, s = k.begin("checkin-weekly")  # the menu, then no personal code
    check(s["kind"] == "info" and s["question"] == "intro", "the check-in begins with %s %s" % (s["kind"], s["question"]))
    time.sleep(0.5)
    n = double_click(k, "confirm")
    k.wait_screen("question", since=n, question="feeling")
    time.sleep(1.0)
    screens = [e for e in k.events()[n:] if e["event"] == "screen"]
    check([s["question"] for s in screens] == ["feeling"], "after a double tap on confirm: %s"
          % [(s["kind"], s["question"]) for s in screens])
    hints = [e for e in k.events()[n:] if e["event"] == "speech_start" and "abord" in (e["text"] or "")]
    check(not hints, "the second tap reached the next screen's confirm: %s" % hints)
    h.log("double tap on confirm: one step")

    k.select("refuse")
    k.press_wait("confirm", "question", question="internship")
    k.select("choice:good")
    k.press_wait("confirm", "question", question="helped-someone")
    k.select("choice:yes")
    k.press_wait("confirm", "question", question="what-helped")
    time.sleep(0.5)
    n = double_click(k, "choice:team")
    k.wait_screen("question", since=n, pred=lambda e: k.target("choice:team", e)["selected"])
    time.sleep(1.0)
    check(k.target("choice:team")["selected"], "a double tap on a card unselected it again")
    h.log("double tap on a multiple-choice card: selected once")
    check(k.stop() == 0, "exit status on SIGTERM")


if __name__ == "__main__":
    main(test)
