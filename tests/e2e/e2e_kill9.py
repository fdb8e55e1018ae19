"""kill -9 in the middle of a check-in: every answer the trace reported is in the database, the
file is sound, and the next start marks the session 'interrupted' and keeps its answers."""
import json
import os

from kiosk import check, db_integrity, main, sqlite_open


def read_db(path):
    con = sqlite_open(path)
    try:
        sessions = con.execute("SELECT id, completed, end_reason FROM sessions").fetchall()
        rows = con.execute("SELECT session_id, question, refused, value_json FROM answers "
                           "ORDER BY question").fetchall()
    finally:
        con.close()
    return sessions, {q: (sid, refused, None if vj is None else json.loads(vj)) for sid, q, refused, vj in rows}


def test(h):
    d = h.display(1280, 800)
    k = h.kiosk(d, "first")
    k.wait_screen("welcome", timeout=15)
    _, s = k.begin("checkin-weekly")  # the menu, then no personal code
    check(s["kind"] == "info" and s["question"] == "intro", "the check-in begins with %s %s" % (s["kind"], s["question"]))
    k.press_wait("confirm", "question", question="feeling")
    k.select("choice:2")
    k.press_wait("confirm", "question", question="internship")
    k.select("refuse")
    k.press_wait("confirm", "question", question="helped-someone")
    k.select("choice:a-little")
    n = k.press("confirm")  # the third answer: do not wait for the next screen, only for the answer
    k.wait_for(lambda e: e["event"] == "answer" and e["question"] == "helped-someone", "the third answer", since=n)
    k.kill9()
    h.log("killed with SIGKILL right after the third answer event")
    check(k.proc.returncode == -9, "the kiosk was not killed by SIGKILL: %s" % k.proc.returncode)
    check(os.path.exists(k.db + "-wal"), "no WAL file next to the database after the kill")

    answers = [e for e in k.events() if e["event"] == "answer"]
    check([e["question"] for e in answers] == ["feeling", "internship", "helped-someone"],
          "answer events: %s" % [e["question"] for e in answers])
    sid = answers[0]["session"]
    expected = {"feeling": (sid, 0, ["2"]), "internship": (sid, 1, None), "helped-someone": (sid, 0, ["a-little"])}

    jm = db_integrity(k.db)
    check(jm == "wal", "journal_mode %r" % jm)
    sessions, got = read_db(k.db)
    check(sessions == [(sid, 0, None)], "after the kill, sessions = %s (expected one open session)" % sessions)
    check(got == expected, "after the kill, answers = %s, expected %s" % (got, expected))

    k2 = h.kiosk(d, "restarted", db=k.db)
    k2.wait_screen("welcome", timeout=15)
    check("interrupted" in k2.stderr(), "the restart did not log the interrupted session:\n%s" % k2.stderr())
    jm = db_integrity(k.db)
    sessions, got = read_db(k.db)
    check(sessions == [(sid, 0, "interrupted")],
          "after the restart, sessions = %s (expected end_reason 'interrupted', completed 0)" % sessions)
    check(got == expected, "after the restart, answers = %s, expected %s" % (got, expected))
    rc = k2.stop()
    check(rc == 0, "the restarted kiosk exited with %s on SIGTERM" % rc)
    # A clean stop leaves nothing to mark: a third start must not touch the session again.
    sessions, _ = read_db(k.db)
    check(sessions == [(sid, 0, "interrupted")], "after a clean stop: %s" % sessions)


if __name__ == "__main__":
    main(test)
