#!/bin/bash
# 16-board.sh - the lifecycle of projects and the Programme Review Board:
# the order of steps (next, back, never over one; a project not placed
# may be placed anywhere; a reason always), who moves what (admin and
# secretariat any project; a focal point its entity's, lead or partner,
# among Idea to Financing; the Board's gate into Initiation), the Board's
# members and decisions (members and admins only; seed funding only with
# an approval, in integer cents; approve moves to Initiation and revise to
# Planning by a stage decision naming the decision; reject leaves it), the
# rounds' recorded totals beside the published ones, placing the matrix by
# status, the audit trail, bad input that changes nothing; then the API and
# the pages, for the public and signed in.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

DB=$CTMATRIX_DB
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
cat >"$WORK/partner.csv" <<'EOF'
pillar,title,period,entities,status,activities,scope
II,Zzpartner project led by UNODC with UNICRI,2019–2020,UNODC; UNICRI,In development,Training.,Global
EOF
"$CTM" import "$WORK/partner.csv" --quiet >/dev/null 2>&1
PW="a long enough password"
for u in "adm --role admin" "sec --role secretariat" "sec2 --role secretariat" \
	"fp --role focal_point --entity UNICRI" "view --role viewer" \
	"an --role analyst --entity CTED" "brd --role viewer" "gone --role viewer"; do
	# shellcheck disable=SC2086
	echo "$PW" | "$CTM" user add $u >/dev/null 2>&1 ||
		echo "not ok - user add $u"
done
"$CTM" user disable gone >/dev/null 2>&1

q() { dbq --db "$DB" "$1"; }
st() { q "SELECT coalesce(stage, 0) FROM project WHERE id = $1"; }
# Everything a refused change must leave as it was.
snap() {
	q "SELECT (SELECT count(*) FROM stage_decision) || '/' ||
	    (SELECT count(*) FROM board_decision) || '/' ||
	    (SELECT count(*) FROM audit) || '/' ||
	    (SELECT count(*) FROM board_member) || '/' ||
	    (SELECT group_concat(coalesce(stage, 0), '') FROM
	     (SELECT stage FROM project ORDER BY id) AS s)"
}
read -r MINE MINE2 <<<"$(q "SELECT group_concat(id, ' ') FROM (SELECT p.id
	FROM project p JOIN project_org o ON o.project_id = p.id AND o.position = 0
	JOIN organisation g ON g.id = o.organisation_id WHERE g.key = 'UNICRI'
	ORDER BY p.id LIMIT 2) AS x0")"
PART=$(q "SELECT id FROM project WHERE title LIKE 'Zzpartner%'")
read -r P1 P2 P3 P4 P5 P6 P7 P8 <<<"$(q "SELECT group_concat(id, ' ') FROM
	(SELECT id FROM project WHERE id NOT IN ($MINE, $PART) AND NOT EXISTS
	 (SELECT 1 FROM project_org o JOIN organisation g ON g.id =
	  o.organisation_id WHERE o.project_id = project.id AND g.key = 'UNICRI')
	 ORDER BY id LIMIT 8) AS x1")"
check "fixture: two UNICRI projects, one UNICRI is a partner of, eight others" -- \
	test -n "$MINE2" -a -n "$PART" -a -n "$P8"
equal "fixture: UNICRI is not the lead of the partner project" UNODC \
	"$(q "SELECT g.key FROM project_org o JOIN organisation g ON g.id =
		o.organisation_id WHERE o.project_id = $PART AND o.position = 0")"

# --- the order of steps --------------------------------------------------------
out=$("$CTM" stage "$P1" 2>&1)
contains "stage: a project imported is not placed" "project $P1: not placed" "$out"
S0=$(snap)
out=$("$CTM" stage "$P1" --to Idea 2>&1)
equal "stage --to without a reason: refused (exit 1)" 1 $?
contains "  and says a reason is required" "a reason is required" "$out"
status "stage --to with a blank reason: refused" 1 -- "$CTM" stage "$P1" --to Idea --reason "   "
out=$("$CTM" stage "$P1" --to Nowhere --reason x 2>&1)
contains "stage --to a step that is none: named" '"Nowhere" is no step' "$out"
status "stage --to 8: no step" 1 -- "$CTM" stage "$P1" --to 8 --reason x
status "stage of no project 999999" 1 -- "$CTM" stage 999999 --to Idea --reason x
status "stage of no project 999999, shown" 1 -- "$CTM" stage 999999
equal "the refusals changed nothing" "$S0" "$(snap)"

check "a project not placed may be placed at any step (Financing)" -- \
	"$CTM" stage "$P1" --to Financing --reason "placed by hand"
