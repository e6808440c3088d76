#!/bin/bash
# 36-iati.sh - the IATI exchange (issue 7, doc/iati.md).  Real files of
# three publishers (the IATI Standard's 2.03 example, DFID's 1.01 and
# Sida's 1.00 from the IATI Datastore) import without losing an activity:
# the activities counted in the file equal those imported, left out by
# the relevance rule, refused and repeated; what they map to (status,
# dates, places, organisations, sectors, budgets, transactions, the gender
# marker, titles in every language); importing again changes nothing; a
# made-up 1.03 file's defects are reported with file and line and kept
# as findings; a broken file, alone or after a good one, fails naming
# file and line and leaves the database as it was; the relevance rule and
# a rule of one's own; the export validates against the official schema
# (xmllint), of the 2018 matrix and of the imported activities; export
# then import into a fresh database gives the same projects, budgets and
# gender markers; the budget summed by country.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

IATI=$TOP/tests/data/iati
EX=$IATI/activity-standard-example-annotated-2.03.xml
DFID=$IATI/datastore-dfid-CD-v1.01.xml
SIDA=$IATI/datastore-sida-v1.00.xml
BAD=$IATI/defects-1.03.xml
XSD=$TOP/data/iati/iati-activities-schema.xsd

# count FILE: the <iati-activity> elements of an IATI file, by xmllint
count() { xmllint --xpath 'count(/iati-activities/iati-activity)' "$1"; }

# sumrep FILE: what an import's JSON report accounts for
sumrep() {
	json 'j.added+j.updated+j.unchanged+j.skipped+j.refused+j.repeated' "$1"
}

# snapshot NAME [DB]: what a user can see of a database
snapshot() {
	d=$WORK/snap-$1
	mkdir -p "$d"
	"$CTM" --db "${2:-$CTMATRIX_DB}" projects --format json >"$d/projects.json" 2>/dev/null
	"$CTM" --db "${2:-$CTMATRIX_DB}" check --format json >"$d/check.json" 2>/dev/null
	"$CTM" --db "${2:-$CTMATRIX_DB}" funding --by project --format json >"$d/funding.json" 2>/dev/null
	dbq --db "${2:-$CTMATRIX_DB}" 'SELECT * FROM iati_activity ORDER BY project_id;
		SELECT * FROM iati_sector ORDER BY project_id, position;
		SELECT * FROM iati_money ORDER BY project_id, position;' >"$d/iati.txt"
}

"$CTM" init >/dev/null

# --- no activity lost, three publishers ---------------------------------
for f in "$EX" "$DFID" "$SIDA"; do
	n=$(count "$f")
	name=$(basename "$f")
	check "$name has activities ($n)" -- test "$n" -gt 0
	"$CTM" --db "$WORK/all-$name.db" import iati --relevant all "$f" \
		--format json >"$WORK/rep.json" 2>"$WORK/notes.txt"
	equal "$name: imported without a failure" 0 $?
	equal "$name: every activity read" "$n" "$(json j.activities "$WORK/rep.json")"
	equal "$name: every activity accounted for (all kept)" "$n" "$(sumrep "$WORK/rep.json")"
	equal "$name: projects in the database = activities added" \
		"$(json j.added "$WORK/rep.json")" \
		"$("$CTM" --db "$WORK/all-$name.db" projects --format json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).total))')"
	"$CTM" --db "$WORK/ct-$name.db" import iati "$f" --format json \
		>"$WORK/rep.json" 2>/dev/null
	equal "$name: with the rule, every activity accounted for" "$n" "$(sumrep "$WORK/rep.json")"
done
"$CTM" import iati "$EX" "$DFID" "$SIDA" --relevant all --format json \
	>"$WORK/rep.json" 2>"$WORK/notes.txt"
total=$(($(count "$EX") + $(count "$DFID") + $(count "$SIDA")))
equal "three files at once: all added" "$total" "$(json j.added "$WORK/rep.json")"
contains "a defect is named with file and line" \
	"activity-standard-example-annotated-2.03.xml:8: iati-unknown-place" \
	"$(cat "$WORK/notes.txt")"

# --- what activities map to ----------------------------------------------
pj() { "$CTM" projects --search "$1" --format json >"$WORK/p.json"; json "$2" "$WORK/p.json"; }
equal "2.03: the title in the activity's language" "Activity title" \
	"$(pj "Activity title" 'j.projects[0].title')"
equal "2.03: status 2 is ongoing" ongoing "$(pj "Activity title" 'j.projects[0].status')"
equal "2.03: AF and AG are Afghanistan and Antigua" "AFG ATG" \
	"$(pj "Activity title" 'j.projects[0].places.filter(p=>p.kind==="country").map(p=>p.key).join(" ")')"
equal "2.03: DAC region 489 is South America (M49 005)" 005 \
	"$(pj "Activity title" 'j.projects[0].places.find(p=>p.name==="489"||p.key==="005").key')"
id=$(pj "Activity title" 'j.projects[0].id')
"$CTM" project "$id" --format json >"$WORK/one.json"
equal "2.03: the actual start" 2012-04-28 "$(json j.period.start "$WORK/one.json")"
equal "2.03: the planned end, no actual one" 2015-12-31 "$(json j.period.end "$WORK/one.json")"
equal "2.03: three sectors kept (two DAC 3-digit, one of its own)" "2:111 2:112 99:A1" \
	"$(dbq "SELECT group_concat(vocabulary || ':' || code, ' ') FROM iati_sector WHERE project_id = $id")"
