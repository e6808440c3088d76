#!/bin/bash
# 43-long-lists.sh - lists longer than a chunk of rows: 2,500 synthetic
# projects (bench/gen) listed whole, in JSON and CSV, which are printed
# as the rows are read and on PostgreSQL come through a cursor a
# thousand rows at a time (db_stream in src/store/db.h): the whole list
# is the list of the database in its order, and the same as its pages of
# --limit 1000 (a page that ends where a chunk ends); and an IATI export
# of all, which reads each project's record between the rows of the list,
# other statements while the cursor is open, exports every project.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -o "$WORK/gen" "$TOP/bench/gen.c"
equal "bench/gen builds" 0 $?
"$WORK/gen" -n 2500 -s 43 -m "$TOP/data/unsd-m49.csv" -o "$WORK/p.md" 2>/dev/null
"$CTM" import annex --quiet "$WORK/p.md" >/dev/null 2>&1
equal "2,500 synthetic projects import" 0 $?
equal "  all of them" 2500 "$(dbq "SELECT count(*) FROM project")"

# The order of a list by pillar (store/query.c's list_order).
ORDER=$(dbq "SELECT id FROM project ORDER BY pillar_id, serial, id" | tr '\n' ' ')
ORDER=${ORDER% }

"$CTM" projects --format json >"$WORK/all.json"
equal "projects --format json: exit 0" 0 $?
equal "  every project, in the list's order" "$ORDER" \
	"$(json 'j.projects.map(x=>x.id).join(" ")' "$WORK/all.json")"
equal "  its total" 2500 "$(json 'j.total' "$WORK/all.json")"

# The pages: 1,000, 1,000 and 500 rows.
: >"$WORK/pages.csv"
: >"$WORK/pages.ids"
for off in 0 1000 2000; do
	"$CTM" projects --format csv --limit 1000 --offset $off >"$WORK/page.csv" &&
		sed 1d "$WORK/page.csv" >>"$WORK/pages.csv" &&
		"$CTM" projects --format json --limit 1000 --offset $off >"$WORK/page.json" &&
		json 'j.projects.map(x=>x.id).join("\n")' "$WORK/page.json" >>"$WORK/pages.ids" ||
		echo "not ok - the page at offset $off"
done
equal "the pages of 1,000 in JSON: the same projects in the same order" \
	"$ORDER" "$(tr '\n' ' ' <"$WORK/pages.ids" | sed 's/ $//')"

"$CTM" projects --format csv >"$WORK/all.csv"
equal "projects --format csv: exit 0" 0 $?
equal "  the header first" "id,pillar,serial,title,period,start,end,status,entities,scope,places,activities" \
	"$(head -1 "$WORK/all.csv" | tr -d '\r')"
check "  the rows are those of its pages, byte for byte" -- \
	cmp "$WORK/pages.csv" <(sed 1d "$WORK/all.csv")
equal "  the first row is the list's first project" "${ORDER%% *}" \
	"$(sed -n '2s/,.*//p' "$WORK/all.csv")"

"$CTM" export iati --reporting-org XM-EXAMPLE --out "$WORK/all.xml" >/dev/null 2>&1
equal "export iati of all: exit 0" 0 $?
equal "  an activity for every project" 2500 \
	"$(grep -o '<iati-activity[ >]' "$WORK/all.xml" | wc -l | tr -d ' ')"

# A list of one set of links as long as this is sorted by ctmatrix, not
# SQLite, and on SQLite read in two halves at once, each on a connection
# of its own (store/query.c, list_split): the projects SQL finds, in the
# list's order, each as the whole list shows it.  With 2,500 more (a
# list of the world is split from 2,000 projects).
"$WORK/gen" -n 2500 -s 44 -m "$TOP/data/unsd-m49.csv" -o "$WORK/q.md" 2>/dev/null
"$CTM" import annex --quiet "$WORK/q.md" >/dev/null 2>&1
equal "2,500 more synthetic projects import" 0 $?
"$CTM" projects --format json >"$WORK/all.json"
WORLD=$(dbq "SELECT DISTINCT p.id, p.pillar_id, p.serial FROM project p
	JOIN project_place pp ON pp.project_id = p.id
	JOIN place_within w ON w.place_id = pp.place_id
	JOIN place r ON r.id = w.ancestor_id WHERE r.key = '001'
	ORDER BY p.pillar_id, p.serial, p.id" | cut -d'|' -f1 | tr '\n' ' ')
WORLD=${WORLD% }
NWORLD=$(echo "$WORLD" | wc -w)
check "projects of the world: more than 2,000 (two halves)" -- \
	test "$NWORLD" -gt 2000
"$CTM" projects --region World --format json >"$WORK/world.json"
equal "projects --region World: exit 0" 0 $?
equal "  the projects SQL finds, in the list's order" "$WORLD" \
	"$(json 'j.projects.map(x=>x.id).join(" ")' "$WORK/world.json")"
equal "  its total" "$NWORLD" "$(json 'j.total' "$WORK/world.json")"
equal "  each project as the whole list shows it (entities, places, all)" 0 \
	"$(node -e 'const fs = require("fs");
		const all = JSON.parse(fs.readFileSync(process.argv[1]));
		const w = JSON.parse(fs.readFileSync(process.argv[2]));
		const m = new Map(all.projects.map(p => [p.id, JSON.stringify(p)]));
		console.log(w.projects.filter(p => m.get(p.id) !== JSON.stringify(p)).length);' \
		"$WORK/all.json" "$WORK/world.json")"
"$CTM" projects --region World >"$WORK/world.txt" 2>&1
equal "  the table: a line a project and its head" "$((NWORLD + 1))" \
	"$(wc -l <"$WORK/world.txt" | tr -d ' ')"
