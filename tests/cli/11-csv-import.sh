#!/bin/bash
# 11-csv-import.sh - importing a CSV of projects (doc/csv-format.md): the
# template imports and imports again unchanged; edited rows are "changed";
# a defect that makes a record unusable (no title, an unknown column) fails
# the import with file:line and leaves the database as it was; quoted
# fields with commas, quotes and line breaks, a BOM and CRLF; --entity
# (a focal point's upload) refuses the rows of other entities, listed in a
# dry run, failing a real import; --dry-run lists every row's outcome, for
# the published matrix too.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

TPL=$TOP/data/project-template.csv
Q=$FIX/projects-quoted.csv
BC=$FIX/projects-bom-crlf.csv

# snapshot NAME: what a user can see of the database
snapshot() {
	d=$WORK/snap-$1
	mkdir -p "$d"
	"$CTM" projects --format json >"$d/projects.json" 2>/dev/null
	"$CTM" stats --by pillar --format json >"$d/stats.json" 2>/dev/null
	"$CTM" check --format json >"$d/check.json" 2>/dev/null
}
total() { "$CTM" stats --by pillar --format json >"$WORK/t.json" 2>/dev/null && json 'j.total' "$WORK/t.json"; }
# pj SERIAL EXPR: EXPR over the project x with that serial
pj() {
	"$CTM" projects --format json >"$WORK/p.json" 2>/dev/null
	json "(x=>x===undefined?\"(no such project)\":($2))(j.projects.find(x=>x.serial===$1))" "$WORK/p.json"
}
# pf SERIAL EXPR: EXPR over the project x with that serial, every field
pf() {
	"$CTM" project "$(pj "$1" x.id)" --format json >"$WORK/pf.json" 2>/dev/null
	json "(x=>($2))(j)" "$WORK/pf.json"
}

# --- the template ---------------------------------------------------------
check "fixture sanity: the template has a header and 2 rows" -- \
	test "$(wc -l <"$TPL")" -eq 3
out=$("$CTM" import "$TPL" 2>&1)
equal "the template imports (exit 0)" 0 $?
contains "the template adds its 2 rows" "2 added" "$out"
equal "2 projects" 2 "$(total)"
equal "row 18: pillar I" I "$(pj 18 x.pillar)"
equal "row 18: entities, lead first" "UNODC UNCCT CTED EU" "$(pj 18 'x.entities.map(e=>e.key).join(" ")')"
equal "row 18: the period read" "2017 2021" "$(pj 18 'x.period.start+" "+x.period.end')"
equal "row 18: the places resolved" "JOR KAZ MAR TUN" "$(pj 18 'x.places.map(p=>p.key).join(" ")')"
equal "row 18: the scope derived as the matrix does" regional "$(pj 18 'x.scope.join(",")')"
equal "row 6: pillar II, status completed" "II completed" "$(pj 6 'x.pillar+" "+x.status')"
equal "row 6: the entity by its alias" 1540-Committee "$(pj 6 'x.entities[0].key')"
snapshot a

sleep 1 # so that a rewrite would show in updated_at
out=$("$CTM" import "$TPL" 2>&1)
equal "the template again (exit 0)" 0 $?
contains "the template again: 2 unchanged" "2 unchanged" "$out"
contains "the template again: nothing added" "0 added" "$out"
snapshot b
same "the template again: the database is as it was" a b

out=$("$CTM" import annex "$TPL" 2>&1)
contains "import annex FILE.csv (the old form) reads it as CSV" "2 unchanged" "$out"
cp "$TPL" "$WORK/template.txt"
out=$("$CTM" import --format csv --dry-run "$WORK/template.txt" 2>&1)
contains "--format csv reads a file of any name as CSV (the same rows)" "2 unchanged" "$out"
status "--format json is refused" 2 -- "$CTM" import --format json "$TPL"

# --- changed rows ---------------------------------------------------------
# row 6: the status changes; row 18: the title changes in case only (the
# identity is pillar, serial and the title folded)
sed -e 's/^II,6,\(.*\),Completed,/II,6,\1,Ongoing,/' \
	-e 's/^I,18,Technical Assistance/I,18,TECHNICAL ASSISTANCE/' \
	"$TPL" >"$WORK/changed.csv"
