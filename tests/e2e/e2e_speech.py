"""Speech, heard through SDL's disk audio driver (raw 22050 Hz mono s16, written in real time).

Every screen kind that speaks (menu, info, question, thanks, still-there) starts speaking before
the next screen, and the sound written meanwhile is not silence; welcome is silent. Choice and
refusal utterances carry their target (the card is highlighted: checked on the pixels too).
Touching a card while the question is being spoken cuts it: a speech_end comes before the card's
label is spoken, and nothing of the old queue is spoken after.

"Nothing more was said" is checked once the audio device has played a while since (it pulls
speech as it plays: whatever was ready to be said has begun by then) and, where the test goes
on, through the next touch's screen; "welcome is silent" once the kiosk has closed its audio
device. No sleeps.
"""
from kiosk import AUDIO_BYTES_PER_S, DISPLAY_TOOLS, check, main, peak, rms

SPEAKING = (0xE0, 0x7B, 0x00)  # the frame around what is being said (src/layout/layout.c C_SPEAKING)
PEAK_MIN = 1000
RMS_MIN = 150


def audio_between(k, a, b):
    """The samples written between the moments events a and b were seen."""
    return k.audio_samples(a["_audio"], b["_audio"])


def check_silent(h, k, i_screen, what):
    """The screen at i_screen says nothing: its text_spoken is empty, the kiosk closes its audio
    device (no audio thread waking for nothing: nothing can be heard), and what was written to
    the disk-audio file after the screen, until then, is silence. That nothing was said until
    the next screen is checked by the caller, with check_unsaid, once that screen is there."""
    sc = k.events()[i_screen]
    check(sc["text_spoken"] == "", "%s: text_spoken %r" % (what, sc["text_spoken"]))
    k.wait_audio_closed(what="the audio device to close on the " + what)
    start = sc["_audio"] + AUDIO_BYTES_PER_S // 3  # what the stdio buffer still held, and a cut tail
    end = k.audio_size()
    p = peak(k.audio_samples(start, end)) if end > start else 0
    check(p < 100, "%s: the sound written is not silence (peak %d)" % (what, p))
    h.log("%s: silent, audio device closed (%d bytes after the screen, peak %d)" % (what, end - sc["_audio"], p))


def check_unsaid(k, since, until, what):
    """No speech_start among events [since, until): call it once event `until` (a later
    touch's screen, say) proves the kiosk got that far."""
    said = [e.get("text") for e in k.events()[since:until] if e["event"] == "speech_start"]
    check(not said, "%s: said %s" % (what, said))


def check_speaks(h, k, i_screen, first_text=None, timeout=10):
    """The screen at i_screen starts speaking before any other screen, and what is written to
    the audio file until its first utterance ends is speech. Returns the index of that end."""
    sc = k.events()[i_screen]
    what = "%s screen (%s)" % (sc["kind"], sc.get("question"))
    i_st, st = k.wait_for(lambda e: e["event"] in ("speech_start", "screen"), "speech on the " + what,
                          since=i_screen + 1, timeout=timeout)
    check(st["event"] == "speech_start", "%s: the next screen came before any speech" % what)
    if first_text is not None:
        check(st["text"] == first_text, "%s: first said %r, expected %r" % (what, st["text"], first_text))
    check(sc["text_spoken"].startswith(st["text"].replace("\n", " ")),
          "%s: says %r, but text_spoken is %r" % (what, st["text"], sc["text_spoken"]))
    i_en, en = k.wait_for(lambda e: e["event"] in ("speech_end", "screen"), "the end of %r" % st["text"],
                          since=i_st + 1, timeout=timeout)
    check(en["event"] == "speech_end" and en["text"] == st["text"],
          "%s: the first utterance %r did not end by itself before: %s" % (what, st["text"], en))
    samples = audio_between(k, sc, en)
    seconds = en["_seen"] - sc["_seen"]
    check(len(samples) * 2 >= AUDIO_BYTES_PER_S * seconds * 0.5,
          "%s: %d bytes of audio in %.2f s: not written in real time?" % (what, len(samples) * 2, seconds))
    p, r = peak(samples), rms(samples)
    check(p > PEAK_MIN and r > RMS_MIN,
          "%s: the sound written while saying %r is (nearly) silent: peak %d, rms %.0f over %d samples"
          % (what, st["text"], p, r, len(samples)))
    h.log("%s speaks %r: %.2f s, peak %d, rms %.0f" % (what, st["text"][:40], seconds, p, r))
    return i_en