equal "  it is at Financing" 4 "$(st "$P1")"
equal "  by a decision: from nothing, to 4, by cli, why" "|4|cli|placed by hand" \
	"$(q "SELECT coalesce(CAST(from_stage AS text), '') || '|' || to_stage || '|' || actor || '|' ||
		reason FROM stage_decision WHERE project_id = $P1")"
check "a step by name in any case, and back to any earlier step (Idea)" -- \
	"$CTM" stage "$P1" --to idea --reason "back to the idea"
equal "  it is at Idea" 1 "$(st "$P1")"
check "to the next step (Analysis)" -- "$CTM" stage "$P1" --to 2 --reason "studied"
S0=$(snap)
out=$("$CTM" stage "$P1" --to Financing --reason "hurry" 2>&1)
equal "over a step (Analysis to Financing): refused (exit 1)" 1 $?
contains "  and says why" "never over one: from Analysis the next is Planning, not Financing" "$out"
out=$("$CTM" stage "$P1" --to Analysis --reason "again" 2>&1)
contains "to the step it is at: refused" "is at Analysis already" "$out"
equal "  neither changed anything" "$S0" "$(snap)"
"$CTM" stage "$P1" --format json >"$WORK/s1.json"
equal "stage --format json: the step and the history" "2 Analysis 3 placed by hand" \
	"$(json '[j.stage, j.name, j.history.length, j.history[0].reason].join(" ")' "$WORK/s1.json")"

# --- the Board's gate into Initiation --------------------------------------------
"$CTM" stage "$P2" --to Financing --reason "ready" >/dev/null
S0=$(snap)
out=$("$CTM" stage "$P2" --to Initiation --reason "go" --as sec 2>&1)
equal "secretariat: Financing to Initiation without an approval: refused" 1 $?
contains "  for want of a Board approval" "only with a Board approval on record" "$out"
equal "  nothing changed" "$S0" "$(snap)"
check "admin: Financing to Initiation without an approval" -- \
	"$CTM" stage "$P2" --to Initiation --reason "started by the admin" --as adm
equal "  it is at Initiation, moved by adm" "5 adm" \
	"$(q "SELECT p.stage || ' ' || d.actor FROM project p JOIN stage_decision d
		ON d.project_id = p.id WHERE p.id = $P2 ORDER BY d.id DESC LIMIT 1")"
check "secretariat: on to Implementation (the next step)" -- \
	"$CTM" stage "$P2" --to Implementation --reason "running" --as sec
check "secretariat: placing a project not placed at Initiation is placing" -- \
	"$CTM" stage "$P3" --to Initiation --reason "started before the Board" --as sec

# --- roles -------------------------------------------------------------------------
S0=$(snap)
for who in view an brd; do
	out=$("$CTM" stage "$P1" --to Planning --reason x --as $who 2>&1)
	contains "role of $who: may not move steps" "this role may not move projects" "$out"
done
status "--as an account that is disabled: refused" 1 -- "$CTM" stage "$P1" --to Planning --reason x --as gone
status "--as no account: refused" 1 -- "$CTM" stage "$P1" --to Planning --reason x --as nobody
out=$("$CTM" stage "$P1" --to Planning --reason x --as fp 2>&1)
contains "focal point: another entity's project refused" "only its entity's projects" "$out"
equal "  none of these changed anything" "$S0" "$(snap)"
check "focal point: its entity's project (lead) placed at Idea" -- \
	"$CTM" stage "$MINE" --to Idea --reason "our idea" --as fp
check "focal point: and on to Analysis" -- \
	"$CTM" stage "$MINE" --to Analysis --reason "studied" --as fp
check "focal point: a project its entity is a partner of, placed at Planning" -- \
	"$CTM" stage "$PART" --to Planning --reason "partner's plan" --as fp
check "focal point: ... and on to Financing" -- \
	"$CTM" stage "$PART" --to Financing --reason "costed" --as fp
S0=$(snap)
out=$("$CTM" stage "$PART" --to Initiation --reason x --as fp 2>&1)
contains "focal point: not into Initiation" "among Idea, Analysis, Planning and Financing only" "$out"
"$CTM" stage "$MINE2" --to 6 --reason "it runs" --as sec >/dev/null 2>&1
S0=$(snap)
out=$("$CTM" stage "$MINE2" --to Financing --reason x --as fp 2>&1)
contains "focal point: not out of Implementation either, even back" "from Implementation to Financing" "$out"
equal "  nothing changed" "$S0" "$(snap)"
"$CTM" stage "$MINE2" --to Analysis --reason "back to analysis" --as sec >/dev/null 2>&1
equal "secretariat: back from Implementation to Analysis" 2 "$(st "$MINE2")"

