#!/bin/bash
# 06-edge-cases.sh - the importer on synthetic fixtures modelled on the real
# format, as pillars III and IV of the same report would come (see the
# header comment of each fixture in tests/data/): count-line variants, rows
# split across page breaks, serial variants and defects, unknown entities and
# places, repeated headers, stray text, rows before any heading, CRLF and
# BOM, period forms, --dry-run.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

P3=$FIX/edge-pillar3.md
P4=$FIX/edge-pillar4-crlf.md
NH=$FIX/no-heading.md
check "fixture sanity: the pillar IV fixture has CRLF line ends" -- grep -q $'\r$' "$P4"
check "fixture sanity: the pillar IV fixture starts with a UTF-8 BOM" -- \
	test "$(head -c 3 "$P4" | od -An -tx1 | tr -d ' ')" = efbbbf

# --- dry run first: it must write nothing ---------------------------------
out=$("$CTM" import annex --dry-run "$P3" "$P4" 2>&1)
equal "--dry-run exits 0" 0 $?
contains "--dry-run still reports what it read" "rows read" "$out"
"$CTM" projects --format json >"$WORK/d.json" 2>/dev/null
equal "--dry-run wrote no project" 0 "$(json 'j.total' "$WORK/d.json")"
"$CTM" check --format json >"$WORK/d.json" 2>/dev/null
equal "--dry-run wrote no finding" 0 "$(json 'j.findings.length' "$WORK/d.json")"

# --- import ---------------------------------------------------------------
err=$("$CTM" import annex "$P3" 2>&1 >/dev/null)
equal "pillar III fixture imports (exit 0)" 0 $?
"$CTM" import annex --quiet "$P4" >/dev/null 2>&1
equal "pillar IV fixture (CRLF, BOM) imports (exit 0)" 0 $?
"$CTM" projects --format json >"$WORK/all.json" 2>/dev/null
"$CTM" check --format json >"$WORK/check.json" 2>/dev/null
ALL=$WORK/all.json
# p PILLAR SERIAL EXPR: EXPR over project x with that serial
p() { json "(x=>x===undefined?\"(no such project)\":($3))(j.projects.find(x=>x.pillar===\"$1\"&&x.serial===$2))" "$ALL"; }
# t TITLE-REGEX EXPR: EXPR over the project whose title matches
t() { json "(x=>x===undefined?\"(no such project)\":($2))(j.projects.find(x=>/$1/.test(x.title)))" "$ALL"; }
# f JS-PREDICATE: the findings (kind:pillar:serial:message) matching
f() { json "j.findings.filter(f=>($1)).map(f=>f.kind+\":\"+f.pillar+\":\"+f.serial+\":\"+(f.subject||\"\")+\":\"+f.message).join(\"\\n\")" "$WORK/check.json"; }

# the fixture has 13 rows (serials 1-8, 10, 11, 12a, 13, 14): read it ourselves
equal "pillar III: 13 projects (one per row; continuations, headers, stray text are not rows)" 13 \
	"$(json 'j.projects.filter(x=>x.pillar==="III").length' "$ALL")"
equal "pillar IV: 3 projects" 3 "$(json 'j.projects.filter(x=>x.pillar==="IV").length' "$ALL")"
equal "pillar III, declared \"#### 13 projects\" = found: no count-mismatch" "" \
	"$(f 'f.kind==="count-mismatch"&&f.pillar==="III"')"
cm=$(f 'f.kind==="count-mismatch"&&f.pillar==="IV"')
contains "pillar IV, declared \"**4 projects**\", 3 found: count-mismatch" "count-mismatch:IV" "$cm"
contains "the pillar IV count-mismatch mentions the 4 declared" "4" "$(echo "$cm" | cut -d: -f5-)"
contains "the pillar IV count-mismatch mentions the 3 found" "3" "$(echo "$cm" | cut -d: -f5-)"

# --- page breaks ----------------------------------------------------------
equal "title split across a page break is joined" \
	"Synthetic Maritime Security Capacity Building in the Gulf of Guinea Quokkaberry" "$(p III 6 'x.title')"
equal "split title: the entity after the break is read" IMO "$(p III 6 'x.entities.map(e=>e.key).join(",")')"
equal "split title: the period after the break is read" "2017 2019" "$(p III 6 'x.period.start+" "+x.period.end')"
equal "split title: the status before the break is kept" ongoing "$(p III 6 'x.status')"
equal "split title: the scope before the break is kept" GHA "$(p III 6 'x.places.map(x=>x.key).join(",")')"
equal "scope split across a page break is joined (4 countries)" "BFA,MLI,NER,TCD" \
	"$(p III 7 'x.places.map(x=>x.key).sort().join(",")')"
