"""The end-to-end harness on a machine without its tools: each test exits 77 (CTest's
SKIP_RETURN_CODE for them) and names what is missing, so that a packager's build can run ctest;
with PV_E2E_REQUIRE=1 the same is a failure (exit 1). Runs the real test scripts with a PATH of a
temporary folder holding only links to python3 and to the tools meant to be found; nothing is
started (no X server, no kiosk)."""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from kiosk import DISPLAY_TOOLS, SKIP_CODE  # noqa: E402

failures = []


def expect(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL: " + msg, flush=True)


def run(a, script, tools, env_extra=None):
    """Runs tests/e2e/<script> with PATH = a folder of links to python3 and `tools`."""
    with tempfile.TemporaryDirectory(prefix="pv-harness-skip-") as bindir:
        os.symlink(sys.executable, os.path.join(bindir, "python3"))
        for t in tools:
            os.symlink(shutil.which(t), os.path.join(bindir, t))
        env = dict(os.environ, PATH=bindir, PYTHONDONTWRITEBYTECODE="1")
        env.pop("PV_E2E_REQUIRE", None)
        env.update(env_extra or {})
        r = subprocess.run([os.path.join(bindir, "python3"), os.path.join(HERE, script),
                            "--binary", a.binary, "--source", a.source],
                           env=env, capture_output=True, text=True, timeout=30)
    out = r.stdout + r.stderr
    print("%s with PATH=python3%s%s: exit %d: %s" % (
        script, "".join(" " + t for t in tools), " %s" % env_extra if env_extra else "", r.returncode,
        out.strip().replace("\n", " | ")), flush=True)
    return r.returncode, out


def named_missing(out):
    """The tools a "SKIP: not installed: A, B (apt-get install ...)" line names."""
    m = re.search(r"not installed: ([^(\n]*) \(", out)
    return set(m.group(1).split(", ")) if m else set()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--source", required=True)
    a = ap.parse_args()

    # Nothing but python3: skipped, every display tool named.
    rc, out = run(a, "e2e_double_tap.py", [])
    expect(rc == SKIP_CODE, "without any tool, exit %d, not %d" % (rc, SKIP_CODE))
    for t in DISPLAY_TOOLS:
        expect(t in out, "without any tool, the message does not name %s" % t)
    expect("Traceback" not in out, "without any tool, a Python error")

    # The same where the tools are required: a failure, naming them.
    rc, out = run(a, "e2e_double_tap.py", [], {"PV_E2E_REQUIRE": "1"})
    expect(rc == 1, "with PV_E2E_REQUIRE=1 and no tool, exit %d, not 1" % rc)
    expect("xdotool" in out, "with PV_E2E_REQUIRE=1, the message does not name xdotool")

    # Every tool this machine has, but xdotool: skipped, xdotool named, the others not.
    present = [t for t in DISPLAY_TOOLS if t != "xdotool" and shutil.which(t)]
    rc, out = run(a, "e2e_double_tap.py", present)
    expect(rc == SKIP_CODE, "without xdotool, exit %d, not %d" % (rc, SKIP_CODE))
    want = set(DISPLAY_TOOLS) - set(present)
    expect(named_missing(out) == want, "without xdotool, named missing: %s, not %s"
           % (sorted(named_missing(out)), sorted(want)))

    # A test that reads pixels also needs ImageMagick's import.
    present = [t for t in DISPLAY_TOOLS if shutil.which(t)]
    rc, out = run(a, "e2e_speech.py", present)
    expect(rc == SKIP_CODE, "e2e_speech without import: exit %d, not %d" % (rc, SKIP_CODE))
    want = set(DISPLAY_TOOLS) - set(present) | {"import"}
    expect(named_missing(out) == want and "imagemagick" in out, "e2e_speech without import: named missing: %s"
           % sorted(named_missing(out)))

    print("%s" % ("harness_skip: FAILED (%d)" % len(failures) if failures else "harness_skip: passed"))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
