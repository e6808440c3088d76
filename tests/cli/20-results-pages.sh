#!/bin/bash
# 20-results-pages.sh - the pages of results over real HTTP: what the
# public, a viewer, a focal point (of the project's entity and of
# another) and the secretariat see on a project's results page and on the
# progress report (drafts and submitted reports only for the project's
# editors and the secretariat), the forms each may use and those refused
# (by role, without the CSRF token), bad input shown again with why and
# what was typed, escaping, and the demonstration badge.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

DB=$CTMATRIX_DB
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
PW="a long enough password"
for u in "sec --role secretariat" "fp --role focal_point --entity UNICRI" \
	"fp2 --role focal_point --entity UNODC" "view --role viewer"; do
	# shellcheck disable=SC2086
	echo "$PW" | "$CTM" user add $u >/dev/null 2>&1 ||
		echo "not ok - user add $u"
done
q() { dbq --db "$DB" "$1"; }
MINE=$("$CTM" projects --entity UNICRI --format csv --limit 1 | sed -n '2s/,.*//p')
OTHER=$(q "SELECT id FROM project WHERE id NOT IN (SELECT o.project_id FROM
	project_org o JOIN organisation g ON g.id = o.organisation_id
	WHERE g.key = 'UNICRI') ORDER BY id LIMIT 1")
check "fixture: a UNICRI project and one of another entity" -- \
	test -n "$MINE" -a -n "$OTHER"

O=$("$CTM" results add "$MINE" --level outcome --statement 'Zzoutcome <script>alert(1)</script>')
I=$("$CTM" indicators add "$O" --name "Zzpeople trained" --unit people \
	--target 100 --categories female,male --demo)
"$CTM" report "$MINE" 2019-Q1 --value "$I:female=4" --value "$I:male=5" \
	--narrative "Zzapproved narrative" >/dev/null
"$CTM" report submit "$MINE" 2019-Q1 >/dev/null
"$CTM" report approve "$MINE" 2019-Q1 >/dev/null
"$CTM" report "$MINE" 2019-Q2 --value "$I=7" --narrative "Zzdraft narrative" >/dev/null
"$CTM" report "$MINE" 2019-Q3 --value "$I=8" --narrative "Zzsubmitted narrative" >/dev/null
"$CTM" report submit "$MINE" 2019-Q3 >/dev/null
equal "fixture: three reports, approved, draft and submitted" \
	"2019-Q1 approved,2019-Q2 draft,2019-Q3 submitted" \
	"$(q "SELECT group_concat(period || ' ' || status, ',') FROM
		(SELECT * FROM result_report ORDER BY period) AS x0")"
snap() {
	q "SELECT (SELECT count(*) FROM result) || '/' ||
	    (SELECT count(*) FROM indicator) || '/' ||
	    (SELECT group_concat(status, '') FROM result_report) || '/' ||
	    (SELECT count(*) FROM result_value) || '/' ||
	    (SELECT count(*) FROM result_event) || '/' ||
	    (SELECT count(*) FROM audit WHERE subject IN ('result', 'indicator',
		'result_report', 'project'))"
}

serve_start
B="http://$ADDR"
J=$WORK/jar

# --- the public --------------------------------------------------------------
equal "the public: GET /projects/N/results is 200" 200 "$(get "/projects/$MINE/results")"
contains "  the approved report and its values" "Zzapproved narrative" "$(body)"
contains "  the values by category" "female 4, male 5" "$(body)"
lacks "  not the draft" "Zzdraft narrative" "$(body)"
lacks "  not the submitted report" "Zzsubmitted narrative" "$(body)"
lacks "  no form" 'name="csrf"' "$(body)"
lacks "  nor who moved the reports (logins are for those signed in)" "approved by" "$(body)"
contains "  the statement escaped" "Zzoutcome &lt;script&gt;alert(1)&lt;/script&gt;" "$(body)"
lacks "  never raw" "<script>alert(1)" "$(body)"
contains "  the demonstration indicator is marked" "(demonstration)" "$(body)"
contains "  the progress to date: 9 of 100, 9%" "9%" "$(body)"
equal "the public: the project's page has its results part" 200 "$(get "/projects/$MINE")"
contains "  with the approved report" "Zzapproved narrative" "$(body)"
lacks "  and not the draft" "Zzdraft narrative" "$(body)"
equal "the public: /progress asks for a period" 200 "$(get /progress)"
contains "  and says so" "Choose a period" "$(body)"
equal "the public: /progress?period=2019" 200 "$(get "/progress?period=2019")"
contains "  the end-of-year report" "end-of-year progress report" "$(body)"
contains "  the approved value of the year (9)" ">9<" "$(body)"
lacks "  no count of reports awaiting approval" "awaiting approval" "$(body)"
equal "a bad period: 400" 400 "$(get "/progress?period=2019-Q9")"
contains "  saying what a period is" "a quarter (2025-Q2)" "$(body)"
equal "an unknown working group: 404" 404 "$(get "/progress?period=2019&wg=nosuch")"
equal "a working group the project is not under: no row" 200 \
	"$(get "/progress?period=2019&wg=wmd-cbrn-terrorism")"