# --- Board members -------------------------------------------------------------
S0=$(snap)
status "board member add: no such account" 1 -- "$CTM" board member add nobody
out=$("$CTM" board member add gone 2>&1)
contains "board member add: a disabled account is refused" "is disabled" "$out"
status "board member add --as a non-admin: refused" 1 -- "$CTM" board member add brd --as sec
equal "  nothing changed" "$S0" "$(snap)"
check "board member add brd (a viewer)" -- "$CTM" board member add brd
check "board member add brd again: nothing to do, no error" -- "$CTM" board member add brd
check "board member add --as admin" -- "$CTM" board member add sec2 --as adm
check "board member remove sec2" -- "$CTM" board member remove sec2
"$CTM" board members --format json >"$WORK/m.json"
equal "board members: brd alone" "brd viewer" \
	"$(json 'j.members.map(m=>m.login+" "+m.role).join()' "$WORK/m.json")"

# --- Board decisions: who --------------------------------------------------------
"$CTM" stage "$P4" --to Financing --reason "ready" >/dev/null
"$CTM" stage "$P5" --to Financing --reason "ready" >/dev/null
"$CTM" stage "$P6" --to Planning --reason "plan" >/dev/null
S0=$(snap)
for who in sec view fp; do
	out=$("$CTM" board decide "$P4" --decision approve --meeting 2018-06-12 --as $who 2>&1)
	contains "board decide --as $who (no member): refused" "only members of the Programme Review Board" "$out"
done
equal "  nothing recorded" "$S0" "$(snap)"

# --- Board decisions: what is typed ---------------------------------------------
bad() { # bad DESCRIPTION MESSAGE ARGS...: refused with MESSAGE, nothing changed
	local d=$1 m=$2 o s
	shift 2
	s=$(snap)
	o=$("$CTM" board decide "$@" 2>&1)
	equal "$d: refused (exit 1)" 1 $?
	contains "  says: $m" "$m" "$o"
	equal "  nothing changed" "$s" "$(snap)"
}
bad "seed funding with a rejection" "seed funding is granted only with an approval" \
	"$P4" --decision reject --seed 5 --meeting 2018-06-12 --reason x --as brd
bad "seed funding with a return for revision" "only with an approval" \
	"$P4" --decision revise --seed 1,000 --meeting 2018-06-12 --reason x --as brd
bad "a seed that is no sum" 'is no sum of money' \
	"$P4" --decision approve --seed 12abc --meeting 2018-06-12 --as brd
bad "a seed with three decimals" 'more decimals' \
	"$P4" --decision approve --seed 10.505 --meeting 2018-06-12 --as brd
bad "a negative seed" 'is no sum of money' \
	"$P4" --decision approve --seed -5 --meeting 2018-06-12 --as brd
bad "no meeting date" "the date of the Board's meeting is required" \
	"$P4" --decision approve --as brd
bad "a meeting on 30 February" "as YYYY-MM-DD" \
	"$P4" --decision approve --meeting 2018-02-30 --as brd
bad "a meeting still to come" "is still to come" \
	"$P4" --decision approve --meeting 2999-01-01 --as brd
bad "a decision that is none" "approve, reject or revise" \
	"$P4" --decision maybe --meeting 2018-06-12 --as brd
bad "a round that is none" '"1999" is no seed-funding round' \
	"$P4" --decision approve --round 1999 --meeting 2018-06-12 --as brd
bad "a rejection without a reason" "a reason is required to reject or return" \
	"$P4" --decision reject --meeting 2018-06-12 --as brd
bad "a return for revision without a reason" "a reason is required" \
	"$P4" --decision revise --meeting 2018-06-12 --as brd
bad "conditions on a rejection" "a rejection carries no conditions" \
	"$P4" --decision reject --conditions x --reason x --meeting 2018-06-12 --as brd
bad "a decision on no project" "no project 999999" \
	999999 --decision reject --reason x --meeting 2018-06-12 --as brd
bad "a decision on a project at Implementation (no proposal)" "the Board decides on proposals" \
	"$P2" --decision reject --reason x --meeting 2018-06-12 --as brd
status "board decide: an id that is none is a usage error" 2 -- \
	"$CTM" board decide abc --decision reject --meeting 2018-06-12

# --- Board decisions: what they do -------------------------------------------------
out=$("$CTM" board decide "$P4" --decision approve --seed "120,000" --round 2018 \
	--meeting 2018-06-12 --conditions "report quarterly" --as brd 2>&1)
contains "approve with seed funding, by a member" "approved with seed funding of USD 120,000.00; it is at Initiation" "$out"
D1=$(q "SELECT max(id) FROM board_decision")
equal "  the decision: cents, round, member, not demo" "approve|12000000|2018|brd|0|report quarterly" \
	"$(q "SELECT d.decision || '|' || d.seed_usd || '|' || r.key || '|' || d.actor || '|' ||
		d.demo || '|' || d.conditions FROM board_decision d JOIN seed_round r
		ON r.id = d.round_id WHERE d.id = $D1")"