equal "split scope: regional" regional "$(p III 7 'x.scope.join(",")')"
equal "no project was made of a continuation row" "" \
	"$(json 'j.projects.filter(x=>/^(Gulf of Guinea|Mali and Niger)/.test(x.title)).map(x=>x.title).join("|")' "$ALL")"
equal "no project was made of a repeated header row" 0 \
	"$(json 'j.projects.filter(x=>/Project Title\/|^Serial$/.test(x.title)).length' "$ALL")"

# --- serials --------------------------------------------------------------
equal "serial \"4.\" is read as 4" "Synthetic Conference on Aviation Screening" "$(p III 4 'x.title')"
equal "serial \"<b>5</b>\" is read as 5" "Synthetic Legal Drafting Course" "$(p III 5 'x.title')"
equal "the row with bad serial 12a is kept" 1 "$(json 'j.projects.filter(x=>x.title==="Synthetic Bad Serial Project").length' "$ALL")"
equal "the row with bad serial 12a has no serial" null "$(t 'Bad Serial' 'x.serial')"
bs=$(f 'f.kind==="bad-serial"&&f.pillar==="III"')
contains "bad serial 12a is reported as bad-serial" "bad-serial:III" "$bs"
contains "the bad-serial finding quotes the serial \"12a\" (not the whole row)" '"12a"' "$bs"
contains "the importer reports the bad serial on stderr" "bad-serial" "$err"
contains "missing serial 9 is reported (missing-serial, serial 9)" "missing-serial:III:9:" \
	"$(f 'f.kind==="missing-serial"')"
lacks "serials present are not reported missing (e.g. 10)" "missing-serial:III:10:" "$(f 'f.kind==="missing-serial"')"
equal "no duplicate-serial in the fixture" "" "$(f 'f.kind==="duplicate-serial"')"

# --- unknown entity -------------------------------------------------------
equal "unknown entity alone: the row is kept" "Synthetic Lone Unknown Entity Row" "$(p III 14 'x.title')"
equal "unknown entity alone: kept by name, without a key" "Quizzical Foundation:null" \
	"$(p III 14 'x.entities.map(e=>e.name+":"+e.key).join(",")')"
contains "unknown entity alone: reported unknown-entity with its name" "Quizzical Foundation" \
	"$(f 'f.kind==="unknown-entity"')"
equal "unknown entity after a known one: the row is kept" "Synthetic Cyber Response Drill" "$(p III 8 'x.title')"
equal "unknown entity after a known one: UNODC leads" UNODC "$(p III 8 'x.entities[0].key')"
equal "unknown entity after a known one: kept by name, without a key (not UNODC's)" "Zyzzogeton Institute:null" \
	"$(p III 8 'x.entities.slice(1).map(e=>e.name+":"+e.key).join(",")')"
contains "unknown entity after a known one: reported unknown-entity with its name" "Zyzzogeton Institute" \
	"$(f 'f.kind==="unknown-entity"')"
equal "known entities are not reported unknown" "" \
	"$(f 'f.kind==="unknown-entity"&&/UNODC|UNDP|ICAO|IMO|OHCHR|UNCCT|UNOCT/.test(f.message)')"

# --- unknown place --------------------------------------------------------
equal "unknown place: the row is kept" "Synthetic Community Policing Pilot" "$(p III 10 'x.title')"
contains "unknown place: the name is kept" "Atlantis" "$(p III 10 'x.places.map(x=>x.name).join(",")')"
contains "unknown place: reported unknown-place with its name" "Atlantis" "$(f 'f.kind==="unknown-place"')"
equal "known places are not reported unknown" "" "$(f 'f.kind==="unknown-place"&&!/Atlantis/.test(f.message)')"

# --- stray text -----------------------------------------------------------
sl=$(grep -n '^Source: synthetic stray note' "$P3" | cut -d: -f1)
equal "stray text between rows is not imported" 0 "$(json 'j.projects.filter(x=>/stray note/.test(x.title+x.status)).length' "$ALL")"
contains "stray text is reported by the import, with its line" "edge-pillar3.md:$sl:" "$err"
contains "stray text report quotes the text" "synthetic stray note" "$err"
contains "stray text stays queryable with check (import help: \"the findings stay queryable\")" "stray" \
	"$(f '/stray/.test(f.kind+f.message)')"
equal "the row after the stray text is imported" "Synthetic Victims Support Network" "$(p III 11 'x.title')"

