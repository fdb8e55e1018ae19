"""Random taps on the real window, at 800x480: the kiosk keeps running, keeps answering, and
its database stays sound with only answers the trace reported."""
import json
import random
import time

from kiosk import check, db_integrity, main, sqlite_open


def test(h):
    d = h.display(800, 480)
    cfg = h.config("idle_timeout: 5\nidle_grace: 5\nthanks_duration: 1\n", "fast.yaml")
    k = h.kiosk(d, "random", config=cfg)
    k.wait_screen("welcome", timeout=15)
    time.sleep(0.4)
    rng = random.Random(20261123)  # the same taps each run
    for i in range(200):
        d.click(rng.randrange(800), rng.randrange(480))
        time.sleep(rng.choice((0.02, 0.05, 0.1, 0.3)))
        if i % 100 == 99:
            time.sleep(6)  # let "still there?" and the idle end happen too
        check(k.proc.poll() is None, "the kiosk stopped after %d taps (status %s)" % (i + 1, k.proc.poll()))
    kinds = {e["kind"] for e in k.events() if e["event"] == "screen"}
    check({"welcome", "question"} <= kinds, "random taps never reached a question: %s" % sorted(kinds))
    answers = [e for e in k.events() if e["event"] == "answer"]
    check(k.stop() == 0, "exit status on SIGTERM")
    check(db_integrity(k.db) == "wal", "the database is not in WAL mode")  # integrity is checked inside
    con = sqlite_open(k.db)
    try:
        rows = con.execute("SELECT session_id, question, refused, value_json FROM answers").fetchall()
    finally:
        con.close()
    last = {}
    for e in answers:
        last[(e["session"], e["question"])] = (1 if e["refused"] else 0, None if e["refused"] else e["values"])
    stored = {(sid, q): (r, None if vj is None else json.loads(vj)) for sid, q, r, vj in rows}
    # Answers later hidden by a changed answer are deleted: the DB holds a subset of the trace's.
    check(all(stored[key] == last.get(key) for key in stored),
          "answers in the database that the trace did not report last: %s"
          % [key for key in stored if stored[key] != last.get(key)])
    h.log("200 random taps: %d screens, %d answers traced, %d rows, kinds %s"
          % (sum(1 for e in k.events() if e["event"] == "screen"), len(answers), len(rows), sorted(kinds)))


if __name__ == "__main__":
    main(test)
