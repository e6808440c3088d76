#!/bin/bash
# 01-import-real.sh - import the real 2018 matrix (pillars I and II) and check
# what the importer made of it: counts, findings, joined rows, clean titles,
# entities, periods, places.  Facts asserted here are facts of the real data
# (stated in issue 2 or read from data/ctitf-matrix-2018-pillars-1-2.md).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"


out=$("$CTM" import annex "$DATA" 2>&1)
rc=$?
equal "import of the real matrix succeeds" 0 "$rc"
contains "import summary counts 176 rows added" "176 added" "$out"

# --- stats contract ------------------------------------------------------
"$CTM" stats --by pillar --format json >"$WORK/pillar.json" 2>/dev/null
equal "stats total is 176" 176 "$(json 'j.total' "$WORK/pillar.json")"
equal "stats by is pillar" pillar "$(json 'j.by' "$WORK/pillar.json")"
equal "stats JSON has exactly total, by, groups (and nothing missing)" \
	true "$(json '["total","by","groups"].every(k=>k in j) && Array.isArray(j.groups)' "$WORK/pillar.json")"
equal "every group has a string key and a numeric count" true \
	"$(json 'j.groups.every(g=>typeof g.key==="string"&&Number.isInteger(g.count))' "$WORK/pillar.json")"
equal "pillar I has 120 projects" 120 "$(json 'j.groups.find(g=>g.key==="I").count' "$WORK/pillar.json")"
equal "pillar II has 56 projects" 56 "$(json 'j.groups.find(g=>g.key==="II").count' "$WORK/pillar.json")"
equal "only pillars I and II are present" "I,II" "$(json 'j.groups.map(g=>g.key).sort().join(",")' "$WORK/pillar.json")"

# --- findings ------------------------------------------------------------
"$CTM" check --format json >"$WORK/check.json" 2>/dev/null
equal "check JSON has a findings array" true "$(json 'Array.isArray(j.findings)' "$WORK/check.json")"
equal "duplicate-serial finding for pillar II serial 26" 1 \
	"$(json 'j.findings.filter(f=>f.kind==="duplicate-serial"&&f.pillar==="II"&&f.serial===26).length' "$WORK/check.json")"
equal "no duplicate-serial finding for pillar I" 0 \
	"$(json 'j.findings.filter(f=>f.kind==="duplicate-serial"&&f.pillar==="I").length' "$WORK/check.json")"
cm=$(json 'j.findings.filter(f=>f.kind==="count-mismatch"&&f.pillar==="II").map(f=>f.message).join("|")' "$WORK/check.json")
contains "count-mismatch finding for pillar II mentions the 55 declared" "55" "$cm"
contains "count-mismatch finding for pillar II mentions the 56 found" "56" "$cm"
equal "no count-mismatch for pillar I (120 declared, 120 found)" 0 \
	"$(json 'j.findings.filter(f=>f.kind==="count-mismatch"&&f.pillar==="I").length' "$WORK/check.json")"
equal "no missing-serial findings in the real data" 0 \
	"$(json 'j.findings.filter(f=>f.kind==="missing-serial").length' "$WORK/check.json")"
equal "every finding has kind, pillar and message" true \
	"$(json 'j.findings.every(f=>typeof f.kind==="string"&&"pillar" in f&&typeof f.message==="string")' "$WORK/check.json")"

# --- all projects, one JSON ----------------------------------------------
"$CTM" projects --format json >"$WORK/all.json" 2>/dev/null
ALL=$WORK/all.json
# p PILLAR SERIAL EXPR: EXPR over project x (the first with that serial)
p() {
	json "(x=>($3))(j.projects.find(x=>x.pillar===\"$1\"&&x.serial===$2))" "$ALL"
}
# activities PILLAR SERIAL: the activities of that project (via `project ID`)
activities() {
	id=$(p "$1" "$2" 'x.id')
	"$CTM" project "$id" --format json >"$WORK/one.json" 2>/dev/null
	json 'j.activities' "$WORK/one.json"
}

equal "projects --format json total is 176" 176 "$(json 'j.total' "$ALL")"
equal "projects --format json lists 176 projects" 176 "$(json 'j.projects.length' "$ALL")"
t26=$(json 'j.projects.filter(x=>x.pillar==="II"&&x.serial===26).map(x=>x.title).join("\n")' "$ALL")
equal "pillar II serial 26 is kept twice" 2 "$(json 'j.projects.filter(x=>x.pillar==="II"&&x.serial===26).length' "$ALL")"
contains "II 26 (first): Towards a Comprehensive Implementation ... Phase III" \
	"Towards a Comprehensive Implementation of the Joint Plan of Action for Central Asia" "$t26"
contains "II 26 (first) title ends with Phase III" "Phase III" "$t26"
contains "II 26 (second): Aviation Security Training in Nigeria" "Aviation Security Training in Nigeria" "$t26"

# --- rows split over page breaks -----------------------------------------
a4=$(activities II 4)
contains "II 4 activities keep the first part (Wiesbaden Process)" "Wiesbaden Process" "$a4"
contains "II 4 activities joined across the page break" "sharing experiences and implementation practices" "$a4"
a11=$(activities II 11)
contains "II 11 activities joined across the page break (national report/additional information)" \
	"national report/additional information" "$a11"
