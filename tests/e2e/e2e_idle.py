"""Silence: with idle_timeout 5 and idle_grace 5, "still there?" comes after 5 s without a touch,
is spoken, and 5 s later the kiosk is back on welcome with the confirmed answer kept (completed 0,
end_reason 'idle'). Second pass: "continue" returns to the same question, selection intact."""
import json

from kiosk import check, db_integrity, main, sqlite_open

STILL_THERE_FR = "Vous êtes toujours là ?"


def test(h):
    cfg = h.config("idle_timeout: 5\nidle_grace: 5\n")
    d = h.display(1280, 800)
    k = h.kiosk(d, "idle", config=cfg)
    k.wait_screen("welcome", timeout=15)

    # --- first pass: answer one question, then nobody --------------------------------------
    _, s = k.begin("checkin-weekly")  # the menu, then no personal code
    check(s["kind"] == "info" and s["question"] == "intro", "the check-in begins with %s %s" % (s["kind"], s["question"]))
    k.press_wait("confirm", "question", question="feeling")
    k.select("choice:3")
    n = k.press("confirm")
    _, last_touch = k.wait_screen("question", since=n, question="internship")
    k.wait_event("answer", since=n, question="feeling")
    h.log("answered 'feeling'; now waiting without touching")
    i, st = k.wait_screen("still-there", since=n, timeout=9)
    waited = st["t_ms"] - last_touch["t_ms"]
    check(4800 <= waited <= 6500, "still-there came %d ms after the last touch, not ~5000" % waited)
    check(st["text_shown"] == STILL_THERE_FR, "still-there shows %r" % st["text_shown"])
    check(st["text_spoken"].startswith(STILL_THERE_FR), "still-there says %r" % st["text_spoken"])
    check([g["id"] for g in st["targets"]] == ["continue"], "still-there targets: %s" % st["targets"])
    _, sp = k.wait_for(lambda e: e["event"] == "speech_start", "speech on still-there", since=i, timeout=3)
    check(sp["text"] == STILL_THERE_FR, "still-there first says %r" % sp["text"])
    h.log("still-there after %d ms" % waited)
    i2, wel = k.wait_screen("welcome", since=i, timeout=9)
    grace = wel["t_ms"] - st["t_ms"]
    check(4800 <= grace <= 6500, "welcome came back %d ms after still-there, not ~5000" % grace)
    check(not any(e["event"] == "screen" for e in k.events()[i + 1:i2]),
          "another screen between still-there and welcome: %s" % [e.get("kind") for e in k.events()[i + 1:i2]])
    _, end = k.wait_event("session_end", since=i)
    check(end["reason"] == "idle", "session_end reason %r" % end["reason"])
    h.log("welcome after %d ms of grace" % grace)

    check(db_integrity(k.db) == "wal", "journal_mode is not wal")
    con = sqlite_open(k.db)
    try:
        sessions = con.execute("SELECT id, completed, end_reason FROM sessions").fetchall()
        answers = con.execute("SELECT session_id, question, refused, value_json FROM answers").fetchall()
    finally:
        con.close()
    check(len(sessions) == 1, "sessions: %s" % sessions)
    sid, completed, reason = sessions[0]
    check(completed == 0 and reason == "idle", "after idle: completed=%r end_reason=%r" % (completed, reason))
    check([(a[0], a[1], a[2], json.loads(a[3])) for a in answers] == [(sid, "feeling", 0, ["3"])],
          "answers after idle: %s" % answers)

    # --- second pass: still-there, then "continue" -----------------------------------------
    _, s = k.begin("checkin-weekly")
    check(s["kind"] == "info" and s["question"] == "intro", "the check-in begins with %s %s" % (s["kind"], s["question"]))
    k.press_wait("confirm", "question", question="feeling")
    check(not any(g["selected"] for g in k.latest_screen()["targets"]),
          "the next person sees the previous person's selection")
    n = k.press("choice:1")
    _, before = k.wait_screen("question", since=n, pred=lambda e: k.target("choice:1", e)["selected"])
    i, st = k.wait_screen("still-there", since=n, timeout=9)
    n = k.press("continue")
    _, back = k.wait_screen(since=n, what="a screen after 'continue'")
    check(back["kind"] == "question" and back["question"] == "feeling",
          "continue led to %s %r, not back to question 'feeling'" % (back["kind"], back["question"]))
    check(k.target("choice:1", back)["selected"], "the selection made before still-there is lost")
    strip = lambda e: [(g["id"], g["selected"], g["enabled"], g["rect"]) for g in e["targets"]]
    check(strip(back) == strip(before), "the question is not as it was:\n%s\n%s" % (strip(before), strip(back)))
    # and the session goes on
    n = k.press("confirm")
    k.wait_screen("question", since=n, question="internship")
    _, a = k.wait_event("answer", since=n, question="feeling")
    check(a["values"] == ["1"] and a["session"] != sid, "answer after continue: %s" % a)
    rc = k.stop()
    check(rc == 0, "exit status %s on SIGTERM" % rc)


if __name__ == "__main__":
    main(test)
