#!/bin/bash
# 07-storage.sh - what the store promises beneath the commands: a bulk
# import into an empty database sets its indexes aside and builds them at
# commit (and a failed one leaves them, and everything else, as it was);
# migration 3 takes a version-2 database to the search index without
# positions and fills it anew; counts and pages agree with full lists;
# the log of a closed database is empty, the file alone whole.
# On PostgreSQL (no bulk mode: the indexes stay) what is about SQLite's
# file is skipped: its integrity check and its migrations from version 2.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

DB=$CTMATRIX_DB
indexes() {
	if [ "${CTM_BACKEND:-}" = pg ]; then
		dbq "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'
		    AND indexname NOT IN (SELECT conname FROM pg_constraint)
		    ORDER BY indexname"
	else
		dbq "SELECT name FROM sqlite_schema WHERE type = 'index'
		    AND sql IS NOT NULL ORDER BY name"
	fi | tr '\n' ' '
}

"$CTM" init >/dev/null 2>&1
equal "init exits 0" 0 $?
before=$(indexes)
contains "a new database has the project indexes" "project_org_org" "$before"

# --- a failed bulk import changes nothing ---------------------------------
# Two good files and then one whose rows come before any heading: the
# import fails on the third, after the indexes were dropped in the first.
"$CTM" import annex --quiet "$DATA" "$FIX/no-heading.md" >/dev/null 2>&1
equal "an import that fails on its last file exits 1" 1 $?
equal "the failed import left no project" 0 \
	"$(dbq 'SELECT count(*) FROM project')"
equal "the failed import left every index in place" "$before" "$(indexes)"

# --- a bulk import builds them back ---------------------------------------
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports into the empty database" 0 $?
# The log stays when the last connection closes, emptied: the file alone
# is the whole database (db_sqlite.c).
if on_sqlite "the log, emptied, and the file alone whole"; then
	equal "after the import the log is there and empty" "0" \
		"$(stat -c %s "$DB-wal" 2>&1)"
	mkdir -p "$WORK/alone"
	cp "$DB" "$WORK/alone/copy.db"
	equal "a copy of the file alone has the 176 projects" 176 \
		"$(sqlite3 "$WORK/alone/copy.db" 'SELECT count(*) FROM project')"
fi
equal "after the bulk import every index is back" "$before" "$(indexes)"
on_sqlite "integrity check passes after the bulk import" &&
	equal "integrity check passes after the bulk import" ok \
		"$(dbq 'PRAGMA integrity_check')"
equal "176 projects" 176 "$(dbq 'SELECT count(*) FROM project')"
# ids follow one another from 1 (store_projects_add assigns them)
equal "ids run from 1 to 176" "1 176 176" \
	"$(dbq 'SELECT min(id), max(id), count(DISTINCT id) FROM project' | tr '|' ' ')"
equal "every entity link points at its project" 0 \
	"$(dbq 'SELECT count(*) FROM project_org WHERE project_id NOT IN (SELECT id FROM project)')"
# a second import into a database that has projects takes the other path
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "importing again exits 0" 0 $?
equal "importing again changes nothing" 176 \
	"$(dbq 'SELECT count(*) FROM project')"

# --- search after the bulk import ------------------------------------------
n=$("$CTM" projects --search "violent extremism" --format json 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).total))')
check "search finds projects after a bulk import ($n)" -- test "$n" -gt 0

# --- pages agree with the full list ----------------------------------------
for f in "--entity DPKO" "--region Sahel" "--pillar II" "--status ongoing" \
	"--search training" "--entity UNODC --status ongoing"; do
	"$CTM" projects $f --format json >"$WORK/all.json" 2>/dev/null
	all=$(json 'j.projects.map(x=>x.id).join(" ")' "$WORK/all.json")
	total=$(json 'j.total' "$WORK/all.json")
	equal "projects $f: total is the number listed" \
		"$(json 'j.projects.length' "$WORK/all.json")" "$total"
	paged="" bad=""
	for off in 0 5 10 15 20 25 30 35 40 45 50 55 60 65 70 75 80 85 90 95 100 \
		105 110 115 120 125 130 135 140 145 150 155 160 165 170 175; do
		"$CTM" projects $f --limit 5 --offset $off --format json \
			>"$WORK/p.json" 2>/dev/null
		paged="$paged $(json 'j.projects.map(x=>x.id).join(" ")' "$WORK/p.json")"
		t=$(json 'j.total' "$WORK/p.json")
		[ "$t" = "$total" ] || bad="$bad offset $off: $t;"
	done
	equal "projects $f: every page gives the full list's total" "" "$bad"
	equal "projects $f: pages of 5 give the full list, in order" \
		"$all" "$(echo $paged)"
done