equal "  the project is at Initiation" 5 "$(st "$P4")"
equal "  by a stage decision from Financing naming the Board decision" "4|5|$D1|brd" \
	"$(q "SELECT from_stage || '|' || to_stage || '|' || board_decision_id || '|' || actor
		FROM stage_decision WHERE project_id = $P4 ORDER BY id DESC LIMIT 1")"
contains "  whose reason names the decision and the meeting" "(Board decision $D1, meeting of 2018-06-12: approved)" \
	"$(q "SELECT reason FROM stage_decision WHERE board_decision_id = $D1")"
check "approve by an admin (not a member), with cents, a demonstration record" -- \
	"$CTM" board decide "$P5" --decision approve --seed 120000.50 --round 2018 \
	--meeting 2018-06-13 --reason "DEMONSTRATION RECORD: made up" --demo --as adm
D2=$(q "SELECT max(id) FROM board_decision")
equal "  12000050 cents, demo" "12000050|1" "$(q "SELECT seed_usd || '|' || demo FROM board_decision WHERE id = $D2")"
check "approve by the command line, no seed, no round" -- \
	"$CTM" board decide "$P7" --decision approve --meeting 2019-01-10
equal "  a project not placed goes to Initiation too" "5|" \
	"$(q "SELECT to_stage || '|' || coalesce(CAST(from_stage AS text), '') FROM stage_decision WHERE project_id = $P7")"
"$CTM" stage "$P8" --to Financing --reason "ready" >/dev/null
check "return for revision (revise) from Financing" -- \
	"$CTM" board decide "$P8" --decision revise --round 2019 --meeting 2019-05-21 \
	--conditions "a budget by activity" --reason "too vague" --as brd
D3=$(q "SELECT max(id) FROM board_decision")
equal "  back to Planning by a stage decision naming it" "3|4|3|$D3" \
	"$(q "SELECT p.stage || '|' || d.from_stage || '|' || d.to_stage || '|' || d.board_decision_id
		FROM project p JOIN stage_decision d ON d.project_id = p.id
		WHERE p.id = $P8 ORDER BY d.id DESC LIMIT 1")"
n=$(q "SELECT count(*) FROM stage_decision WHERE project_id = $P6")
check "return for revision of a project at Planning" -- \
	"$CTM" board decide "$P6" --decision revise --meeting 2019-05-21 --reason "again" --as brd
equal "  it stays at Planning: no move recorded" "3 $n" \
	"$(st "$P6") $(q "SELECT count(*) FROM stage_decision WHERE project_id = $P6")"
n=$(q "SELECT count(*) FROM stage_decision WHERE project_id = $P1")
check "reject (a project at Analysis)" -- \
	"$CTM" board decide "$P1" --decision reject --round 2019 --meeting 2019-05-21 --reason "duplicates another" --as brd
equal "  it stays where it is: no move recorded" "2 $n" \
	"$(st "$P1") $(q "SELECT count(*) FROM stage_decision WHERE project_id = $P1")"
S0=$(snap)
out=$("$CTM" board decide "$P4" --decision approve --meeting 2018-06-12 --as brd 2>&1)
contains "an approved project (at Initiation) is no proposal any more" "the project is at Initiation" "$out"
equal "  nothing changed" "$S0" "$(snap)"
# With an approval on record, the secretariat may take it back into Initiation.
check "secretariat: back from Initiation to Financing" -- \
	"$CTM" stage "$P4" --to Financing --reason "funding fell through" --as sec
check "secretariat: into Initiation again, the approval on record" -- \
	"$CTM" stage "$P4" --to Initiation --reason "funded" --as sec
# The same project approved twice in a round counts once.
"$CTM" stage "$P4" --to Financing --reason "a second look" >/dev/null
check "a second approval of the same project in the round" -- \
	"$CTM" board decide "$P4" --decision approve --seed 1,000 --round 2018 --meeting 2018-07-01 --as brd
check "board member remove brd" -- "$CTM" board member remove brd
out=$("$CTM" board decide "$P6" --decision reject --reason x --meeting 2019-05-21 --as brd 2>&1)
contains "a former member no longer decides" "only members" "$out"
"$CTM" board member add brd >/dev/null

# --- rounds: recorded beside published -------------------------------------------
"$CTM" rounds --format json >"$WORK/r.json"
equal "rounds: the 2018 round as published: nine projects, 949,111 USD" "9 94911100 949111.00" \
	"$(json '(r=>[r.published.projects, r.published.usd_cents, r.published.usd].join(" "))(j.rounds.find(r=>r.key==="2018"))' "$WORK/r.json")"
equal "rounds: the 2019 round as published: seven projects, 973,748 USD" "7 97374800" \
	"$(json '(r=>[r.published.projects, r.published.usd_cents].join(" "))(j.rounds.find(r=>r.key==="2019"))' "$WORK/r.json")"
