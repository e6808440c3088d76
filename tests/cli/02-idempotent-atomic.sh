#!/bin/bash
# 02-idempotent-atomic.sh - importing the same file twice changes nothing;
# a failing import (invalid UTF-8, missing file) leaves the database as it
# was, even when the bad file comes after a good one in the same command;
# any command creates a missing database.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

# snapshot NAME: everything a user can see of the database
snapshot() {
	d=$WORK/snap-$1
	mkdir -p "$d"
	"$CTM" projects --format json >"$d/projects.json" 2>/dev/null
	"$CTM" projects --format csv >"$d/projects.csv" 2>/dev/null
	for by in pillar status entity scope country region year; do
		"$CTM" stats --by "$by" --format json >"$d/stats-$by.json" 2>/dev/null
	done
	"$CTM" check --format json >"$d/check.json" 2>/dev/null
	for id in 1 60 146 147 176; do
		"$CTM" project "$id" --format json >"$d/project-$id.json" 2>/dev/null
	done
}
total() { "$CTM" stats --by pillar --format json >"$WORK/t.json" 2>/dev/null && json 'j.total' "$WORK/t.json"; }

# --- idempotence ---------------------------------------------------------
out1=$("$CTM" import annex "$DATA" 2>&1)
equal "first import exits 0" 0 $?
contains "first import adds 176" "176 added" "$out1"
snapshot a
equal "snapshot sanity: 176 projects" 176 "$(json 'j.total' "$WORK/snap-a/projects.json")"
sleep 1 # so that a rewrite would show in updated_at
out2=$("$CTM" import annex "$DATA" 2>&1)
equal "second import exits 0" 0 $?
contains "second import adds nothing" "0 added" "$out2"
contains "second import updates nothing" "0 updated" "$out2"
contains "second import finds 176 unchanged" "176 unchanged" "$out2"
snapshot b
same "second import: projects, stats, findings, every field (and updated_at) identical" a b
equal "second import: the findings are not doubled" \
	"$(json 'j.findings.length' "$WORK/snap-a/check.json")" "$(json 'j.findings.length' "$WORK/snap-b/check.json")"

# an edited copy updates the edited row only (identity is pillar+serial)
sed 's/^\(2\tRisk Assessment Tool for Indonesian Violent Extremist Offenders .*<\/b>\t\)Completed\t/\1Ongoing\t/' \
	"$DATA" >"$WORK/edited.md"
equal "fixture sanity: the edited copy differs in one line" 1 \
	"$(diff "$DATA" "$WORK/edited.md" | grep -c '^>')"
out3=$("$CTM" import annex "$WORK/edited.md" 2>&1)
contains "importing an edited copy reports 1 updated" "1 updated" "$out3"
contains "importing an edited copy adds nothing" "0 added" "$out3"
equal "after the edited copy: still 176 projects" 176 "$(total)"
"$CTM" projects --format json >"$WORK/p.json" 2>/dev/null
equal "the edited row has its new status" ongoing \
	"$(json 'j.projects.find(x=>x.pillar==="I"&&x.serial===2).status' "$WORK/p.json")"
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
"$CTM" projects --format json >"$WORK/p.json" 2>/dev/null
equal "re-importing the original restores the status" completed \
	"$(json 'j.projects.find(x=>x.pillar==="I"&&x.serial===2).status' "$WORK/p.json")"

# the same file twice in one command
out4=$("$CTM" import annex "$DATA" "$DATA" 2>&1)
equal "the same file twice in one command exits 0" 0 $?
equal "the same file twice in one command: still 176" 176 "$(total)"

# --- atomicity: invalid UTF-8 --------------------------------------------
line=$(grep -n "$(printf '^65\tImproving')" "$DATA" | cut -d: -f1)
check "fixture sanity: row 65 of pillar I found in the real file" -- test -n "$line"
# "65<TAB>" is 3 ASCII bytes: the bad byte is at column 4 (bytes or characters alike)
awk -v n="$line" 'NR==n{sub(/^65\t/,"65\t\377")}{print}' "$DATA" >"$WORK/bad.md"
check "fixture sanity: the copy is not valid UTF-8" -- bash -c "! iconv -f UTF-8 -t UTF-8 '$WORK/bad.md' >/dev/null 2>&1"

export CTMATRIX_DB=$WORK/atomic.db
"$CTM" import annex --quiet "$FIX/edge-pillar4-crlf.md" >/dev/null 2>&1
snapshot c
before=$(total)
equal "atomic.db starts with the 3 projects of the pillar IV fixture" 3 "$before"

err=$("$CTM" import annex "$WORK/bad.md" 2>&1 >/dev/null)
rc=$?
equal "invalid UTF-8: import exits 1" 1 "$rc"
contains "invalid UTF-8: the error names file:line:column" "bad.md:$line:4" "$err"
contains "invalid UTF-8: the error says what is wrong" "UTF-8" "$err"
equal "invalid UTF-8: project count unchanged" "$before" "$(total)"
snapshot d
same "invalid UTF-8: database unchanged" c d

err=$("$CTM" import annex "$DATA" "$WORK/bad.md" 2>&1 >/dev/null)
rc=$?
equal "good file then bad file: import exits 1" 1 "$rc"
contains "good file then bad file: the error names the bad file and line" "bad.md:$line:" "$err"
equal "good file then bad file: the good file's rows are not written" "$before" "$(total)"
snapshot e
same "good file then bad file: database unchanged (projects, stats, findings)" c e

err=$("$CTM" import annex "$WORK/bad.md" "$DATA" 2>&1 >/dev/null)
equal "bad file then good file: import exits 1" 1 $?
equal "bad file then good file: nothing written" "$before" "$(total)"

