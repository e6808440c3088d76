#!/bin/bash
# 19-results.sh - results: the periods a report is of (quarters, half
# years, years; any case; never overlapping within a project), values
# with at most three decimals kept as thousandths and given back as
# decimal strings, disaggregation by category (normalised; a sum
# indicator's categories add up to its total, which is computed when left
# out), the moves of a report (draft, submitted, returned with a note,
# approved by the secretariat, withdrawn to draft by its editors) and the
# lock an approval puts on the report, its indicators and their results;
# the events and the audit trail of every change; who may change what
# (a focal point its entity's projects; viewers and analysts nothing) on
# the command line (--as) and the API; who sees reports not yet approved;
# the progress reports (to date and progress against the target by
# aggregate, totals by unit and category across projects, by Working
# Group through a project's thematic areas, CSV), computed here by hand
# from the values entered; and every refusal leaving the tables as they
# were.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

DB=$CTMATRIX_DB
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
PW="a long enough password"
for u in "sec --role secretariat" "fp --role focal_point --entity UNICRI" \
	"fp2 --role focal_point --entity UNODC" "view --role viewer" \
	"an --role analyst --entity CTED"; do
	# shellcheck disable=SC2086
	echo "$PW" | "$CTM" user add $u >/dev/null 2>&1 ||
		echo "not ok - user add $u"
done
q() { dbq --db "$DB" "$1"; }
# Everything a refused change must leave as it was: counts, then a hash.
snap() {
	printf '%s %s\n' "$(q "SELECT (SELECT count(*) FROM result) || '/' ||
	    (SELECT count(*) FROM indicator) || '/' ||
	    (SELECT count(*) FROM result_report) || '/' ||
	    (SELECT count(*) FROM result_value) || '/' ||
	    (SELECT count(*) FROM result_event) || '/' ||
	    (SELECT count(*) FROM audit)")" \
		"$(q "SELECT * FROM result ORDER BY id;
		SELECT * FROM indicator ORDER BY id;
		SELECT * FROM result_report ORDER BY id;
		SELECT * FROM result_value ORDER BY 1, 2, 3;
		SELECT * FROM result_event ORDER BY id;
		SELECT * FROM audit ORDER BY id;
		SELECT * FROM project_area ORDER BY 1, 2" | md5sum | cut -c1-32)"
}
# Two projects of UNICRI's (not UNODC's), one more for periods, and one
# of other entities whose title has a comma.
read -r MINE MINE2 PER <<<"$(q "SELECT group_concat(id, ' ') FROM (SELECT p.id
	FROM project p JOIN project_org o ON o.project_id = p.id AND o.position = 0
	JOIN organisation g ON g.id = o.organisation_id WHERE g.key = 'UNICRI'
	AND NOT EXISTS (SELECT 1 FROM project_org x JOIN organisation y ON
	 y.id = x.organisation_id WHERE x.project_id = p.id AND y.key = 'UNODC')
	ORDER BY p.id LIMIT 3) AS x0")"
