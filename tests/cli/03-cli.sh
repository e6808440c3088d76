#!/bin/bash
# 03-cli.sh - the command line: database selection, help, errors and exit
# codes, output formats (table header, RFC 4180 CSV against the JSON).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "setup: import of the real matrix" 0 $?

# --- database selection: --db beats $CTMATRIX_DB beats ./ctmatrix.db -----
dir=$WORK/dbsel
mkdir -p "$dir"
count_in() { # count_in DB: the number of projects in DB (without creating it as a side effect of the count)
	"$CTM" --db "$1" stats --by pillar --format json >"$WORK/c.json" 2>/dev/null && json 'j.total' "$WORK/c.json"
}
(
	cd "$dir" || exit 1
	unset CTMATRIX_DB
	"$CTM" import annex --quiet "$FIX/edge-pillar4-crlf.md" >/dev/null 2>&1
)
check "without --db or \$CTMATRIX_DB the database is ./ctmatrix.db" -- db_exists "$dir/ctmatrix.db"
equal "./ctmatrix.db got the 3 projects" 3 "$(count_in "$dir/ctmatrix.db")"
(
	cd "$dir" || exit 1
	CTMATRIX_DB=$dir/env.db "$CTM" import annex --quiet "$FIX/no-heading.md" --pillar III >/dev/null 2>&1
)
check "\$CTMATRIX_DB is used when set" -- db_exists "$dir/env.db"
equal "\$CTMATRIX_DB database got the 2 rows" 2 "$(count_in "$dir/env.db")"
equal "\$CTMATRIX_DB beats ./ctmatrix.db (still 3 there)" 3 "$(count_in "$dir/ctmatrix.db")"
(
	cd "$dir" || exit 1
	CTMATRIX_DB=$dir/env.db "$CTM" --db "$dir/flag.db" import annex --quiet "$DATA" >/dev/null 2>&1
)
equal "--db database got the 176 projects" 176 "$(count_in "$dir/flag.db")"
equal "--db beats \$CTMATRIX_DB (env.db still 2)" 2 "$(count_in "$dir/env.db")"
equal "--db beats ./ctmatrix.db (still 3)" 3 "$(count_in "$dir/ctmatrix.db")"
out=$(cd "$dir" && CTMATRIX_DB=$dir/env.db "$CTM" stats --by pillar --format json 2>/dev/null)
contains "queries read \$CTMATRIX_DB when set" '"total": 2' "$(printf '%s' "$out" | tr -s ' \n' ' ')"
out=$(cd "$dir" && env -u CTMATRIX_DB "$CTM" stats --by pillar --format json 2>/dev/null)
contains "queries read ./ctmatrix.db by default" '"total": 3' "$(printf '%s' "$out" | tr -s ' \n' ' ')"
out=$(cd "$dir" && CTMATRIX_DB=$dir/env.db "$CTM" --db=/dev/null/x stats --by pillar 2>&1)
rc=$?
check "--db=PATH or a bad --db is not silently ignored (exit != 0 or the path was used)" -- test "$rc" -ne 0

# --- help ----------------------------------------------------------------
out=$("$CTM" help 2>&1)
equal "help exits 0" 0 $?
for c in check help import init project projects stats; do
	contains "help lists $c" "$c" "$out"
done
contains "help documents the exit status" "Exit status" "$out"
contains "help documents exit 1" "1 the input was wrong" "$out"
contains "help documents exit 2" "2 the command line was wrong" "$out"
contains "help documents exit 3" "3 the database" "$out"
contains "help names --db" "--db PATH" "$out"
contains "help names \$CTMATRIX_DB" "CTMATRIX_DB" "$out"
for c in import projects project stats check init; do
	out=$("$CTM" help "$c" 2>&1)
	equal "help $c exits 0" 0 $?
	contains "help $c shows its usage" "usage: ctmatrix $c" "$out"
done
contains "help projects names --search" "--search" "$("$CTM" help projects 2>&1)"
contains "help stats names every --by" "pillar|status|entity|scope|country|region|year" "$("$CTM" help stats 2>&1)"
out=$("$CTM" 2>&1)
equal "no command: exit 2" 2 $?
contains "no command: prints the usage" "usage:" "$out"

