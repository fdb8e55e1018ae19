"""The facilitators' admin mode on the real kiosk: the three-corner gesture on the welcome screen
(in that order, and only that order), the PIN on the keypad (a wrong one refused, with a wait),
then an export that lands on a folder standing for a USB stick: the answers as CSV and the
report as HTML. Then back to the welcome screen, a person's touch working as before."""
import csv
import io
import os
import subprocess
import time

from kiosk import check, main

PIN = "80241357"


def corners(d, order):
    w, h = 1280, 800
    at = {"tl": (2, 2), "tr": (w - 3, 2), "br": (w - 3, h - 3), "bl": (2, h - 3)}
    for c in order:
        d.click(*at[c])
        time.sleep(0.25)


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

    # The wrong order opens nothing, and corner touches do not start a session either.
    n = k.count()
    corners(d, ["tr", "tl", "br"])
    time.sleep(0.8)
    check(all(e.get("kind") != "admin" for e in k.screens(n)), "the admin mode opened on a wrong gesture")
    check(k.latest_screen()["kind"] == "welcome", "corner touches left the welcome screen: %s" % k.latest_screen()["kind"])

    n = k.count()
    corners(d, ["tl", "tr", "br"])
    _, s = k.wait_screen("admin", since=n, timeout=10)
    check([g["id"] for g in s["targets"] if g["id"].startswith("pin:")] == ["pin:%d" % (i % 10) for i in range(1, 11)],
          "the keypad: %s" % [g["id"] for g in s["targets"]])
    h.log("keypad shown")

    # A wrong PIN: refused, and the next try must wait.
    for digit in "11111111":
        k.press("pin:" + digit)
    n = k.press("confirm")
    _, s = k.wait_screen("admin", since=n, pred=lambda e: "Code faux" in (e.get("detail") or ""),
                         what="the wrong-PIN message")
    time.sleep(1.2)
    for digit in PIN:
        k.press("pin:" + digit)
    n = k.press("confirm")
    _, s = k.wait_screen("admin", since=n, pred=lambda e: any(g["id"] == "admin:export" for g in e["targets"]),
                         what="the admin menu")
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
    k.wait_screen("admin", since=n, pred=lambda e: any(g["id"] == "admin:export" for g in e["targets"]))
    n = k.press("back")
    k.wait_screen("welcome", since=n)
    _, m = k.press_wait("start")
    check(m["kind"] in ("menu", "code-ask", "info"), "after the admin mode, start led to %s" % m["kind"])
    check(k.stop() == 0, "exit status on SIGTERM")


if __name__ == "__main__":
    main(test)