equal "fixture sanity: the changed copy differs in 2 lines" 2 \
	"$(diff "$TPL" "$WORK/changed.csv" | grep -c '^>')"
out=$("$CTM" import --dry-run "$WORK/changed.csv" 2>&1)
equal "changed rows: the dry run exits 0" 0 $?
contains "changed rows: row 18 listed as changed with file:line" \
	"changed   $WORK/changed.csv:2  TECHNICAL ASSISTANCE" "$out"
contains "changed rows: row 6 listed as changed with file:line" \
	"changed   $WORK/changed.csv:3  1540 Export Control Seminar" "$out"
equal "changed rows: the dry run wrote nothing" completed "$(pj 6 x.status)"
out=$("$CTM" import "$WORK/changed.csv" 2>&1)
contains "changed rows: 2 updated" "2 updated" "$out"
equal "changed rows: still 2 projects" 2 "$(total)"
equal "changed rows: row 6 has its new status" ongoing "$(pj 6 x.status)"
equal "changed rows: row 18 has its new title" "TECHNICAL ASSISTANCE" \
	"$(pj 18 'x.title.slice(0,20)')"
# a reworded title is another row: the old project stays
sed 's/^II,6,1540 Export Control Seminar,/II,6,Seminar on 1540 Export Controls,/' \
	"$WORK/changed.csv" >"$WORK/reworded.csv"
out=$("$CTM" import --dry-run "$WORK/reworded.csv" 2>&1)
contains "a reworded title is a new row (added)" \
	"added     $WORK/reworded.csv:3  Seminar on 1540 Export Controls" "$out"
"$CTM" import --quiet "$TPL" >/dev/null 2>&1

# --- a record with no title: nothing is written ---------------------------
snapshot c
{
	head -2 "$TPL"
	echo 'III,7,,2018,UNODC,Ongoing,Some activities.,Global'
} >"$WORK/notitle.csv"
err=$("$CTM" import "$WORK/notitle.csv" 2>&1 >/dev/null)
equal "no title: exit 1" 1 $?
contains "no title: the error names file:line" "notitle.csv:3: the title is empty" "$err"
snapshot d
same "no title: the database is as it was (the good row is not written)" c d
{
	head -1 "$TPL"
	echo ',8,A title,2018,UNODC,Ongoing,Some activities.,Global'
} >"$WORK/nopillar.csv"
err=$("$CTM" import "$WORK/nopillar.csv" 2>&1 >/dev/null)
equal "no pillar: exit 1" 1 $?
contains "no pillar: the error names file:line" "nopillar.csv:2: the pillar is empty" "$err"
sed 's/^I,18,/IX,18,/' "$TPL" >"$WORK/pillar9.csv"
err=$("$CTM" import "$WORK/pillar9.csv" 2>&1 >/dev/null)
contains "a pillar the framework lacks: file:line" "pillar9.csv:2: pillar IX is not in the strategy framework" "$err"
sed 's/^I,18,/I,18a,/' "$TPL" >"$WORK/serial.csv"
err=$("$CTM" import "$WORK/serial.csv" 2>&1 >/dev/null)
contains "a serial that is no number: file:line" "serial.csv:2: serial \"18a\"" "$err"
snapshot e
same "none of these wrote anything" c e