# on a fresh database too
export CTMATRIX_DB=$WORK/atomic-fresh.db
"$CTM" import annex "$DATA" "$WORK/bad.md" >/dev/null 2>&1
equal "fresh database, good then bad file: exit 1" 1 $?
equal "fresh database, good then bad file: 0 projects" 0 "$(total)"

# --- missing file --------------------------------------------------------
export CTMATRIX_DB=$WORK/atomic.db
err=$("$CTM" import annex "$WORK/no-such-file.md" 2>&1 >/dev/null)
equal "missing file: exit 1" 1 $?
contains "missing file: the error names the file" "no-such-file.md" "$err"
equal "missing file: database unchanged" "$before" "$(total)"
err=$("$CTM" import annex "$DATA" "$WORK/no-such-file.md" 2>&1 >/dev/null)
equal "good file then missing file: exit 1" 1 $?
equal "good file then missing file: nothing written" "$before" "$(total)"
"$CTM" import annex "$WORK" >/dev/null 2>&1
rc=$?
check "a directory given as FILE fails (exit 1 or 3)" -- test "$rc" -eq 1 -o "$rc" -eq 3
equal "a directory given as FILE: nothing written" "$before" "$(total)"

# --- dry run -------------------------------------------------------------
out=$("$CTM" import annex --dry-run "$DATA" 2>&1)
equal "dry run of the real file exits 0" 0 $?
contains "dry run reports what it would add" "176 added" "$out"
equal "dry run writes nothing" "$before" "$(total)"
snapshot f
same "dry run: database unchanged (findings included)" c f

# --- a missing database is created by any command ------------------------
for cmd in "projects" "stats --by pillar" "check" "init" "projects --format json"; do
	db=$WORK/fresh-$(echo "$cmd" | tr -c 'a-z' _).db
	# shellcheck disable=SC2086
	"$CTM" --db "$db" $cmd >/dev/null 2>&1
	equal "fresh database: '$cmd' exits 0" 0 $?
	check "fresh database: '$cmd' created $db" -- db_exists "$db"
done
"$CTM" --db "$WORK/fresh-stats.db" stats --by pillar --format json >"$WORK/t.json" 2>/dev/null
equal "fresh database: stats total 0" 0 "$(json 'j.total' "$WORK/t.json")"
equal "fresh database: no groups" 0 "$(json 'j.groups.length' "$WORK/t.json")"
"$CTM" --db "$WORK/fresh-ref.db" projects --entity HCDH --format json >"$WORK/t.json" 2>/dev/null
equal "fresh database: reference data loaded (--entity HCDH accepted)" 0 "$(json 'j.total' "$WORK/t.json")"
"$CTM" --db "$WORK/fresh-missing.db" project 1 >/dev/null 2>&1
equal "fresh database: project 1 is not found (exit 1)" 1 $?
"$CTM" --db "$WORK/no-such-dir/x.db" projects >/dev/null 2>&1
equal "database in a missing directory: system failure (exit 3)" 3 $?

# --- the import is deterministic: repeated fresh imports give the same ----
# (a race in the importer would show here as a failure, a crash or a diff)
export CTMATRIX_DB=$WORK/rep.db
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
"$CTM" projects --format json >"$WORK/rep0.json" 2>/dev/null
bad=""
for i in $(seq 1 40); do
	db_remove "$WORK/rep.db"
	"$CTM" import annex --quiet "$DATA" >/dev/null 2>"$WORK/rep.err"
	rc=$?
	"$CTM" projects --format json >"$WORK/rep.json" 2>/dev/null
	if [ $rc -ne 0 ] || ! cmp -s "$WORK/rep0.json" "$WORK/rep.json"; then
		bad="$bad run $i: exit $rc $(head -1 "$WORK/rep.err");"
	fi
done
equal "40 fresh imports of the real file all succeed with the same projects" "" "$bad"

# --- writers at once --------------------------------------------------------
# Commands opening one new database at once: each finds the schema made,
# by itself or by another, never twice (the write lock orders them and
# each migration asks the version again once it holds it).  Five rounds:
# SQLite answered one in some fifty "database is locked" at once, the
# moment another turned the file into WAL mode (db_sqlite.c, sq_exec_busy).
db=$WORK/race.db
bad=""
for round in 1 2 3 4 5; do
	db_remove "$db"
	"$CTM" --db "$db" help >/dev/null 2>&1 # on PostgreSQL, the empty database
	pids=()
	for i in 1 2 3 4 5 6; do
		"$CTM" --db "$db" stats --by pillar >/dev/null 2>"$WORK/race$i.err" &
		pids+=($!)
	done
	for i in 1 2 3 4 5 6; do
		wait "${pids[$((i - 1))]}" ||
			bad="$bad $round/$i: $(head -1 "$WORK/race$i.err");"
	done
done
equal "six commands opening a new database at once all succeed (5 rounds)" "" "$bad"
# Two imports at once into one database: their new projects' ids (the
# highest plus one, store_projects_add) never clash.
"$CTM" --db "$db" import annex --quiet "$FIX/edge-pillar3.md" >/dev/null 2>&1 &
a=$!
"$CTM" --db "$db" import annex --quiet "$FIX/edge-pillar4-crlf.md" >/dev/null 2>&1 &
b=$!
wait $a
ra=$?
wait $b
equal "two imports at once both succeed" "0 0" "$ra $?"
equal "  with the projects of both (13 and 3), their ids distinct" "16 16" \
	"$(dbq --db "$db" 'SELECT count(*), count(DISTINCT id) FROM project' | tr '|' ' ')"