equal "2.03: a budget and a transaction kept, in EUR" "b:1:3000:300000:EUR t:1:1000:100000:EUR" \
	"$(dbq "SELECT group_concat(kind || ':' || type || ':' || value || ':' || amount || ':' || currency, ' ') FROM iati_money WHERE project_id = $id")"
contains "2.03: the titles in French and Spanish are kept" "Título de la actividad" \
	"$(dbq "SELECT detail FROM iati_activity WHERE project_id = $id")"
contains "2.03: the roles of the participating organisations are kept" '"role":"2"' \
	"$(dbq "SELECT detail FROM iati_activity WHERE project_id = $id")"
equal "1.01: dates as text, start-actual" 2004-01-01 \
	"$(dbq "SELECT start_date FROM project WHERE source_key = 'iati:GB-1-105838'")"
equal "1.01: status 4 (closed) is completed" completed \
	"$(dbq "SELECT status FROM project WHERE source_key = 'iati:GB-1-105838'")"
equal "1.01: letter transaction codes read (C, D, E to 2, 3, 4)" "2 3 4" \
	"$(dbq "SELECT group_concat(DISTINCT type) FROM (SELECT type FROM iati_money m JOIN iati_activity a USING (project_id) WHERE m.kind = 't' AND a.version = '1.01' ORDER BY type) AS t" | tr , ' ')"
equal "1.01: budgets Original and Revised read as types 1 and 2" "1 2" \
	"$(dbq "SELECT group_concat(DISTINCT type) FROM (SELECT type FROM iati_money m JOIN iati_activity a USING (project_id) WHERE m.kind = 'b' AND a.version = '1.01' ORDER BY type) AS t" | tr , ' ')"
equal "1.00: DAC region 189 is Northern Africa (015)" 015 \
	"$(dbq "SELECT pl.key FROM project p JOIN project_place pp ON pp.project_id = p.id JOIN place pl ON pl.id = pp.place_id WHERE p.source_key = 'iati:SE-6-5204017401-189ANO-72010'")"
equal "1.00: USD budgets become the projects' budgets" \
	"$(dbq "SELECT count(DISTINCT project_id) FROM iati_money m JOIN iati_activity a USING (project_id) WHERE m.kind = 'b' AND m.currency = 'USD' AND a.version = '1.00'")" \
	"$(dbq "SELECT count(*) FROM budget b JOIN iati_activity a USING (project_id) WHERE a.version = '1.00'")"
equal "1.0x: the DAC gender marker's significance 1 is GEN2" 2 \
	"$(dbq "SELECT DISTINCT gender_marker FROM project WHERE source_key = 'iati:GB-1-105838-101'")"

# --- importing again changes nothing; a rate makes the budgets -----------
snapshot before
"$CTM" import iati "$EX" "$DFID" "$SIDA" --relevant all --format json \
	>"$WORK/rep.json" 2>/dev/null
equal "again: every activity unchanged" "$total" "$(json j.unchanged "$WORK/rep.json")"
snapshot again
same "again: the database as it was" before again
"$CTM" rates add GBP 1.25 --date 2000-01-01 >/dev/null
"$CTM" import iati "$EX" "$DFID" "$SIDA" --relevant all --format json \
	>"$WORK/rep.json" 2>/dev/null
check "a GBP rate recorded: DFID's projects updated with budgets" -- \
	test "$(json j.updated "$WORK/rep.json")" -gt 100
equal "  their budgets in US dollars at 1.25" 125 \
	"$(dbq "SELECT usd * 100 / amount FROM budget WHERE currency = 'GBP' LIMIT 1")"

# --- defects of a made-up 1.03 file ----------------------------------------
"$CTM" --db "$WORK/bad.db" import iati "$BAD" --format json \
	>"$WORK/rep.json" 2>"$WORK/notes.txt"
equal "defects: imported" 0 $?
equal "defects: 4 activities, 2 added, 1 refused, 1 repeated" "4 2 1 1" \
	"$(json '[j.activities,j.added,j.refused,j.repeated].join(" ")' "$WORK/rep.json")"
for n in "defects-1.03.xml:7: iati-no-identifier" "defects-1.03.xml:25: iati-bad-date" \
	"defects-1.03.xml:30: iati-unknown-code" "defects-1.03.xml:53: iati-repeated" \
	"defects-1.03.xml:57: iati-missing" "defects-1.03.xml:12: iati-unknown-place" \
	"defects-1.03.xml:61: iati-missing: budget without a value" \
	"defects-1.03.xml:62: iati-missing: transaction without a value"; do
	contains "defects: reported: $n" "$n" "$(cat "$WORK/notes.txt")"
done
"$CTM" --db "$WORK/bad.db" check >"$WORK/check.txt" 2>&1
contains "defects: the refusal is a finding with file and line" \
	"defects-1.03.xml:7: activity without an iati-identifier" "$(cat "$WORK/check.txt")"
contains "defects: a bad date is a finding of its project" \
	'"2014-13-45" is not a day' "$(cat "$WORK/check.txt")"
equal "defects: a month kept at its precision" 2014 \
	"$(dbq --db "$WORK/bad.db" "SELECT start_date FROM project WHERE source_key = 'iati:XM-TEST-1'")"
equal "defects: UNESCO resolved, the NGO kept as written, lead first" "UNESCO|lead Some NGO|partner" \
	"$(dbq --db "$WORK/bad.db" "SELECT group_concat(coalesce(o.key, po.name) || '|' || po.role, ' ') FROM project_org po LEFT JOIN organisation o ON o.id = po.organisation_id JOIN project p ON p.id = po.project_id WHERE p.source_key = 'iati:XM-TEST-1'")"