# --- header defects -------------------------------------------------------
sed '1s/$/,Budget/; 2,$s/$/,100/' "$TPL" >"$WORK/budget.csv"
err=$("$CTM" import "$WORK/budget.csv" 2>&1 >/dev/null)
equal "unknown column: exit 1" 1 $?
contains "unknown column: the error names it, at line 1" "budget.csv:1: unknown column \"Budget\"" "$err"
sed '1s/title/Title/; 1s/pillar/PILLAR/' "$TPL" >"$WORK/case.csv"
out=$("$CTM" import "$WORK/case.csv" 2>&1)
contains "column names in any case" "2 unchanged" "$out"
printf 'serial,pillar,title\n5,II,x\n' >"$WORK/order.csv"
out=$("$CTM" import --dry-run "$WORK/order.csv" 2>&1)
contains "columns in any order, most of them optional" "1 added" "$out"
printf 'serial,pillar,status\n5,II,Ongoing\n' >"$WORK/notitlecol.csv"
err=$("$CTM" import "$WORK/notitlecol.csv" 2>&1 >/dev/null)
contains "a header without title: said" "notitlecol.csv:1: the header has no title column" "$err"
printf 'pillar,title,pillar\nI,x,II\n' >"$WORK/twice.csv"
err=$("$CTM" import "$WORK/twice.csv" 2>&1 >/dev/null)
contains "a column named twice: said" "twice.csv:1: column \"pillar\" is named twice" "$err"
printf 'pillar,title\nI,x,extra\n' >"$WORK/fields.csv"
err=$("$CTM" import "$WORK/fields.csv" 2>&1 >/dev/null)
contains "a record longer than the header: file:line" "fields.csv:2: the record has 3 fields where the header has 2" "$err"
printf 'pillar,title\nI,"never closed\n' >"$WORK/open.csv"
err=$("$CTM" import "$WORK/open.csv" 2>&1 >/dev/null)
contains "an open quote: file:line" "open.csv:2: quoted field" "$err"
printf 'pillar,title\nI,caf\351\n' >"$WORK/latin1.csv"
err=$("$CTM" import "$WORK/latin1.csv" 2>&1 >/dev/null)
contains "invalid UTF-8: file:line:column" "latin1.csv:2:6: invalid UTF-8" "$err"
snapshot f
same "no header defect wrote anything" c f

# --- quoted fields, BOM, CRLF ---------------------------------------------
export CTMATRIX_DB=$WORK/quoted.db
out=$("$CTM" import "$Q" "$BC" 2>&1)
equal "quoted fields, BOM and CRLF: exit 0" 0 $?
contains "quoted fields, BOM and CRLF: 4 added" "4 added" "$out"
equal "a title with a comma and doubled quotes" 'Youth, Peace and Security: "Voices" of the Sahel' "$(pj 901 x.title)"
equal "activities over three lines, joined" "Workshops, dialogues and radio programmes." "$(pf 901 x.activities)"
equal "the scope field with commas: three countries" "MLI NER BFA" "$(pj 901 'x.places.map(p=>p.key).join(" ")')"
equal "entities split on ;" "UNOCT UNDP" "$(pj 901 'x.entities.map(e=>e.key).join(" ")')"
equal "the record after a multi-line one has its own line (5)" \
	"$Q:5" "$(pf 902 'x.source.file+":"+x.source.line')"
equal "BOM and CRLF: pillar \"2\" is II, period in parentheses read" "II 2018-03" "$(pj 904 'x.pillar+" "+x.period.start')"
equal "BOM and CRLF: the title has no stray CR" "Maritime security, a course" "$(pj 904 x.title)"
contains "an unknown entity is counted as the matrix counts it" "1 unknown entities" "$out"
contains "an unknown place is counted as the matrix counts it" "1 unknown places" "$out"
contains "an unread period is noted with file:line" "projects-quoted.csv:6: period-unparsed" "$out"
contains "an empty status is noted with file:line" "projects-quoted.csv:6: missing-field" "$out"
"$CTM" check --format json >"$WORK/check.json" 2>/dev/null
equal "check lists the unknown entity" 1 \
	"$(json 'j.findings.filter(f=>f.kind==="unknown-entity"&&f.subject==="Ministry of Magic").length' "$WORK/check.json")"
equal "check lists the unknown place" 1 \
	"$(json 'j.findings.filter(f=>f.kind==="unknown-place"&&f.subject==="Atlantis").length' "$WORK/check.json")"