lacks "  the project is not listed" "Zzpeople trained" "$(body)"
"$CTM" areas "$MINE" cbrn-and-wmd >/dev/null
equal "once its thematic area is under the group" 200 \
	"$(get "/progress?period=2019&wg=wmd-cbrn-terrorism")"
contains "  it is listed" "Zzpeople trained" "$(body)"
S0=$(snap)
equal "the public: a POST is refused (401)" 401 \
	"$(post "/projects/$MINE/results" "" --data "do=result-add&level=outcome&statement=x")"
equal "  and changes nothing" "$S0" "$(snap)"

# --- a viewer -------------------------------------------------------------------
equal "sign in as a viewer" 303 "$(signin view "$PW" "$J")"
equal "the viewer: the results page" 200 "$(get "/projects/$MINE/results" "$J")"
lacks "  not the draft" "Zzdraft narrative" "$(body)"
lacks "  no form that changes" 'value="result-add"' "$(body)"
T=$(csrf)
equal "the viewer: a POST with its token is refused (403)" 403 \
	"$(post "/projects/$MINE/results" "$J" --data-urlencode "csrf=$T" \
		--data "do=result-add&level=outcome&statement=zzviewer")"
equal "  and changes nothing" "$S0" "$(snap)"

# --- a focal point of another entity ----------------------------------------
equal "sign in as UNODC's focal point" 303 "$(signin fp2 "$PW" "$J")"
get "/projects/$MINE/results" "$J" >/dev/null
lacks "  it sees no draft of UNICRI's project" "Zzdraft narrative" "$(body)"
lacks "  and no form" 'value="report"' "$(body)"
T=$(csrf)
DRAFT=$(q "SELECT id FROM result_report WHERE period = '2019-Q2'")
equal "  it may not delete UNICRI's draft (404: it does not see it)" 404 \
	"$(post "/projects/$MINE/results" "$J" --data-urlencode "csrf=$T" \
		--data "do=report-delete&id=$DRAFT")"
equal "  nor add a result (403)" 403 \
	"$(post "/projects/$MINE/results" "$J" --data-urlencode "csrf=$T" \
		--data "do=result-add&level=outcome&statement=zzother")"
contains "  saying why" "a focal point changes only its entity" "$(body)"
equal "  and nothing changed" "$S0" "$(snap)"

# --- the project's focal point ------------------------------------------------
equal "sign in as UNICRI's focal point" 303 "$(signin fp "$PW" "$J")"
equal "its project's results page" 200 "$(get "/projects/$MINE/results" "$J")"
contains "  it sees the draft" "Zzdraft narrative" "$(body)"
contains "  and the submitted report" "Zzsubmitted narrative" "$(body)"
contains "  the approved one is locked" "Locked" "$(body)"
contains "  the form of a report" 'value="report"' "$(body)"
lacks "  no Approve button for a focal point" ">Approve<" "$(body)"
T=$(csrf)
equal "a change without the CSRF token: 403" 403 \
	"$(post "/projects/$MINE/results" "$J" \
		--data "do=result-add&level=outcome&statement=zznotoken")"
equal "  nothing changed" "$S0" "$(snap)"
equal "add an output under the outcome through the form: 303" 303 \
	"$(post "/projects/$MINE/results" "$J" --data-urlencode "csrf=$T" \
		--data "do=result-add&level=output&outcome=$O" \
		--data-urlencode "statement=Zzform output")"
equal "  it is stored, under the outcome" "output|$O" \
	"$(q "SELECT level || '|' || outcome_id FROM result WHERE statement = 'Zzform output'")"
OUT=$(q "SELECT id FROM result WHERE statement = 'Zzform output'")
equal "add an indicator through the form: 303" 303 \
	"$(post "/projects/$MINE/results" "$J" --data-urlencode "csrf=$T" \
		--data "do=indicator-add&result=$OUT&aggregate=last&baseline=10&target=50" \
		--data-urlencode "name=Zzshare" --data-urlencode "unit=%")"
I2=$(q "SELECT id FROM indicator WHERE name = 'Zzshare'")
check "  it is stored (last, baseline 10 000, target 50 000 thousandths)" -- \
	test "$(q "SELECT aggregate || baseline || '/' || target FROM indicator WHERE id = $I2")" = "last10000/50000"
S1=$(snap)
equal "a report whose categories do not add up: 422" 422 \
	"$(post "/projects/$MINE/results" "$J" --data-urlencode "csrf=$T" \
		--data "do=report&period=2019-Q4&v-$I=10&v-$I-female=3&v-$I-male=4" \
		--data-urlencode "narrative=Zzkept narrative")"
contains "  saying why, with the numbers" "add up to 7, not to its total 10" "$(body)"
contains "  the narrative typed is kept" "Zzkept narrative" "$(body)"
contains "  and the value typed" 'value="10"' "$(body)"
equal "  nothing changed" "$S1" "$(snap)"
equal "a report of a period that overlaps another (2019-H2 over Q3): 409" 409 \
	"$(post "/projects/$MINE/results" "$J" --data-urlencode "csrf=$T" \
		--data "do=report&period=2019-H2&v-$I=1")"
