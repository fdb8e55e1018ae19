#!/usr/bin/env bash
# GNU conventions for every command: --help prints the usage on standard output and exits 0;
# a wrong option exits 2 with the reason and the usage on standard error, nothing on standard
# output; no command is run by either.
set -u
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0 n=0

expect() { # name, want status, want "out"|"err" for the usage, command...
	local name=$1 want=$2 where=$3
	shift 3
	n=$((n + 1))
	(cd "$dir" && "$@") >"$dir/out" 2>"$dir/err"
	local status=$?
	local usage_in=$dir/$where other=$dir/out
	[ "$where" = out ] && other=$dir/err
	if [ $status -ne "$want" ]; then
		echo "$name: exit $status, want $want"; cat "$dir/err"; fail=$((fail + 1)); return
	fi
	if ! grep -q '^usage: pictovox' "$usage_in"; then
		echo "$name: no usage on standard $where:"; cat "$usage_in"; fail=$((fail + 1)); return
	fi
	if [ "$where" = out ] && [ -s "$other" ]; then
		echo "$name: --help wrote to standard error:"; cat "$other"; fail=$((fail + 1)); return
	fi
	if [ "$where" = err ] && [ -s "$other" ]; then
		echo "$name: a usage error wrote to standard output:"; cat "$other"; fail=$((fail + 1)); return
	fi
}

expect "pictovox --help" 0 out "$bin" --help
expect "pictovox -h" 0 out "$bin" -h
expect "pictovox --bogus" 2 err "$bin" --bogus
expect "pictovox --db" 2 err "$bin" --db
expect "pictovox --windowed 10x10" 2 err "$bin" --windowed 10x10
expect "pictovox --windowed 800x480x" 2 err "$bin" --windowed 800x480x
expect "pictovox frob" 2 err "$bin" frob
for cmd in check report export pot recordings "admin set-pin"; do
	# shellcheck disable=SC2086
	expect "pictovox $cmd --help" 0 out "$bin" $cmd --help
	# shellcheck disable=SC2086
	expect "pictovox $cmd --bogus" 2 err "$bin" $cmd --bogus
done
expect "pictovox check (no path)" 2 err "$bin" check
expect "pictovox admin --help" 0 out "$bin" admin --help
expect "pictovox admin frob" 2 err "$bin" admin frob
expect "pictovox report --min-group 0" 2 err "$bin" report --min-group 0
expect "pictovox report --min-group 5x" 2 err "$bin" report --min-group 5x
expect "pictovox report --from 2024-02-31" 2 err "$bin" report --from 2024-02-31
expect "pictovox report --to 2024-13-01" 2 err "$bin" report --to 2024-13-01
expect "pictovox report --format pdf" 2 err "$bin" report --format pdf
expect "pictovox export --format xml" 2 err "$bin" export --format xml
expect "pictovox recordings extra" 2 err "$bin" recordings extra
# Neither --help nor a usage error opened or made a database.
if ls "$dir"/*.db >/dev/null 2>&1; then
	echo "a database was made: $(ls "$dir")"; fail=$((fail + 1))
fi
echo "$((n - fail)) passed, $fail failed"
[ $fail -eq 0 ]
