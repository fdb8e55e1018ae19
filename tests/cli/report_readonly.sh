#!/usr/bin/env bash
# `pictovox report` and `pictovox export` only read the database: the bytes of the file, and of
# the write-ahead log a kiosk leaves, are the same after them, and no file appears beside a
# database that has none. A database of an older schema is read as it is (not migrated), with
# the same figures as its migrated copy.
set -u
bin=${1:?usage: report_readonly.sh PICTOVOX SOURCE_DIR}
src=${2:?usage: report_readonly.sh PICTOVOX SOURCE_DIR}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
passed=0
bad() { echo "$*"; fail=1; }

# The sha256 of a database's files, and which of them exist. $2: also the shared-memory index.
files() {
	local f
	for f in "$1" "$1-wal" "$1-journal" ${2:+"$1-shm"}; do
		if [ -e "$f" ]; then sha256sum <"$f" | sed "s|-\$|${f##*/}|"; else echo "no ${f##*/}"; fi
	done
	[ -n "${2:-}" ] || { [ -e "$1-shm" ] && echo "${1##*/}-shm exists" || echo "no ${1##*/}-shm"; }
}

# Every report and export on db; none may change its files. $2: compare the -shm's bytes too.
readonly_runs() {
	local db=$1 name=${1##*/} before after
	before=$(files "$db" "${2:-}")
	"$bin" report --db "$db" >"$dir/$name.csv" 2>"$dir/$name.err" || bad "$name: report failed: $(cat "$dir/$name.err")"
	"$bin" report --db "$db" --format json --out "$dir/$name.json" 2>>"$dir/$name.err" || bad "$name: report json failed"
	"$bin" report --db "$db" --out "$dir/$name.html" 2>>"$dir/$name.err" || bad "$name: report html failed"
	"$bin" export --db "$db" --linkable --out "$dir/$name.export.csv" 2>>"$dir/$name.err" || bad "$name: export failed"
	"$bin" export --db "$db" --format jsonl --out "$dir/$name.jsonl" 2>>"$dir/$name.err" || bad "$name: export jsonl failed"
	after=$(files "$db" "${2:-}")
	if [ "$before" != "$after" ]; then
		bad "$name: the database's files changed:"$'\n'"before:"$'\n'"$before"$'\n'"after:"$'\n'"$after"
	else
		passed=$((passed + 1))
	fi
}

# An older kiosk's file (schema 2, rollback journal): read as it is.
python3 "$src/tools/sample-db.py" "$dir/old.db" || exit 1
cp "$dir/old.db" "$dir/current.db"
readonly_runs "$dir/old.db" shm
# The same answers migrated by a kiosk (admin set-pin opens it read-write), then closed: no log left.
printf '12345678\n' | "$bin" admin set-pin --db "$dir/current.db" >/dev/null 2>&1 || bad "set-pin failed"
[ -e "$dir/current.db-wal" ] && bad "a closed kiosk left a log: the clean case is not tested"
readonly_runs "$dir/current.db" shm
for f in csv json export.csv; do
	if cmp -s "$dir/current.db.$f" "$dir/old.db.$f"; then passed=$((passed + 1)); else bad "old.db.$f: not the figures of its migrated copy"; fi
done

# As a running (or killed) kiosk leaves it: committed answers in the log, not yet in the file.
cp "$dir/current.db" "$dir/kiosk.db"
python3 - "$dir/kiosk.db" <<'PY' || bad "could not write the log"
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA wal_autocheckpoint = 0")
db.execute("BEGIN")
db.execute("INSERT INTO sessions (id, questionnaire, version, language, day) VALUES (?, 'followup-former', 1, 'fr', '2026-11-30')", ("f" * 32,))
db.execute("""INSERT INTO answers VALUES (?, 'working', 0, '["paid"]')""", ("f" * 32,))
db.execute("COMMIT")
os._exit(0)  # no close: no checkpoint, the log stays as a killed kiosk leaves it
PY
[ -s "$dir/kiosk.db-wal" ] || bad "the log holds nothing: the kiosk case is not tested"
readonly_runs "$dir/kiosk.db"
grep -q "ffffffffffffffffffffffffffffffff" "$dir/kiosk.db.export.csv" || bad "kiosk.db: the export misses the answer in the log"

[ $fail -eq 0 ] && echo "$passed passed, 0 failed" || echo "$passed passed, 1 failed"
exit $fail