# 2018: P4 approved twice (120,000 + 1,000), P5 (120,000.50, demo): 2 projects.
equal "2018 recorded: 3 decisions, 2 projects counted once, the seed summed" "3 2 24100050 241000.50" \
	"$(json '(r=>[r.recorded.decisions, r.recorded.projects, r.recorded.usd_cents, r.recorded.usd].join(" "))(j.rounds.find(r=>r.key==="2018"))' "$WORK/r.json")"
equal "2018 recorded: of which demonstration: 1 decision, 1 project, 120,000.50" "1 1 12000050" \
	"$(json '(r=>[r.recorded.demo_decisions, r.recorded.demo_projects, r.recorded.demo_usd_cents].join(" "))(j.rounds.find(r=>r.key==="2018"))' "$WORK/r.json")"
equal "2019 recorded: a revise and a reject, no project approved" "2 0 0" \
	"$(json '(r=>[r.recorded.decisions, r.recorded.projects, r.recorded.usd_cents].join(" "))(j.rounds.find(r=>r.key==="2019"))' "$WORK/r.json")"
"$CTM" rounds 2018 --format json >"$WORK/r1.json"
equal "rounds 2018: its decisions" "$D1,$D2,$(q "SELECT max(id) FROM board_decision WHERE project_id = $P4")" \
	"$(json 'j.decisions.map(d=>d.id).join()' "$WORK/r1.json")"
out=$("$CTM" rounds)
contains "rounds: a table with both totals" "949,111.00" "$out"
contains "  and the recorded sum" "241,000.50" "$out"
status "rounds 1999: none" 1 -- "$CTM" rounds 1999
"$CTM" board decisions --round 2019 --format json >"$WORK/d.json"
equal "board decisions --round 2019" "reject revise" \
	"$(json 'j.decisions.map(d=>d.decision).sort().join(" ")' "$WORK/d.json")"
"$CTM" board decisions --decision approve --project "$P4" --format json >"$WORK/d.json"
equal "board decisions --decision approve --project" 2 "$(json 'j.total' "$WORK/d.json")"
out=$("$CTM" board decisions --format csv)
contains "board decisions --format csv: a header" "id,meeting,round,project,decision,seed_usd,demo,by,conditions,reason" "$out"
status "board decisions --decision maybe: usage" 2 -- "$CTM" board decisions --decision maybe
status "board decisions --project x: usage" 2 -- "$CTM" board decisions --project x
status "board members --seed: an option the verb takes not" 2 -- "$CTM" board members --seed 5
status "board frob: no such verb" 2 -- "$CTM" board frob
status "stage abc: no project id" 2 -- "$CTM" stage abc
status "stage 1 --format xml" 2 -- "$CTM" stage 1 --format xml

# --- the audit trail -----------------------------------------------------------------
"$CTM" audit --format json >"$WORK/a.json"
equal "audit: every move of step, as the project's" \
	"$(q 'SELECT count(*) FROM stage_decision')" \
	"$(json 'j.audit.filter(e=>e.subject==="project"&&e.action==="stage").length' "$WORK/a.json")"
equal "audit: every Board decision" "$(q 'SELECT count(*) FROM board_decision')" \
	"$(json 'j.audit.filter(e=>e.subject==="board_decision"&&e.action==="create").length' "$WORK/a.json")"
equal "audit: seats and unseats on the Board" "board-seat board-seat board-unseat board-unseat board-seat" \
	"$(json 'j.audit.filter(e=>e.action.startsWith("board-")).reverse().map(e=>e.action).join(" ")' "$WORK/a.json")"
"$CTM" audit --project "$P4" --format json >"$WORK/a4.json"
contains "audit --project: the approval's move, with the step before and after" \
	'"stage":"Initiation","reason":' "$(json 'JSON.stringify(j.audit.map(e=>e.new))' "$WORK/a4.json")"

# --- placing the matrix by status ------------------------------------------------
before=$(q "SELECT count(*) FROM project WHERE stage IS NOT NULL")
unplaced=$(q "SELECT count(*) FROM project WHERE stage IS NULL")
out=$("$CTM" stage place --from-status 2>&1)
contains "stage place --from-status: counts what it placed" "$unplaced projects placed" "$out"
equal "  every project is placed now" 0 "$(q 'SELECT count(*) FROM project WHERE stage IS NULL')"
equal "  those placed before kept their step (P1 at Analysis)" 2 "$(st "$P1")"
equal "  in development at Planning, ongoing at Implementation, completed at Evaluation" "in_development 3|ongoing 6|completed 7" \
	"$(q "SELECT group_concat(x, '|') FROM (SELECT DISTINCT p.stage, p.status || ' ' || p.stage AS x
		FROM project p JOIN stage_decision d ON d.project_id = p.id
		WHERE d.reason = 'placed from the matrix status' ORDER BY p.stage) AS x2")"