equal "defects: a title without an identifier's... no title: the identifier" XM-TEST-2 \
	"$(dbq --db "$WORK/bad.db" "SELECT title FROM project WHERE source_key = 'iati:XM-TEST-2'")"
equal "defects: two USD budgets summed (100000.50 + 200000)" 30000050 \
	"$(dbq --db "$WORK/bad.db" "SELECT amount FROM budget b JOIN project p ON p.id = b.project_id WHERE p.source_key = 'iati:XM-TEST-1'")"
equal "defects: DAC gender significance 2 is GEN3" 3 \
	"$(dbq --db "$WORK/bad.db" "SELECT gender_marker FROM project WHERE source_key = 'iati:XM-TEST-1'")"

# --- a broken file: nothing written, file and line named -------------------
snapshot before "$WORK/bad.db"
printf '<?xml version="1.0"?>\n<iati-activities version="2.03">\n <iati-activity>\n  <iati-identifier>XM-TEST-9</titl>\n' >"$WORK/broken.xml"
"$CTM" --db "$WORK/bad.db" import iati "$BAD" "$WORK/broken.xml" >"$WORK/out.txt" 2>&1
equal "broken: the import fails (exit 1)" 1 $?
contains "broken: the error names file and line" "broken.xml:4:" "$(cat "$WORK/out.txt")"
snapshot after "$WORK/bad.db"
same "broken: the database as it was (the good file before it too)" before after
"$CTM" --db "$WORK/empty.db" init >/dev/null
if [ "${CTM_BACKEND:-}" = pg ]; then
	idx() { dbq --db "$WORK/empty.db" "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'public'"; }
else
	idx() { dbq --db "$WORK/empty.db" "SELECT group_concat(name) FROM (SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name)"; }
fi
before=$(idx)
"$CTM" --db "$WORK/empty.db" import iati --relevant all "$EX" "$WORK/broken.xml" >/dev/null 2>&1
equal "broken, into an empty database: no project" 0 \
	"$(dbq --db "$WORK/empty.db" "SELECT count(*) FROM project")"
equal "broken, into an empty database: the indexes a bulk load drops are back" \
	"$before" "$(idx)"
printf '<?xml version="1.0"?>\n<projects/>\n' >"$WORK/other.xml"
status "not IATI: refused" 1 -- "$CTM" --db "$WORK/bad.db" import iati "$WORK/other.xml"
contains "not IATI: says so" "not an IATI activity file" \
	"$("$CTM" --db "$WORK/bad.db" import iati "$WORK/other.xml" 2>&1)"
status "a file that is not there" 1 -- "$CTM" --db "$WORK/bad.db" import iati "$WORK/none.xml"

# --- the relevance rule ----------------------------------------------------
"$CTM" --db "$WORK/ct.db" import iati "$BAD" --format json >"$WORK/rep.json" 2>/dev/null
equal "rule: PVE in a title, terrorisme in a description: both kept" 2 \
	"$(json j.added "$WORK/rep.json")"
"$CTM" --db "$WORK/ct2.db" import iati "$EX" "$DFID" "$SIDA" --format json \
	>"$WORK/rep.json" 2>/dev/null
kept=$(json j.added "$WORK/rep.json")
check "rule: some of the publishers' activities kept ($kept), not all" -- \
	test "$kept" -gt 0 -a "$kept" -lt "$total"
equal "rule: kept and left out make every activity" "$total" \
	"$(json 'j.added+j.skipped' "$WORK/rep.json")"
equal "rule: every kept one is in a listed sector or says a keyword" "" \
	"$(dbq --db "$WORK/ct2.db" "SELECT p.id FROM project p WHERE NOT EXISTS (SELECT 1 FROM iati_sector s WHERE s.project_id = p.id AND s.code IN ('15210','15220','15130','15113','15240')) AND NOT (lower(p.title || ' ' || p.activities || ' ' || (SELECT detail FROM iati_activity a WHERE a.project_id = p.id)) LIKE '%terror%' OR lower(p.title || ' ' || p.activities) LIKE '%extremis%' OR lower(p.title || p.activities) LIKE '%radicali%')")"
echo '{"sectors": [], "keywords": ["activity title"]}' >"$WORK/rule.json"
"$CTM" --db "$WORK/rule.db" import iati "$EX" "$DFID" --rule "$WORK/rule.json" \
	--format json >"$WORK/rep.json" 2>/dev/null
equal "rule of one's own: one keyword, one activity" 1 "$(json j.added "$WORK/rep.json")"
echo '{"sectors": "15210"}' >"$WORK/rule-bad.json"
status "a rule that is not one" 1 -- "$CTM" --db "$WORK/rule.db" import iati "$EX" --rule "$WORK/rule-bad.json"
status "--relevant wants ct or all" 2 -- "$CTM" --db "$WORK/rule.db" import iati "$EX" --relevant some

# --- export: valid against the schema --------------------------------------
status "export wants --reporting-org" 2 -- "$CTM" export iati --out "$WORK/x.xml"
"$CTM" export iati --reporting-org XM-TEST --out "$WORK/imported.xml" 2>/dev/null
check "export of the imported activities validates" -- \
	xmllint --noout --schema "$XSD" "$WORK/imported.xml"
equal "  every project exported" "$total" "$(count "$WORK/imported.xml")"
check "  the identifiers kept" -- grep -q '<iati-identifier>GB-1-105838</iati-identifier>' "$WORK/imported.xml"