equal "pillar II has 56 projects after joining (continuations are not rows)" 56 \
	"$(json 'j.projects.filter(x=>x.pillar==="II").length' "$ALL")"
equal "no project has an empty title" 0 "$(json 'j.projects.filter(x=>!x.title||!x.title.trim()).length' "$ALL")"
equal "no project has a null serial in the real data" 0 "$(json 'j.projects.filter(x=>x.serial===null).length' "$ALL")"

# --- clean titles --------------------------------------------------------
t1=$(p I 1 'x.title')
equal "I 1 title is clean" "Pilot Project on Countering Radicalization and Violent Extremism in the Sahel-Maghreb" "$t1"
lacks "I 1 title has no period" "(Jul." "$t1"
lacks "I 1 title has no entity" "UNICRI" "$t1"
equal "I 1 period start 2015-07" 2015-07 "$(p I 1 'x.period.start')"
equal "I 1 period end 2019-06" 2019-06 "$(p I 1 'x.period.end')"
equal "no title contains markup (<b>, <a)" 0 "$(json 'j.projects.filter(x=>/<\/?(b|a)[ >]/i.test(x.title)).length' "$ALL")"
equal "no title ends with an entity list in bold" 0 "$(json 'j.projects.filter(x=>/<b>|<\/b>/.test(x.title)).length' "$ALL")"

# --- entities ------------------------------------------------------------
equal "I 65 entities UNESCO, UN-Women, UNDP (lead first, UN WOMEN -> UN-Women)" "UNESCO,UN-Women,UNDP" \
	"$(p I 65 'x.entities.map(e=>e.key).join(",")')"
equal "I 65 lead is UNESCO" "UNESCO" "$(p I 65 'x.entities.find(e=>e.role==="lead").key')"
contains "I 110: HCDH is OHCHR" "OHCHR" "$(p I 110 'x.entities.map(e=>e.key).join(",")')"
lacks "I 110: HCDH is not kept as a key" "HCDH" "$(p I 110 'x.entities.map(e=>e.key).join(",")')"
equal "I 110 entities in order" "UNESCO,IOM,OHCHR,UNFPA,UNICEF" "$(p I 110 'x.entities.map(e=>e.key).join(",")')"
equal "I 111 entities in order, PAM -> WFP" "UNESCO,UNICEF,IOM,OHCHR,WFP" "$(p I 111 'x.entities.map(e=>e.key).join(",")')"
e9=$(p II 9 'x.entities.map(e=>e.key).join(",")')
equal "II 9: two entities (UNODA plain, 1540 Committee bold)" 2 "$(p II 9 'x.entities.length')"
equal "II 9: UNODA leads" UNODA "$(p II 9 'x.entities[0].key')"
contains "II 9: 1540 Committee second" "1540" "$(p II 9 'x.entities[1].key')"
lacks "II 9: the title does not keep UNODA" "UNODA" "$(p II 9 'x.title')"
equal "I 118: plain entity split from the title" "#SpreadNoHate Initiative" "$(p I 118 'x.title')"
equal "I 118: entity UNAOC" "UNAOC" "$(p I 118 'x.entities.map(e=>e.key).join(",")')"
equal "I 119: plain entities UNAOC, IOM" "UNAOC,IOM" "$(p I 119 'x.entities.map(e=>e.key).join(",")')"
equal "I 119: title without entities" "Youth Video Festival PLURAL+" "$(p I 119 'x.title')"
equal "II 3: plain entity UNODA" "UNODA" "$(p II 3 'x.entities.map(e=>e.key).join(",")')"
equal "every project of the real data has at least one entity" 0 \
	"$(json 'j.projects.filter(x=>x.entities.length===0).length' "$ALL")"
equal "every entity of the real data resolves to a key" 0 \
	"$(json 'j.projects.flatMap(x=>x.entities).filter(e=>!e.key).length' "$ALL")"
equal "exactly one lead per project" 0 \
	"$(json 'j.projects.filter(x=>x.entities.filter(e=>e.role==="lead").length!==1).length' "$ALL")"
equal "the lead comes first" 0 "$(json 'j.projects.filter(x=>x.entities[0].role!=="lead").length' "$ALL")"

# --- resolution numbers in links stay in the title -----------------------
t15=$(p I 15 'x.title')
contains "I 15 title keeps the resolution number from the link" "resolution 2178 (2017)" "$t15"
equal "I 15 title ends with resolution 2178 (2017)" true "$(p I 15 'x.title.endsWith("resolution 2178 (2017)")')"
equal "I 15 has no period (2017 is part of the resolution)" null "$(p I 15 'x.period')"
contains "II 4 title keeps 1540 (2004)" "Resolution 1540 (2004) Industry Conferences" "$(p II 4 'x.title')"
equal "II 4 period 2016-2017" "2016 2017" "$(p II 4 'x.period.start+" "+x.period.end')"

