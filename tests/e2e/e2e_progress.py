"""Personal codes and progress at 1280x800, over three starts of the kiosk on one database.

1. A new code (four pictograms; "undo" takes one back on the way), the self-evaluation answered:
   the result screen says "new code", the star has no first evaluation.
2. The kiosk stopped and STARTED AGAIN on the same database (the link survives a restart): the same
   code is "welcome back"; the self-evaluation answered with some competences up, one down, the
   rest equal: the star's first/latest are the two evaluations, and the spoken summary (text_spoken
   and the speech_start events) names exactly the competences that changed, with both values, the
   ones up before the one down, and "toujours" for the others.
   Then another code: "new code", and its star has no first evaluation (codes share nothing).
   Then the weekly check-in with the first code: the faces of the weeks, one face.
3. Started again: the check-in with the first code once more: two faces, oldest first.

Privacy, then: the database's bytes (and its -wal/-shm), the output of `pictovox export`, the
kiosks' stderr and traces hold neither the codes' pictogram names (ids, words, French names) nor
their raw indices. A trace does list the twelve cards of the code screen (ids and labels): there
each of the twelve names appears equally often, none is ever "selected", and nowhere else does any
name appear; what is said when a pictogram is touched is traced as text null, target "code:?".
sessions.person is 32 hex digits, the same for every session of the first code, another for the
second; the secret beside the database is mode 0600.

With PV_SAVE_SCREENS=1 (or PV_SCREENS_DIR=DIR) it saves, each once the screen is quiet:
code.png (two pictograms chosen), code-result.png, progress-first.png, progress-star.png, mood.png.
"""
import json
import os
import re
import stat
import subprocess
import time

from kiosk import check, db_integrity, main, sqlite_open

W, H = 1280, 800
SELF, CHECKIN = "selfeval-competences", "checkin-weekly"
# The twelve pictograms of a code, in the grid's order (src/session/person.c), with their French names.
SYMBOLS = ["apple", "fish", "star", "tree", "umbrella", "horse", "elephant", "carrot", "flower", "anchor",
           "penguin", "bicycle"]
FRENCH = {"apple": "Pomme", "fish": "Poisson", "star": "Étoile", "tree": "Arbre", "umbrella": "Parapluie",
          "horse": "Cheval", "elephant": "Éléphant", "carrot": "Carotte", "flower": "Fleur", "anchor": "Ancre",
          "penguin": "Pingouin", "bicycle": "Vélo"}
CODE1 = ["apple", "penguin", "umbrella", "horse"]
CODE2 = ["fish", "carrot", "anchor", "bicycle"]
# The self-evaluation, three times (steps 1..4 in the questionnaire's order).
FIRST = [2, 1, 3, 2, 4, 1, 2, 3, 2, 1]
SECOND = [4, 1, 3, 3, 4, 2, 1, 3, 2, 1]  # experience, confidentiality, rights up; harm-reduction down
OTHER = [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]   # the second code
NEW_FR = "C'est un nouveau code.\nRetenez ces quatre images."
KNOWN_FR = "Bon retour.\nJe connais votre code."
PROGRESS_FR = "Voici vos progrès."
FIRST_TIME_FR = "C'est votre première fois.\nLa prochaine fois, vous verrez vos progrès."
CHANGE_FR = "%s : vous étiez à %d, vous êtes à %d."
SAME_FR = "%s : toujours à %d."