M=$WORK/matrix.db
"$CTM" --db "$M" import annex "$DATA" >/dev/null 2>&1
"$CTM" --db "$M" rates add EUR 1.0843 --date 2018-01-01 >/dev/null
"$CTM" --db "$M" budget set 5 "250,000" --currency EUR --date 2018-06-01 >/dev/null
"$CTM" --db "$M" budget set 7 "1,000,000" --date 2018-03-01 >/dev/null
"$CTM" --db "$M" budget set 9 "5" --date 2018-03-01 --demo >/dev/null
"$CTM" --db "$M" gender 5 1 >/dev/null
"$CTM" --db "$M" gender 7 3 >/dev/null
"$CTM" --db "$M" export iati --reporting-org XM-EXAMPLE --identifier-prefix XM-CT \
	--out "$WORK/matrix.xml" 2>/dev/null
check "export of the 2018 matrix validates" -- xmllint --noout --schema "$XSD" "$WORK/matrix.xml"
equal "  one activity a project" \
	"$("$CTM" --db "$M" projects --format json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).total))')" \
	"$(count "$WORK/matrix.xml")"
check "  identifiers made of the prefix and the id" -- grep -q '<iati-identifier>XM-CT-5</iati-identifier>' "$WORK/matrix.xml"
check "  the pillars as sectors of vocabulary 99" -- grep -q 'vocabulary="99" vocabulary-uri="https://www.un.org/counterterrorism/un-global-counter-terrorism-strategy" code="II"' "$WORK/matrix.xml"
lacks "  a budget made up for a demonstration is not published" '>5.00</value>' "$(cat "$WORK/matrix.xml")"
"$CTM" --db "$M" export iati --reporting-org XM-EXAMPLE --pillar II >"$WORK/p2.xml" 2>/dev/null
equal "  the filters of projects: --pillar II" \
	"$("$CTM" --db "$M" projects --pillar II --format json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).total))')" \
	"$(count "$WORK/p2.xml")"
check "  to standard output, valid too" -- xmllint --noout --schema "$XSD" "$WORK/p2.xml"

# --- round trip: export, then import into a fresh database -----------------
R=$WORK/round.db
"$CTM" --db "$R" rates add EUR 1.0843 --date 2018-01-01 >/dev/null
"$CTM" --db "$R" import iati --relevant all "$WORK/matrix.xml" --format json \
	>"$WORK/rep.json" 2>"$WORK/notes.txt"
equal "round trip: every activity added" "$(count "$WORK/matrix.xml")" "$(json j.added "$WORK/rep.json")"
# the fields IATI carries, project by project: all but id, source, the
# importer's notes and the times of the records
strip='(j.projects.forEach(p=>{delete p.id}), j)'
for f in "$M" "$R"; do
	"$CTM" --db "$f" projects --format json >"$WORK/list.json"
	json "$strip" "$WORK/list.json" >"$WORK/list-$(basename "$f").json"
	for id in $(ids "$WORK/list.json"); do
		"$CTM" --db "$f" project "$id" --format json
	done >"$WORK/each.json"
	node -e 'const t=require("fs").readFileSync(process.argv[1],"utf8");
		const objs=t.split(/\n(?=\{)/).filter(s=>s.trim()).map(s=>JSON.parse(s));
		for (const o of objs) { for (const k of ["id","source","issues","created_at","updated_at"]) delete o[k]; console.log(JSON.stringify(o)); }' \
		"$WORK/each.json" >"$WORK/each-$(basename "$f").json"
	"$CTM" --db "$f" funding --by project --format json |
		node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);for(const g of j.groups.sort((a,b)=>a.name<b.name?-1:1))console.log(g.name,g.budget,g.budget_cents,g.demo_projects)})' \
		>"$WORK/funding-$(basename "$f").txt"
	"$CTM" --db "$f" gender --format json |
		node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);for(const g of j.groups)console.log(g.key,g.projects)})' \
		>"$WORK/gender-$(basename "$f").txt"
done
check "round trip: projects --format json the same" -- \
	cmp "$WORK/list-matrix.db.json" "$WORK/list-round.db.json"
equal "  (176 projects in each list)" "176 176" \
	"$(json 'j.projects.length' "$WORK/list-matrix.db.json") $(json 'j.projects.length' "$WORK/list-round.db.json")"
check "round trip: project ID --format json the same, field by field" -- \
	diff "$WORK/each-matrix.db.json" "$WORK/each-round.db.json"
check "  (176 projects compared)" -- test "$(wc -l <"$WORK/each-round.db.json")" -eq 176
check "round trip: the budgets the same (the demonstration one left out)" -- \
	diff <(sed 's/ 5.00 500 1$/ 0.00 0 0/' "$WORK/funding-matrix.db.txt") \
	"$WORK/funding-round.db.txt"
check "round trip: the gender markers the same" -- \
	diff "$WORK/gender-matrix.db.txt" "$WORK/gender-round.db.txt"
"$CTM" --db "$R" export iati --reporting-org XM-EXAMPLE --out "$WORK/round.xml" 2>/dev/null
check "round trip: exported again, the same activities" -- \
	diff <(grep -v 'datetime=' "$WORK/matrix.xml" | sed 's/XM-CT-[0-9]*//') \
	<(grep -v 'datetime=' "$WORK/round.xml" | sed 's/XM-CT-[0-9]*//')
"$CTM" --db "$R" import iati --relevant all "$WORK/matrix.xml" --format json >"$WORK/rep.json" 2>/dev/null
equal "round trip: the same file again changes nothing" 176 "$(json j.unchanged "$WORK/rep.json")"