# --- periods -------------------------------------------------------------
equal "I 51 (Annual event) is annual" true "$(p I 51 'x.period.annual')"
equal "I 72 <b>(Annual event)</b> is annual" true "$(p I 72 'x.period.annual')"
lacks "I 72 title has no (Annual event)" "Annual event" "$(p I 72 'x.title')"
equal "I 40 (since 2000) is open-ended" true "$(p I 40 'x.period.open_ended')"
equal "I 40 starts 2000" 2000 "$(p I 40 'x.period.start')"
equal "I 40 has no end" null "$(p I 40 'x.period.end')"
equal "I 27 (25-27 Sep. 2017) starts 2017-09-25" 2017-09-25 "$(p I 27 'x.period.start')"
equal "I 27 (25-27 Sep. 2017) ends 2017-09-27" 2017-09-27 "$(p I 27 'x.period.end')"
equal "I 97 (30 October–1 November 2016) start" 2016-10-30 "$(p I 97 'x.period.start')"
equal "I 97 (30 October–1 November 2016) end" 2016-11-01 "$(p I 97 'x.period.end')"
equal "I 75 (2016-ongoing) open-ended from 2016" "2016 true" "$(p I 75 'x.period.start+" "+x.period.open_ended')"
equal "II 48 (since Apr. 2017) open-ended from 2017-04" "2017-04 true" "$(p II 48 'x.period.start+" "+x.period.open_ended')"
equal "I 14 (Jan. 2017-Jul. 2017)" "2017-01 2017-07" "$(p I 14 'x.period.start+" "+x.period.end')"
equal "I 33 (May 2017) month precision" "2017-05 2017-05" "$(p I 33 'x.period.start+" "+x.period.end')"
equal "I 19 (no period) has none" null "$(p I 19 'x.period')"

# --- statuses ------------------------------------------------------------
equal "statuses are only the three keys" 0 \
	"$(json 'j.projects.filter(x=>!["in_development","ongoing","completed"].includes(x.status)).length' "$ALL")"
equal "I 10 In development -> in_development" in_development "$(p I 10 'x.status')"

# --- places --------------------------------------------------------------
equal "I 18 places JOR, KAZ, MAR, TUN" "JOR,KAZ,MAR,TUN" "$(p I 18 'x.places.map(x=>x.key).join(",")')"
equal "I 62 places: 4 Central Asian countries" "KAZ,KGZ,TJK,UZB" \
	"$(p I 62 'x.places.map(x=>x.key).sort().join(",")')"
equal "I 2 Indonesia -> IDN, national" "IDN national" "$(p I 2 'x.places.map(x=>x.key).join(",")+" "+x.scope.join(",")')"
equal "I 4 Global -> scope global" global "$(p I 4 'x.scope.join(",")')"
equal "I 36 Regional (Arab States) -> regional" regional "$(p I 36 'x.scope.join(",")')"
contains "I 36 Regional (Arab States) names the Arab States grouping" "Arab States" \
	"$(p I 36 'x.places.map(x=>x.name+"/"+x.kind).join(",")')"
equal "I 36 Arab States is a grouping" grouping "$(p I 36 'x.places.find(x=>/Arab/.test(x.name)).kind')"
equal "I 90 the Gambia resolved (5 countries)" "CIV,GMB,MLI,NER,SEN" "$(p I 90 'x.places.map(x=>x.key).sort().join(",")')"
equal "II 26 (Nigeria) is NGA" NGA "$(json 'j.projects.find(x=>x.pillar==="II"&&x.serial===26&&/Nigeria/.test(x.title)).places.map(x=>x.key).join(",")' "$ALL")"
k10=$(p II 10 'x.places.map(x=>x.name+"="+x.kind).join(",")')
contains "II 10: FATF reported as an organisation" "FATF=organisation" "$k10"
contains "II 10: IAEA reported as an organisation" "IAEA=organisation" "$k10"
equal "II 10: no place of II 10 is taken for a country" 0 "$(p II 10 'x.places.filter(x=>x.kind==="country").length')"
orgs=$(json 'j.findings.filter(f=>f.pillar==="II"&&f.serial===10).map(f=>f.kind+":"+(f.subject||f.message)).join("\n")' "$WORK/check.json")
contains "check reports II 10 FATF as an organisation in the scope" "FATF" "$orgs"
contains "check reports II 10 places as organisations (place-is-organisation)" "place-is-organisation" "$orgs"
equal "every place of kind country has an ISO alpha-3 key" 0 \
	"$(json 'j.projects.flatMap(x=>x.places).filter(x=>x.kind==="country"&&!/^[A-Z]{3}$/.test(x.key)).length' "$ALL")"

# --- project ID shows every field ----------------------------------------
"$CTM" project "$(p I 1 'x.id')" --format json >"$WORK/one.json" 2>/dev/null
for f in id pillar serial title period status entities scope places activities; do
	equal "project --format json has field $f" true "$(json "\"$f\" in j" "$WORK/one.json")"
done
equal "project I 1 activities as in the file" \
	"Preventing and countering radicalization, terrorist recruitment and violent extremism." \
	"$(json 'j.activities' "$WORK/one.json")"