def competences(source):
    """[(id, short name, pictogram)] of the bundled self-evaluation's steps questions, in order."""
    out, cur = [], None
    with open(os.path.join(source, "assets", "questionnaires", SELF + ".yaml"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*-\s*id:\s*(\S+)", line)
            if m:
                cur = {"id": m.group(1)}
                out.append(cur)
                continue
            m = re.match(r"\s+(type|short|pictogram):\s*(.+?)\s*$", line)
            if m and cur is not None:
                cur[m.group(1)] = m.group(2)
    comps = [(c["id"], c["short"], c["pictogram"]) for c in out if c.get("type") == "steps"]
    check(len(comps) == 10 and out[0].get("type") == "info",
          "%s: expected an info then 10 steps questions, found %s" % (SELF, [(c["id"], c.get("type")) for c in out]))
    return comps


def shot(h, k, since, name, what):
    out = h.screens_dir()
    if not out:
        return
    k.wait_quiet(since, timeout=90, what=what)
    time.sleep(0.3)
    p = os.path.join(out, name)
    k.display.screenshot(p)
    h.log("saved %s" % p)


def filled(ev):
    return sum(v is not None for v in ev.get("row") or [])


def enter_code_by_hand(h, k, code):
    """The first code, touched one by one: two, (screenshot), a wrong third taken back with undo,
    then the last two; confirm. Returns the code-result screen event's index and event."""
    _, m = k.press_wait("start", "menu")
    _, ask = k.press_wait("questionnaire:" + SELF, "code-ask")
    check([g["id"] for g in ask["targets"] if g["role"] == "choice"] == ["code:mine", "code:guest"],
          "code-ask cards: %s" % [g["id"] for g in ask["targets"]])
    _, s = k.press_wait("code:mine", "code")
    cards = [g for g in s["targets"] if g["role"] == "choice"]
    check([g["id"] for g in cards] == ["code:" + x for x in SYMBOLS],
          "the code screen's pictograms: %s" % [g["id"] for g in cards])
    check([g["label"] for g in cards] == [FRENCH[x] for x in SYMBOLS],
          "the code screen's labels: %s" % [g["label"] for g in cards])
    check(s["row"] == [None] * 4, "an empty code shows %s" % s["row"])
    check(not k.target("undo", s)["enabled"] and not k.target("confirm", s)["enabled"],
          "undo/confirm enabled on an empty code")
    n_code = k.press("code:" + code[0])
    k.wait_screen("code", since=n_code, pred=lambda e: filled(e) == 1)
    n = k.press("code:" + code[1])
    _, s = k.wait_screen("code", since=n, pred=lambda e: filled(e) == 2)
    check(s["row"] == ["?", "?", None, None], "two pictograms chosen: row %s" % s["row"])
    check(k.target("undo", s)["enabled"] and not k.target("confirm", s)["enabled"],
          "with two pictograms: undo %s, confirm %s" % (k.target("undo", s)["enabled"], k.target("confirm", s)["enabled"]))
    shot(h, k, n, "code.png", "the code screen")
    wrong = next(x for x in SYMBOLS if x not in code)
    n = k.press("code:" + wrong)
    k.wait_screen("code", since=n, pred=lambda e: filled(e) == 3)
    n = k.press("undo")
    _, s = k.wait_screen("code", since=n, pred=lambda e: filled(e) == 2)
    check(not k.target("confirm", s)["enabled"], "confirm enabled after undo left two pictograms")
    for x in code[2:]:
        n = k.press("code:" + x)
        _, s = k.wait_screen("code", since=n, pred=lambda e, f=filled(s) + 1: filled(e) == f)
    check(s["row"] == ["?"] * 4 and k.target("confirm", s)["enabled"],
          "four pictograms: row %s, confirm %s" % (s["row"], k.target("confirm", s)["enabled"]))
    # what was said when each pictogram was touched (and taken back) is not written
    said = [e for e in k.events()[n_code:] if e["event"] == "speech_start"]
    check(len(said) >= 5 and all(e["text"] is None and e["target"] == "code:?" for e in said),
          "speech on the code screen: %s" % [(e["text"], e["target"]) for e in said])
    return k.press_wait("confirm", "code-result")


def answer_selfeval(k, comps, values, intro):
    """From the intro to the screen after the last question: (index, event) of that screen."""
    check(intro["kind"] == "info" and intro["question"] == "intro" and intro["questionnaire"] == SELF,
          "the self-evaluation begins with %s %s/%s" % (intro["kind"], intro["questionnaire"], intro["question"]))
    n = k.press("confirm")
    for (qid, _, _), v in zip(comps, values):
        _, s = k.wait_screen("question", since=n, question=qid)
        check([g["id"] for g in s["targets"] if g["role"] == "choice"] == ["choice:%d" % i for i in range(1, 5)],
              "%s: steps choices %s" % (qid, [g["id"] for g in s["targets"]]))
        k.select("choice:%d" % v)
        n = k.press("confirm")
    return k.wait_screen(since=n, pred=lambda e: e["kind"] != "question", what="the screen after the last question")


def answers_of(k, since):
    return {e["question"]: e["values"] for e in k.events()[since:] if e["event"] == "answer"}


def check_star(k, i, star, comps, first, latest):
    check(star["kind"] == "star" and star["questionnaire"] == SELF,
          "after the self-evaluation with a code: %s %s" % (star["kind"], star.get("questionnaire")))
    ch = star.get("chart")
    check(ch, "the star screen has no chart in the trace")
    br = ch["branches"]
    check([b["pictogram"] for b in br] == [p for _, _, p in comps],
          "the star's branches: %s" % [b["pictogram"] for b in br])
    check([b["latest"] for b in br] == latest, "the star's latest values %s, answered %s" % (
        [b["latest"] for b in br], latest))
    check(ch["max"] == 4, "the star's outer ring is step %s" % ch["max"])
    if first is None:
        check(ch["has_first"] is False, "a first evaluation: has_first %s" % ch["has_first"])
        check(all(b["first"] == 0 for b in br), "no first evaluation, yet first values %s" % [b["first"] for b in br])
        check(star["text_shown"] == FIRST_TIME_FR, "the first star says %r" % star["text_shown"])
        check("toujours" not in star["text_spoken"] and "étiez" not in star["text_spoken"],
              "the first star speaks of progress: %r" % star["text_spoken"])
        return
    check(ch["has_first"] is True, "the second evaluation: has_first %s" % ch["has_first"])
    check([b["first"] for b in br] == first, "the star's first values %s, answered the first time %s" % (
        [b["first"] for b in br], first))
    check(star["text_shown"] == PROGRESS_FR, "the star shows %r" % star["text_shown"])
    up = [CHANGE_FR % (name, a, b) for (_, name, _), a, b in zip(comps, first, latest) if b > a]
    same = [SAME_FR % (name, a) for (_, name, _), a, b in zip(comps, first, latest) if b == a]
    down = [CHANGE_FR % (name, a, b) for (_, name, _), a, b in zip(comps, first, latest) if b < a]
    check(up and same and down, "the test's answers should go up, stay and go down")
    want = up + same + down
    spoken = star["text_spoken"]
    check(spoken == " ".join([PROGRESS_FR] + want),
          "the star's text_spoken:\n  %r\nexpected:\n  %r" % (spoken, " ".join([PROGRESS_FR] + want)))
    check(spoken.count("étiez") == len(up) + len(down) and spoken.count("toujours") == len(same),
          "changed/same counts in %r" % spoken)
    # and said so, sentence after sentence
    said, at = [], i + 1
    for sentence in [PROGRESS_FR] + want:
        at, st = k.wait_for(lambda e: e["event"] in ("speech_start", "screen"), "the star saying %r" % sentence,
                            since=at, timeout=15)
        check(st["event"] == "speech_start", "a screen came while the star was to say %r" % sentence)
        said.append(st["text"])
        at += 1
    check(said == [PROGRESS_FR] + want, "the star said %s\nexpected %s" % (said, [PROGRESS_FR] + want))


def finish(k, what):
    """confirm on a progress screen -> thanks -> (touch) -> welcome."""
    _, th = k.press_wait("confirm", "thanks")
    _, w = k.press_wait("finish", "welcome")
    return w


def answer_checkin(k, intro, feeling):
    """The check-in from its intro: feeling = `feeling`, the first choice elsewhere. Returns the
    index and event after the last question, and the label of the feeling chosen."""
    check(intro["questionnaire"] == CHECKIN and intro["question"] == "intro", "the check-in begins with %s/%s" % (
        intro["questionnaire"], intro["question"]))
    s, label, visited = intro, None, []
    while s["kind"] in ("info", "question"):
        visited.append(s["question"])
        check(len(visited) < 20, "the check-in does not end: %s" % visited)
        if s["kind"] == "question":
            if s["question"] == "feeling":
                tid = "choice:%d" % feeling
                label = k.target(tid, s)["label"]
            else:
                tid = [g["id"] for g in s["targets"] if g["role"] == "choice"][0]
            k.select(tid)
        n = k.press("confirm")
        i, s = k.wait_screen(since=n, what="the screen after %s" % visited[-1])
    return i, s, label


def check_mood(k, mood, faces, labels):
    check(mood["kind"] == "mood" and mood["questionnaire"] == CHECKIN,
          "after the check-in with a code: %s %s" % (mood["kind"], mood.get("questionnaire")))
    check(mood.get("row") == faces, "the faces of the weeks: %s, expected %s" % (mood.get("row"), faces))
    spoken = mood["text_spoken"]
    at = -1
    for lab in labels:
        j = spoken.find(lab, at + 1)
        check(j > at, "the mood screen does not say %r after the earlier weeks: %r" % (lab, spoken))
        at = j


def forbidden(codes):
    """The strings and bytes no file may hold: every name of the codes' pictograms, their raw
    indices (as bytes, and as 32-bit integers)."""
    words = set()
    for code in codes:
        for x in code:
            words |= {x, "code-" + x, "code:" + x, FRENCH[x]}
    raw = []
    for code in codes:
        idx = [SYMBOLS.index(x) for x in code]
        raw.append(bytes(idx))
        raw.append(b"".join(i.to_bytes(4, "little") for i in idx))
    return sorted(words), raw


def scan(data, words, raw, what):
    low = data.lower()
    found = [w for w in words if w.lower().encode() in low]
    check(not found, "%s holds the code's pictogram names %s" % (what, found))
    found = [r.hex() for r in raw if r in data]
    check(not found, "%s holds the code's raw indices %s" % (what, found))


def scan_trace(h, path, words, raw):
    """A trace: the twelve cards of the code screen aside, no name at all; each of the twelve
    equally often (which ones were chosen cannot be told); never one selected."""
    with open(path, "rb") as f:
        data = f.read()
    found = [r.hex() for r in raw if r in data]
    check(not found, "%s holds the code's raw indices %s" % (path, found))
    counts = {x: data.decode().count('"code:%s"' % x) for x in SYMBOLS}
    check(len(set(counts.values())) == 1, "%s: the code cards appear unequally often: %s" % (path, counts))
    all_names = sorted({w for x in SYMBOLS for w in (x, "code-" + x, FRENCH[x])})
    cards = 0
    for line in data.decode().splitlines():
        e = json.loads(line)
        if e.get("event") == "screen" and e.get("kind") == "code":
            keep = []
            for g in e["targets"]:
                if g["role"] == "choice" and g["id"].startswith("code:"):
                    check(g["id"][5:] in SYMBOLS and g["label"] == FRENCH[g["id"][5:]],
                          "%s: a code card %s %r" % (path, g["id"], g["label"]))
                    check(not g["selected"], "%s: the code card %s is traced as selected" % (path, g["id"]))
                    cards += 1
                else:
                    keep.append(g)
            e["targets"] = keep
            check(all(v in (None, "?") for v in e.get("row") or []), "%s: a code row %s" % (path, e.get("row")))
        if e.get("event") == "screen" and e.get("kind") == "code-result":
            check(all(v == "?" for v in e.get("row") or []), "%s: the result row %s" % (path, e.get("row")))
        e.pop("kind", None)  # the kiosk's own word for a screen ("star" is one)
        rest = json.dumps(e, ensure_ascii=False).lower()
        # whole words: "star" is in "start", "tree" in "street"...
        hits = [w for w in all_names if re.search(r"(?<![a-zà-ÿ])%s(?![a-zà-ÿ])" % re.escape(w.lower()), rest)]
        check(not hits, "%s: a pictogram name %s outside the code screen's cards: %s" % (path, hits, line[:300]))
    h.log("%s: %d code cards listed, each name %d times, no name elsewhere" % (
        os.path.basename(path), cards, next(iter(counts.values()))))


def test(h):
    comps = competences(h.source)
    d = h.display(W, H)
    db = h.path("progress.db")

    # --- 1. a new code, the first self-evaluation ---------------------------------------------
    k = h.kiosk(d, "first", db=db)
    k.wait_screen("welcome", timeout=15)
    i, res = enter_code_by_hand(h, k, CODE1)
    check(res["text_shown"] == NEW_FR, "the first code's result says %r, not that it is new" % res["text_shown"])
    check(res.get("row") == ["?"] * 4, "the result screen's row in the trace: %s" % res.get("row"))
    shot(h, k, i, "code-result.png", "the code's result")
    _, intro = k.press_wait("confirm", "info", question="intro")
    n = k.count()
    i, star = answer_selfeval(k, comps, FIRST, intro)
    check(answers_of(k, n) == {c[0]: [str(v)] for c, v in zip(comps, FIRST)}, "answers traced: %s" % answers_of(k, n))
    check_star(k, i, star, comps, None, FIRST)
    shot(h, k, i, "progress-first.png", "the first star")
    finish(k, "the first star")
    h.log("code 1: new, first self-evaluation, star without a first")
    check(k.stop() == 0, "exit status on SIGTERM")

    # --- 2. started again: the same code, its progress; another code; a check-in --------------
    k = h.kiosk(d, "again", db=db)
    k.wait_screen("welcome", timeout=15)
    n = k.count()
    _, intro = k.begin(SELF, CODE1)
    check(k.begun["code-result"]["text_shown"] == KNOWN_FR,
          "after a restart, the same code's result says %r" % k.begun["code-result"]["text_shown"])
    i, star = answer_selfeval(k, comps, SECOND, intro)
    check_star(k, i, star, comps, FIRST, SECOND)
    shot(h, k, i, "progress-star.png", "the second star")
    finish(k, "the second star")
    h.log("code 1 after a restart: welcome back, the star of both evaluations, the summary said")

    _, intro = k.begin(SELF, CODE2)
    check(k.begun["code-result"]["text_shown"] == NEW_FR,
          "a second code's result says %r, not that it is new" % k.begun["code-result"]["text_shown"])
    i, star = answer_selfeval(k, comps, OTHER, intro)
    check_star(k, i, star, comps, None, OTHER)
    finish(k, "the other code's star")
    h.log("code 2: new, its star has no first")

    _, intro = k.begin(CHECKIN, CODE1)
    check(k.begun["code-result"]["text_shown"] == KNOWN_FR, "code 1 for the check-in: %r" % k.begun["code-result"]["text_shown"])
    i, mood, label1 = answer_checkin(k, intro, 3)
    check_mood(k, mood, ["face-4"], [label1])
    finish(k, "the first mood")
    check(k.stop() == 0, "exit status on SIGTERM")

    # --- 3. started again: the check-in once more ----------------------------------------------
    k = h.kiosk(d, "third", db=db)
    k.wait_screen("welcome", timeout=15)
    _, intro = k.begin(CHECKIN, CODE1)
    check(k.begun["code-result"]["text_shown"] == KNOWN_FR, "code 1, third start: %r" % k.begun["code-result"]["text_shown"])
    i, mood, label2 = answer_checkin(k, intro, 1)
    check_mood(k, mood, ["face-4", "face-2"], [label1, label2])
    shot(h, k, i, "mood.png", "the faces of the weeks")
    finish(k, "the second mood")
    h.log("check-in with code 1 twice, a restart between: one face, then two")

    # --- privacy -----------------------------------------------------------------------------
    words, raw = forbidden([CODE1, CODE2])
    running = [db + ext for ext in ("", "-wal", "-shm") if os.path.exists(db + ext)]
    for p in running:  # while the kiosk still has it open: the WAL holds the latest pages
        with open(p, "rb") as f:
            scan(f.read(), words, raw, os.path.basename(p) + " (kiosk running)")
    check(k.stop() == 0, "exit status on SIGTERM")
    check(db_integrity(db) == "wal", "journal mode")
    for ext in ("", "-wal", "-shm"):
        if os.path.exists(db + ext):
            with open(db + ext, "rb") as f:
                scan(f.read(), words, raw, os.path.basename(db + ext))
    key = db + ".key"
    check(os.path.exists(key), "no secret beside the database (%s)" % key)
    mode = stat.S_IMODE(os.stat(key).st_mode)
    check(mode == 0o600, "the secret %s has mode %o, not 600" % (key, mode))

    con = sqlite_open(db)
    try:
        rows = con.execute("SELECT id, questionnaire, person, person_seq, completed FROM sessions").fetchall()
        answers = con.execute("SELECT session_id, question, refused, value_json FROM answers").fetchall()
    finally:
        con.close()
    check(len(rows) == 5 and all(r[4] == 1 for r in rows), "sessions: %s" % rows)
    check(all(isinstance(r[2], str) and re.fullmatch(r"[0-9a-f]{32}", r[2]) for r in rows),
          "sessions.person is not 32 hex digits: %s" % [r[2] for r in rows])
    by_id = {r[0]: r for r in rows}
    ans = {}
    for sid, q, refused, vj in answers:
        ans.setdefault(sid, {})[q] = json.loads(vj) if vj else None
    selfs = [r for r in rows if r[1] == SELF]
    want = [[str(v) for v in vals] for vals in (FIRST, SECOND, OTHER)]
    got = {}
    for r in selfs:
        got[tuple(ans[r[0]][c[0]][0] for c in comps)] = r
    check(sorted(got) == sorted(tuple(w) for w in want), "self-evaluations stored: %s" % sorted(got))
    p1, p2 = got[tuple(want[0])][2], got[tuple(want[2])][2]
    check(got[tuple(want[1])][2] == p1, "the first code's two self-evaluations have pseudonyms %s and %s"
          % (p1, got[tuple(want[1])][2]))
    check(p2 != p1, "two codes share the pseudonym %s" % p1)
    check([got[tuple(w)][3] for w in want] == [1, 2, 1], "person_seq of the self-evaluations: %s"
          % [got[tuple(w)][3] for w in want])
    checkins = sorted((r for r in rows if r[1] == CHECKIN), key=lambda r: r[3])
    check([(r[2], r[3]) for r in checkins] == [(p1, 3), (p1, 4)],
          "the check-ins of the first code: %s" % [(r[2], r[3]) for r in checkins])
    check([ans[r[0]]["feeling"] for r in checkins] == [["3"], ["1"]], "feelings stored: %s"
          % [ans[r[0]].get("feeling") for r in checkins])
    h.log("database: pseudonym %s... for 4 sessions (seq 1-4), %s... for the other code" % (p1[:6], p2[:6]))

    exp = subprocess.run([h.binary, "export", "--db", db], capture_output=True, timeout=30)
    check(exp.returncode == 0, "export failed: %s" % exp.stderr.decode(errors="replace"))
    check(len(exp.stdout.decode().splitlines()) == 1 + len(answers),
          "export: %d lines for %d answers" % (len(exp.stdout.decode().splitlines()), len(answers)))
    scan(exp.stdout + exp.stderr, words, raw, "pictovox export")
    check(p1.encode() not in exp.stdout and p2.encode() not in exp.stdout, "the export carries the pseudonyms")
    for kk in h.kiosks:
        scan(kk.stderr().encode(), words, raw, "%s's stderr" % kk.name)
        scan_trace(h, kk.trace_path, words, raw)
    h.log("privacy: no pictogram name nor raw code in the database, its WAL, the export, stderr; traces as expected")


if __name__ == "__main__":
    main(test)