OTHER=$(q "SELECT min(id) FROM project p WHERE title LIKE '%,%' AND NOT EXISTS
	(SELECT 1 FROM project_org o JOIN organisation g ON g.id =
	 o.organisation_id WHERE o.project_id = p.id AND g.key = 'UNICRI')")
OTITLE=$(q "SELECT title FROM project WHERE id = $OTHER")
check "fixture: three projects of UNICRI, one of others with a comma in its title" -- \
	test -n "$PER" -a -n "$OTHER"
# rid PROJECT PERIOD: the id of the project's report of the period
rid() { q "SELECT id FROM result_report WHERE project_id = $1 AND period = '$2'"; }
# val REPORT INDICATOR [CATEGORY]: a value as stored, in thousandths
val() { q "SELECT value FROM result_value WHERE report_id = $1 AND indicator_id = $2 AND category = '${3:-}'"; }
show() { "$CTM" results show "$1" --format json ${2:+--as "$2"} >"$WORK/r.json"; }

# --- periods -------------------------------------------------------------------
before=$(snap)
for bad in 2025-Q5 25 2025-13 2025-H3 2025-Q 2025-Q1x "" 2025q1; do
	out=$("$CTM" report "$PER" "$bad" 2>&1)
	rc=$?
	equal "periods: \"$bad\" is refused (exit 1)" 1 "$rc"
	contains "periods: \"$bad\": the message says what a period is" \
		"a quarter (2025-Q2), a half year (2025-H1) or a year (2025)" "$out"
done
out=$("$CTM" report "$PER" 1800 2>&1)
contains "periods: the year 1800 is out of range" "year 1800 is not between" "$out"
equal "periods: the refusals changed nothing" "$before" "$(snap)"
while read -r key typed start end kind; do
	"$CTM" report "$PER" "$typed" >/dev/null
	show "$PER"
	equal "periods: \"$typed\" is $key, $start to $end, $kind" \
		"$key $start $end $kind" \
		"$(json 'j.reports.map(r=>[r.period,r.start,r.end,r.kind].join(" ")).join("|")' "$WORK/r.json")"
	"$CTM" report delete "$PER" "$typed" >/dev/null
done <<'EOF'
2025-Q1 2025-Q1 2025-01-01 2025-03-31 quarterly
2025-Q2 2025-q2 2025-04-01 2025-06-30 quarterly
2025-Q3 2025-Q3 2025-07-01 2025-09-30 quarterly
2025-Q4 2025-q4 2025-10-01 2025-12-31 quarterly
2025-H1 2025-h1 2025-01-01 2025-06-30 mid-year
2025-H2 2025-H2 2025-07-01 2025-12-31 second half-year
2025 2025 2025-01-01 2025-12-31 end-of-year
EOF
equal "periods: each made and deleted again" 0 \
	"$(q "SELECT count(*) FROM result_report WHERE project_id = $PER")"
# overlap FIRST SECOND: SECOND refused once FIRST is there
overlap() {
	"$CTM" report "$PER" "$1" >/dev/null
	before=$(snap)
	out=$("$CTM" report "$PER" "$2" 2>&1)
	rc=$?
	equal "periods: $2 after $1 is refused (exit 1)" 1 "$rc"
	contains "periods: $2 after $1: the message names the report it overlaps" \
		"has a report of $1, which overlaps $2" "$out"
	equal "periods: $2 after $1: nothing changed" "$before" "$(snap)"
	"$CTM" report delete "$PER" "$1" >/dev/null
}
overlap 2025-Q1 2025-H1
overlap 2025-H1 2025-Q2
overlap 2025 2025-Q3
overlap 2025-Q4 2025
overlap 2025-H2 2025-Q4
check "periods: Q1 and Q2 do not overlap" -- "$CTM" report "$PER" 2025-Q1
check "periods: Q2 after Q1" -- "$CTM" report "$PER" 2025-Q2
"$CTM" report delete "$PER" 2025-Q1 >/dev/null
"$CTM" report delete "$PER" 2025-Q2 >/dev/null
check "periods: 2024 and 2025-H1 do not overlap" -- "$CTM" report "$PER" 2024
check "periods: 2025-H1 after 2024" -- "$CTM" report "$PER" 2025-H1
check "periods: 2025-Q3 after 2025-H1" -- "$CTM" report "$PER" 2025-Q3
equal "periods: the three stored, keys as written by the code" "2024 2025-H1 2025-Q3" \
	"$(q "SELECT group_concat(period, ' ') FROM (SELECT period FROM result_report WHERE project_id = $PER ORDER BY period_start) AS x1")"
"$CTM" report "$PER" 2025-h1 --narrative "again, in lower case" >/dev/null
equal "periods: 2025-h1 is the report of 2025-H1, changed, not another" \
	"3 again, in lower case" \
	"$(q "SELECT count(*) || ' ' || max(CASE WHEN period = '2025-H1' THEN narrative END) FROM result_report WHERE project_id = $PER")"

# --- the results framework -----------------------------------------------------
STMT='Officials apply the law <script>alert("x")</script> & more'
OUTC=$("$CTM" results add "$MINE" --level outcome --statement "$STMT")
OUTP=$("$CTM" results add "$MINE" --level output --statement "Training delivered" --outcome "$OUTC")
equal "results: the output stands under the outcome" "$OUTC" \
	"$(q "SELECT outcome_id FROM result WHERE id = $OUTP")"
before=$(snap)
out=$("$CTM" results add "$MINE" --level impact --statement x 2>&1)
contains "results: a level is outcome or output" "outcome or an output" "$out"
out=$("$CTM" results add "$MINE" --level output --statement x --outcome "$OUTP" 2>&1)
contains "results: an output stands under an outcome, not an output" "is no outcome" "$out"
out=$("$CTM" results add "$MINE" --level output --statement "   " 2>&1)
contains "results: a statement is required" "statement is required" "$out"
equal "results: the refusals changed nothing" "$before" "$(snap)"
I1=$("$CTM" indicators add "$OUTC" --name "Officials trained" --unit officials \
	--baseline 10 --target 100 --categories "Female, male")
I2=$("$CTM" indicators add "$OUTP" --name "Share of cases tried" --unit % \
	--aggregate last --baseline 20 --target 60)
I3=$("$CTM" indicators add "$OUTP" --name "Workshops" --unit workshops --target 8)
equal "indicators: categories \"Female, male\" stored as female,male" "female,male" \
	"$(q "SELECT categories FROM indicator WHERE id = $I1")"
R2=$("$CTM" results add "$MINE2" --level outcome --statement "Second project")
I4=$("$CTM" indicators add "$R2" --name "Trained" --unit OFFICIALS --target 50 \
	--categories female,male)
RO=$("$CTM" results add "$OTHER" --level output --statement "Another entity's")
I5=$("$CTM" indicators add "$RO" --name "Officials" --unit Officials --target 20)
before=$(snap)
out=$("$CTM" indicators add "$OUTC" --name X --unit u --categories "a,,b" 2>&1)
contains "indicators: an empty category is refused" "missing between commas" "$out"
out=$("$CTM" indicators add "$OUTC" --name X --unit u --categories "a,A" 2>&1)
contains "indicators: a category given twice (in any case) is refused" "given twice" "$out"
out=$("$CTM" indicators add "$OUTC" --name X --unit u --categories "a b" 2>&1)
contains "indicators: a category of letters, digits, - and _" "other than letters" "$out"
out=$("$CTM" indicators add "$OUTC" --name X --unit u --aggregate mean 2>&1)
contains "indicators: sum or last" "sum or last" "$out"
out=$("$CTM" indicators add "$OUTC" --name X --unit u --target 1.0001 2>&1)
contains "indicators: a target of four decimals is refused" "at most three decimals" "$out"
out=$("$CTM" indicators add 999999 --name X --unit u 2>&1)
contains "indicators: of no result" "no result 999999" "$out"
equal "indicators: the refusals changed nothing" "$before" "$(snap)"
show "$MINE"
equal "JSON: the statement with <script> comes back verbatim" "$STMT" \
	"$(json 'j.results.find(r=>r.id==='"$OUTC"').statement' "$WORK/r.json")"
equal "JSON: categories as an array; baseline and target as decimal strings" \
	'["female","male"] "10" "100" string' \
	"$(json '(i=>[JSON.stringify(i.categories),JSON.stringify(i.baseline),JSON.stringify(i.target),typeof i.target].join(" "))(j.results[0].indicators[0])' "$WORK/r.json")"

# --- values --------------------------------------------------------------------
"$CTM" report "$MINE" 2025-Q1 --as fp >/dev/null
Q1=$(rid "$MINE" 2025-Q1)
while read -r typed milli dec; do
	check "values: $typed accepted" -- "$CTM" report "$MINE" 2025-Q1 --value "$I3=$typed" --as fp
	equal "values: $typed kept as $milli thousandths" "$milli" "$(val "$Q1" "$I3")"
	show "$MINE" fp
	equal "values: $typed given back as the decimal string \"$dec\"" "\"$dec\"" \
		"$(json 'JSON.stringify(j.reports[0].values.find(v=>v.indicator==='"$I3"').value)' "$WORK/r.json")"
done <<'EOF'
1250 1250000 1250
1,250 1250000 1250
12.5 12500 12.5
0.125 125 0.125
-3 -3000 -3
1,234,567.5 1234567500 1234567.5
1,000,000,000,000 1000000000000000 1000000000000
-1000000000000 -1000000000000000 -1000000000000
EOF
before=$(snap)
for bad in 12.3456 1,25 abc "" 1.2.3 "12," ,12 1e3 --1 1,000,000,000,000.001 \
	-1000000000001 9223372036854779 99999999999999999999; do
	out=$("$CTM" report "$MINE" 2025-Q1 --value "$I3=$bad" --as fp 2>&1)
	rc=$?
	equal "values: \"$bad\" refused (exit 1)" 1 "$rc"
	contains "values: \"$bad\": the message names the indicator" "indicator $I3" "$out"
done
equal "values: the refusals changed nothing" "$before" "$(snap)"

# --- disaggregation ------------------------------------------------------------
before=$(snap)
F=1 M=3 T=5
out=$("$CTM" report "$MINE" 2025-Q1 --value "$I1=$T" --value "$I1:female=$F" \
	--value "$I1:male=$M" --as fp 2>&1)
contains "categories: that do not add up to the total are refused, with the numbers" \
	"add up to $((F + M)), not to its total $T" "$out"
out=$("$CTM" report "$MINE" 2025-Q1 --value "$I1:female=2" --as fp 2>&1)
contains "categories: some without the total are refused" "give its total" "$out"
out=$("$CTM" report "$MINE" 2025-Q1 --value "$I1:female=6" --value "$I1=5" --as fp 2>&1)
contains "categories: some, more than the total, are refused with the numbers" \
	"add up to 6, more than its total 5" "$out"
out=$("$CTM" report "$MINE" 2025-Q1 --value "$I1:other=2" --value "$I1=2" --as fp 2>&1)
contains "categories: one the indicator has not is refused" "has no category \"other\"" "$out"
out=$("$CTM" report "$MINE" 2025-Q1 --value "$I3=2" --value "$I3=3" --as fp 2>&1)
contains "values: the same indicator twice is refused" "$I3 is given twice" "$out"
out=$("$CTM" report "$MINE" 2025-Q1 --value "$I1:female=2" --value "$I1:female=2" --value "$I1=4" --as fp 2>&1)
contains "values: the same category twice is refused" "$I1 female is given twice" "$out"
out=$("$CTM" report "$MINE" 2025-Q1 --value "$I5=2" 2>&1)
contains "values: an indicator of another project is refused" \
	"indicator $I5 is not one of this project's" "$out"
out=$("$CTM" report "$MINE" 2025-Q1 --value "$I1:female=1.5" --value "$I1:male=1.4444" 2>&1)
contains "values: a category's value of four decimals is refused" "at most three decimals" "$out"
equal "categories: the refusals changed nothing" "$before" "$(snap)"
# Every category, no total: the total is their sum.
F1=15 M1=10.5
"$CTM" report "$MINE" 2025-Q1 --value "$I1:female=$F1" --value "$I1:male=$M1" \
	--value "$I2=25" --value "$I3=4" --as fp >/dev/null
T1=$(awk "BEGIN{print $F1 + $M1}")
equal "categories: the total left out is their sum ($F1 + $M1)" \
	"$(awk "BEGIN{print ($F1 + $M1) * 1000}")" "$(val "$Q1" "$I1")"
show "$MINE" fp
equal "categories: the values by category, as decimal strings" \
	"$T1 {\"female\":\"$F1\",\"male\":\"$M1\"}" \
	"$(json '(v=>v.value+" "+JSON.stringify(v.by))(j.reports[0].values.find(v=>v.indicator==='"$I1"'))' "$WORK/r.json")"
check "categories: some of them with the total are taken" -- \
	"$CTM" report "$MINE2" 2025-Q1 --value "$I4=9" --value "$I4:female=4"
equal "categories: ... as given" "9000 4000 " \
	"$(R=$(rid "$MINE2" 2025-Q1); echo "$(val "$R" "$I4") $(val "$R" "$I4" female) $(val "$R" "$I4" male)")"
check "categories: the same with the total written as 9.000" -- \
	"$CTM" report "$MINE2" 2025-Q1 --value "$I4=9.000" --value "$I4:female=4" --value "$I4:male=5"
"$CTM" report delete "$MINE2" 2025-Q1 >/dev/null

# --- the moves of a report -----------------------------------------------------
before=$(snap)
out=$("$CTM" report approve "$MINE" 2025-Q1 --as sec 2>&1)
contains "moves: a draft is not approved" "a report that is draft cannot be approved" "$out"
out=$("$CTM" report withdraw "$MINE" 2025-Q1 --as fp 2>&1)
contains "moves: a draft is not withdrawn" "cannot be withdrawn to draft" "$out"
out=$("$CTM" report submit "$MINE" 2025-Q1 --as view 2>&1)
contains "moves: a viewer submits nothing (nor learns of the draft)" "has no report of 2025-Q1" "$out"
out=$("$CTM" report submit "$MINE" 2025-Q1 --as fp2 2>&1)
contains "moves: a focal point of another entity submits nothing (nor learns of it)" "has no report of 2025-Q1" "$out"
out=$("$CTM" report submit "$MINE" 2026-Q1 --as fp 2>&1)
contains "moves: of a period without a report" "has no report of 2026-Q1" "$out"
equal "moves: the refusals changed nothing" "$before" "$(snap)"
check "moves: the focal point submits" -- "$CTM" report submit "$MINE" 2025-Q1 --as fp
before=$(snap)
out=$("$CTM" report "$MINE" 2025-Q1 --value "$I3=5" --as fp 2>&1)
contains "moves: a submitted report takes no change" "withdraw it to draft" "$out"
out=$("$CTM" report approve "$MINE" 2025-Q1 --as fp 2>&1)
contains "moves: the focal point approves nothing" "only the secretariat" "$out"
out=$("$CTM" report return "$MINE" 2025-Q1 --as fp --note "x" 2>&1)
contains "moves: nor returns" "only the secretariat" "$out"
out=$("$CTM" report return "$MINE" 2025-Q1 --as sec 2>&1)
contains "moves: returning needs a note" "note saying what to change is required" "$out"
out=$("$CTM" report return "$MINE" 2025-Q1 --as sec --note "   " 2>&1)
contains "moves: a note of blanks is none" "is required" "$out"
out=$("$CTM" report delete "$MINE" 2025-Q1 --as fp 2>&1)
contains "moves: a submitted report is not deleted" "withdraw it to draft first" "$out"
out=$("$CTM" report submit "$MINE" 2025-Q1 --as fp 2>&1)
contains "moves: a submitted report is not submitted again" "cannot be submitted" "$out"
equal "moves: the refusals changed nothing" "$before" "$(snap)"
check "moves: the focal point withdraws it to draft" -- "$CTM" report withdraw "$MINE" 2025-Q1 --as fp
equal "moves: ... a draft again" draft "$(q "SELECT status FROM result_report WHERE id = $Q1")"
check "moves: changed" -- "$CTM" report "$MINE" 2025-Q1 --value "$I1:female=$F1" \
	--value "$I1:male=$M1" --value "$I2=25" --value "$I3=3" --as fp
check "moves: submitted again" -- "$CTM" report submit "$MINE" 2025-Q1 --as fp
NOTE='Workshops: count the one of March, "B"'
check "moves: the secretariat returns it with a note" -- \
	"$CTM" report return "$MINE" 2025-Q1 --as sec --note "$NOTE"
equal "moves: returned, the note kept" "returned|$NOTE" \
	"$(q "SELECT status, note FROM result_report WHERE id = $Q1")"
W1=4
check "moves: a returned report takes changes" -- "$CTM" report "$MINE" 2025-Q1 \
	--value "$I1:female=$F1" --value "$I1:male=$M1" --value "$I2=25" --value "$I3=$W1" --as fp
check "moves: resubmitted" -- "$CTM" report submit "$MINE" 2025-Q1 --as fp
equal "moves: the note goes when it is resubmitted" "submitted|" \
	"$(q "SELECT status, note FROM result_report WHERE id = $Q1")"
check "moves: the secretariat approves" -- "$CTM" report approve "$MINE" 2025-Q1 --as sec
equal "moves: the events, in order, with who made each" \
	"-:draft:fp draft:submitted:fp submitted:draft:fp draft:submitted:fp submitted:returned:sec returned:submitted:fp submitted:approved:sec" \
	"$(q "SELECT group_concat(coalesce(from_status, '-') || ':' || to_status || ':' || actor, ' ') FROM (SELECT * FROM result_event WHERE report_id = $Q1 ORDER BY id) AS x2")"
equal "moves: the event of the return keeps the note and the account" \
	"$NOTE|$(q "SELECT id FROM account WHERE login = 'sec'")" \
	"$(q "SELECT note, account_id FROM result_event WHERE report_id = $Q1 AND to_status = 'returned'")"
equal "audit: each move of the report an entry, by whom" \
	"submitted:fp draft:fp submitted:fp returned:sec submitted:fp approved:sec" \
	"$(q "SELECT group_concat(action || ':' || actor, ' ') FROM (SELECT * FROM audit WHERE subject = 'result_report' AND subject_id = $Q1 AND action NOT IN ('create', 'update') ORDER BY id) AS x3")"
equal "audit: the report's changes (made once, then changed)" "1 $(q "SELECT count(*) - 1 FROM audit WHERE subject = 'result_report' AND subject_id = $Q1 AND action IN ('create', 'update')")" \
	"$(q "SELECT count(*) FROM audit WHERE subject = 'result_report' AND subject_id = $Q1 AND action = 'create'") $(q "SELECT count(*) FROM audit WHERE subject = 'result_report' AND subject_id = $Q1 AND action = 'update'")"
equal "audit: the return's note in the entry" "$NOTE" \
	"$(q "SELECT json_extract(new, '\$.note') FROM audit WHERE subject = 'result_report' AND subject_id = $Q1 AND action = 'returned'")"
equal "audit: the 4 results and 5 indicators made are in the trail" "indicator:5 result:4" \
	"$(q "SELECT group_concat(s, ' ') FROM (SELECT subject || ':' || count(*) AS s FROM audit WHERE subject IN ('result', 'indicator') AND action = 'create' GROUP BY subject ORDER BY subject) AS x4")"

# --- the lock of an approved report ------------------------------------------
before=$(snap)
out=$("$CTM" report "$MINE" 2025-Q1 --value "$I3=9" 2>&1)
contains "locked: no value changes" "its period is locked" "$out"
out=$("$CTM" report "$MINE" 2025-Q1 --narrative "later" 2>&1)
contains "locked: nor the narrative" "its period is locked" "$out"
for verb in withdraw return approve submit; do
	out=$("$CTM" report "$verb" "$MINE" 2025-Q1 --note n --as sec 2>&1)
	contains "locked: no $verb" "its period is locked" "$out"
done
out=$("$CTM" report delete "$MINE" 2025-Q1 2>&1)
contains "locked: the report is not deleted" "its period is locked" "$out"
out=$("$CTM" indicators delete "$I1" 2>&1)
contains "locked: its indicators are not deleted" "it is locked" "$out"
for ch in "--unit people" "--aggregate last" "--categories female,male,other" "--categories none"; do
	# shellcheck disable=SC2086
	out=$("$CTM" indicators set "$I1" $ch 2>&1)
	contains "locked: the indicator's $ch is refused" "are locked" "$out"
done
out=$("$CTM" indicators set "$I1" --categories "" 2>&1)
contains "locked: nor are its categories removed" "are locked" "$out"
out=$("$CTM" results delete "$OUTC" 2>&1)
contains "locked: the result holding the indicator is not deleted" "it is locked" "$out"
out=$("$CTM" results delete "$OUTP" --as fp 2>&1)
contains "locked: nor the output whose indicators have approved values" "it is locked" "$out"
equal "locked: the refusals changed nothing" "$before" "$(snap)"
check "locked: the target may change" -- "$CTM" indicators set "$I1" --target 120
check "locked: and back" -- "$CTM" indicators set "$I1" --target 100 --as fp
check "locked: the categories written otherwise are the same" -- \
	"$CTM" indicators set "$I1" --categories "FEMALE ,Male"
check "locked: the name may change" -- "$CTM" indicators set "$I1" --name "Officials trained (all)"
equal "locked: unit, aggregate and categories as they were; the target changed back" \
	"officials|sum|female,male|100000" \
	"$(q "SELECT unit, aggregate, categories, target FROM indicator WHERE id = $I1")"
equal "audit: the indicator's changes are in the trail, old and new" "120 100" \
	"$(q "SELECT json_extract(old, '\$.target') || ' ' || json_extract(new, '\$.target') FROM audit WHERE subject = 'indicator' AND subject_id = $I1 AND action = 'update' ORDER BY id LIMIT 1 OFFSET 1")"

# --- who may change what -------------------------------------------------------
before=$(snap)
out=$("$CTM" results add "$OTHER" --level outcome --statement x --as fp 2>&1)
rc=$?
equal "roles: a focal point adds no result to another entity's project (exit 1)" "1" "$rc"
contains "roles: ... and is told why" "changes only its entity's projects" "$out"
status "roles: nor an indicator" 1 -- "$CTM" indicators add "$RO" --name x --unit u --as fp
status "roles: nor changes one" 1 -- "$CTM" indicators set "$I5" --target 1 --as fp
status "roles: nor deletes one" 1 -- "$CTM" indicators delete "$I5" --as fp
status "roles: nor writes a report" 1 -- "$CTM" report "$OTHER" 2025-Q1 --as fp
status "roles: nor changes the result" 1 -- "$CTM" results set "$RO" --statement y --as fp
status "roles: nor its areas" 1 -- "$CTM" areas "$OTHER" gender --as fp
status "roles: a viewer adds no result" 1 -- "$CTM" results add "$MINE" --level outcome --statement x --as view
status "roles: an analyst neither" 1 -- "$CTM" results add "$MINE" --level outcome --statement x --as an
status "roles: an analyst writes no report" 1 -- "$CTM" report "$MINE" 2025-Q3 --as an
equal "roles: the refusals changed nothing" "$before" "$(snap)"
R3=$("$CTM" results add "$MINE" --level output --statement "by the focal point" --as fp)
equal "roles: a focal point adds a result to its entity's project, in the trail as itself" \
	"create fp" "$(q "SELECT action || ' ' || actor FROM audit WHERE subject = 'result' AND subject_id = $R3")"
check "roles: and deletes it (no approved values)" -- "$CTM" results delete "$R3" --as fp
equal "roles: deleted, in the trail" "0 delete" \
	"$(q "SELECT (SELECT count(*) FROM result WHERE id = $R3) || ' ' || (SELECT action FROM audit WHERE subject = 'result' AND subject_id = $R3 ORDER BY id DESC LIMIT 1)")"

# --- more reports: Q2 for both projects, and the other entity's ---------------
F2=12 M2=8
"$CTM" report "$MINE" 2025-Q2 --value "$I1:female=$F2" --value "$I1:male=$M2" \
	--value "$I2=30.5" --value "$I3=2" --as fp >/dev/null
Q2=$(rid "$MINE" 2025-Q2)
F4=7 M4=5
"$CTM" report "$MINE2" 2025-Q2 --value "$I4:female=$F4" --value "$I4:male=$M4" --as fp >/dev/null
"$CTM" report submit "$MINE2" 2025-Q2 --as fp >/dev/null
P2Q2=$(rid "$MINE2" 2025-Q2)
"$CTM" report "$OTHER" 2025-Q1 --value "$I5=6" --narrative "of another entity" >/dev/null
"$CTM" report submit "$OTHER" 2025-Q1 >/dev/null
"$CTM" report approve "$OTHER" 2025-Q1 >/dev/null

# --- who sees what: the API ----------------------------------------------------
serve_start
B="http://$ADDR"
API="$B/api/v1"
declare -A TOK
for u in sec fp fp2 view an; do TOK[$u]=$("$CTM" token "$u"); done
call() { # call METHOD PATH WHO [BODY]: the status; the body in $WORK/b
	local a=()
	[ -n "$3" ] && a=(-H "Authorization: Bearer ${TOK[$3]}")
	curl -s -o "$WORK/b" -w '%{http_code}' -X "$1" "${a[@]}" ${4:+--data-binary "$4"} "$API$2"
}
periods() { json 'j.reports.map(r=>r.period+":"+r.status).join(" ")' "$WORK/b"; }
for who in "" view an fp2; do
	equal "see: ${who:-anonymous} reads the results" 200 "$(call GET "/projects/$MINE/results" "$who")"
	equal "see: ${who:-anonymous} sees only the approved report" "2025-Q1:approved" "$(periods)"
	equal "see: ${who:-anonymous} gets 404 for the draft" 404 "$(call GET "/reports/$Q2" "$who")"
	equal "see: ${who:-anonymous} gets 404 for the submitted one" 404 "$(call GET "/reports/$P2Q2" "$who")"
	equal "see: ${who:-anonymous} reads the approved one" 200 "$(call GET "/reports/$Q1" "$who")"
	lacks "see: ${who:-anonymous} reads nothing of the draft's values" '"30.5"' \
		"$(call GET "/projects/$MINE/results" "$who" >/dev/null; body)"
done
for who in fp sec; do
	equal "see: $who sees the draft too" "2025-Q1:approved 2025-Q2:draft" \
		"$(call GET "/projects/$MINE/results" "$who" >/dev/null; periods)"
	equal "see: $who reads the draft" "200 draft" \
		"$(call GET "/reports/$Q2" "$who") $(json 'j.status' "$WORK/b")"
done
equal "see: the draft's values for its editors, as decimal strings" '"30.5"' \
	"$(call GET "/reports/$Q2" fp >/dev/null; json 'JSON.stringify(j.values.find(v=>v.indicator==='"$I2"').value)' "$WORK/b")"
equal "see: to date counts the approved report only, even for its editor" \
	"$T1 $(call GET "/projects/$MINE/results" "" >/dev/null; json 'j.results[0].indicators[0].to_date' "$WORK/b")" \
	"$(call GET "/projects/$MINE/results" fp >/dev/null; json 'j.results[0].indicators[0].to_date' "$WORK/b") $T1"
equal "see: the API gives back the <script> statement verbatim" "$STMT" \
	"$(json 'j.results.find(r=>r.id==='"$OUTC"').statement' "$WORK/b")"
equal "see: a report's events name who moved it, to those signed in" "fp sec" \
	"$(call GET "/reports/$Q1" view >/dev/null; json '[...new Set(j.events.map(e=>e.actor))].join(" ")' "$WORK/b")"
equal "see: the public gets the approved report without its events (logins, notes)" 0 \
	"$(call GET "/reports/$Q1" "" >/dev/null; json 'j.events.length' "$WORK/b")"
equal "see: no report 999999" 404 "$(call GET /reports/999999 "")"
equal "see: the results of no project" 404 "$(call GET /projects/999999/results "")"

# --- who may change what: the API ----------------------------------------------
before=$(snap)
R='{"level":"outcome","statement":"by the API"}'
equal "API: without a token, no result" 401 "$(call POST "/projects/$MINE/results" "" "$R")"
equal "API: a viewer adds none" 403 "$(call POST "/projects/$MINE/results" view "$R")"
equal "API: nor an analyst" 403 "$(call POST "/projects/$MINE/results" an "$R")"
equal "API: a focal point none to another entity's project" 403 \
	"$(call POST "/projects/$OTHER/results" fp "$R")"
equal "API: nor an indicator" 403 "$(call POST "/results/$RO/indicators" fp '{"name":"x","unit":"u"}')"
equal "API: nor changes one" 403 "$(call PATCH "/indicators/$I5" fp '{"target":"1"}')"
equal "API: nor a report" 403 "$(call POST "/projects/$OTHER/reports" fp '{"period":"2025-Q2"}')"
equal "API: nor areas" 403 "$(call PUT "/projects/$OTHER/areas" fp '{"areas":["gender"]}')"
equal "API: without a token, no report" 401 "$(call POST "/projects/$MINE/reports" "" '{"period":"2025-Q3"}')"
equal "API: without a token, no move" 401 "$(call POST "/reports/$Q2/status" "" '{"to":"submitted"}')"
equal "API: without a token, no deletion" 401 "$(call DELETE "/reports/$Q2" "")"
equal "API: a viewer deletes no result" 403 "$(call DELETE "/results/$OUTP" view)"
equal "API: the focal point approves nothing" 403 "$(call POST "/reports/$P2Q2/status" fp '{"to":"approved"}')"
equal "API: ... and is told who does" "forbidden only the secretariat" \
	"$(json 'j.error.code+" "+j.error.message.split(" ").slice(0,3).join(" ")' "$WORK/b")"
equal "API: nor returns" 403 "$(call POST "/reports/$P2Q2/status" fp '{"to":"returned","note":"x"}')"
equal "API: returning needs a note" 422 "$(call POST "/reports/$P2Q2/status" sec '{"to":"returned"}')"
equal "API: ... the field named" note "$(json 'j.error.field' "$WORK/b")"
equal "API: no such status" 422 "$(call POST "/reports/$P2Q2/status" sec '{"to":"done"}')"
equal "API: ... the field named" to "$(json 'j.error.field' "$WORK/b")"
equal "API: an approved report is locked" 409 "$(call POST "/reports/$Q1/status" sec '{"to":"draft"}')"
equal "API: nor deleted" 409 "$(call DELETE "/reports/$Q1" sec)"
equal "API: the indicator with approved values is not deleted" 409 "$(call DELETE "/indicators/$I1" sec)"
equal "API: nor its unit changed" 409 "$(call PATCH "/indicators/$I1" sec '{"unit":"people"}')"
equal "API: nor the result holding it deleted" 409 "$(call DELETE "/results/$OUTC" fp)"
equal "API: the other entity's focal point gets 404 for the draft's deletion" 404 \
	"$(call DELETE "/reports/$Q2" fp2)"
equal "API: ... and for its move" 404 "$(call POST "/reports/$Q2/status" fp2 '{"to":"submitted"}')"
equal "API: but 403 for the approved report's deletion, which it sees" 403 \
	"$(call DELETE "/reports/$Q1" fp2)"
equal "API: ... and for its move" 403 "$(call POST "/reports/$Q1/status" fp2 '{"to":"draft"}')"
equal "API: a value of four decimals is refused" 422 \
	"$(call POST "/projects/$MINE/reports" fp "{\"period\":\"2025-Q2\",\"values\":[{\"indicator\":$I3,\"value\":\"1.2345\"}]}")"
equal "API: as a JSON number too" 422 \
	"$(call POST "/projects/$MINE/reports" fp "{\"period\":\"2025-Q2\",\"values\":[{\"indicator\":$I3,\"value\":1.2345}]}")"
equal "API: categories that do not add up" 422 \
	"$(call POST "/projects/$MINE/reports" fp "{\"period\":\"2025-Q2\",\"values\":[{\"indicator\":$I1,\"value\":\"3\",\"by\":{\"female\":\"1\",\"male\":\"1\"}}]}")"
contains "API: ... with the numbers" "add up to 2, not to its total 3" "$(body)"
equal "API: an overlapping period" 409 "$(call POST "/projects/$MINE/reports" fp '{"period":"2025-H1"}')"
equal "API: a bad period" 422 "$(call POST "/projects/$MINE/reports" fp '{"period":"2025-Q5"}')"
equal "API: a field that is none" 422 "$(call POST "/projects/$MINE/reports" fp '{"period":"2025-Q2","colour":"red"}')"
equal "API: the refusals changed nothing" "$before" "$(snap)"
equal "API: the focal point writes its draft, values as JSON numbers and strings" 200 \
	"$(call POST "/projects/$MINE/reports" fp "{\"period\":\"2025-q2\",\"narrative\":\"<b>Q2</b>\",\"values\":[{\"indicator\":$I1,\"by\":{\"female\":$F2,\"male\":\"$M2\"}},{\"indicator\":$I2,\"value\":30.5},{\"indicator\":$I3,\"value\":\"2\"}]}")"
equal "API: the values as decimal strings, the total computed" \
	"$((F2 + M2)) $F2 $M2 30.5 2 <b>Q2</b>" \
	"$(json '(v=>[v[0].value,v[0].by.female,v[0].by.male,v[1].value,v[2].value,j.narrative].join(" "))(j.values)' "$WORK/b")"
equal "API: a new report is 201" 201 "$(call POST "/projects/$MINE2/reports" fp '{"period":"2025-Q3"}')"
equal "API: ... a draft" "draft 2025-Q3 quarterly" "$(json '[j.status,j.period,j.kind].join(" ")' "$WORK/b")"
Q3B=$(json 'j.id' "$WORK/b")
equal "API: its editor deletes the draft" 204 "$(call DELETE "/reports/$Q3B" fp)"
equal "API: gone" 0 "$(q "SELECT count(*) FROM result_report WHERE id = $Q3B")"
AMARK=$(q "SELECT max(id) FROM audit")
equal "API: the focal point adds a result to its project" 201 "$(call POST "/projects/$MINE2/results" fp "$R")"
RA=$(q "SELECT max(id) FROM result WHERE project_id = $MINE2")
equal "API: and an indicator" 201 "$(call POST "/results/$RA/indicators" fp '{"name":"Kits","unit":"kits","aggregate":"last","target":12.5,"categories":["North","south"]}')"
IA=$(q "SELECT max(id) FROM indicator WHERE result_id = $RA")
equal "API: ... categories normalised, target a decimal string" '["north","south"] 12.5' \
	"$(json '(i=>JSON.stringify(i.categories)+" "+i.target)(j.results.flatMap(r=>r.indicators).find(i=>i.id==='"$IA"'))' "$WORK/b")"
equal "API: changes its target" 200 "$(call PATCH "/indicators/$IA" fp '{"target":null,"baseline":"1,000"}')"
equal "API: ... no target, baseline 1000" "null 1000" \
	"$(json '(i=>JSON.stringify(i.target)+" "+i.baseline)(j.results.flatMap(r=>r.indicators).find(i=>i.id==='"$IA"'))' "$WORK/b")"
equal "API: changes the statement" 200 "$(call PATCH "/results/$RA" fp '{"statement":"changed"}')"
equal "API: deletes the indicator" 204 "$(call DELETE "/indicators/$IA" fp)"
equal "API: and the result" 204 "$(call DELETE "/results/$RA" fp)"
equal "API: the result is gone" 404 "$(call PATCH "/results/$RA" fp '{"statement":"x"}')"
equal "audit: the API's changes in the trail as fp" "indicator:create,update,delete result:create,update,delete" \
	"$(q "SELECT group_concat(s, ' ') FROM (SELECT subject || ':' || group_concat(action) AS s FROM (SELECT * FROM audit WHERE id > $AMARK AND (subject = 'result' AND subject_id = $RA) OR (subject = 'indicator' AND subject_id = $IA) ORDER BY id) AS x9 WHERE actor = 'fp' GROUP BY subject ORDER BY subject) AS x5")"

# --- progress ------------------------------------------------------------------
# Q2 of MINE approved; Q2 of MINE2 awaits approval; OTHER's Q1 approved.
"$CTM" report submit "$MINE" 2025-Q2 --as fp >/dev/null
"$CTM" report approve "$MINE" 2025-Q2 --as sec >/dev/null
# By hand: sum with a baseline, (baseline + sum to date) / target;
# sum without one, sum / target; last, (latest - baseline) / (target -
# baseline); rounded half away from zero.
pct() { awk "BEGIN{x = ($1) * 100; printf \"%d\", x < 0 ? x - 0.5 : x + 0.5}"; }
S1=$(awk "BEGIN{print $F1 + $M1 + $F2 + $M2}")
P1=$(pct "(10 + $S1) / 100")
P2=$(pct "(30.5 - 20) / (60 - 20)")
P3=$(pct "($W1 + 2) / 8")
"$CTM" progress --period 2025-H1 --format json --as view >"$WORK/p.json"
ind() { json "j.rows.find(r=>r.id===$1).indicators.find(i=>i.id===$2).$3" "$WORK/p.json"; }
equal "progress: sum with a baseline: to date $S1, (10 + $S1) / 100 = $P1%" \
	"$S1 $P1" "$(ind "$MINE" "$I1" to_date) $(ind "$MINE" "$I1" progress)"
equal "progress: last: the latest value 30.5, (30.5 - 20) / (60 - 20) = $P2%" \
	"30.5 $P2" "$(ind "$MINE" "$I2" to_date) $(ind "$MINE" "$I2" progress)"
equal "progress: sum without a baseline: $((W1 + 2)) / 8 = $P3%" \
	"$((W1 + 2)) $P3" "$(ind "$MINE" "$I3" to_date) $(ind "$MINE" "$I3" progress)"
equal "progress: the half year's value by category" \
	"{\"female\":\"$(awk "BEGIN{print $F1 + $F2}")\",\"male\":\"$(awk "BEGIN{print $M1 + $M2}")\"}" \
	"$(ind "$MINE" "$I1" by)"
equal "progress: the submitted report of the other project counts for nothing" \
	"null null" "$(ind "$MINE2" "$I4" to_date) $(ind "$MINE2" "$I4" period)"
equal "progress: a viewer is not told how many await approval" null "$(json 'j.pending' "$WORK/p.json")"
"$CTM" progress --period 2025-H1 --format json --as fp >"$WORK/pf.json"
equal "progress: nor is a focal point" null "$(json 'j.pending' "$WORK/pf.json")"
"$CTM" progress --period 2025-H1 --format json --as sec >"$WORK/ps.json"
equal "progress: the secretariat is: one awaits approval" 1 "$(json 'j.pending' "$WORK/ps.json")"
equal "progress: the secretariat's totals are the approved ones too" \
	"$(json 'JSON.stringify(j.totals)' "$WORK/p.json")" "$(json 'JSON.stringify(j.totals)' "$WORK/ps.json")"
equal "progress: three projects with results, two reporting approved results" \
	"3 2 1 mid-year" "$(json '[j.projects,j.reporting,j.missing,j.report].join(" ")' "$WORK/p.json")"
equal "progress: a project known only by drafts is not listed to a viewer" false \
	"$(json "j.rows.some(r=>r.id===$PER)" "$WORK/p.json")"
equal "progress: ... but to the secretariat, not reporting" "4 2 2 true" \
	"$(json "[j.projects,j.reporting,j.missing,j.rows.some(r=>r.id===$PER)].join(' ')" "$WORK/ps.json")"
"$CTM" progress --period 2025-H1 --format json >"$WORK/pc.json"
equal "progress: the command line is the secretariat's" \
	"$(json 'JSON.stringify(j)' "$WORK/ps.json")" "$(json 'JSON.stringify(j)' "$WORK/pc.json")"
# The totals of the "sum" indicators by unit, any case: officials (MINE's
# I1, OTHER's I5), workshops; the "last" one (%) is no total.
tot() { json "(t=>t?[t.period,t.to_date,t.indicators,t.projects,JSON.stringify(t.by)].join(' '):'none')(j.totals.find(t=>t.unit.toLowerCase()==='$1'))" "$2"; }
equal "progress: officials in the half year, across two projects (units in any case)" \
	"$(awk "BEGIN{print $S1 + 6}") $(awk "BEGIN{print $S1 + 6}") 2 2 {\"female\":\"$(awk "BEGIN{print $F1 + $F2}")\",\"male\":\"$(awk "BEGIN{print $M1 + $M2}")\"}" \
	"$(tot officials "$WORK/p.json")"
equal "progress: workshops" "$((W1 + 2)) $((W1 + 2)) 1 1 {}" "$(tot workshops "$WORK/p.json")"
equal "progress: a level (last) is no total" none "$(tot % "$WORK/p.json")"
"$CTM" report approve "$MINE2" 2025-Q2 --as sec >/dev/null
"$CTM" progress --period 2025-Q2 --format json --as view >"$WORK/p.json"
equal "progress: the quarter: Q2's value, to date since the start" \
	"$(awk "BEGIN{print $F2 + $M2}") $S1 $P1 quarterly" \
	"$(ind "$MINE" "$I1" period) $(ind "$MINE" "$I1" to_date) $(ind "$MINE" "$I1" progress) $(json 'j.report' "$WORK/p.json")"
equal "progress: the quarter's officials: MINE's Q2 and MINE2's (OFFICIALS); to date OTHER's Q1 too" \
	"$(awk "BEGIN{print $F2 + $M2 + $F4 + $M4}") $(awk "BEGIN{print $S1 + $F4 + $M4 + 6}") 3 3 {\"female\":\"$((F2 + F4))\",\"male\":\"$((M2 + M4))\"}" \
	"$(tot officials "$WORK/p.json")"
equal "progress: MINE2: $((F4 + M4)) of 50" "$((F4 + M4)) $(pct "($F4 + $M4) / 50")" \
	"$(ind "$MINE2" "$I4" to_date) $(ind "$MINE2" "$I4" progress)"
"$CTM" progress --period 2025-Q1 --format json --as view >"$WORK/p1.json"
equal "progress: Q1 knows nothing of Q2" "$T1 $(pct "(10 + $T1) / 100")" \
	"$(json "j.rows.find(r=>r.id===$MINE).indicators.find(i=>i.id===$I1).to_date" "$WORK/p1.json") $(json "j.rows.find(r=>r.id===$MINE).indicators.find(i=>i.id===$I1).progress" "$WORK/p1.json")"
"$CTM" progress --period 2025 --format json >"$WORK/py.json"
equal "progress: the year is the end-of-year report, its value all four quarters'" \
	"end-of-year $S1" \
	"$(json "j.report+' '+j.rows.find(r=>r.id===$MINE).indicators.find(i=>i.id===$I1).period" "$WORK/py.json")"
"$CTM" progress --period 2024 --format json >"$WORK/p0.json"
equal "progress: 2024 has nothing yet" "null 0" \
	"$(json "JSON.stringify(j.rows.find(r=>r.id===$MINE).indicators[0].to_date)+' '+j.reporting" "$WORK/p0.json")"
# By Working Group: through the thematic areas of projects.
before=$(snap)
out=$("$CTM" areas "$MINE" no-such-area 2>&1)
contains "areas: unknown ones are refused" "no thematic area no-such-area" "$out"
equal "areas: the refusal changed nothing" "$before" "$(snap)"
check "areas: the focal point places its project" -- "$CTM" areas "$MINE" support-for-victims gender --as fp
"$CTM" areas "$OTHER" support-for-victims >/dev/null
WG=$(q "SELECT w.key FROM working_group w JOIN working_group_area wa ON wa.working_group_id = w.id JOIN thematic_area t ON t.id = wa.thematic_area_id WHERE t.key = 'support-for-victims' AND w.key NOT LIKE 'ctitf-%'")
"$CTM" progress --period 2025-H1 --wg "$WG" --format json --as view >"$WORK/pw.json"
equal "progress --wg $WG: its projects only (MINE2 has no area in it)" \
	"$(echo "$MINE $OTHER" | tr ' ' '\n' | sort -n | tr '\n' ' ' | sed 's/ $//')" \
	"$(json 'j.rows.map(r=>r.id).sort((a,b)=>a-b).join(" ")' "$WORK/pw.json")"
equal "progress --wg: named, and counted" "$WG 2" "$(json 'j.working_group.key+" "+j.projects' "$WORK/pw.json")"
GW=$(q "SELECT w.key FROM working_group w WHERE w.key NOT LIKE 'ctitf-%' AND w.id IN (SELECT working_group_id FROM working_group_area wa JOIN thematic_area t ON t.id = wa.thematic_area_id WHERE t.key = 'gender') AND w.id NOT IN (SELECT working_group_id FROM working_group_area wa JOIN thematic_area t ON t.id = wa.thematic_area_id WHERE t.key = 'support-for-victims')")
"$CTM" progress --period 2025-H1 --wg "$GW" --format json >"$WORK/pg.json"
equal "progress --wg $GW: MINE alone" "$MINE" "$(json 'j.rows.map(r=>r.id).join(" ")' "$WORK/pg.json")"
out=$("$CTM" progress --period 2025-H1 --wg no-such-group 2>&1)
rc=$?
equal "progress: an unknown Working Group (exit 1)" 1 "$rc"
contains "progress: ... named" "no working group no-such-group" "$out"
status "progress: a bad period" 1 -- "$CTM" progress --period 2025-Q9
equal "progress: the Working Groups are listed" "$(q "SELECT count(*) FROM working_group")" \
	"$("$CTM" progress --format csv | sed 1d | wc -l)"
# CSV
"$CTM" progress --period 2025-H1 --format csv --as view >"$WORK/p.csv"
"$CTM" progress --period 2025-H1 --format json --as view >"$WORK/p.json"
equal "CSV: the header line, ending in CRLF" \
	"working_group,period,project,serial,pillar,title,lead,status,level,result,indicator,unit,aggregate,baseline,target,period_value,by_category,to_date,progress\\r" \
	"$(head -1 "$WORK/p.csv" | sed 's/\r$/\\r/')"
equal "CSV: one line per indicator" "$(json 'j.rows.reduce((a,r)=>a+r.indicators.length,0)' "$WORK/p.json")" \
	"$(sed 1d "$WORK/p.csv" | wc -l)"
contains "CSV: a title with a comma is quoted" ",\"${OTITLE//\"/\"\"}\"," "$(cat "$WORK/p.csv")"
contains "CSV: the statement with quotes, doubled" "\"${STMT//\"/\"\"}\"" "$(cat "$WORK/p.csv")"
equal "CSV: every line has 19 fields (parsed as RFC 4180)" "19" \
	"$(node -e 'const t=require("fs").readFileSync(process.argv[1],"utf8");const rows=[];let f=[],c="",q=false;for(let i=0;i<t.length;i++){const ch=t[i];if(q){if(ch==="\""&&t[i+1]==="\""){c+="\"";i++}else if(ch==="\"")q=false;else c+=ch}else if(ch==="\"")q=true;else if(ch===","){f.push(c);c=""}else if(ch==="\r"&&t[i+1]==="\n"){f.push(c);rows.push(f);f=[];c="";i++}else c+=ch}console.log([...new Set(rows.map(r=>r.length))].join(" "))' "$WORK/p.csv")"
