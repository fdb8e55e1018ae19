"""The weekly check-in in Arabic, reached by touch from a kiosk that starts in French (1280x800).

Path: welcome (fr) -> "language" (globe) -> the grid of 12 languages, each card named in its own
script -> "language:ar" (it says "I speak Arabic" in Arabic) -> confirm -> the menu of the bundled
questionnaires -> the check-in -> no personal code -> the whole check-in, first choice of every
question -> thanks -> welcome again by itself, in French.

Checked on every screen after the switch (the menu and the personal-code question too): lang "ar",
rtl, Arabic text and no Latin letters; the layout mirrored (confirm on the left half, back on the
right half, a row of answer or menu cards read from right to left). While Arabic is spoken, "word" events are traced and the
disk audio is not silence. The database holds a session in 'ar' with every answer.

With PV_SAVE_SCREENS=1 it also saves docs/screens/question-{fr,ar,ka,bn}.png (the "feeling"
question, each language reached through the grid), languages.png and settings.png, each taken
once the screen has finished speaking (no highlight frame).
"""
import json
import os
import re
import time
import unicodedata

from kiosk import check, db_integrity, main, peak, rms, sqlite_open

QN = "checkin-weekly"
W, H = 1280, 800
PEAK_MIN = 1000
RMS_MIN = 150
SHOT_LANGS = ["fr", "ar", "ka", "bn"]
# What the grid must show, from locales/languages.yaml (checked against the file as well).
MUST_NAME = {"ar": "العربية", "ka": "ქართული", "bn": "বাংলা"}
SCRIPT_RANGES = {  # ISO 15924 -> the Unicode block(s) of its letters
    "Latn": [(0x41, 0x24F)],
    "Arab": [(0x600, 0x6FF), (0x750, 0x77F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)],
    "Geor": [(0x10A0, 0x10FF), (0x1C90, 0x1CBF)],
    "Cyrl": [(0x400, 0x52F)],
    "Beng": [(0x980, 0x9FF)],
}