# --- --entity: a focal point's upload -------------------------------------
export CTMATRIX_DB=$WORK/entity.db
snapshot g
out=$("$CTM" import --dry-run --entity UNODC "$TPL" 2>&1)
equal "--entity, dry run: exit 0 though a row is refused" 0 $?
contains "--entity, dry run: UNODC's row is added" "added     $TPL:2" "$out"
contains "--entity, dry run: the 1540 Committee's row is refused" "refused   $TPL:3  1540 Export Control Seminar" "$out"
contains "--entity, dry run: the refusal is a note with file:line" "$TPL:3: not-your-entity: the row does not name UNODC" "$out"
contains "--entity, dry run: counted" "1 refused" "$out"
snapshot h
same "--entity, dry run: nothing written" g h
err=$("$CTM" import --entity UNODC "$TPL" 2>&1 >/dev/null)
equal "--entity, real import with a refused row: exit 1" 1 $?
contains "--entity, real import: the error names file:line and the entity" "$TPL:3: the row does not name UNODC" "$err"
snapshot i
same "--entity, real import: nothing written (not even UNODC's row)" g i
out=$("$CTM" import --entity UNSC "$TPL" 2>&1)
equal "--entity UNSC: rows of its sub-units (CTED, 1540 Committee) pass" 0 $?
contains "--entity UNSC: both rows added" "2 added" "$out"
out=$("$CTM" import --dry-run --entity UNOCT "$TPL" 2>&1)
contains "--entity UNOCT: a row naming UNCCT (its sub-unit) passes" "unchanged $TPL:2" "$out"
contains "--entity UNOCT: the other row is refused" "refused   $TPL:3" "$out"
out=$("$CTM" import --dry-run --entity hcdh "$TPL" 2>&1)
contains "--entity by alias (hcdh is OHCHR)" "does not name OHCHR" "$out"
status "--entity that is no organisation" 2 -- "$CTM" import --entity NOSUCHORG "$TPL"
# UNODC names itself on the 1540 Committee's project: still refused
sed 's/^II,6,\(.*\),1540 Committee,Completed,/II,6,\1,UNODC; 1540 Committee,Ongoing,/' \
	"$TPL" >"$WORK/hijack.csv"
check "fixture sanity: the hijack copy names UNODC on row 6" -- grep -q 'UNODC; 1540' "$WORK/hijack.csv"
out=$("$CTM" import --dry-run --entity UNODC "$WORK/hijack.csv" 2>&1)
contains "--entity: a row updating another entity's project is refused" "refused   $WORK/hijack.csv:3" "$out"
contains "--entity: ... and the note says why" "which does not name UNODC" "$out"
snapshot j
err=$("$CTM" import --entity UNODC "$WORK/hijack.csv" 2>&1 >/dev/null)
equal "--entity: updating another entity's project fails (exit 1)" 1 $?
snapshot k
same "--entity: ... and writes nothing" j k
head -2 "$TPL" | sed 's/^\(I,18,.*\),Ongoing,/\1,Completed,/' >"$WORK/own.csv"
out=$("$CTM" import --entity UNODC "$WORK/own.csv" 2>&1)
equal "--entity: updating its own project works (exit 0)" 0 $?
contains "--entity: ... 1 updated" "1 updated" "$out"

# --- --dry-run lists every row of the published matrix too ---------------
export CTMATRIX_DB=$WORK/matrix.db
out=$("$CTM" import annex --dry-run "$DATA" 2>/dev/null)
equal "matrix, fresh database: 176 rows listed added" 176 "$(printf '%s\n' "$out" | grep -c '^added ')"
contains "matrix: a row with file:line and title" \
	"added     $DATA:16  Pilot Project on Countering Radicalization" "$out"
equal "matrix dry run wrote nothing" 0 "$(total)"
"$CTM" import --quiet "$DATA" >/dev/null 2>&1
out=$("$CTM" import --dry-run "$DATA" 2>/dev/null)
equal "matrix, after the import: 176 rows listed unchanged" 176 "$(printf '%s\n' "$out" | grep -c '^unchanged ')"
equal "matrix, after the import: nothing else listed" 177 "$(printf '%s\n' "$out" | wc -l)"
out=$("$CTM" import --dry-run --quiet "$DATA" 2>/dev/null)
equal "--quiet: only the summary line" 1 "$(printf '%s\n' "$out" | wc -l)"