equal "API: progress as JSON" 200 "$(call GET "/progress?period=2025-H1&wg=$WG" "")"
equal "API: ... the same as the CLI's" \
	"$(json 'JSON.stringify([j.rows,j.totals])' "$WORK/pw.json")" "$(json 'JSON.stringify([j.rows,j.totals])' "$WORK/b")"
equal "API: pending for the secretariat" 0 "$(call GET "/progress?period=2025-H1" sec >/dev/null; json 'j.pending' "$WORK/b")"
equal "API: and null for a focal point" null "$(call GET "/progress?period=2025-H1" fp >/dev/null; json 'j.pending' "$WORK/b")"
equal "API: progress as CSV" "200 text/csv" \
	"$(call GET "/progress?period=2025-H1&format=csv" "") $(curl -s -D - -o /dev/null "$API/progress?period=2025-H1&format=csv" | grep -i '^content-type:' | cut -d' ' -f2 | cut -d';' -f1 | tr -d '\r')"
equal "API: the CSV is the CLI's" "$(md5sum <"$WORK/p.csv")" "$(md5sum <"$WORK/b")"
equal "API: an unknown Working Group" 404 "$(call GET "/progress?period=2025-H1&wg=nope" "")"
equal "API: a bad period" 400 "$(call GET "/progress?period=2025-Q5" "")"
equal "API: no period" 400 "$(call GET "/progress" "")"
equal "API: a bad format" 400 "$(call GET "/progress?period=2025&format=xml" "")"
equal "API: the Working Groups" "$(q "SELECT count(*) FROM working_group")" \
	"$(call GET /working-groups "" >/dev/null; json 'j.working_groups.length' "$WORK/b")"