equal "  each by a decision of the command line" "$unplaced" \
	"$(q "SELECT count(*) FROM stage_decision WHERE reason = 'placed from the matrix status'
		AND actor = 'cli' AND from_stage IS NULL AND account_id IS NULL")"
out=$("$CTM" stage place --from-status 2>&1)
contains "  again: nothing more" "0 projects placed" "$out"
status "stage place without --from-status: usage" 2 -- "$CTM" stage place
placed=$(q "SELECT project_id FROM stage_decision WHERE reason = 'placed from the matrix status' LIMIT 1")
contains "stage, in French: the system's reason translated" "placé d’après son état dans la matrice" \
	"$("$CTM" --lang fr stage "$placed" 2>&1)"
contains "stage, in Arabic: the system's reason translated" "وُضع حسب حالته في المصفوفة" \
	"$("$CTM" --lang ar stage "$placed" 2>&1)"
contains "stage --format csv, in French: the reason as stored" ",placed from the matrix status" \
	"$("$CTM" --lang fr stage "$placed" --format csv 2>&1)"

# --- the API ------------------------------------------------------------------------
T_SEC=$("$CTM" token sec)
T_FP=$("$CTM" token fp)
T_VIEW=$("$CTM" token view)
T_BRD=$("$CTM" token brd)
serve_start
check "the server starts" -- test -n "$ADDR"
B="http://$ADDR"
A="$B/api/v1"
api() { # api METHOD PATH TOKEN [BODY]: the status; the body in $WORK/b
	local auth=()
	[ -n "$3" ] && auth=(-H "Authorization: Bearer $3")
	curl -s -o "$WORK/b" -w '%{http_code}' -X "$1" "${auth[@]}" ${4:+--data-binary "$4"} "$A$2"
}
equal "GET stage, public: 200" 200 "$(api GET "/projects/$P4/stage" "")"
equal "  the step, its name, no history, no decisions" "5 Initiation false false" \
	"$(json '[j.stage, j.name, "history" in j, "board_decisions" in j].join(" ")' "$WORK/b")"
equal "GET stage, signed in: the history and the decisions (two approvals)" "true 2" \
	"$(api GET "/projects/$P4/stage" "$T_VIEW" >/dev/null; json '[j.history.length > 3, j.board_decisions.length].join(" ")' "$WORK/b")"
equal "GET /rounds, public: published only" "9 false" \
	"$(api GET /rounds "" >/dev/null; json '[j.rounds[0].published.projects, "recorded" in j.rounds[0]].join(" ")' "$WORK/b")"
equal "GET /rounds, signed in: recorded too" "2" \
	"$(api GET /rounds "$T_VIEW" >/dev/null; json 'j.rounds[0].recorded.projects' "$WORK/b")"
equal "GET /rounds/2018, public: no decisions" "949111.00 false false" \
	"$(api GET /rounds/2018 "" >/dev/null; json '[j.published.usd, "decisions" in j, "recorded" in j].join(" ")' "$WORK/b")"
equal "GET /rounds/2018, signed in: the decisions" 3 \
	"$(api GET /rounds/2018 "$T_FP" >/dev/null; json 'j.decisions.length' "$WORK/b")"
equal "GET /rounds/none: 404" 404 "$(api GET /rounds/none "")"
equal "GET /rounds/a%20b: 404 (no key)" 404 "$(api GET /rounds/a%20b "")"
equal "GET /board/decisions, public: 401" 401 "$(api GET /board/decisions "")"
lacks "  and tells no reason" "duplicates another" "$(cat "$WORK/b")"
equal "GET /board/decisions, signed in: 200" 200 "$(api GET "/board/decisions?round=2019" "$T_VIEW")"
contains "  with the reasons" "duplicates another" "$(cat "$WORK/b")"
equal "GET /board/decisions?decision=maybe: 400" 400 "$(api GET "/board/decisions?decision=maybe" "$T_VIEW")"

"$CTM" stage "$P6" --to Analysis --reason "for the API" >/dev/null
S0=$(snap)
equal "POST stage, public: 401" 401 "$(api POST "/projects/$P6/stage" "" '{"to":3,"reason":"x"}')"
equal "POST stage, a viewer: 403" 403 "$(api POST "/projects/$P6/stage" "$T_VIEW" '{"to":3,"reason":"x"}')"
equal "POST stage, a focal point on another's project: 403" 403 "$(api POST "/projects/$P6/stage" "$T_FP" '{"to":3,"reason":"x"}')"
equal "POST stage, over a step: 409" 409 "$(api POST "/projects/$P6/stage" "$T_SEC" '{"to":"Financing","reason":"x"}')"
equal "POST stage, no reason: 422 naming reason" "422 reason" \
	"$(api POST "/projects/$P6/stage" "$T_SEC" '{"to":3,"reason":""}') $(json 'j.error.field' "$WORK/b")"
