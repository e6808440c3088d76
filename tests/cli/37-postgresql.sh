#!/bin/bash
# 37-postgresql.sh - the core commands on PostgreSQL give what they give on
# SQLite: init, import annex (idempotent, atomic), projects with every
# filter and --search, project ID, stats --by each dimension, check; their
# JSON (and CSV and table) outputs compared byte for byte.  The only
# difference allowed: the time a project was created and updated (two
# imports are two moments), which is masked.  A private cluster
# (tools/pg-cluster) runs on a unix socket for the test and is removed
# after it.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

# On PostgreSQL (tests/run's last suite) $CTM is PostgreSQL's only: the
# comparison runs in the SQLite suites, with its own cluster.
pg_own_cluster "SQLite against PostgreSQL"
SQ=$WORK/sqlite.db

# both ARGS...: run the command on SQLite and on PostgreSQL; their outputs
# (the timestamps masked) in $WORK/sq and $WORK/pg, their statuses in
# rc_sq and rc_pg.
mask() { sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/TIME/g'; }
both() {
	"$CTM" --db "$SQ" "$@" 2>&1 | mask >"$WORK/sq"
	rc_sq=${PIPESTATUS[0]}
	"$CTM" --db "$URL" "$@" 2>&1 | mask >"$WORK/pg"
	rc_pg=${PIPESTATUS[0]}
}
# same ARGS...: both, and the outputs and statuses are identical.
same() {
	both "$@"
	if [ "$rc_sq" = "$rc_pg" ] && cmp -s "$WORK/sq" "$WORK/pg"; then
		_report 0 "same on both: $*"
	else
		_report 1 "same on both: $*"
		echo "#   status $rc_sq on SQLite, $rc_pg on PostgreSQL"
		diff "$WORK/sq" "$WORK/pg" | head -10 | sed 's/^/#   /'
	fi
}

# --- init and import ---------------------------------------------------------
"$CTM" --db "$URL" init >"$WORK/init" 2>&1
equal "init on PostgreSQL exits 0" 0 $?
contains "init loads the reference data" "248 countries and areas" "$(cat "$WORK/init")"
"$CTM" --db "$SQ" init >/dev/null 2>&1
same import annex "$DATA"
equal "the import adds 176 projects" 176 \
	"$("$CTM" --db "$URL" stats --by pillar --format json | node -e \
	'console.log(JSON.parse(require("fs").readFileSync(0)).total)')"

# --- what users read -----------------------------------------------------
same projects --format json
same projects --format csv
same projects
for by in pillar status entity scope country region year; do
	same stats --by "$by" --format json
done
same stats --by country --pillar I --format json
same check --format json
same check
for id in 1 19 60 124 146 147 176; do
	same project "$id" --format json
done
same project 9999 --format json
same projects --pillar II --entity UNODC --format json
same projects --country MLI --format json
same projects --region sahel --status ongoing --format csv
same projects --region africa --pillar I --format json
same projects --entity UNESCO --status completed --format json
same projects --search "radicalisation prison" --format json
same projects --search "violent extrem" --format json
same projects --search "Sahel" --pillar II --format json
same projects --search "xyzzy" --format json
same projects --sort title --format json
same projects --sort start --format json
same projects --sort status --limit 10 --offset 20 --format json
same projects --sort serial --limit 5 --format json

# --- idempotent, atomic ---------------------------------------------------
same import annex "$DATA"
contains "a second import changes nothing" "176 unchanged" "$(cat "$WORK/pg")"
same projects --format json
printf '1\tA title\t\377\n' >"$WORK/bad.md"
URL2=$("$TOP/tools/pg-cluster" createdb "$PGDIR" atomic)
"$CTM" --db "$URL2" import annex "$DATA" "$WORK/bad.md" >/dev/null 2>&1
equal "a good file then a bad one: the import fails" 1 $?
"$CTM" --db "$URL2" projects --format json >"$WORK/p.json" 2>&1
equal "and leaves no project behind" 0 "$(json 'j.total' "$WORK/p.json")"
"$CTM" --db "$URL2" import annex "$DATA" >/dev/null 2>&1
"$CTM" --db "$URL2" stats --by pillar --format json >"$WORK/s.json" 2>&1
equal "the good file alone then imports" 176 "$(json 'j.total' "$WORK/s.json")"
