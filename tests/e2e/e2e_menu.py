"""Two questionnaires in the content folder: a menu after "start", one card per questionnaire;
choosing one starts it; "back" on its first screen returns to the menu. A configuration that
offers only one of them starts it directly, without the menu."""
from kiosk import check, main

TITLES = {"court": "Deux questions", "satisfaction-accueil": "Votre avis sur l'accueil"}


def test(h):
    content = h.content(h.data("two", "questionnaires"))
    d = h.display(1280, 800)
    k = h.kiosk(d, "menu", content=content)
    k.wait_screen("welcome", timeout=15)
    _, m = k.press_wait("start")
    check(m["kind"] == "menu", "after start with two questionnaires: %s screen, not a menu" % m["kind"])
    cards = [g for g in m["targets"] if g["role"] == "questionnaire"]
    check([g["id"] for g in cards] == ["questionnaire:court", "questionnaire:satisfaction-accueil"],
          "menu cards: %s" % [g["id"] for g in m["targets"]])
    for g in cards:
        check(g["label"] == TITLES[g["id"].split(":", 1)[1]], "card %s is labelled %r" % (g["id"], g["label"]))
    check(m["text_spoken"].startswith(m["text_shown"]), "the menu does not say its text: %r" % m["text_spoken"])
    for t in TITLES.values():
        check(t in m["text_spoken"], "the menu does not say the title %r: %r" % (t, m["text_spoken"]))
    # the menu leads back to the welcome screen, then start shows the menu again
    check(any(g["id"] == "back" for g in m["targets"]), "the menu has no 'back' target")
    _, w = k.press_wait("back")
    check(w["kind"] == "welcome", "back from the menu led to %s, not welcome" % w["kind"])
    _, m = k.press_wait("start")
    check(m["kind"] == "menu", "start after back: %s screen, not the menu" % m["kind"])
    h.log("menu")

    _, s = k.press_wait("questionnaire:satisfaction-accueil")
    check(s["kind"] == "info" and s["questionnaire"] == "satisfaction-accueil" and s["question"] == "intro",
          "choosing satisfaction-accueil led to %s %s/%s" % (s["kind"], s["questionnaire"], s["question"]))
    # back from the first screen: to the menu, with nothing stored
    check(any(g["id"] == "back" for g in s["targets"]), "no 'back' to the menu on the first screen")
    _, m2 = k.press_wait("back")
    check(m2["kind"] == "menu", "back from the first screen led to %s, not the menu" % m2["kind"])
    _, s = k.press_wait("questionnaire:court")
    check(s["questionnaire"] == "court" and s["question"] == "intro", "court starts with %s/%s" % (s["questionnaire"], s["question"]))
    _, s = k.press_wait("confirm", "question", question="mood")
    k.select("choice:2")
    n = k.press("confirm")
    k.wait_screen("question", since=n, question="slept")
    _, a = k.wait_event("answer", since=n)
    check(a["questionnaire"] == "court" and a["question"] == "mood" and a["values"] == ["2"], "answer: %s" % a)
    check(k.stop() == 0, "exit status on SIGTERM")

    # only one offered: no menu
    cfg = h.config("questionnaires: [satisfaction-accueil]\n", "one.yaml")
    k2 = h.kiosk(d, "one", content=content, config=cfg)
    k2.wait_screen("welcome", timeout=15)
    _, s = k2.press_wait("start")
    check(s["kind"] == "info" and s["questionnaire"] == "satisfaction-accueil",
          "with one questionnaire offered, start led to %s %s" % (s["kind"], s["questionnaire"]))
    check(not any(e.get("kind") == "menu" for e in k2.screens()), "a menu appeared with one questionnaire offered")
    check(not any(g["id"] == "back" for g in s["targets"]), "'back' on the first screen with no menu")
    _, s = k2.press_wait("confirm", "question", question="overall")
    check([g["id"] for g in s["targets"] if g["role"] == "choice"] == ["choice:%d" % i for i in range(1, 6)],
          "scale5 choices: %s" % [g["id"] for g in s["targets"]])
    check(k2.stop() == 0, "exit status on SIGTERM")
    h.log("one offered: no menu")


if __name__ == "__main__":
    main(test)