contains "  saying which" "2019-Q3, which overlaps 2019-H2" "$(body)"
equal "a report of 2019-Q4 through the form: 303" 303 \
	"$(post "/projects/$MINE/results" "$J" --data-urlencode "csrf=$T" \
		--data "do=report&period=2019-q4&v-$I-female=3&v-$I-male=4&v-$I2=12.5")"
equal "  stored as a draft, its total the sum of its categories" "draft|7000|12500" \
	"$(q "SELECT r.status || '|' || (SELECT value FROM result_value WHERE report_id = r.id
		AND indicator_id = $I AND category = '') || '|' || (SELECT value FROM
		result_value WHERE report_id = r.id AND indicator_id = $I2)
		FROM result_report r WHERE period = '2019-Q4'")"
Q4=$(q "SELECT id FROM result_report WHERE period = '2019-Q4'")
equal "submit it: 303" 303 \
	"$(post "/projects/$MINE/results" "$J" --data-urlencode "csrf=$T" \
		--data "do=report-move&id=$Q4&to=submitted")"
equal "  it is submitted" submitted "$(q "SELECT status FROM result_report WHERE id = $Q4")"
S2=$(snap)
equal "the focal point may not approve it: 403" 403 \
	"$(post "/projects/$MINE/results" "$J" --data-urlencode "csrf=$T" \
		--data "do=report-move&id=$Q4&to=approved")"
contains "  saying who approves" "only the secretariat" "$(body)"
equal "  nothing changed" "$S2" "$(snap)"
APPROVED=$(q "SELECT id FROM result_report WHERE period = '2019-Q1'")
equal "nor delete the approved report: 409" 409 \
	"$(post "/projects/$MINE/results" "$J" --data-urlencode "csrf=$T" \
		--data "do=report-delete&id=$APPROVED")"
contains "  which is locked" "locked" "$(body)"
equal "nor delete the indicator it gives a value for: 409" 409 \
	"$(post "/projects/$MINE/results" "$J" --data-urlencode "csrf=$T" \
		--data "do=indicator-delete&id=$I")"
equal "  nothing changed" "$S2" "$(snap)"
equal "a report of another project's id through this page: 404" 404 \
	"$(post "/projects/$OTHER/results" "$J" --data-urlencode "csrf=$T" \
		--data "do=report-delete&id=$DRAFT")"

# --- the secretariat -------------------------------------------------------------
equal "sign in as the secretariat" 303 "$(signin sec "$PW" "$J")"
get "/projects/$MINE/results" "$J" >/dev/null
contains "the secretariat sees the Approve button" ">Approve<" "$(body)"
contains "  and who moved each report" "approved by cli" "$(body)"
contains "  and Return, with a note" 'name="note"' "$(body)"
T=$(csrf)
S3=$(snap)
equal "return without a note: 422" 422 \
	"$(post "/projects/$MINE/results" "$J" --data-urlencode "csrf=$T" \
		--data "do=report-move&id=$Q4&to=returned&note=")"
contains "  saying a note is required" "a note saying what to change is required" "$(body)"
equal "  nothing changed" "$S3" "$(snap)"
equal "return with a note: 303" 303 \
	"$(post "/projects/$MINE/results" "$J" --data-urlencode "csrf=$T" \
		--data "do=report-move&id=$Q4&to=returned" --data-urlencode "note=Zzgive sources")"
equal "  returned, with the note" "returned|Zzgive sources" \
	"$(q "SELECT status || '|' || note FROM result_report WHERE id = $Q4")"
Q3=$(q "SELECT id FROM result_report WHERE period = '2019-Q3'")
equal "approve the 2019-Q3 report: 303" 303 \
	"$(post "/projects/$MINE/results" "$J" --data-urlencode "csrf=$T" \
		--data "do=report-move&id=$Q3&to=approved")"
equal "  approved, an event by sec" "approved|sec" \
	"$(q "SELECT status || '|' || (SELECT actor FROM result_event WHERE report_id = $Q3
		ORDER BY id DESC LIMIT 1) FROM result_report WHERE id = $Q3")"
equal "the secretariat's progress report of 2019" 200 "$(get "/progress?period=2019" "$J")"
contains "  counts the reports awaiting approval" "awaiting approval: 0" "$(body)"
contains "  the approved values of the year: 9 + 8 = 17" ">17<" "$(body)"
lacks "  not the returned one's (7)" ">24<" "$(body)"
equal "the public's progress report now has 17 too" 200 "$(get "/progress?period=2019")"
contains "  17" ">17<" "$(body)"

kill -TERM "$PID" 2>/dev/null
wait "$PID" 2>/dev/null
lacks "the server reported no memory error (under the sanitizers)" "Sanitizer" \
	"$(cat "$WORK/serve.log")"
exit 0
