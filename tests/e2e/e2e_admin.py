"""The facilitators' admin mode on the real kiosk: the three-corner gesture on the welcome screen
(in that order, and only that order), the PIN on the keypad (a wrong one refused, with a wait),
then an export that lands on a folder standing for a USB stick: the answers as CSV and the
report as HTML. Then back to the welcome screen, a person's touch working as before.

Corner touches are not traced: that a wrong gesture opened nothing is checked once the touch
made after it (start) has its screen, which comes after anything the corners caused."""
import csv
import os
import subprocess

from kiosk import check, main

PIN = "80241357"
WRONG = "11111111"


def corners(k, order):
    w, h = 1280, 800
    at = {"tl": (2, 2), "tr": (w - 3, 2), "br": (w - 3, h - 3), "bl": (2, h - 3)}
    for c in order:
        k.click(*at[c])


def is_menu(ev):
    return any(g["id"] == "admin:export" for g in ev["targets"])


def enter_pin(k, pin):
    """Types pin on the keypad, waits until it shows that many dots (every digit taken), then
    presses confirm. Returns the event count before confirm: its screen is the first after."""
    n = k.count()
    for digit in pin:
        k.press("pin:" + digit)
    k.wait_screen("admin", since=n, pred=lambda e: (e.get("text_shown") or "").count("●") == len(pin),
                  what="the keypad with %d digits" % len(pin))
    return k.press("confirm")


def test(h):
    db = h.path("admin.db")
    usb = h.path("usb")
    os.makedirs(usb)
    setpin = subprocess.run([h.binary, "admin", "set-pin", "--db", db], input=PIN + "\n", text=True,
                            capture_output=True, timeout=60)
    check(setpin.returncode == 0, "set-pin failed: %s" % setpin.stderr)
    cfg = h.config("export_dir: %s\n" % usb, "admin.yaml")
    d = h.display(1280, 800)
    k = h.kiosk(d, "admin", db=db, config=cfg)
    k.wait_screen("welcome", timeout=15)

    # The wrong order opens nothing, and corner touches do not start a session either: the
    # screen of the start touch made after them is the first one since, and it is the menu.
    n = k.count()
    corners(k, ["tr", "tl", "br"])
    i, m = k.press_wait("start")
    screens = [(e["kind"], e.get("question")) for e in k.events()[n:i + 1] if e["event"] == "screen"]
    check(screens == [("menu", None)], "after a wrong gesture then start: %s" % screens)
    _, w = k.press_wait("back", "welcome")
    h.log("a wrong gesture: nothing opened")

    n = k.count()
    corners(k, ["tl", "tr", "br"])
    _, s = k.wait_screen("admin", since=n, timeout=10)
    check([g["id"] for g in s["targets"] if g["id"].startswith("pin:")] == ["pin:%d" % (i % 10) for i in range(1, 11)],
          "the keypad: %s" % [g["id"] for g in s["targets"]])
    h.log("keypad shown")

    # A wrong PIN: refused, with a wait before the next try.
    n = enter_pin(k, WRONG)
    _, s = k.wait_screen("admin", since=n, what="the keypad after a wrong PIN")
    check("Code faux" in (s.get("detail") or "") and not is_menu(s), "a wrong PIN gave: %r" % s.get("detail"))
    # The right one, tried until the wait is over: each try made too early must be refused as such.
    for attempt in range(1, 21):
        n = enter_pin(k, PIN)
        _, s = k.wait_screen("admin", since=n, what="the keypad's answer to the PIN (try %d)" % attempt)
        if is_menu(s):
            break
        check("Trop tôt" in (s.get("detail") or ""), "the right PIN, try %d, gave: %r" % (attempt, s.get("detail")))
        h.log("too early: %s" % s["detail"])
    check(is_menu(s), "the right PIN was still refused after %d tries: %r" % (attempt, s.get("detail")))
    h.log("admin menu")

    n = k.press("admin:export")
    _, s = k.wait_screen("admin", since=n, pred=lambda e: e.get("text_shown") == "Export", what="the export result")
    files = sorted(os.listdir(usb))
    check(len(files) == 2 and files[0].startswith("pictovox-export-") and files[0].endswith(".csv")
          and files[1].startswith("pictovox-rapport-") and files[1].endswith(".html"),
          "on the stick: %s; the screen says %r" % (files, s.get("detail")))
    with open(os.path.join(usb, files[0]), encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    check(rows and rows[0][:3] == ["session", "pseudonym", "questionnaire"], "the CSV's header: %s" % rows[:1])
    with open(os.path.join(usb, files[1]), encoding="utf-8") as f:
        html = f.read()
    check("Rapport d'activité" in html and "<script" not in html, "the report on the stick is not the report")
    check(not any(n.endswith(".part") for n in os.listdir(usb)), "a half-written file is left on the stick")

    # Back to the welcome screen; a person's touch starts as usual.
    n = k.press("confirm")
    k.wait_screen("admin", since=n, pred=is_menu)
    n = k.press("back")
    k.wait_screen("welcome", since=n)
    _, m = k.press_wait("start")
    check(m["kind"] in ("menu", "code-ask", "info"), "after the admin mode, start led to %s" % m["kind"])
    check(k.stop() == 0, "exit status on SIGTERM")


if __name__ == "__main__":
    main(test)