# --- command-line errors: exit 2, message naming the thing ---------------
# err2 DESC NEEDLE -- ARGS...: exit 2 and stderr names NEEDLE, stdout empty
err2() {
	desc=$1; needle=$2; shift 3
	"$CTM" "$@" >"$WORK/o" 2>"$WORK/e"
	rc=$?
	equal "$desc (exit 2)" 2 "$rc"
	contains "$desc: the message names $needle" "$needle" "$(cat "$WORK/e")"
	equal "$desc: nothing on stdout" "" "$(cat "$WORK/o")"
}
err2 "unknown command" "frobnicate" -- frobnicate
err2 "help of an unknown command" "frobnicate" -- help frobnicate
err2 "unknown option" "--frobnicate" -- projects --frobnicate
err2 "unknown global option" "--frobnicate" -- --frobnicate projects
err2 "bad --format" "xml" -- projects --format xml
err2 "bad --format on stats" "yaml" -- stats --by pillar --format yaml
err2 "bad --format on check" "html" -- check --format html
err2 "bad --by" "--by" -- stats --by colour
err2 "stats without --by" "--by" -- stats
err2 "bad --status" "paused" -- projects --status paused
err2 "bad --status on stats" "paused" -- stats --by pillar --status paused
err2 "bad --pillar (word)" "foo" -- projects --pillar foo
err2 "bad --pillar V" "V" -- projects --pillar V
status "bad --pillar 5" 2 -- "$CTM" projects --pillar 5
err2 "bad --limit" "-1" -- projects --limit -1
err2 "bad --limit (word)" "ten" -- projects --limit ten
err2 "bad --offset" "x" -- projects --offset x
err2 "bad --sort" "sideways" -- projects --sort sideways
err2 "option without its value" "--format" -- projects --format
err2 "unknown import kind" "spreadsheet" -- import spreadsheet x.md
err2 "import annex without FILE" "usage" -- import annex
err2 "project id that is not a number" "abc" -- project abc
err2 "unknown entity in --entity" "NOSUCHORG" -- projects --entity NOSUCHORG
err2 "unknown --country" "XYZ" -- projects --country XYZ
err2 "unknown --region" "Atlantis" -- projects --region Atlantis

# --- not found: exit 1 ---------------------------------------------------
"$CTM" project 99999 >"$WORK/o" 2>"$WORK/e"
equal "project 99999 (exit 1)" 1 $?
contains "project 99999: the message names 99999" "99999" "$(cat "$WORK/e")"
"$CTM" project 1 --format json >"$WORK/o" 2>/dev/null
equal "project 1 exists (exit 0)" 0 $?
equal "project 1 --format json is project 1" 1 "$(json 'j.id' "$WORK/o")"

# --- table output --------------------------------------------------------
first() { "$CTM" "$@" 2>/dev/null | head -1; }
h=$(first projects)
contains "projects table has a header line (ID)" "ID" "$h"
contains "projects table has a header line (TITLE)" "TITLE" "$h"
contains "projects table has a header line (PILLAR)" "PILLAR" "$h"
h=$(first stats --by pillar)
contains "stats table has a header line (KEY)" "KEY" "$h"
contains "stats table has a header line (COUNT)" "COUNT" "$h"
contains "check table has a header line (KIND)" "KIND" "$(first check)"
contains "project table has a header line" "FIELD" "$(first project 1)"
equal "projects table: header + 176 rows on stdout" 177 \
	"$("$CTM" projects 2>/dev/null | grep -c .)"
equal "default format is table (same as --format table)" \
	"$("$CTM" projects --format table 2>/dev/null | md5sum)" "$("$CTM" projects 2>/dev/null | md5sum)"

# --- CSV: RFC 4180 -------------------------------------------------------
# csvparse FILE: JSON array of records, parsed strictly per RFC 4180
# (CRLF record ends, quoted fields with "" escapes); fails on a bare LF
# or a stray quote.
cat >"$WORK/csv.js" <<'EOF'
const fs = require("fs");
const s = fs.readFileSync(process.argv[process.argv.length - 1], "utf8");
const rows = []; let row = [], f = "", i = 0, q = false, quoted = false;
function fail(m) { console.error("csv: " + m + " at offset " + i); process.exit(1); }
while (i < s.length) {
	const c = s[i];
	if (q) {
		if (c === '"') { if (s[i + 1] === '"') { f += '"'; i += 2; continue; } q = false; i++; continue; }
		f += c; i++; continue;
	}
	if (c === '"') { if (f !== "" || quoted) fail("stray quote"); q = true; quoted = true; i++; continue; }
	if (quoted && c !== "," && c !== "\r") fail("text after a closing quote");
	if (c === ",") { row.push(f); f = ""; quoted = false; i++; continue; }
	if (c === "\r") { if (s[i + 1] !== "\n") fail("CR without LF"); row.push(f); rows.push(row); row = []; f = ""; quoted = false; i += 2; continue; }
	if (c === "\n") fail("bare LF (records must end with CRLF)");
	f += c; i++;
}
if (q) fail("unterminated quote");
if (f !== "" || row.length) fail("last record without CRLF");
console.log(JSON.stringify(rows));
EOF
"$CTM" projects --format csv >"$WORK/p.csv" 2>/dev/null
"$CTM" projects --format json >"$WORK/p.json" 2>/dev/null
node "$WORK/csv.js" "$WORK/p.csv" >"$WORK/p-csv.json" 2>"$WORK/csv.err"
equal "projects CSV parses as RFC 4180 (CRLF, quoting)" 0 $?
[ -s "$WORK/csv.err" ] && sed 's/^/#   /' "$WORK/csv.err"
hdr=$(json 'j[0].join(",")' "$WORK/p-csv.json")
contains "CSV header row names id" "id" "$hdr"
contains "CSV header row names title" "title" "$hdr"
equal "CSV records all have the header's number of fields" 0 \
	"$(json 'j.filter(r=>r.length!==j[0].length).length' "$WORK/p-csv.json")"