# imported activities exported and imported again keep what IATI carries
if [ "${CTM_BACKEND:-}" = pg ]; then
	ntitles="SELECT sum(jsonb_array_length(detail::jsonb -> 'titles')) FROM iati_activity"
else
	ntitles="SELECT count(*) FROM iati_activity, json_each(detail, '\$.titles')"
fi
"$CTM" --db "$WORK/round2.db" rates add GBP 1.25 --date 2000-01-01 >/dev/null
"$CTM" --db "$WORK/round2.db" import iati --relevant all "$WORK/imported.xml" >/dev/null 2>&1
for f in "$CTMATRIX_DB" "$WORK/round2.db"; do
	"$CTM" --db "$f" projects --format json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const p of JSON.parse(s).projects){delete p.id;console.log(JSON.stringify(p))}})' >"$WORK/imp-$(basename "$f").txt"
done
check "imported, exported, imported: the same projects" -- \
	diff "$WORK/imp-test.db.txt" "$WORK/imp-round2.db.txt"
equal "  the same transactions" \
	"$(dbq "SELECT count(*), sum(amount) FROM iati_money WHERE kind = 't'")" \
	"$(dbq --db "$WORK/round2.db" "SELECT count(*), sum(amount) FROM iati_money WHERE kind = 't'")"
equal "  the same titles in every language" \
	"$(dbq "$ntitles")" "$(dbq --db "$WORK/round2.db" "$ntitles")"

# --- budget summed by country ------------------------------------------------
"$CTM" --db "$M" stats --by country --sum budget --format json >"$WORK/sum.json"
equal "sum by country: the whole portfolio's USD budgets" \
	"$(dbq --db "$M" "SELECT sum(usd) FROM budget")" "$(json j.usd_cents "$WORK/sum.json")"
equal "sum by country: a country's sum is its projects' budgets" \
	"$(dbq --db "$M" "SELECT coalesce(sum(b.usd), 0) FROM project_place pp JOIN place c ON c.id = pp.place_id JOIN budget b ON b.project_id = pp.project_id WHERE c.iso3 = 'MLI'")" \
	"$(json '(j.groups.find(g=>g.key==="MLI")||{usd_cents:0}).usd_cents' "$WORK/sum.json")"
equal "sum by country: counts as stats --by country does" \
	"$("$CTM" --db "$M" stats --by country --format json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).groups.find(g=>g.key==="MLI").count))')" \
	"$(json 'j.groups.find(g=>g.key==="MLI").count' "$WORK/sum.json")"
status "--sum budget goes with --by country only" 2 -- "$CTM" --db "$M" stats --by pillar --sum budget
"$CTM" --db "$M" stats --by country --sum budget --format json >"$WORK/sum2.json"
check "sum by country: asked again (kept), the same answer" -- cmp "$WORK/sum.json" "$WORK/sum2.json"
before=$(json j.usd_cents "$WORK/sum.json")
"$CTM" --db "$M" budget set 7 "2,000,000" --date 2018-03-01 >/dev/null
"$CTM" --db "$M" stats --by country --sum budget --format json >"$WORK/sum3.json"
equal "sum by country: a budget changed, the sum follows at once" \
	"$((before + 100000000))" "$(json j.usd_cents "$WORK/sum3.json")"

# --- the same through the API ------------------------------------------------
CTMATRIX_DB=$M serve_start
B="http://$ADDR/api/v1"
equal "GET /stats?by=country&sum=budget: 200" 200 \
	"$(get "/stats?by=country&sum=budget")"
body >"$WORK/sum-api.json"
equal "  the whole sum, as the command gives it" \
	"$(json j.usd_cents "$WORK/sum3.json")" "$(json j.usd_cents "$WORK/sum-api.json")"
equal "  every country's count, budgets and sum, as the command gives them" \
	"$(json 'JSON.stringify(j.groups)' "$WORK/sum3.json")" \
	"$(json 'JSON.stringify(j.groups)' "$WORK/sum-api.json")"
equal "  says what it sums" budget "$(json j.sum "$WORK/sum-api.json")"
equal "GET /stats?by=pillar&sum=budget: 400" 400 "$(get "/stats?by=pillar&sum=budget")"
equal "  naming the parameter" sum "$(json j.error.field "$WORK/b")"
equal "GET /stats?by=country&sum=count: 400" 400 "$(get "/stats?by=country&sum=count")"
equal "GET /stats?by=country (no sum): no money in the answer" \
	"undefined undefined" \
	"$(get "/stats?by=country" >/dev/null; json 'String(j.usd_cents) + " " + String(j.groups[0].usd_cents)' "$WORK/b")"
serve_stop

# --- without libxml2 ----------------------------------------------------------
# The library hidden in a mount namespace of the command's own: the
# import is the system's failure (exit 3), not the input's, and writes
# nothing.
LIBXML=$(ldconfig -p 2>/dev/null | sed -n 's|.*=> \(/.*/libxml2\.so\.2\)$|\1|p' | head -1)
if [ -n "$LIBXML" ] && unshare -m true 2>/dev/null; then
	unshare -m sh -c 'mount --bind /dev/null "$1" && shift && exec "$@"' \
		sh "$LIBXML" "$CTM" --db "$WORK/noxml.db" import iati "$BAD" >"$WORK/noxml.txt" 2>&1
	equal "without libxml2: the import fails as the system's (exit 3)" 3 $?
	contains "  and says that libxml2 cannot be loaded" "cannot load libxml2" "$(cat "$WORK/noxml.txt")"
	equal "  and imports nothing" 0 "$(dbq --db "$WORK/noxml.db" "SELECT count(*) FROM project")"
