#!/usr/bin/env bash
# No voice for the language, or no audio device: the kiosk still starts and shows its welcome
# screen, and its log says why it is silent. And --lang.
set -u
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0

run() { # name, expected log text, env and args...
	local name=$1 want=$2
	shift 2
	env SDL_VIDEODRIVER=dummy "$@" --windowed 800x480 --db "$dir/$name.db" --trace "$dir/$name.jsonl" \
		>"$dir/$name.log" 2>&1 &
	local pid=$!
	for _ in $(seq 50); do
		grep -q '"kind":"welcome"' "$dir/$name.jsonl" 2>/dev/null && break
		sleep 0.1
	done
	kill -TERM "$pid" 2>/dev/null
	wait "$pid"
	local status=$?
	if ! grep -q '"kind":"welcome"' "$dir/$name.jsonl" 2>/dev/null; then
		echo "$name: no welcome screen presented"; fail=1
	fi
	if ! grep -q "$want" "$dir/$name.log"; then
		echo "$name: the log does not say '$want':"; cat "$dir/$name.log"; fail=1
	fi
	if [ "$status" -ne 0 ]; then
		echo "$name: exit status $status after SIGTERM"; cat "$dir/$name.log"; fail=1
	fi
}

printf 'voice: xx-nonexistent\n' >"$dir/novoice.yaml"
run no-voice "has no voice 'xx-nonexistent': fr is shown but not spoken (the kiosk's own language)" "$bin" --config "$dir/novoice.yaml"
run no-audio "no audio.*the kiosk works silently" env SDL_AUDIODRIVER=nonexistent "$bin"
# --lang: the kiosk starts in that language; an unknown one is refused, naming the list.
run lang-ar "schema migrated" "$bin" --lang ar
if ! grep -q '"kind":"welcome".*"lang":"ar","rtl":true' "$dir/lang-ar.jsonl"; then
	echo "lang-ar: the welcome screen is not in Arabic, right to left:"; head -c 600 "$dir/lang-ar.jsonl"; fail=1
fi
env SDL_VIDEODRIVER=dummy "$bin" --lang zz --windowed 800x480 --db "$dir/zz.db" >"$dir/zz.log" 2>&1
status=$?
if [ $status -ne 1 ] || ! grep -q "language 'zz' (--lang) is not in .*languages.yaml" "$dir/zz.log"; then
	echo "lang-zz: exit $status, log:"; cat "$dir/zz.log"; fail=1
fi
if [ -e "$dir/zz.db" ]; then
	echo "lang-zz: a kiosk that did not start left a database"; fail=1
fi
[ $fail -eq 0 ] && echo "4 passed, 0 failed" || echo "0 passed, 1 failed"
exit $fail
