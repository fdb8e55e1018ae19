"""What a person installing the kiosk gets wrong: each mistake stops the kiosk quickly (within
5 s), with a non-zero status (not a crash) and a message that says where the problem is."""
import os
import re
import time

from kiosk import check, main

LIMIT_S = 5.0


def run_bad(h, d, name, expect, **kw):
    """Starts a kiosk that must refuse to run; returns its stderr."""
    t = time.monotonic()
    k = h.kiosk(d, name, **kw)
    rc = k.wait_exit(LIMIT_S)  # fails with "still running after 5 s"
    took = time.monotonic() - t
    err = k.stderr()
    check(rc > 0, "%s: exit status %s (%s)" % (name, rc, "killed by signal %d" % -rc if rc < 0 else "success?!")
          + "; stderr:\n" + err)
    check(took < LIMIT_S, "%s: took %.1f s to give up" % (name, took))
    check(not re.search(r"Segmentation|Aborted|AddressSanitizer|runtime error", err), "%s: crashed:\n%s" % (name, err))
    for pat in expect:
        check(re.search(pat, err), "%s: stderr does not match %r:\n%s" % (name, pat, err))
    check(not any(e.get("event") == "screen" for e in k.events()), "%s: a screen was shown" % name)
    h.log("%s: status %d in %.2f s:\n    %s" % (name, rc, took, err.strip().replace("\n", "\n    ")))
    return err


def test(h):
    d = h.display(1280, 800)

    c = h.content(h.data("broken-type", "questionnaires"), "broken-type")
    f = re.escape(os.path.join(c, "questionnaires", "broken.yaml"))
    run_bad(h, d, "broken-type", [f + r":8:11: error: unknown type 'sigle'"], content=c)

    c = h.content(h.data("broken-syntax", "questionnaires"), "broken-syntax")
    f = re.escape(os.path.join(c, "questionnaires", "broken.yaml"))
    run_bad(h, d, "broken-syntax", [f + r":10:4: error: "], content=c)

    # a good questionnaire beside a broken one: still refused, and the good one is not blamed
    c = h.content([h.data("broken-type", "questionnaires", "broken.yaml"),
                   h.data("two", "questionnaires", "court.yaml")], "mixed")
    err = run_bad(h, d, "mixed", [r"broken\.yaml:8:11: "], content=c)
    check("court.yaml" not in err, "the good file is named in the errors:\n" + err)

    # an empty content folder
    c = h.path("empty")
    os.makedirs(os.path.join(c, "questionnaires"))
    os.makedirs(os.path.join(c, "pictograms"))
    run_bad(h, d, "empty", [re.escape(c) + r".*no questionnaire"], content=c)

    # a database that cannot be written: in a folder that cannot be made, and in /proc itself
    run_bad(h, d, "db-nofolder", [r"/proc/x"], db="/proc/x/y.db")
    run_bad(h, d, "db-proc", [r"/proc/y\.db"], db="/proc/y.db")
    # a database path that is a folder
    run_bad(h, d, "db-dir", [re.escape(h.tmp)], db=h.tmp)

    # a damaged database file: the kiosk must not start on it (and must not "repair" it away)
    bad = h.write("garbage.db", "this is not a database\n" * 200)
    run_bad(h, d, "db-garbage", [re.escape(bad)], db=bad)
    check(open(bad).read().startswith("this is not a database"), "the damaged file was overwritten")

    # a missing font
    cfg = h.config("font: /nonexistent.ttf\n", "font.yaml")
    run_bad(h, d, "font", [r"/nonexistent\.ttf"], config=cfg)

    # a configuration that is not valid: named with line and column
    cfg = h.config("language: fr\nidle_timeout: 2\n", "short-idle.yaml")
    run_bad(h, d, "config-range", [re.escape(cfg) + r":2:\d+: error"], config=cfg)
    cfg = h.config("questionnaires: [nope]\n", "unknown-offered.yaml")
    run_bad(h, d, "config-offers-unknown", [r"'nope'"], config=cfg)
    run_bad(h, d, "config-missing", [re.escape(h.path("no-such-config.yaml"))],
            config=h.path("no-such-config.yaml"))


if __name__ == "__main__":
    main(test)
