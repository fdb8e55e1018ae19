"""Random taps on the real window, at 800x480 (half of them on targets): the kiosk keeps running, keeps answering, and
its database stays sound and holds what the trace reported: answers were stored, each row is
the last answer the trace gave for its question, and each answer the trace gave is stored
unless a later change of an earlier answer may have hidden its question."""
import json
import random
import time

from kiosk import check, db_integrity, main, sqlite_open


def may_be_hidden(answers):
    """The (session, question) keys whose last answer may have been deleted since: an answer
    changed later to a question answered before it can hide it (its `when`), and the hidden
    answer is deleted in the same commit. Everything else must be in the database."""
    first, last = {}, {}
    for i, e in enumerate(answers):
        key = (e["session"], e["question"])
        first.setdefault(key, i)
        last[key] = i
    hidden = set()
    for key, i in last.items():
        for j in range(i + 1, len(answers)):
            other = (answers[j]["session"], answers[j]["question"])
            if other[0] == key[0] and other != key and first[other] < i:
                hidden.add(key)
                break
    return hidden


def test(h):
    d = h.display(800, 480)
    cfg = h.config("idle_timeout: 5\nidle_grace: 5\nthanks_duration: 1\n", "fast.yaml")
    k = h.kiosk(d, "random", config=cfg)
    k.wait_screen("welcome", timeout=15)
    rng = random.Random(20261123)  # the same draws each run
    for i in range(200):
        # Half the taps anywhere; half on a target of the screen last traced (the taps anywhere
        # alone hardly ever get through the menu and the personal code to store an answer).
        sc = k.latest_screen()
        if rng.random() < 0.5 and sc["targets"]:
            x, y, w, hh = rng.choice(sc["targets"])["rect"]
            k.click(x + w // 2, y + hh // 2)
        else:
            k.click(rng.randrange(800), rng.randrange(480))
        time.sleep(rng.choice((0.02, 0.05, 0.1, 0.3)))  # the rhythm of the taps, not a wait
        if i % 100 == 99:
            # Let "still there?" and the idle end happen too: wait for the welcome screen.
            last = max(j for j, e in enumerate(k.events()) if e["event"] == "screen")
            if k.events()[last]["kind"] != "welcome":
                k.wait_screen("welcome", since=last + 1, timeout=60, what="the welcome screen after the idle time")
        check(k.proc.poll() is None, "the kiosk stopped after %d taps (status %s)" % (i + 1, k.proc.poll()))
    check(k.stop() == 0, "exit status on SIGTERM")
    # The kiosk has exited: its trace is complete (each answer is written after its commit).
    kinds = {e["kind"] for e in k.events() if e["event"] == "screen"}
    check({"welcome", "question"} <= kinds, "random taps never reached a question: %s" % sorted(kinds))
    answers = [e for e in k.events() if e["event"] == "answer"]
    check(db_integrity(k.db) == "wal", "the database is not in WAL mode")  # integrity is checked inside
    con = sqlite_open(k.db)
    try:
        rows = con.execute("SELECT session_id, question, refused, value_json FROM answers").fetchall()
    finally:
        con.close()
    check(answers and rows, "random taps stored nothing: %d answers traced, %d rows" % (len(answers), len(rows)))
    last = {}
    for e in answers:
        last[(e["session"], e["question"])] = (1 if e["refused"] else 0, None if e["refused"] else e["values"])
    stored = {(sid, q): (r, None if vj is None else json.loads(vj)) for sid, q, r, vj in rows}
    check(len(stored) == len(rows), "two rows for one question of a session: %s" % sorted(rows))
    check(all(stored[key] == last.get(key) for key in stored),
          "rows that are not the trace's last answer to their question: %s"
          % ["%s: row %s, trace %s" % (key, stored[key], last.get(key)) for key in stored if stored[key] != last.get(key)])
    hidden = may_be_hidden(answers)
    lost = sorted(key for key in last if key not in stored and key not in hidden)
    check(not lost, "answers the trace reported that are not in the database: %s" % lost)
    h.log("200 random taps: %d screens, %d answers traced, %d rows (%d may have been hidden), kinds %s"
          % (sum(1 for e in k.events() if e["event"] == "screen"), len(answers), len(rows), len(hidden), sorted(kinds)))


if __name__ == "__main__":
    main(test)