else
	echo "ok - without libxml2: exit 3 # SKIP no mount namespace here (unshare -m)"
fi

# --- in the command's language ---------------------------------------------
"$CTM" --db "$WORK/fr.db" --lang fr import iati "$BAD" >"$WORK/out.txt" 2>&1
contains "French: a defect said in French, with file and line" \
	"defects-1.03.xml:25: iati-bad-date: activity-date : « 2014-13-45 » n'est pas un jour" \
	"$(cat "$WORK/out.txt")"
contains "French: the summary" "activités lues" "$(cat "$WORK/out.txt")"
contains "Chinese: not an IATI file, said in Chinese" "不是 IATI 活动文件" \
	"$("$CTM" --db "$WORK/fr.db" --lang zh import iati "$WORK/other.xml" 2>&1)"
"$CTM" --db "$WORK/bad.db" --lang ru check >"$WORK/check-ru.txt" 2>&1
contains "Russian: a file's note, in check, in Russian with its file and line" \
	"defects-1.03.xml:7: мероприятие без iati-identifier" "$(cat "$WORK/check-ru.txt")"
contains "Russian: a project's defect, in check, in Russian" \
	"«2014-13-45» — не день" "$(cat "$WORK/check-ru.txt")"

# --- an export of nothing --------------------------------------------------
rm -f "$WORK/none.xml"
status "export of no project: refused (an IATI file holds one activity)" 1 -- \
	"$CTM" --db "$M" export iati --reporting-org XM-EXAMPLE --search zzzzqqq --out "$WORK/none.xml"
check "  and no file written" -- test ! -e "$WORK/none.xml"

# --- the reader's lines, faults and files -----------------------------------
# act ID [XML...]: an activity of its own, relevant (--relevant all), with
# a status, a day and a place; XML its other elements, one a line.
act() {
	local id=$1
	shift
	printf '  <iati-activity default-currency="USD" xml:lang="en">\n'
	printf '    <iati-identifier>%s</iati-identifier>\n' "$id"
	printf '    <title><narrative>Activity %s</narrative></title>\n' "$id"
	printf '    <activity-status code="2"/>\n'
	printf '    <activity-date type="1" iso-date="2015-01-01"/>\n'
	printf '    <recipient-country code="ML"/>\n'
	for x in "$@"; do printf '    %s\n' "$x"; done
	printf '  </iati-activity>\n'
}
# iati FILE: an IATI file of the activities on standard input
iati() {
	{ printf '<?xml version="1.0"?>\n<iati-activities version="2.03">\n'
	  cat
	  printf '</iati-activities>\n'; } >"$1"
}

# Lines past 65535 (libxml2 keeps 16 bits of an element's line).
for i in $(seq 1 11000); do act "XM-L-$i"; done >"$WORK/acts.txt"
act XM-L-LAST '<activity-date type="3" iso-date="2015-13-45"/>' \
	'<recipient-country code="QQ"/>' >>"$WORK/acts.txt"
iati "$WORK/lines.xml" <"$WORK/acts.txt"
dline=$(grep -n 'iso-date="2015-13-45"' "$WORK/lines.xml" | cut -d: -f1)
aline=$(grep -n '<iati-identifier>XM-L-LAST<' "$WORK/lines.xml" | cut -d: -f1)
aline=$((aline - 1))
check "lines: the defect is past line 70000 ($dline)" -- test "$dline" -gt 70000
"$CTM" --db "$WORK/lines.db" import iati --relevant all "$WORK/lines.xml" \
	>/dev/null 2>"$WORK/notes.txt"
contains "lines: a bad date past line 65535 at its own line" \
	"lines.xml:$dline: iati-bad-date" "$(cat "$WORK/notes.txt")"
contains "lines: the activity's defect at the activity's line ($aline)" \
	"lines.xml:$aline: iati-unknown-place" "$(cat "$WORK/notes.txt")"
lacks "lines: nothing said to be at line 65535" "lines.xml:65535:" \
	"$(cat "$WORK/notes.txt")"

# A report keeps 10,000 defects (IMPORT_NOTES_KEPT), so that its memory
# is flat whatever the file; the rest are counted, and all are kept.
for i in $(seq 1 10020); do act "XM-N-$i" '<recipient-country code="QQ"/>'; done |
	iati "$WORK/many.xml"
"$CTM" --db "$WORK/many.db" import iati --relevant all "$WORK/many.xml" \
	>"$WORK/many.out" 2>"$WORK/many.err"
equal "many defects: imported (exit 0)" 0 $?
equal "many defects: 10,000 of them printed" 10000 \
	"$(grep -c 'many.xml:[0-9]*: iati-unknown-place' "$WORK/many.err")"
contains "many defects: the rest counted" \
	"defects noted and kept beyond these: 20;" "$(cat "$WORK/many.err")"
contains "many defects: the summary counts every one" "10020 defects noted" \
	"$(cat "$WORK/many.out")"
"$CTM" --db "$WORK/many.db" check --format json >"$WORK/many.json" 2>/dev/null
equal "many defects: check lists every one" 10020 \
	"$(json 'j.findings.filter(f=>f.kind==="iati-unknown-place").length' "$WORK/many.json")"

# An activity the rule leaves out is not the first of its identifier: a
# later copy the rule keeps is imported.
{ act XM-R-1
  printf '  <iati-activity>\n    <iati-identifier>XM-R-1</iati-identifier>\n    <title><narrative>Countering violent extremism and terrorism</narrative></title>\n    <activity-status code="2"/>\n  </iati-activity>\n'; } |
	iati "$WORK/relevant.xml"
