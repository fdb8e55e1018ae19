#!/usr/bin/env bash
# SQL lives in the storage layer: no file of src/ outside src/store/ includes sqlite3.h, calls
# sqlite3_*, or reaches the connection or the test-only query helper of the store.
set -u
src=${1:?usage: sql_only_in_store.sh SOURCE_DIR}/src
[ -d "$src/store" ] || { echo "no $src/store"; exit 1; }
found=$(grep -rnE --include='*.c' --include='*.h' \
	'#[[:space:]]*include[[:space:]]*[<"]sqlite3\.h|\bsqlite3_[a-z_0-9]+|\bstore_sqlite\b|\bstore_query_int\b' \
	"$src" | grep -v "^$src/store/")
if [ -n "$found" ]; then
	echo "SQL outside src/store/ (move it behind a store_* function):"
	echo "$found"
	echo "0 passed, 1 failed"
	exit 1
fi
echo "1 passed, 0 failed"