equal "POST stage, no step: 422 naming to" "422 to" \
	"$(api POST "/projects/$P6/stage" "$T_SEC" '{"to":"Nowhere","reason":"x"}') $(json 'j.error.field' "$WORK/b")"
equal "POST stage, no such project: 404" 404 "$(api POST /projects/999999/stage "$T_SEC" '{"to":3,"reason":"x"}')"
equal "  the refusals changed nothing" "$S0" "$(snap)"
equal "POST stage by the secretariat: 200, the project's history" "200 3 sec" \
	"$(api POST "/projects/$P6/stage" "$T_SEC" '{"to":"planning","reason":"via the API"}') $(json '[j.stage, j.history[j.history.length-1].actor].join(" ")' "$WORK/b")"
equal "  stored" 3 "$(st "$P6")"
equal "POST stage, a focal point on its partner project: 200" 200 \
	"$(api POST "/projects/$PART/stage" "$T_FP" '{"to":3,"reason":"back to planning"}')"

S0=$(snap)
equal "POST decision, a non-member: 403" 403 \
	"$(api POST /board/decisions "$T_SEC" "{\"project\":$P6,\"decision\":\"reject\",\"meeting\":\"2019-05-21\",\"reason\":\"x\"}")"
equal "POST decision, public: 401" 401 "$(api POST /board/decisions "" '{}')"
equal "POST decision, seed with a rejection: 422 seed_usd" "422 seed_usd" \
	"$(api POST /board/decisions "$T_BRD" "{\"project\":$P6,\"decision\":\"reject\",\"meeting\":\"2019-05-21\",\"reason\":\"x\",\"seed_usd\":\"5\"}") $(json 'j.error.field' "$WORK/b")"
equal "POST decision, a field that is none: 422 naming it" "422 colour" \
	"$(api POST /board/decisions "$T_BRD" "{\"project\":$P6,\"colour\":\"red\"}") $(json 'j.error.field' "$WORK/b")"
equal "POST decision, no proposal: 409" 409 \
	"$(api POST /board/decisions "$T_BRD" "{\"project\":$P2,\"decision\":\"reject\",\"meeting\":\"2019-05-21\",\"reason\":\"x\"}")"
equal "POST decision, no such project: 404" 404 \
	"$(api POST /board/decisions "$T_BRD" "{\"project\":999999,\"decision\":\"reject\",\"meeting\":\"2019-05-21\",\"reason\":\"x\"}")"
equal "  the refusals changed nothing" "$S0" "$(snap)"
equal "POST decision, a member approves: 201, at Initiation" "201 5 Initiation 7500000" \
	"$(api POST /board/decisions "$T_BRD" "{\"project\":$P6,\"decision\":\"approve\",\"meeting\":\"2019-05-21\",\"round\":\"2019\",\"seed_usd\":\"75,000\"}") $(json '[j.stage, j.stage_name, j.seed_usd_cents].join(" ")' "$WORK/b")"
equal "  stored, and the project moved" "5 brd" \
	"$(st "$P6") $(q "SELECT actor FROM board_decision ORDER BY id DESC LIMIT 1")"

# --- the pages --------------------------------------------------------------------
get /board >/dev/null
contains "/board, public: the rounds as published" "949,111.00" "$(body)"
lacks "  not what the decisions add up to" "241,000.50" "$(body)"
lacks "  nor the decisions" "duplicates another" "$(body)"
lacks "  nor the form" 'action="/board/decide"' "$(body)"
contains "  the menu has the Board" 'href="/board" aria-current="page"' "$(body)"
equal "/rounds/2018, public: 200" 200 "$(get /rounds/2018)"
lacks "  published only" "Recorded here" "$(body)"
equal "/rounds/1999: 404" 404 "$(get /rounds/1999)"
get "/projects/$P4" >/dev/null
contains "a project's page, public: its step" "Step: <strong>Initiation</strong>" "$(body)"
lacks "  not how it moved" "How it moved" "$(body)"
lacks "  nor the move form" "/projects/$P4/stage" "$(body)"