def languages_yaml(source):
    """[(code, name, script, direction)] from locales/languages.yaml (one flow mapping a line)."""
    out = []
    with open(os.path.join(source, "locales", "languages.yaml"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r'\s*-\s*\{(.*)\}\s*$', line)
            if not m:
                continue
            fields = dict(re.findall(r'(\w+):\s*("[^"]*"|[^,}]+)', m.group(1)))
            fields = {k: v.strip().strip('"') for k, v in fields.items()}
            out.append((fields["code"], fields["name"], fields.get("script"), fields.get("direction", "ltr")))
    return out


def letters(s):
    return [c for c in (s or "") if unicodedata.category(c).startswith("L")]


def arabic_letters(s):
    return [c for c in letters(s) if 0x600 <= ord(c) <= 0x6FF]


def latin_letters(s):
    return [c for c in letters(s) if "LATIN" in unicodedata.name(c, "")]


def in_script(s, script):
    ls = letters(s)
    rs = SCRIPT_RANGES.get(script)
    return bool(ls) and rs is not None and all(any(a <= ord(c) <= b for a, b in rs) for c in ls)


def word_at(e):
    """A "word" event's word is found at "at" in its text (a UTF-8 byte or a character offset)."""
    text, at, wd = e.get("text") or "", e.get("at"), e.get("word") or ""
    return (isinstance(at, int) and bool(wd)
            and (text.encode()[at:at + len(wd.encode())] == wd.encode() or text[at:at + len(wd)] == wd))


def utterance(k, since, pred, what, timeout=15):
    """The next speech_start at/after since matching pred, and its own speech_end:
    (i_start, start, i_end, end)."""
    i_st, st = k.wait_for(lambda e: e["event"] == "speech_start" and pred(e), what, since=since, timeout=timeout)
    i_en, en = k.wait_for(lambda e: e["event"] == "speech_end", "the end of %r" % st["text"],
                          since=i_st + 1, timeout=timeout)
    check(en.get("text") == st["text"], "%r was cut (%s) before it ended by itself" % (st["text"], en))
    return i_st, st, i_en, en


def check_sound(h, k, st, en, what):
    samples = k.audio_samples(st["_audio"], en["_audio"])
    p, r = peak(samples), rms(samples)
    check(len(samples) > 0 and p > PEAK_MIN and r > RMS_MIN,
          "%s: the disk audio written while saying %r is (nearly) silent: peak %d, rms %.0f over %d samples"
          % (what, st["text"], p, r, len(samples)))
    h.log("%s: %r, peak %d, rms %.0f over %.2f s" % (what, st["text"][:30], p, r, len(samples) / 22050.0))


def check_grid(h, g, langs):
    cards = [t for t in g["targets"] if t["id"].startswith("language:")]
    seen = [(t["id"], t["label"]) for t in cards]
    check(len(cards) == 12, "the language grid shows %d cards, not 12: %s" % (len(cards), seen))
    check(len(langs) == 12, "locales/languages.yaml lists %d languages, not 12" % len(langs))
    check([t["id"] for t in cards] == ["language:" + c for c, _, _, _ in langs],
          "grid cards %s are not languages.yaml's, in its order %s" % ([t["id"] for t in cards], [c for c, *_ in langs]))
    bad = []
    for t, (code, name, script, _) in zip(cards, langs):
        if t["label"] != name or t["lang"] != code or not in_script(t["label"], script):
            bad.append("%s: label %r lang %r (expected %r in %s, lang %r)" % (t["id"], t["label"], t["lang"],
                                                                              name, script, code))
        if not t["enabled"] or t["rect"][2] <= 0 or t["rect"][3] <= 0:
            bad.append("%s: enabled=%s rect=%s" % (t["id"], t["enabled"], t["rect"]))
    check(not bad, "language cards:\n  " + "\n  ".join(bad))
    labels = {t["id"][len("language:"):]: t["label"] for t in cards}
    for code, name in MUST_NAME.items():
        check(labels.get(code) == name, "the %s card reads %r, not %r" % (code, labels.get(code), name))
    h.log("language grid: %s" % " | ".join(t["label"] for t in cards))


def check_arabic_screen(s, problems, rows):
    """Language, direction, text and mirroring of one questionnaire screen after the switch."""
    where = "%s %s" % (s["kind"], s.get("question"))
    if s["lang"] != "ar" or s["rtl"] is not True:
        problems.append("%s: lang %r rtl %r" % (where, s["lang"], s["rtl"]))
    txt = s.get("text_shown") or ""
    if not arabic_letters(txt) or latin_letters(txt):
        problems.append("%s: text_shown %r has %d Arabic letters and Latin letters %r"
                        % (where, txt, len(arabic_letters(txt)), "".join(latin_letters(txt))))
    for g in s["targets"]:
        lab = g.get("label") or ""
        if g.get("lang") != "ar" or latin_letters(lab) or (lab and not arabic_letters(lab)):
            problems.append("%s: target %s label %r lang %r" % (where, g["id"], lab, g.get("lang")))
    if s["kind"] == "thanks":
        return
    ids = {g["id"]: g for g in s["targets"]}
    c = ids.get("confirm")
    if c is None and s["kind"] in ("menu", "code-ask"):
        pass  # a card to touch: no confirm button
    elif c is None:
        problems.append("%s: no confirm target: %s" % (where, list(ids)))
    elif c["rect"][0] + c["rect"][2] > W // 2:
        problems.append("%s: confirm %s is not on the left half" % (where, c["rect"]))
    b = ids.get("back")
    if b is not None and b["rect"][0] < W // 2:
        problems.append("%s: back %s is not on the right half" % (where, b["rect"]))
    cards = [g for g in s["targets"] if g["role"] in ("choice", "refuse", "questionnaire")]
    for a, z in zip(cards, cards[1:]):
        if a["rect"][1] == z["rect"][1]:
            rows.append(where)
            if not a["rect"][0] > z["rect"][0]:
                problems.append("%s: in a row, %s at x=%d comes before %s at x=%d: not right to left"
                                % (where, a["id"], a["rect"][0], z["id"], z["rect"][0]))


def to_language(h, k, code):
    """From the welcome screen, by touch: globe -> the grid -> language:<code> (it says "I speak
    ..." in that language). Returns (grid screen, i_start, start, i_end, end) of that utterance."""
    _, g = k.press_wait("language", "language")
    n = k.press("language:" + code)
    k.wait_screen("language", since=n, pred=lambda e: k.target("language:" + code, e)["selected"],
                  what="the %s card selected" % code)
    i_st, st, i_en, en = utterance(k, n, lambda e: e.get("lang") == code,
                                   "a speech_start in %r after touching language:%s" % (code, code))
    check(st.get("target") == "language:" + code, "the %s sample names target %r" % (code, st.get("target")))
    return g, i_st, st, i_en, en


def arabic(h, d, langs):
    k = h.kiosk(d, "arabic")
    _, w = k.wait_screen("welcome", timeout=15)
    check((w["width"], w["height"]) == (W, H), "the window is %sx%s" % (w["width"], w["height"]))
    check(w["lang"] == "fr" and not w["rtl"], "the kiosk starts in %r rtl=%r, not French" % (w["lang"], w["rtl"]))
    globe = k.target("language")
    check(globe["rect"][0] < W // 2 and globe["rect"][1] > H // 2, "the globe is not bottom-left: %s" % globe["rect"])

    g, i_st, st, i_en, en = to_language(h, k, "ar")
    check_grid(h, g, langs)
    check(arabic_letters(st["text"]) and not latin_letters(st["text"]), "'I speak Arabic' is said as %r" % st["text"])
    words = [e for e in k.events()[i_st:i_en] if e["event"] == "word"]
    check_sound(h, k, st, en, "language:ar")
    s = k.latest_screen()
    check(k.target("confirm", s)["enabled"], "confirm is disabled with Arabic selected")

    # the switch: confirm leads on to the bundled menu, in Arabic; then the check-in, no code
    n_switch = k.press("confirm")
    i_s, s = k.wait_screen(since=n_switch, what="a screen after confirming Arabic")
    check(s["kind"] == "menu", "confirming Arabic led to %s %s %s, not the menu" % (s["kind"], s["questionnaire"], s["question"]))
    i_s, s = k.begin(QN)
    check("code-ask" in k.begun, "the check-in did not ask for a personal code (met %s)" % sorted(k.begun))
    check(s["kind"] == "info" and s["question"] == "intro" and s["questionnaire"] == QN,
          "the Arabic check-in began with %s %s %s, not its intro" % (s["kind"], s["questionnaire"], s["question"]))
    h.log("switched to Arabic: menu %r, then intro %r" % (k.begun["menu"]["text_shown"], s["text_shown"]))

    problems, rows, visited = [], [], []
    first_question = True
    while True:
        kind, q = s["kind"], s.get("question")
        visited.append("%s:%s" % (kind, q))
        check(len(visited) < 20, "the check-in does not end: %s" % visited)
        if kind == "info":
            n = k.press("confirm")
        elif kind == "question":
            if first_question:
                # Hear the question out: it must be highlighted word by word and be sound.
                first_question = False
                i_q, qst, i_qen, qen = utterance(k, i_s, lambda e: e.get("target") is None,
                                                 "the question %s said" % q)
                check(qst["lang"] == "ar" and qst["text"] in (s["text_shown"], s["text_shown"].replace("\n", " ")),
                      "%s: said %r in %r, shown %r" % (q, qst["text"], qst["lang"], s["text_shown"]))
                words += [e for e in k.events()[i_q:i_qen] if e["event"] == "word"]
                check_sound(h, k, qst, qen, "question %s" % q)
            choices = [g for g in s["targets"] if g["role"] == "choice"]
            check(choices, "question %s has no choice: %s" % (q, [g["id"] for g in s["targets"]]))
            k.select(choices[0]["id"])
            n = k.press("confirm")
        else:
            break
        i_s, s = k.wait_screen(since=n, what="the screen after confirming %s %s" % (kind, q))
    check(s["kind"] == "thanks", "the check-in ended on a %s screen after %s" % (s["kind"], visited))
    h.log("Arabic check-in: %s" % " -> ".join(visited))
    # every screen drawn from the switch to thanks (selections included)
    for e in k.screens(n_switch):
        if e["kind"] in ("menu", "code-ask", "info", "question", "thanks"):
            check_arabic_screen(e, problems, rows)
        if e["kind"] == "thanks":
            break
    check(rows, "no two answer cards in a row on any Arabic question: the direction was not checked")
    problems = list(dict.fromkeys(problems))  # a selection redraws the same screen
    check(not problems, "%d problems on the Arabic screens:\n  %s" % (len(problems), "\n  ".join(problems)))

    ar_speech = [e for e in k.events()[n_switch:] if e["event"] == "speech_start"]
    not_ar = [(e["text"], e["lang"]) for e in ar_speech if e.get("lang") != "ar"]
    check(not not_ar, "said in another language than Arabic during the Arabic check-in: %s" % not_ar)
    check(words, "no 'word' event traced while Arabic was spoken (speech: %s)"
          % [(e["text"], e["lang"]) for e in ar_speech[:5]])
    bad = [(e.get("word"), e.get("at"), e.get("text")) for e in words if not word_at(e)]
    check(not bad, "word events whose word is not at 'at' in their text: %s" % bad)
    check(all(arabic_letters(e["word"]) for e in words), "word events: %s" % [e["word"] for e in words])
    h.log("%d word events, e.g. %s" % (len(words), [(e["word"], e["at"]) for e in words[:4]]))

    i_end, end = k.wait_event("session_end", since=n_switch, timeout=5)
    check(end["reason"] == "completed" and end["saved"], "session_end: %s" % end)
    _, wel = k.wait_screen("welcome", since=n_switch, timeout=12)
    check(wel["lang"] == "fr" and not wel["rtl"] and wel["text_shown"] == w["text_shown"],
          "back on welcome after the Arabic check-in: lang %r rtl %r text %r (expected %r in fr)"
          % (wel["lang"], wel["rtl"], wel["text_shown"], w["text_shown"]))
    h.log("welcome again, in French")

    answers_ev = [e for e in k.events() if e["event"] == "answer"]
    check(db_integrity(k.db) == "wal", "journal mode")
    con = sqlite_open(k.db)
    try:
        sessions = con.execute("SELECT id, questionnaire, language, completed, end_reason FROM sessions").fetchall()
        check(len(sessions) == 1, "expected one session, found %s" % sessions)
        sid, qn, lang, completed, reason = sessions[0]
        check(qn == QN and lang == "ar" and completed == 1 and reason == "completed",
              "the session row is %s, expected (%s, 'ar', 1, 'completed')" % (sessions[0], QN))
        rows_db = con.execute("SELECT question, refused, value_json FROM answers WHERE session_id = ?",
                              (sid,)).fetchall()
    finally:
        con.close()
    got = {q: (r, None if v is None else json.loads(v)) for q, r, v in rows_db}
    want = {e["question"]: (1 if e["refused"] else 0, None if e["refused"] else e["values"]) for e in answers_ev}
    asked = [v.split(":", 1)[1] for v in visited if v.startswith("question:")]
    check(sorted(want) == sorted(asked), "answer events for %s, questions asked %s" % (sorted(want), asked))
    check(got == want, "answers in the database:\n  %s\nfrom the trace:\n  %s" % (got, want))
    h.log("database: session %s in 'ar', %d answers" % (sid, len(got)))
    check(k.stop() == 0, "exit status on SIGTERM")


def shots(h, d, out):
    """Screenshots for the documentation, each screen once it is quiet."""
    def save(k, name):
        time.sleep(0.3)
        p = os.path.join(out, name)
        k.display.screenshot(p)
        h.log("saved %s" % p)

    for code in SHOT_LANGS:
        k = h.kiosk(d, "shot-" + code)
        k.wait_screen("welcome", timeout=15)
        if code == SHOT_LANGS[0]:
            n = k.press("language")
            k.wait_screen("language", since=n)
            k.wait_quiet(n, timeout=90, what="the language grid")
            save(k, "languages.png")
        else:
            _, g = k.press_wait("language", "language")
        n = k.press("language:" + code)
        k.wait_screen("language", since=n, pred=lambda e: k.target("language:" + code, e)["selected"])
        k.wait_quiet(n, quiet=0.3, what="the %s sample" % code)
        k.press_wait("confirm", "menu")
        _, s = k.begin(QN)
        check(s["kind"] == "info" and s["question"] == "intro", "the check-in begins with %s %s" % (s["kind"], s["question"]))
        check(s["lang"] == code, "intro in %r, not %r" % (s["lang"], code))
        n = k.press("confirm")
        _, s = k.wait_screen("question", since=n, question="feeling")
        k.wait_quiet(n, what="feeling in " + code)
        save(k, "question-%s.png" % code)
        if code == "fr":
            n = k.press("settings")
            k.wait_screen("settings", since=n)
            k.wait_quiet(n, what="the settings screen")
            save(k, "settings.png")
        check(k.stop() == 0, "exit status on SIGTERM")


def test(h):
    langs = languages_yaml(h.source)
    d = h.display(W, H)
    arabic(h, d, langs)
    out = h.screens_dir()
    if out:
        shots(h, d, out)


if __name__ == "__main__":
    main(test)
