"""A whole weekly check-in, fullscreen at 1280x800, then what the database holds.

Path: welcome (silent) -> start -> the menu (of the bundled questionnaires) -> the check-in -> the
personal code asked: none ("code:guest") -> intro ("back" returns to the menu, nothing stored; the
check-in chosen again) -> feeling: refused -> internship: "good" then changed to
"so-so" -> helped-someone: yes -> what-helped: team + peers -> talk: no -> confidence shows ->
back -> talk: yes -> talk-who (shown only when talk = yes) -> confidence: a little -> thanks ->
welcome again by itself.
"""
import json
import subprocess
import re

from kiosk import check, db_integrity, main, sqlite_open, today

QN = "checkin-weekly"


def test(h):
    d = h.display(1280, 800)
    k = h.kiosk(d, "checkin")
    day_before = today()

    _, w = k.wait_screen("welcome", timeout=15)
    check(w["width"] == 1280 and w["height"] == 800,
          "fullscreen window is %sx%s, not the display's 1280x800" % (w["width"], w["height"]))
    check(w["text_spoken"] == "", "the welcome screen must be silent; text_spoken=%r" % w["text_spoken"])
    start = k.target("start")
    check(start["rect"] == [0, 0, 1280, 800], "the start target should be the whole screen: %s" % start["rect"])
    h.log("welcome")

    _, s = k.begin(QN)
    check("menu" in k.begun and "code-ask" in k.begun,
          "the bundled content: expected the menu and the personal-code question on the way, met %s"
          % sorted(k.begun))
    check(s["kind"] == "info" and s["question"] == "intro", "the check-in begins with %s %s" % (s["kind"], s["question"]))
    check(s["questionnaire"] == QN, "started questionnaire %r, not %r" % (s["questionnaire"], QN))
    # with a menu, "back" on the first screen leads to it (not nowhere), and leaves nothing stored
    check(any(g["id"] == "back" for g in s["targets"]), "no 'back' to the menu on the first screen")
    _, m = k.press_wait("back")
    check(m["kind"] == "menu", "back from the first screen led to %s, not the menu" % m["kind"])
    _, s = k.begin(QN)
    check(s["kind"] == "info" and s["question"] == "intro", "the check-in begins again with %s %s" % (s["kind"], s["question"]))

    # feeling: refusal
    _, s = k.press_wait("confirm", "question", question="feeling")
    check([g["id"] for g in s["targets"] if g["role"] == "choice"] == ["choice:1", "choice:2", "choice:3"],
          "scale3 choices: %s" % [g["id"] for g in s["targets"]])
    check(not k.target("confirm")["enabled"], "confirm enabled before anything is chosen")
    _, s = k.select("refuse")
    check(k.target("confirm", s)["enabled"], "confirm still disabled after choosing the refusal")
    _, s = k.press_wait("confirm", "question", question="internship")
    check(not any(g["selected"] for g in s["targets"]), "a new question starts with a selection")

    # internship: good, then changed to so-so before confirming
    k.select("choice:good")
    _, s = k.select("choice:so-so")
    sel = [g["id"] for g in s["targets"] if g["selected"]]
    check(sel == ["choice:so-so"], "single choice: after changing, selected = %s" % sel)
    k.press_wait("confirm", "question", question="helped-someone")

    k.select("choice:yes")
    k.press_wait("confirm", "question", question="what-helped")

    # multiple: two choices
    k.select("choice:team")
    _, s = k.select("choice:peers")
    sel = [g["id"] for g in s["targets"] if g["selected"]]
    check(sel == ["choice:team", "choice:peers"], "multiple choice: selected = %s" % sel)
    k.press_wait("confirm", "question", question="talk")

    # talk: no -> the conditional info is skipped; back; yes -> it shows
    k.select("choice:no")
    _, s = k.press_wait("confirm", "question")
    check(s["question"] == "confidence", "after talk=no, expected 'confidence', got %r" % s["question"])
    _, s = k.press_wait("back", "question", question="talk")
    sel = [g["id"] for g in s["targets"] if g["selected"]]
    check(sel == ["choice:no"], "back on 'talk' should show the confirmed answer 'no' selected: %s" % sel)
    k.select("choice:yes")
    _, s = k.press_wait("confirm")
    check(s["kind"] == "info" and s["question"] == "talk-who",
          "after talk=yes, expected info 'talk-who', got %s %r" % (s["kind"], s["question"]))
    k.press_wait("confirm", "question", question="confidence")
    k.select("choice:a-little")
    n = k.press("confirm")
    _, th = k.wait_screen("thanks", since=n)
    h.log("thanks")
    i_end, end = k.wait_event("session_end", since=n)
    check(end["reason"] == "completed" and end["saved"], "session_end: %s" % end)
    _, wel = k.wait_screen("welcome", since=n, timeout=12)
    waited = wel["t_ms"] - th["t_ms"]
    check(5500 <= waited <= 8000, "thanks should last the default 6 s, lasted %d ms" % waited)
    h.log("welcome again after %d ms of thanks" % waited)
    day_after = today()

    # --- the database --------------------------------------------------------------------
    expected = {
        "feeling": (1, None),
        "internship": (0, ["2"]),
        "helped-someone": (0, ["yes"]),
        "what-helped": (0, ["team", "peers"]),
        "talk": (0, ["yes"]),
        "confidence": (0, ["a-little"]),
    }
    answers_ev = [e for e in k.events() if e["event"] == "answer"]
    jm = db_integrity(k.db)
    check(jm == "wal", "journal_mode is %r, not wal" % jm)
    con = sqlite_open(k.db)
    try:
        tables = sorted(r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
        check(tables == ["answers", "sessions", "settings"], "tables: %s" % tables)
        cols = {t: [r[1] for r in con.execute("PRAGMA table_info(%s)" % t)] for t in tables}
        check(cols["sessions"] == ["id", "questionnaire", "version", "language", "day", "completed", "end_reason",
                                   "person", "person_seq"],
              "sessions columns: %s" % cols["sessions"])
        check(cols["answers"] == ["session_id", "question", "refused", "value_json"],
              "answers columns: %s" % cols["answers"])
        # the kiosk's own settings (the admin PIN's lock): nothing there after a person's check-in
        check(cols["settings"] == ["name", "value"], "settings columns: %s" % cols["settings"])
        kept = con.execute("SELECT name FROM settings").fetchall()
        check(kept == [], "a check-in left settings behind: %s" % kept)
        for t in tables:
            for c in cols[t]:
                check(not re.search(r"time|stamp|created|hour|at$", c), "%s.%s looks like a time column" % (t, c))
            for row in con.execute("SELECT * FROM %s" % t):
                for v in row:
                    check(not (isinstance(v, str) and re.search(r"\d\d:\d\d", v)),
                          "%s holds a time of day: %r" % (t, row))
        sessions = con.execute("SELECT id, questionnaire, version, language, day, completed, end_reason "
                               "FROM sessions").fetchall()
        people = con.execute("SELECT person, person_seq FROM sessions").fetchall()
        check(people == [(None, None)], "a session without a code is linked to someone: %s" % people)
        check(len(sessions) == 1, "expected exactly one session, found %d: %s" % (len(sessions), sessions))
        sid, qn, version, lang, day, completed, reason = sessions[0]
        check(qn == QN and version == 1 and lang == "fr", "session: %s" % (sessions[0],))
        check(day in (day_before, day_after), "session day %r is not today (%s)" % (day, day_after))
        check(completed == 1 and reason == "completed", "session completed=%r end_reason=%r" % (completed, reason))
        check(end["session"] == sid, "session_end names %s, the DB has %s" % (end["session"], sid))
        rows = con.execute("SELECT session_id, question, refused, value_json FROM answers").fetchall()
    finally:
        con.close()
    got = {}
    for s_id, q, refused, vj in rows:
        check(s_id == sid, "answer %s belongs to another session %s" % (q, s_id))
        got[q] = (refused, None if vj is None else json.loads(vj))
    check(got == expected, "answers in the DB:\n  %s\nexpected:\n  %s" % (got, expected))

    # The trace: one "answer" per confirmation (talk twice), the last one per question = the DB.
    check([e["question"] for e in answers_ev] ==
          ["feeling", "internship", "helped-someone", "what-helped", "talk", "talk", "confidence"],
          "answer events: %s" % [e["question"] for e in answers_ev])
    check(len({e["question"] for e in answers_ev}) == len(rows),
          "%d questions answered in the trace, %d rows" % (len({e["question"] for e in answers_ev}), len(rows)))
    last = {}
    for e in answers_ev:
        check(e["session"] == sid and e["questionnaire"] == QN, "answer event of another session: %s" % e)
        last[e["question"]] = (1 if e["refused"] else 0, None if e["refused"] else e["values"])
    check(last == expected, "last answer events %s != expected %s" % (last, expected))
    check(answers_ev[4]["values"] == ["no"], "the first 'talk' answer was %s" % answers_ev[4]["values"])

    rc = k.stop()
    check(rc == 0, "the kiosk exited with %s on SIGTERM" % rc)

    # What a facilitator gets: the report hides counts under 5 (one person here), the export
    # has every answer of the session.
    rep = subprocess.run([h.binary, "report", "--db", k.db], capture_output=True, text=True, timeout=20)
    check(rep.returncode == 0, "report failed: %s" % rep.stderr)
    lines = rep.stdout.splitlines()
    check(lines[0] == "questionnaire,version,question,value,count", "report header: %r" % lines[:1])
    check("%s,1,what-helped,peers,<5" % QN in lines and "%s,1,feeling,(refused),<5" % QN in lines,
          "report rows: %s" % lines)
    check(not any(l.endswith(",1") for l in lines[1:]), "the report shows a count of 1: %s" % lines)
    exp = subprocess.run([h.binary, "export", "--db", k.db], capture_output=True, text=True, timeout=20)
    check(exp.returncode == 0 and len(exp.stdout.splitlines()) == 1 + len(rows),
          "export: %d lines for %d answers (%s)" % (len(exp.stdout.splitlines()), len(rows), exp.stderr))


if __name__ == "__main__":
    main(test)