# --- CRLF and BOM -----------------------------------------------------------
equal "CRLF: no title, status or scope keeps a CR" 0 "$(json 'j.projects.filter(x=>/\r/.test(JSON.stringify(x))).length' "$ALL")"
equal "CRLF: the last cell (scope) is read: IV 1 Jordan" JOR "$(p IV 1 'x.places.map(x=>x.key).join(",")')"
equal "CRLF: IV 2 Global" global "$(p IV 2 'x.scope.join(",")')"
equal "CRLF: IV 3 In development" in_development "$(p IV 3 'x.status')"
equal "BOM: the pillar heading on the first lines is recognised (IV 1 exists)" "Synthetic Human Rights Training for Police" \
	"$(p IV 1 'x.title')"
"$CTM" project "$(p IV 2 'x.id')" --format json >"$WORK/one.json" 2>/dev/null
equal "CRLF: activities without CR" "Writing a synthetic handbook." "$(json 'j.activities' "$WORK/one.json")"

# --- periods ----------------------------------------------------------------
equal "(since Apr. 2017): starts 2017-04, open-ended" "2017-04 null true" \
	"$(p III 1 'x.period.start+" "+x.period.end+" "+x.period.open_ended')"
equal "(since Apr. 2017): title clean" "Synthetic Border Management Workshop" "$(p III 1 'x.title')"
equal "(2016-ongoing): starts 2016, open-ended" "2016 null true" \
	"$(p III 2 'x.period.start+" "+x.period.end+" "+x.period.open_ended')"
equal "(Annual event. 2016, 2017 and 2018): annual" true "$(p III 3 'x.period.annual')"
equal "(Annual event. 2016, 2017 and 2018): 2016 to 2018" "2016 2018" "$(p III 3 'x.period.start+" "+x.period.end')"
equal "(Annual event. ...): title clean" "Synthetic Regional Dialogue Forum" "$(p III 3 'x.title')"
equal "(30 October–1 November 2016): day precision" "2016-10-30 2016-11-01" "$(p III 4 'x.period.start+" "+x.period.end')"
equal "(Jan. 2017-Jul. 2017): month precision" "2017-01 2017-07" "$(p III 5 'x.period.start+" "+x.period.end')"
equal "(2018): a one-year period" "2018 2018" "$(p III 7 'x.period.start+" "+x.period.end')"
equal "no period-unparsed finding for these forms" "" "$(f 'f.kind==="period-unparsed"')"
equal "Regional (Arab States) in pillar III: the Arab States grouping" "regional arab-states" \
	"$(p III 3 'x.scope.join(",")+" "+x.places.map(x=>x.key).join(",")')"

# --- idempotence on the fixtures ---------------------------------------------
"$CTM" projects --format json >"$WORK/before.json" 2>/dev/null
out=$("$CTM" import annex "$P3" "$P4" 2>&1)
contains "re-importing the fixtures adds nothing" "0 added" "$out"
contains "re-importing the fixtures updates nothing" "0 updated" "$out"
"$CTM" projects --format json >"$WORK/after.json" 2>/dev/null
check "re-importing the fixtures changes no project" -- cmp -s "$WORK/before.json" "$WORK/after.json"

# --- rows before any pillar heading --------------------------------------------
export CTMATRIX_DB=$WORK/nh.db
err=$("$CTM" import annex "$NH" 2>&1 >/dev/null)
equal "rows before any pillar heading: import fails (exit 1)" 1 $?
contains "rows before any pillar heading: the error names the file" "no-heading.md" "$err"
contains "rows before any pillar heading: the error says pillar" "pillar" "$(echo "$err" | tr 'A-Z' 'a-z')"
"$CTM" projects --format json >"$WORK/nh.json" 2>/dev/null
equal "rows before any pillar heading: nothing written" 0 "$(json 'j.total' "$WORK/nh.json")"
"$CTM" import annex --pillar III "$NH" >/dev/null 2>&1
equal "with --pillar III the same file imports (exit 0)" 0 $?
"$CTM" projects --pillar III --format json >"$WORK/nh.json" 2>/dev/null
equal "with --pillar III: its 2 rows are in pillar III" 2 "$(json 'j.total' "$WORK/nh.json")"
"$CTM" --db "$WORK/vii.db" import annex --pillar VII "$NH" >/dev/null 2>&1
equal "import --pillar VII is a command-line error (exit 2)" 2 $?
"$CTM" --db "$WORK/vii.db" projects --format json >"$WORK/vii.json" 2>/dev/null
equal "import --pillar VII: no project without a pillar I-IV is written" 0 \
	"$(json 'j.projects.filter(x=>!["I","II","III","IV"].includes(x.pillar)).length' "$WORK/vii.json")"