equal "CSV has as many data rows as the JSON total" "$(json 'j.total' "$WORK/p.json")" \
	"$(json 'j.length-1' "$WORK/p-csv.json")"
node -e '
const fs=require("fs");
const c=JSON.parse(fs.readFileSync(process.argv[1],"utf8")), j=JSON.parse(fs.readFileSync(process.argv[2],"utf8"));
const h=c[0], ti=h.indexOf("title"), ii=h.indexOf("id");
let bad=0;
for (let k=1;k<c.length;k++){ const p=j.projects[k-1]; if(String(p.id)!==c[k][ii]||p.title!==c[k][ti]){bad++; if(bad<4) console.error("row "+k+": "+JSON.stringify(c[k][ti])+" != "+JSON.stringify(p.title));} }
process.exit(bad?1:0);' "$WORK/p-csv.json" "$WORK/p.json" 2>"$WORK/cmp.err"
equal "CSV ids and titles round-trip the JSON (commas, quotes, non-ASCII)" 0 $?
[ -s "$WORK/cmp.err" ] && sed 's/^/#   /' "$WORK/cmp.err"
equal "fixture sanity: some title has a comma and a double quote" true \
	"$(json 'j.projects.some(p=>p.title.includes(",")&&p.title.includes("\""))' "$WORK/p.json")"
check "the title with quotes is quoted with doubled quotes in the CSV" -- \
	grep -q '"World Heritage Education Programme (""World Heritage in young hands kit"", and' "$WORK/p.csv"

"$CTM" stats --by entity --format csv >"$WORK/s.csv" 2>/dev/null
"$CTM" stats --by entity --format json >"$WORK/s.json" 2>/dev/null
node "$WORK/csv.js" "$WORK/s.csv" >"$WORK/s-csv.json" 2>"$WORK/csv.err"
equal "stats CSV parses as RFC 4180" 0 $?
equal "stats CSV has a row per group" "$(json 'j.groups.length' "$WORK/s.json")" "$(json 'j.length-1' "$WORK/s-csv.json")"
equal "stats CSV keys and counts match the JSON" \
	"$(json 'j.groups.map(g=>g.key+"="+g.count).join(" ")' "$WORK/s.json")" \
	"$(json 'j.slice(1).map(r=>r[j[0].indexOf("key")]+"="+r[j[0].indexOf("count")]).join(" ")' "$WORK/s-csv.json")"
equal "stats CSV quotes entity names with commas" true \
	"$(json 'j.some(r=>r.some(f=>f.includes(",")))' "$WORK/s-csv.json")"

"$CTM" check --format csv >"$WORK/k.csv" 2>/dev/null
"$CTM" check --format json >"$WORK/k.json" 2>/dev/null
node "$WORK/csv.js" "$WORK/k.csv" >"$WORK/k-csv.json" 2>"$WORK/csv.err"
equal "check CSV parses as RFC 4180" 0 $?
equal "check CSV has a row per finding" "$(json 'j.findings.length' "$WORK/k.json")" "$(json 'j.length-1' "$WORK/k-csv.json")"
"$CTM" project 72 --format csv >"$WORK/one.csv" 2>/dev/null
node "$WORK/csv.js" "$WORK/one.csv" >"$WORK/one-csv.json" 2>"$WORK/csv.err"
equal "project CSV parses as RFC 4180" 0 $?

# --- JSON of every command parses ----------------------------------------
for args in "projects" "project 1" "check" "stats --by pillar" "stats --by status" "stats --by entity" \
	"stats --by scope" "stats --by country" "stats --by region" "stats --by year"; do
	# shellcheck disable=SC2086
	"$CTM" $args --format json >"$WORK/x.json" 2>/dev/null
	check "$args --format json is valid JSON" -- node -e 'JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"))' "$WORK/x.json"
done
# Lists whose JSON is their table's rows (they printed a text table once)
for args in "progress" "areas" "rates" "rates currencies" "plan list" \
	"appeals list"; do
	# shellcheck disable=SC2086
	"$CTM" $args --format json >"$WORK/x.json" 2>/dev/null
	equal "$args --format json: the rows as objects, keyed in English" true \
		"$(json 'Array.isArray(j.rows) && (j.rows.length === 0 || "key" in j.rows[0] || "code" in j.rows[0] || "currency" in j.rows[0] || "title" in j.rows[0] || "plan" in j.rows[0])' "$WORK/x.json")"
done
"$CTM" --lang fr areas --format json >"$WORK/x.json"
equal "areas --format json, in French: the 18 areas, by their English names" \
	"18 Preventing violent extremism" "$(json 'j.rows.length + " " + j.rows[0].name' "$WORK/x.json")"