"$CTM" --db "$WORK/relevant.db" import iati "$WORK/relevant.xml" >"$WORK/out.txt" 2>&1
equal "relevance: imported (exit 0)" 0 $?
contains "relevance: the first copy is not relevant, the second is added" \
	"1 added" "$(cat "$WORK/out.txt")"
lacks "relevance: the second is not called repeated" "met before" \
	"$(cat "$WORK/out.txt")"
"$CTM" --db "$WORK/relevant.db" projects --format json >"$WORK/r.json" 2>/dev/null
equal "relevance: the project is the relevant copy" \
	"Countering violent extremism and terrorism" "$(json 'j.projects[0].title' "$WORK/r.json")"

# IATI's elements in a namespace of the file's (default, or prefixed) are
# IATI's; a publisher's own elements in another are passed over.
for how in 'xmlns="http://example.org/iati"|' 'xmlns:i="http://example.org/iati"|i:'; do
	decl=${how%%|*} p=${how#*|}
	cat >"$WORK/ns.xml" <<EOF2
<?xml version="1.0"?>
<${p}iati-activities version="2.03" $decl xmlns:x="http://example.org/x">
  <${p}iati-activity>
    <${p}iati-identifier>XM-NS-1</${p}iati-identifier>
    <${p}title><${p}narrative>Namespaced activity</${p}narrative></${p}title>
    <x:title>Not IATI's title</x:title>
    <${p}activity-status code="2"/>
    <${p}recipient-country code="ML"/>
  </${p}iati-activity>
</${p}iati-activities>
EOF2
	db_remove "$WORK/ns.db"
	"$CTM" --db "$WORK/ns.db" import iati --relevant all "$WORK/ns.xml" >"$WORK/out.txt" 2>&1
	equal "namespace ${decl%%=*}: imported (exit 0)" 0 $?
	"$CTM" --db "$WORK/ns.db" projects --format json >"$WORK/ns.json" 2>/dev/null
	equal "namespace ${decl%%=*}: its title, status and country" \
		"Namespaced activity|ongoing|MLI" \
		"$(json 'j.projects.map(x=>x.title+"|"+x.status+"|"+x.places.map(p=>p.key).join()).join()' "$WORK/ns.json")"
done

# A prefix that no xmlns declares breaks the rules of namespaces, not of
# XML: the element is passed over, the activity kept.
act XM-U-1 '<akvo:photo-url>http://example.org/a.jpg</akvo:photo-url>' |
	iati "$WORK/undeclared.xml"
"$CTM" --db "$WORK/undeclared.db" import iati --relevant all "$WORK/undeclared.xml" \
	>"$WORK/out.txt" 2>&1
equal "undeclared prefix: imported (exit 0)" 0 $?
contains "undeclared prefix: the activity added" "1 added" "$(cat "$WORK/out.txt")"

# A fault names its own line, not the line its activity starts on.
{ act XM-F-1; printf '  <iati-activity>\n    <iati-identifier>XM-F-2</iati-identifier>\n    <title><narrative>t</narrative></title>\n    <sector code="1" code="2"/>\n  </iati-activity>\n'; } |
	iati "$WORK/fault.xml"
fline=$(grep -n 'code="1" code="2"' "$WORK/fault.xml" | cut -d: -f1)
"$CTM" --db "$WORK/fault.db" import iati --relevant all "$WORK/fault.xml" >"$WORK/out.txt" 2>&1
equal "fault: refused (exit 1)" 1 $?
contains "fault: the line of the fault ($fline)" "fault.xml:$fline: Attribute code redefined" \
	"$(cat "$WORK/out.txt")"
: >"$WORK/empty.xml"
printf '  \n\n \t\n' >"$WORK/blank.xml"
mkdir -p "$WORK/dir.xml"
for f in empty blank; do
	"$CTM" --db "$WORK/fault.db" import iati "$WORK/$f.xml" >"$WORK/out.txt" 2>&1
	equal "$f file: refused (exit 1)" 1 $?
	contains "  says it holds no XML" "$f.xml: no XML in it: the file is empty or white space only" \
		"$(cat "$WORK/out.txt")"
	lacks "  not libxml2's \"Extra content\"" "Extra content" "$(cat "$WORK/out.txt")"
done
"$CTM" --db "$WORK/fault.db" import iati "$WORK/dir.xml" >"$WORK/out.txt" 2>&1
equal "a directory: refused (exit 1)" 1 $?
contains "  says it is a directory" "dir.xml: is a directory" "$(cat "$WORK/out.txt")"
lacks "  without libxml2's I/O error" "I/O error" "$(cat "$WORK/out.txt")"

# The same file named three ways: unchanged, and one set of notes.
{ act XM-S-1; printf '  <iati-activity><title><narrative>none</narrative></title></iati-activity>\n'; } |
	iati "$WORK/same.xml"
S=$WORK/same.db
"$CTM" --db "$S" import iati --relevant all "$WORK/same.xml" >/dev/null 2>&1
for p in same.xml ./same.xml "$WORK/same.xml"; do
	(cd "$WORK" && "$CTM" --db "$S" import iati --relevant all "$p" --format json) \
		>"$WORK/rep.json" 2>/dev/null
	equal "same file as $p: unchanged" "1 0 0" \
		"$(json '[j.unchanged,j.updated,j.added].join(" ")' "$WORK/rep.json")"
done
equal "  one set of notes (one refusal)" 1 \
	"$(dbq --db "$S" "SELECT count(*) FROM source_note")"
equal "  one finding of the file in check" 1 \
	"$("$CTM" --db "$S" check 2>&1 | grep -c 'activity without an iati-identifier')"

# No status: exported with the code the schema wants, imported as none.
{ act XM-N-1 | grep -v activity-status; act XM-N-2; } | iati "$WORK/nostatus.xml"
N=$WORK/nostatus.db
"$CTM" --db "$N" import iati --relevant all "$WORK/nostatus.xml" >/dev/null 2>&1
equal "no status: imported as none" "|ongoing" \
	"$(dbq --db "$N" "SELECT group_concat(coalesce(status, ''), '|') FROM (SELECT status FROM project ORDER BY source_key) AS s")"
"$CTM" --db "$N" export iati --reporting-org XM-TEST --out "$WORK/nostatus-out.xml" 2>/dev/null
check "  exported, valid" -- xmllint --noout --schema "$XSD" "$WORK/nostatus-out.xml"
"$CTM" --db "$WORK/nostatus2.db" import iati --relevant all "$WORK/nostatus-out.xml" >/dev/null 2>&1
equal "  imported again: still no status, the other's kept" "|ongoing" \
	"$(dbq --db "$WORK/nostatus2.db" "SELECT group_concat(coalesce(status, ''), '|') FROM (SELECT status FROM project ORDER BY source_key) AS s")"

# Budgets whose sum does not fit: no sum, a defect.
big='<budget type="1"><period-start iso-date="2015-01-01"/><period-end iso-date="2015-12-31"/><value currency="USD">90000000000000000</value></budget>'
act XM-O-1 "$big" "$big" "$big" | iati "$WORK/overflow.xml"
"$CTM" --db "$WORK/overflow.db" import iati --relevant all "$WORK/overflow.xml" \
	>/dev/null 2>"$WORK/notes.txt"
contains "overflow: said" "the budgets add up to more than can be counted: no budget kept" \
	"$(cat "$WORK/notes.txt")"
equal "  no budget kept" 0 "$(dbq --db "$WORK/overflow.db" "SELECT count(*) FROM budget")"
contains "  a finding of the project" "more than can be counted" \
	"$("$CTM" --db "$WORK/overflow.db" check 2>&1)"

# Values that are no decimals are not written where the schema wants one.
budget() { printf '<budget type="1"><period-start iso-date="2015-01-01"/><period-end iso-date="2015-12-31"/><value currency="USD" value-date="%s">%s</value></budget>' "$2" "$1"; }
{
	act XM-D-1 "$(budget 1,000,000 2015-01-01)" '<sector vocabulary="1" code="15210" percentage="abc"/>'
	act XM-D-2 "$(budget NaN 2015-01-01)" '<transaction><transaction-type code="3"/><transaction-date iso-date="2015-02-01"/><value currency="USD">1e6</value></transaction>'
	act XM-D-3 "$(budget 12.50 soon)" '<recipient-country code="NE" percentage="ten"/>'
} | iati "$WORK/baddec.xml"
"$CTM" --db "$WORK/baddec.db" import iati --relevant all "$WORK/baddec.xml" >/dev/null 2>&1
equal "bad decimals: kept as published" 3 \
	"$(dbq --db "$WORK/baddec.db" "SELECT count(*) FROM iati_money WHERE value IN ('1,000,000', 'NaN', '1e6')")"
"$CTM" --db "$WORK/baddec.db" export iati --reporting-org XM-TEST --out "$WORK/baddec-out.xml" 2>/dev/null
check "  their export validates" -- xmllint --noout --schema "$XSD" "$WORK/baddec-out.xml"
equal "  every activity exported" 3 "$(count "$WORK/baddec-out.xml")"
check "  the good budget kept, its bad value-date replaced" -- \
	grep -q 'value-date="2015-01-01">12.50</value>' "$WORK/baddec-out.xml"

# Days with a time zone are days; an empty iso-date is said.
act XM-T-1 '<activity-date type="2" iso-date="2015-01-01Z"/>' \
	'<activity-date type="4" iso-date="2016-06-30+02:00"/>' \
	'<activity-date type="3" iso-date=""/>' | iati "$WORK/tz.xml"
"$CTM" --db "$WORK/tz.db" import iati --relevant all "$WORK/tz.xml" >/dev/null 2>"$WORK/notes.txt"
equal "time zones: the days kept" "2015-01-01 2016-06-30" \
	"$(dbq --db "$WORK/tz.db" "SELECT start_date || ' ' || end_date FROM project")"
lacks "  no finding of them" '2015-01-01Z' "$(cat "$WORK/notes.txt")"
contains "  an empty iso-date is a finding" "iati-bad-date: activity-date: iso-date is empty: left out" \
	"$(cat "$WORK/notes.txt")"

# A currency in small letters is the currency.
act XM-C-1 '<budget type="1"><period-start iso-date="2015-01-01"/><period-end iso-date="2015-12-31"/><value currency="usd">2500</value></budget>' |
	iati "$WORK/lower.xml"
"$CTM" --db "$WORK/lower.db" import iati --relevant all "$WORK/lower.xml" >/dev/null 2>"$WORK/notes.txt"
equal "usd: a budget of 2500 USD" "250000 USD" \
	"$(dbq --db "$WORK/lower.db" "SELECT amount || ' ' || currency FROM budget")"
lacks "  no defect" "iati-budget" "$(cat "$WORK/notes.txt")"