def check_highlight(h, k, d, target):
    """While target's label is spoken, an orange frame is drawn around it."""
    g = k.target(target)
    x, y, w, hh = g["rect"]
    px, py = x - 3, y + hh // 2  # inside the frame drawn gap/2 outside the card
    seen = []
    for _ in range(4):
        seen.append(d.pixel(px, py))
        if seen[-1] == SPEAKING:
            break
    ended = any(e["event"] == "speech_end" and e.get("target") == target for e in k.events())
    if seen[-1] != SPEAKING and ended:
        h.note("highlight of %s not checked: its utterance ended before the pixel was read" % target)
        return
    check(seen[-1] == SPEAKING, "no speaking frame around %s while it is spoken: pixels %s at (%d,%d)"
          % (target, seen, px, py))


def test(h):
    content = h.content(h.data("two", "questionnaires"))
    d = h.display(1280, 800)
    k = h.kiosk(d, "speech", content=content)
    i, w = k.wait_screen("welcome", timeout=15)
    check_silent(h, k, i, "welcome")

    # menu
    i_welcome = i
    n = k.press("start")
    i, m = k.wait_screen("menu", since=n)
    check_unsaid(k, i_welcome + 1, i, "the welcome screen, before the menu")
    i_end = check_speaks(h, k, i, first_text=m["text_shown"])
    for tid, title in (("questionnaire:court", "Deux questions"),
                       ("questionnaire:satisfaction-accueil", "Votre avis sur l'accueil")):
        i_end, st = k.wait_event("speech_start", since=i_end, timeout=8, target=tid)
        check(st["text"] == title, "menu card %s is said as %r" % (tid, st["text"]))

    # info
    n = k.press("questionnaire:court")
    i, s = k.wait_screen("info", since=n, question="intro")
    check_speaks(h, k, i, first_text=s["text_shown"])
    i_st, hint = k.wait_event("speech_start", since=i, timeout=8, target="confirm")
    check(hint["text"] == "Ensuite, touchez le bouton vert pour continuer.",
          "the first screen's hint is %r" % hint["text"])

    # question: the text, then each card with its target, in order, then the refusal
    n = k.press("confirm")
    i_q, q = k.wait_screen("question", since=n, question="mood")
    i_end = check_speaks(h, k, i_q, first_text=q["text_shown"])
    cards = [g for g in q["targets"] if g["role"] in ("choice", "refuse")]
    check([g["id"] for g in cards] == ["choice:1", "choice:2", "choice:3", "refuse"],
          "mood cards: %s" % [g["id"] for g in cards])
    for g in cards:
        i_end, st = k.wait_for(lambda e: e["event"] in ("speech_start", "screen"), "the label of " + g["id"],
                               since=i_end + 1, timeout=8)
        check(st["event"] == "speech_start" and st["target"] == g["id"] and st["text"] == g["label"],
              "expected %r spoken with target %s, got %s" % (g["label"], g["id"], st))
        if g["id"] == "refuse":
            check_highlight(h, k, d, "refuse")
        i_end, en = k.wait_for(lambda e: e["event"] == "speech_end", "the end of " + g["id"], since=i_end + 1)
        check(en["target"] == g["id"], "speech_end of %s names %s" % (g["id"], en["target"]))
        samples = audio_between(k, st, en)
        check(peak(samples) > PEAK_MIN, "the label %r is silent (peak %d)" % (g["label"], peak(samples)))
    h.log("mood: every card said with its target, in order")
    # That was all of it: what was said is the screen's text_spoken, whole, and the device has
    # played half a second after the refusal without anything more beginning.
    said = [e["text"].replace("\n", " ") for e in k.events()[i_q:i_end] if e["event"] == "speech_start"]
    check(" ".join(said) == q["text_spoken"], "mood: said %s, but text_spoken is %r" % (said, q["text_spoken"]))
    k.wait_audio_played(en["_audio"], 0.5, what="sound after the refusal")
    check_unsaid(k, i_end + 1, k.count(), "after the refusal, the device playing on")

    # touching a card says its label
    n = k.press("choice:2")
    i, s = k.wait_screen("question", since=n, pred=lambda e: k.target("choice:2", e)["selected"])
    check_unsaid(k, i_end + 1, i, "after the refusal, before the touch's screen")
    _, st = k.wait_event("speech_start", since=i, timeout=5)
    check(st["text"] == "Moyen" and st["target"] == "choice:2", "touching choice:2 said %s" % st)

    # barge-in: a card touched while the question is said cuts it
    n = k.press("confirm")
    i, q = k.wait_screen("question", since=n, question="slept")
    i_st, st = k.wait_event("speech_start", since=i, timeout=5)
    check(st["text"] == q["text_shown"], "slept: first said %r" % st["text"])
    n = k.press("choice:no")
    i_sel, sel = k.wait_screen("question", since=n, pred=lambda e: k.target("choice:no", e)["selected"])
    check(not any(e["event"] == "speech_end" for e in k.events()[i_st + 1:n]),
          "the question ended before the touch: the test touched too late (machine too slow?)")
    i_lab, lab = k.wait_for(lambda e: e["event"] == "speech_start", "the label after the touch", since=n, timeout=5)
    ends = [e for e in k.events()[n:i_lab] if e["event"] == "speech_end"]
    check(ends, "no speech_end between the touch and the label: the question was not cut; events: %s"
          % [e["event"] for e in k.events()[n:i_lab + 1]])
    check(lab["text"] == "Non" and lab["target"] == "choice:no", "after the touch, said %s" % lab)
    cut_ms = ends[0]["t_ms"] - sel["t_ms"]
    check(cut_ms < 300, "the question was cut %d ms after the touch's screen" % cut_ms)
    i_lab_end, lab_end = k.wait_for(lambda e: e["event"] == "speech_end", "the end of 'Non'", since=i_lab + 1)
    check(lab_end["text"] == "Non", "after the label, ended %s" % lab_end)
    check(peak(audio_between(k, lab, lab_end)) > PEAK_MIN, "the label 'Non' is silent")
    k.wait_audio_played(lab_end["_audio"], 1.0, what="sound after the label 'Non'")
    check_unsaid(k, i_lab_end + 1, k.count(), "the cut question's queue went on after the label")
    h.log("barge-in: cut %d ms after the touch, then 'Non'" % cut_ms)

    # the speaker button says the whole screen again, from the question; and the first thing
    # said after 'Non' is that, not the rest of the cut question's queue
    n = k.press("replay")
    i_st, st = k.wait_event("speech_start", since=i_lab_end + 1, timeout=5)
    check(i_st >= n, "the cut question's queue went on after the label: %r" % st["text"])
    check(st["text"] == q["text_shown"], "replay first said %r, not the question" % st["text"])
    _, st2 = k.wait_for(lambda e: e["event"] == "speech_start" and e["target"], "a card after replay",
                        since=n, timeout=10)
    check(st2["target"].startswith("choice:"), "after replay's question, said %s" % st2)
    h.log("replay: the question, then the cards again")

    # volume: each step down says a sample about 3 dB quieter
    levels = []
    for expect_volume in (5, 4):
        n = k.press("volume-down")
        i, s = k.wait_screen("question", since=n, pred=lambda e: e["volume"] == expect_volume,
                             what="the screen at volume %d" % expect_volume)
        i_st, st = k.wait_event("speech_start", since=i, timeout=5)
        check(st["text"] == "Je parle comme ça.", "volume-down said %r" % st["text"])
        _, en = k.wait_event("speech_end", since=i_st, timeout=5)
        levels.append(rms(audio_between(k, st, en)))
    ratio = levels[1] / levels[0] if levels[0] else 0
    check(0.6 <= ratio <= 0.82, "one step quieter changed the level by %.2f (rms %.0f -> %.0f), not ~0.71"
          % (ratio, levels[0], levels[1]))
    h.log("volume 5 -> 4: rms %.0f -> %.0f (x%.2f)" % (levels[0], levels[1], ratio))

    # thanks, then welcome cuts it and is silent
    n = k.press("confirm")
    i, th = k.wait_screen("thanks", since=n)
    check_speaks(h, k, i, first_text="Merci.\nVos réponses sont enregistrées.")
    n = k.press("finish")
    i, w = k.wait_screen("welcome", since=n)
    check(w["volume"] == 6, "the next person starts at volume %s, not the usual 6" % w["volume"])
    check_silent(h, k, i, "welcome after thanks")
    check(k.stop() == 0, "exit status on SIGTERM")
    check_unsaid(k, i + 1, k.count(), "the welcome screen after thanks, until the kiosk stopped")

    # still-there (bundled content, idle 5 s)
    cfg = h.config("idle_timeout: 5\nidle_grace: 5\n")
    k2 = h.kiosk(d, "still", config=cfg)
    k2.wait_screen("welcome", timeout=15)
    n, s = k2.begin("checkin-weekly")  # the menu, then no personal code
    check(s["kind"] == "info", "the check-in begins with a %s screen" % s["kind"])
    i, st = k2.wait_screen("still-there", since=n, timeout=9)
    i_end = check_speaks(h, k2, i, first_text="Vous êtes toujours là ?")
    _, nxt = k2.wait_event("speech_start", since=i_end, timeout=5)
    check(nxt["text"] == "Touchez le bouton pour continuer." and nxt["target"] == "continue",
          "still-there then says %s" % nxt)
    check(k2.stop() == 0, "exit status on SIGTERM")


if __name__ == "__main__":
    main(test, needs=DISPLAY_TOOLS + ("import",))  # the speaking frame is read from the pixels