equal "API: a project's areas" "gender support-for-victims" \
	"$(call GET "/projects/$MINE/areas" "" >/dev/null; json 'j.areas.map(a=>a.key).sort().join(" ")' "$WORK/b")"
equal "API: set by its focal point" 200 "$(call PUT "/projects/$MINE/areas" fp '{"areas":["gender"]}')"
equal "API: ... now one" "gender" "$(json 'j.areas.map(a=>a.key).join(" ")' "$WORK/b")"
equal "API: an unknown area" 422 "$(call PUT "/projects/$MINE/areas" fp '{"areas":["nope"]}')"
equal "audit: the areas' changes in the trail" 3 \
	"$(q "SELECT count(*) FROM audit WHERE subject = 'project' AND action = 'areas'")"

# --- a submitted report holds its indicators while it is reviewed ------------
LP=$(q "SELECT id FROM project WHERE id NOT IN (SELECT project_id FROM result_report)
	ORDER BY id DESC LIMIT 1")
LO=$("$CTM" results add "$LP" --level output --statement "Zzlock output")
LI=$("$CTM" indicators add "$LO" --name "Zzlock" --unit people)
"$CTM" report "$LP" 2030-Q1 --value "$LI=5" >/dev/null
"$CTM" report submit "$LP" 2030-Q1 >/dev/null
S9=$(snap)
out=$("$CTM" indicators delete "$LI" 2>&1)
equal "submitted: its indicator is not deleted (exit 1)" 1 $?
contains "  saying a submitted report holds it" "approved or submitted report" "$out"
status "submitted: nor the result holding it" 1 -- "$CTM" results delete "$LO"
status "submitted: nor its unit changed" 1 -- "$CTM" indicators set "$LI" --unit trainees
equal "  nothing changed" "$S9" "$(snap)"
"$CTM" report withdraw "$LP" 2030-Q1 >/dev/null
check "withdrawn to a draft, the indicator may be deleted" -- "$CTM" indicators delete "$LI"
equal "  and its values with it" 0 "$(q "SELECT count(*) FROM result_value WHERE indicator_id = $LI")"
# --- a change keeps what it does not give ---------------------------------------
KO=$("$CTM" results add "$LP" --level outcome --statement "Zzkeep outcome")
KP=$("$CTM" results add "$LP" --level output --outcome "$KO" --statement "Zzkeep output")
"$CTM" results set "$KP" --statement "Zzkeep output, restated" >/dev/null
equal "results set --statement keeps the outcome" "Zzkeep output, restated|$KO" \
	"$(q "SELECT statement || '|' || outcome_id FROM result WHERE id = $KP")"
"$CTM" results set "$KP" --outcome none >/dev/null
equal "results set --outcome none keeps the statement" "Zzkeep output, restated|" \
	"$(q "SELECT statement || '|' || coalesce(CAST(outcome_id AS text), '') FROM result WHERE id = $KP")"
equal "API: PATCH of the outcome alone" 200 "$(call PATCH "/results/$KP" sec "{\"outcome\":$KO}")"
equal "  keeps the statement" "Zzkeep output, restated|$KO" \
	"$(q "SELECT statement || '|' || outcome_id FROM result WHERE id = $KP")"
equal "API: PATCH of the statement alone keeps the outcome" "200 Zzkeep again|$KO" \
	"$(call PATCH "/results/$KP" sec '{"statement":"Zzkeep again"}') $(q "SELECT statement || '|' || outcome_id FROM result WHERE id = $KP")"
check "ids are not reused: a new indicator gets a new id" -- \
	test "$("$CTM" indicators add "$LO" --name "Zzlock2" --unit people)" -gt "$LI"

kill "$PID" 2>/dev/null
wait "$PID" 2>/dev/null