J="$WORK/jar.view"
equal "sign in as a viewer" 303 "$(signin view "$PW" "$J")"
get /board "$J" >/dev/null
contains "/board, signed in: the decisions" "duplicates another" "$(body)"
contains "  the recorded totals" "241,000.50" "$(body)"
contains "  the demonstration record said so" "is a demonstration record" "$(body)"
lacks "  a viewer who is no member: no form" 'action="/board/decide"' "$(body)"
contains "rounds in Chinese: the round named in Chinese" "2018年种子资金轮次" "$("$CTM" --lang zh rounds 2>&1)"
contains "rounds --format csv in Chinese: the data's name" ",Seed funding round 2018" "$("$CTM" --lang zh rounds --format csv 2>&1)"
get /rounds/2018 "$J" >/dev/null
contains "/rounds/2018, signed in: recorded beside published" "Recorded here" "$(body)"
contains "  the demonstration records said to be no real round" "not the real round" "$(body)"
get "/rounds/2018?lang=ru" "$J" >/dev/null
contains "/rounds/2018 in Russian: the round named in Russian" "<h1>Раунд начального финансирования 2018</h1>" "$(body)"
get "/rounds/2018?lang=en" "$J" >/dev/null
contains "  and in English as the data names it" "<h1>Seed funding round 2018</h1>" "$(body)"
get "/projects/$P4" "$J" >/dev/null
contains "a project's page, signed in: how it moved" "How it moved" "$(body)"
lacks "  a viewer may not move it" "/projects/$P4/stage" "$(body)"
get "/projects/$placed?lang=ru" "$J" >/dev/null
contains "a project's page in Russian: the system's reason translated" "размещён по статусу в матрице" "$(body)"
contains "  the money received, an amount (not the contributions' date column)" "<dt>Получено</dt><dd>USD" "$(body)"
csrf_v=$(csrf)
equal "POST /board/decide as a non-member: 403" 403 \
	"$(post /board/decide "$J" --data-urlencode "csrf=$csrf_v" --data-urlencode "project=$P8" \
		--data-urlencode decision=reject --data-urlencode meeting=2019-05-21 --data-urlencode reason=x)"

J="$WORK/jar.brd"
equal "sign in as the Board member" 303 "$(signin brd "$PW" "$J")"
get /board "$J" >/dev/null
contains "/board, a member: the form" 'action="/board/decide"' "$(body)"
contains "  proposals to choose from" "<option value=\"$P8\"" "$(body)"
n=$(q "SELECT count(*) FROM board_decision")
equal "the form: a meeting still to come is refused, 422" 422 \
	"$(formpost /board/decide "$J" "project=$P8" decision=reject meeting=2999-01-01 reason=late)"
contains "  said above the form" "is still to come" "$(body)"
contains "  which keeps what was typed" ">late</textarea>" "$(body)"
equal "  nothing recorded" "$n" "$(q "SELECT count(*) FROM board_decision")"
get /board "$J" >/dev/null
equal "the form: a rejection recorded, 303" 303 \
	"$(formpost /board/decide "$J" "project=$P8" decision=reject meeting=2019-05-22 reason=zzformreason)"
equal "  stored, by brd" "reject brd zzformreason" \
	"$(q "SELECT decision || ' ' || actor || ' ' || reason FROM board_decision ORDER BY id DESC LIMIT 1")"

J="$WORK/jar.sec"
equal "sign in as the secretariat" 303 "$(signin sec "$PW" "$J")"
"$CTM" stage "$P8" --to Analysis --reason "for the page" >/dev/null
get "/projects/$P8" "$J" >/dev/null
contains "a project's page, the secretariat: the move form" "action=\"/projects/$P8/stage\"" "$(body)"
lacks "  offering no step over one (Financing)" '<option value="4">' "$(body)"
contains "  offering the next (Planning)" '<option value="3">' "$(body)"
equal "the move form: a move without a reason, 422" 422 \
	"$(formpost "/projects/$P8/stage" "$J" to=3 reason=)"
equal "  nothing moved" 2 "$(st "$P8")"
get "/projects/$P8" "$J" >/dev/null
equal "the move form: to Planning, 303" 303 \
	"$(formpost "/projects/$P8/stage" "$J" to=3 reason="zzpage move")"
equal "  stored, by sec" "3 sec zzpage move" \
	"$(st "$P8") $(q "SELECT actor || ' ' || reason FROM stage_decision WHERE project_id = $P8 ORDER BY id DESC LIMIT 1")"
get "/projects/$P8" "$J" >/dev/null
equal "a move posted over a step: 409" 409 \
	"$(post "/projects/$P8/stage" "$J" --data-urlencode "csrf=$(csrf)" --data-urlencode to=5 --data-urlencode reason=x)"
equal "a move without the CSRF token: 403" 403 \
	"$(post "/projects/$P8/stage" "$J" --data-urlencode to=2 --data-urlencode reason=x)"
equal "  nothing moved" 3 "$(st "$P8")"

J="$WORK/jar.fp"
equal "sign in as the focal point" 303 "$(signin fp "$PW" "$J")"
get "/projects/$P8" "$J" >/dev/null
lacks "a focal point: no move form on another's project" "/projects/$P8/stage" "$(body)"
get "/projects/$PART" "$J" >/dev/null
contains "a focal point: the move form on its partner project" "action=\"/projects/$PART/stage\"" "$(body)"
lacks "  but not into Initiation" '<option value="5">' "$(body)"

kill -TERM "$PID"
wait "$PID"