# --- migration 3 from a version-2 database ---------------------------------
on_sqlite "migration 3 from a version-2 database (FTS5)" || exit 0
# Make the database look as version 2 left it: no totals kept, the index
# with positions,
# no start index, no reindex flag, no accounts, sign-in failures, uploads,
# plans, needs, money, Board decisions or results, and the years a row
# each (migration 17).
years=$(dbq "SELECT id, year_from, year_to FROM project ORDER BY id")
check "the projects have their years" -- test "$(echo "$years" | grep -c '|[0-9]')" -gt 50
dbq "CREATE TABLE project_year (
	    project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
	    year INTEGER NOT NULL, PRIMARY KEY (project_id, year)) WITHOUT ROWID;
	CREATE INDEX project_year_year ON project_year(year, project_id);
	INSERT INTO project_year WITH RECURSIVE y(id, year, t) AS
	    (SELECT id, year_from, year_to FROM project
	    WHERE year_from IS NOT NULL
	    UNION ALL SELECT id, year + 1, t FROM y WHERE year < t)
	    SELECT id, year FROM y;
	DROP INDEX project_years; ALTER TABLE project DROP COLUMN year_from;
	ALTER TABLE project DROP COLUMN year_to;"
dbq "DROP TRIGGER total_project_add; DROP TRIGGER total_project_drop;
	DROP TRIGGER total_link_add; DROP TRIGGER total_link_drop;
	DROP TRIGGER total_link_fixed;
	DROP TRIGGER total_budget_add; DROP TRIGGER total_budget_drop;
	DROP TRIGGER total_budget_change;
	DROP TABLE place_total; DROP TABLE portfolio_total;
	DROP TABLE project_fts;
	CREATE VIRTUAL TABLE project_fts USING fts5(title, activities,
	    content = '', tokenize = 'unicode61 remove_diacritics 0');
	DROP INDEX project_start;
	DELETE FROM store_state WHERE key = 'reindex';
	DROP TABLE result_event; DROP TABLE result_value;
	DROP TABLE result_report; DROP TABLE indicator; DROP TABLE result;
	DROP TABLE plan_measure_project; DROP TABLE plan_revision;
	DROP TABLE plan;
	DROP TABLE need_project; DROP TABLE need_org; DROP TABLE need;
	DROP TABLE project_area; DROP TABLE thematic_area_keyword;
	DROP TABLE board_decision; DROP TABLE stage_decision;
	DROP TABLE board_member; DROP TABLE seed_round;
	DROP INDEX project_stage; ALTER TABLE project DROP COLUMN stage;
	DROP TABLE appeal_project; DROP TABLE appeal; DROP TABLE contribution;
	DROP TABLE budget; DROP TABLE rate; DROP TABLE currency;
	ALTER TABLE project DROP COLUMN gender_marker;
	ALTER TABLE project DROP COLUMN gender_demo;
	DROP TABLE upload; DROP TABLE login_failure;
	DROP TABLE audit; DROP TABLE session; DROP TABLE account;
	DROP VIEW iati_money; DROP VIEW iati_sector; DROP TABLE iati_activity;
	ALTER TABLE stats_cache DROP COLUMN budgets;
	ALTER TABLE stats_cache DROP COLUMN usd;
	UPDATE schema_version SET version = 2;"
equal "the database now says version 2" 2 \
	"$(dbq 'SELECT version FROM schema_version')"
m=$("$CTM" projects --search "violent extremism" --format json 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).total))')
equal "after migration 3 the same search finds the same projects" "$n" "$m"
LATEST=$(sed -n 's/^-- @migration \([0-9]*\).*/\1/p' "$TOP/src/store/schema.sql" | tail -1)
equal "the migrations brought the database to the latest version ($LATEST)" \
	"$LATEST" "$(dbq 'SELECT version FROM schema_version')"
contains "the new index keeps no positions" "detail = none" \
	"$(dbq "SELECT sql FROM sqlite_schema WHERE name = 'project_fts'")"
equal "the reindex flag is cleared" 0 \
	"$(dbq "SELECT value FROM store_state WHERE key = 'reindex'")"
contains "migration 3 made the start-date index" project_start "$(indexes)"
equal "migration 14 made the IATI tables" 3 \
	"$(dbq "SELECT count(*) FROM sqlite_schema WHERE name IN ('iati_activity', 'iati_sector', 'iati_money')")"
equal "migration 13 gave the accounts their language" 1 \
	"$(dbq "SELECT count(*) FROM pragma_table_info('account') WHERE name = 'lang'")"
equal "migration 15 counted the projects of each place" \
	"$(dbq "SELECT place_id, count(*) FROM project_place
		WHERE place_id IS NOT NULL GROUP BY place_id ORDER BY 1")" \
	"$(dbq "SELECT place_id, projects FROM place_total ORDER BY 1")"
equal "  and of the portfolio" 176 "$(dbq "SELECT projects FROM portfolio_total")"
equal "migration 17 gave each project the first and last of its years" \
	"$years" "$(dbq "SELECT id, year_from, year_to FROM project ORDER BY id")"
equal "  and took the table of a row a year away, its index on them" \
	project_years "$(dbq "SELECT name FROM sqlite_schema
		WHERE name IN ('project_year', 'project_year_year', 'project_years')")"
