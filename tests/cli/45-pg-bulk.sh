#!/bin/bash
# 45-pg-bulk.sh - a load into an empty PostgreSQL store (COPY, sent by a
# thread of the connection; a superuser's without foreign-key checks, as
# pg_restore --disable-triggers) gives what SQLite's gives, and what an
# ordinary user's connection gives, which checks every foreign key; a
# COPY the server refuses fails the import and leaves the store empty.
# The real IATI files of tests/data/iati, several publishers, and the
# 2018 matrix.  A private cluster (tools/pg-cluster) on a unix socket,
# removed after the test; in the SQLite suites only, as 37.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

pg_own_cluster "bulk loads on PostgreSQL"
SUPER=$URL
psql() { command psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# An ordinary user, owner of a database of its own.
psql "$SUPER" -c "CREATE ROLE loader LOGIN" \
	-c "CREATE DATABASE plain OWNER loader" 2>"$WORK/role.err"
equal "a user who is not a superuser, and a database of its own" 0 $?
PLAIN="postgresql:///plain?host=$PGDIR&user=loader"
equal "that user is no superuser" f \
	"$(psql -At "$PLAIN" -c "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")"
SQ=$WORK/sq.db
FILES=("$TOP"/tests/data/iati/*.xml)

mask() { sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/TIME/g'; }
# out URL ARGS...: a command's output, timestamps masked
out() { db=$1; shift; "$CTM" --db "$db" "$@" 2>&1 | mask; }

for db in "$SQ" "$SUPER" "$PLAIN"; do
	"$CTM" --db "$db" init >/dev/null 2>&1
	"$CTM" --db "$db" import iati --quiet "${FILES[@]}" >"$WORK/imp" 2>&1
	equal "the IATI files import into an empty store ($db)" 0 $?
done
for args in "projects --format json" "projects --format csv" \
	"stats --by country --format json" \
	"stats --by country --sum budget --format json" \
	"stats --by year --format json" "check --format json" \
	"projects --search police --format json" \
	"projects --search rehabilit --format csv" \
	"projects --search stabilisation adviser --format csv"; do
	# shellcheck disable=SC2086
	a=$(out "$SQ" $args) b=$(out "$SUPER" $args) c=$(out "$PLAIN" $args)
	equal "a superuser's bulk load gives what SQLite's gives: $args" \
		"$a" "$b"
	equal "an ordinary user's gives the same: $args" "$b" "$c"
done
# The searches above find something, so that the same is not nothing.
for w in police rehabilit; do
	n=$("$CTM" --db "$SQ" projects --search "$w" --format csv | tail -n +2 | wc -l)
	check "a search for $w finds projects ($n)" -- test "$n" -gt 0
done
n=$(psql -At "$PLAIN" -c "SELECT count(*) FROM project")
check "projects were imported ($n)" -- test "$n" -gt 0
equal "every project of the ordinary user's load has its words indexed" \
	"$n" "$(psql -At "$PLAIN" -c "SELECT count(*) FROM project_fts")"
equal "the same words, superuser's and ordinary user's" \
	"$(psql -At "$SUPER" -c "SELECT string_agg(words::text, '|' ORDER BY id) FROM project_fts")" \
	"$(psql -At "$PLAIN" -c "SELECT string_agg(words::text, '|' ORDER BY id) FROM project_fts")"
for q in "SELECT count(*), sum(amount) FROM iati_money" \
	"SELECT count(*) FROM iati_sector" \
	"SELECT count(*) FROM project_org" \
	"SELECT count(*) FROM project_place" \
	"SELECT count(*) FROM project_issue"; do
	equal "the same rows on both databases: $q" \
		"$(dbq --db "$SQ" "$q" | tr '|' ' ')" \
		"$(psql -At -F ' ' "$SUPER" -c "$q")"
done
# The totals by place, counted at the commit of a load whose triggers
# were set aside, are those the links give.
equal "the superuser's load has the totals of its links" \
	"$(psql -At "$SUPER" -c "SELECT count(*) FROM project_place WHERE place_id IS NOT NULL")" \
	"$(psql -At "$SUPER" -c "SELECT coalesce(sum(projects), 0) FROM place_total")"

# The export of each, to the byte (the time it was made masked).
for db in "$SQ" "$SUPER" "$PLAIN"; do
	"$CTM" --db "$db" export iati 2>/dev/null |
		sed -E 's/generated-datetime="[^"]*"//' >"$WORK/export-$(echo "$db" | md5sum | cut -c1-8).xml"
done
check "the exports of SQLite's and the superuser's loads are the same" -- \
	cmp "$WORK/export-$(echo "$SQ" | md5sum | cut -c1-8).xml" \
	"$WORK/export-$(echo "$SUPER" | md5sum | cut -c1-8).xml"
check "and the ordinary user's" -- \
	cmp "$WORK/export-$(echo "$SUPER" | md5sum | cut -c1-8).xml" \
	"$WORK/export-$(echo "$PLAIN" | md5sum | cut -c1-8).xml"

# The 2018 matrix, the annex importer's bulk load, on each.
for db in "$SQ" "$SUPER"; do
	d2="$db"
	[ "$db" = "$SQ" ] && d2=$WORK/annex.db
	[ "$db" = "$SUPER" ] && {
		psql "$SUPER" -c "CREATE DATABASE annex" >/dev/null
		d2="postgresql:///annex?host=$PGDIR&user=ctmatrix"
	}
	"$CTM" --db "$d2" init >/dev/null 2>&1
	"$CTM" --db "$d2" import annex "$DATA" >/dev/null 2>&1
	out "$d2" projects --format json >"$WORK/annex-$(echo "$db" | md5sum | cut -c1-8)"
	out "$d2" check --format json >>"$WORK/annex-$(echo "$db" | md5sum | cut -c1-8)"
done
check "the 2018 matrix loads the same on both" -- \
	cmp "$WORK/annex-$(echo "$SQ" | md5sum | cut -c1-8)" \
	"$WORK/annex-$(echo "$SUPER" | md5sum | cut -c1-8)"

# A COPY the server refuses, late: the user may not write one of the
# tables.  The import fails, says so, and leaves the store empty.
psql "$SUPER" -c "CREATE DATABASE refused OWNER loader" >/dev/null
REF="postgresql:///refused?host=$PGDIR&user=loader"
"$CTM" --db "$REF" init >/dev/null 2>&1
psql "postgresql:///refused?host=$PGDIR&user=ctmatrix" \
	-c "ALTER TABLE project_place OWNER TO ctmatrix" \
	-c "REVOKE ALL ON project_place FROM loader" >/dev/null
"$CTM" --db "$REF" import iati --quiet "${FILES[@]}" >"$WORK/ref.out" 2>&1
rc=$?
equal "an import the server refuses exits 3" 3 "$rc"
contains "it says why" "permission denied" "$(cat "$WORK/ref.out")"
equal "and nothing of it is kept" "0 0 0" \
	"$(psql -At -F ' ' "$REF" -c "SELECT (SELECT count(*) FROM project), (SELECT count(*) FROM iati_activity), (SELECT count(*) FROM project_org)")"
