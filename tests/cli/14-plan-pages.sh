#!/bin/bash
# 14-plan-pages.sh - plans of action in the database and on the web: the
# CLI that keeps revisions, adopts one and links projects to measures
# (each audited, each refused with a reason when wrong); the pages for the
# public (adopted plans only) and for each role; brackets drawn with their
# delegations and readable without colour; filters; positions; the
# comparison of the two Paris drafts; the downloads; the forms.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

DB=$CTMATRIX_DB
CICA=$TOP/data/plans/cica-plan-of-action-draft-rev2-preamble-pillar-1.txt
OCT=$TOP/data/plans/agreement-23-oct-2015.md
DEC=$TOP/data/plans/agreement-4-dec-2015.md
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
PW="a long enough password"
for u in "sec --role secretariat" "fp --role focal_point --entity UNICRI" \
	"view --role viewer"; do
	# shellcheck disable=SC2086
	echo "$PW" | "$CTM" user add $u >/dev/null 2>&1 ||
		echo "not ok - user add $u"
done
"$CTM" projects --format json --limit 500 >"$WORK/all.json" 2>/dev/null
MINE=$(json 'j.projects.find(p=>p.entities.some(e=>e.key==="UNICRI")).id' "$WORK/all.json")
OTHER=$(json 'j.projects.find(p=>!p.entities.some(e=>e.key==="UNICRI")).id' "$WORK/all.json")

# --- the CLI
status "plan add: a new plan needs a title" 1 -- "$CTM" plan add cica "$CICA"
check "plan add: the CICA draft" -- "$CTM" plan add cica "$CICA" --title "CICA Plan of Action" --label rev2
check "plan add: the Paris drafts, two revisions" -- bash -c "
	'$CTM' plan add paris '$OCT' --title 'Paris Agreement' --label '23 October 2015' &&
	'$CTM' plan add paris '$DEC' --label '4 December 2015'"
printf 'text \377 more\n' >"$WORK/bad.txt"
out=$("$CTM" plan add cica "$WORK/bad.txt" 2>&1)
contains "plan add: a file that is not UTF-8 is refused with its place" \
	"line 1, column 6: not UTF-8" "$out"
status "plan add: a bad key is refused" 1 -- "$CTM" plan add 'Bad Key' "$CICA" --title x
equal "nothing was kept of the refused files" 3 \
	"$(dbq --db "$DB" 'SELECT count(*) FROM plan_revision')"
equal "a revision is kept byte for byte" "$(od -An -tx1 -v "$DEC" | tr -d ' \n')" \
	"$(dbq --db "$DB" "SELECT $(sql_hex body) FROM plan_revision WHERE seq = 2 AND plan_id = (SELECT id FROM plan WHERE key = 'paris')")"
out=$("$CTM" plan link cica 1 "$MINE" 2>&1)
contains "plan link: refused while the plan is a draft" "not adopted" "$out"
check "plan adopt" -- "$CTM" plan adopt cica --revision 1
status "plan adopt: no revision 5" 1 -- "$CTM" plan adopt cica --revision 5
check "plan link: a project to measure 1" -- "$CTM" plan link cica 1 "$MINE"
out=$("$CTM" plan link cica 9 "$MINE" 2>&1)
contains "plan link: a measure the plan lacks is refused" "no measure 9" "$out"
status "plan link: a project that does not exist" 1 -- "$CTM" plan link cica 2 999999
"$CTM" plan measures cica --format csv >"$WORK/m.csv" 2>/dev/null
equal "plan measures: every measure, measure 1 with its project" \
	"7 1 $MINE" \
	"$(tail -n +2 "$WORK/m.csv" | wc -l) $(grep -c '^1,' "$WORK/m.csv") $(grep '^1,' "$WORK/m.csv" | cut -d, -f2)"
equal "plan measures: the others have none" 6 "$(grep -c ',(none),' "$WORK/m.csv")"
"$CTM" audit --format json >"$WORK/audit.json" 2>/dev/null
equal "every change is in the audit trail" \
	"plan-link plan-adopt plan-revision plan-revision plan-revision" \
	"$(json 'j.audit.filter(e=>e.subject==="plan").map(e=>e.action).join(" ")' "$WORK/audit.json")"

# Budget per measure: the budgets of its projects in US dollars (one in
# euros at a rate recorded for it), the projects without one counted apart.
TWO=$("$CTM" projects --format csv --limit 3 | sed -n '4s/,.*//p')
THREE=$("$CTM" projects --format csv --limit 4 | sed -n '5s/,.*//p')
check "budget per measure: two more projects behind measure 1, budgets set" -- bash -c "
	'$CTM' plan link cica 1 '$TWO' && '$CTM' plan link cica 1 '$THREE' &&
	'$CTM' plan link cica 2 '$TWO' &&
	'$CTM' rates add EUR 1.25 --date 2018-01-01 --source test >/dev/null &&
	'$CTM' budget set '$MINE' 120,000.50 --date 2018-06-01 >/dev/null &&
	'$CTM' budget set '$TWO' 10,000 --currency EUR --date 2018-06-01 --demo >/dev/null"
"$CTM" plan measures cica --format csv >"$WORK/m.csv" 2>/dev/null
equal "plan measures: measure 1's budget is 120,000.50 + EUR 10,000 at 1.25, of 2 of 3 projects" \
	"132500.50,2 (demo)" "$(grep '^1,' "$WORK/m.csv" | cut -d, -f5,6)"
equal "plan measures: the project behind two measures counts in full behind each" \
	"12500.00,1 (demo)" "$(grep '^2,' "$WORK/m.csv" | cut -d, -f5,6)"
equal "plan measures: a measure with nothing behind it has no budget" \
	"0.00,0" "$(grep '^3,' "$WORK/m.csv" | cut -d, -f5,6)"
"$CTM" plan unlink cica 1 "$TWO" >/dev/null && "$CTM" plan unlink cica 1 "$THREE" >/dev/null &&
	"$CTM" plan unlink cica 2 "$TWO" >/dev/null

# --- the pages
serve_start
check "the server starts" -- test -n "$ADDR"
B="http://$ADDR"
equal "the public: the list of plans" 200 "$(get /plans)"
contains "the public sees the adopted plan" "CICA Plan of Action" "$(body)"
lacks "the public does not see a draft" "Paris Agreement" "$(body)"
equal "the public: a draft is not found" 404 "$(get /plans/paris)"
equal "the public: the adopted text" 200 "$(get /plans/cica)"
contains "brackets are drawn with their delegation, tag written out" \
	'<span class="tag c1" title="India proposes to add">+IND</span>' "$(body)"
contains "an addition is marked as such (underlined without colour)" \
	'<span class="br add c1"><span class="mk">[</span>and denial' "$(body)"
contains "a deletion is marked as such (struck through)" \
	'<span class="br del c1"><span class="mk">[</span>and<span class="mk">]</span>' "$(body)"
contains "the legend names each delegation" \
	'<span class="tag c4">TUR</span> Türkiye' "$(body)"
equal "the public: positions need a sign-in" 401 "$(get /plans/cica/positions)"
equal "the public: the measures of the adopted plan" 200 "$(get /plans/cica/measures)"
contains "the measures page shows the project behind measure 1" \
	"href=\"/projects/$MINE\"" "$(body)"
contains "and the measures with nothing behind them" \
	"<strong>6</strong> with no project behind them" "$(body)"
contains "the measures page shows measure 1's budget, of its one project budgeted" \
	'120,000.50<br><small>1 of 1 projects budgeted</small>' "$(body)"
lacks "the public gets no form" 'name="csrf"' "$(body)"
equal "the public: Akoma Ntoso download" 200 "$(get /plans/cica/akn)"
check "the download validates against the OASIS schema" -- \
	xmllint --noout --schema "$FIX/akn/akomantoso30.xsd" "$WORK/b"
equal "the agreed text download" 200 "$(get '/plans/cica/text?view=agreed')"
lacks "the agreed text has no bracket" "(+IND)" "$(body)"
get '/plans/cica/text' >/dev/null
check "the text as delivered is the file" -- cmp "$CICA" "$WORK/b"
equal "no such plan" 404 "$(get /plans/nope)"
equal "a key that cannot be" 404 "$(get '/plans/..%2Fetc')"

J=$WORK/view.jar
equal "a viewer signs in" 303 "$(signin view "$PW" "$J")"
equal "a viewer sees the draft" 200 "$(get '/plans/paris?rev=2' "$J")"
contains "the second Paris draft, its figures" "<strong>1,015</strong> brackets" "$(body)"
lacks "a viewer is offered no adoption" "Adopt this revision" "$(body)"
equal "filter by delegation" 200 "$(get '/plans/cica?delegation=IND' "$J")"
contains "the filter counts the delegation's brackets" \
	"<strong>18</strong> brackets carry a tag of India" "$(body)"
contains "and dims the others" 'class="br add c0 dim"' "$(body)"
equal "filter by part" 200 "$(get '/plans/cica?section=1' "$J")"
lacks "the preamble is left out of pillar I" "Reiterating strong" "$(body)"
contains "pillar I is shown" "To eradicate poverty" "$(body)"
equal "positions" 200 "$(get /plans/cica/positions "$J")"
contains "the table counts measure 1's tags" \
	'<a href="/plans/cica?rev=1#b' "$(body)"
contains "each proposal of a delegation" "adds</span>" "$(body)"
equal "comparison of the Paris drafts" 200 "$(get '/plans/paris/compare?a=1&b=2' "$J")"
contains "the comparison counts brackets" "still open" "$(body)"
contains "words removed and added" "<del>" "$(body)"
get /plans/cica/measures "$J" >/dev/null
equal "a viewer may not link" 403 "$(post /plans/cica/link "$J" --data-urlencode "csrf=$(grep -o 'name="csrf" value="[^"]*"' "$WORK/b" | head -1 | sed 's/.*value="//;s/"$//')" -d measure=2 -d project="$MINE")"

F=$WORK/fp.jar
equal "a focal point signs in" 303 "$(signin fp "$PW" "$F")"
equal "the focal point's measures page" 200 "$(get /plans/cica/measures "$F")"
equal "a focal point links its entity's project" 303 \
	"$(formpost /plans/cica/link "$F" measure=3 project="$MINE")"
get /plans/cica/measures "$F" >/dev/null
equal "a focal point may not link another entity's project" 403 \
	"$(formpost /plans/cica/link "$F" measure=3 project="$OTHER")"
equal "the link is there, and only that one" "1,3" \
	"$(dbq --db "$DB" "SELECT group_concat(measure) FROM (SELECT measure FROM plan_measure_project WHERE project_id = $MINE ORDER BY measure) AS m")"
get /plans/cica/measures "$F" >/dev/null
equal "a link without the CSRF token is refused" 403 \
	"$(post /plans/cica/link "$F" -d measure=4 -d project="$MINE")"
equal "a focal point may not add a revision" 403 \
	"$(post /plans "$F" --data-urlencode "csrf=$(csrf)" -d key=x)"

S=$WORK/sec.jar
equal "the secretariat signs in" 303 "$(signin sec "$PW" "$S")"
get /plans "$S" >/dev/null
T=$(csrf)
cat >"$WORK/rev2.txt" <<'EOT'
**CICA Plan of Action**

Pillar I: Measures

1. To take measures [pursuant to] (-BHR) international law.
EOT
equal "the secretariat adds a revision through the form" 303 \
	"$(post /plans "$S" -F "csrf=$T" -F key=cica -F label=rev3 -F "file=@$WORK/rev2.txt")"
equal "it is revision 2" "2 rev3" \
	"$(dbq --db "$DB" "SELECT seq || ' ' || label FROM plan_revision WHERE plan_id = (SELECT id FROM plan WHERE key = 'cica') ORDER BY seq DESC LIMIT 1")"
get /plans "$S" >/dev/null
equal "a bad file through the form is refused, with why" 400 \
	"$(post /plans "$S" -F "csrf=$(csrf)" -F key=cica -F label=x -F "file=@$WORK/bad.txt")"
contains "the reason names the place" "line 1, column 6" "$(body)"
get '/plans/cica?rev=2' "$S" >/dev/null
contains "the secretariat is offered the adoption" "Adopt this revision" "$(body)"
equal "the secretariat adopts revision 2" 303 "$(formpost /plans/cica/adopt "$S")"
equal "revision 2 is the adopted one" 2 \
	"$(dbq --db "$DB" "SELECT adopted_seq FROM plan WHERE key = 'cica'")"
equal "the public now sees revision 2" 200 "$(get /plans/cica)"
contains "revision 2's text" "pursuant to" "$(body)"
lacks "not revision 1's" "and denial" "$(body)"
equal "the public cannot ask for revision 1" 200 "$(get '/plans/cica?rev=1')"
lacks "the public is given the adopted text whatever it asks" "and denial" "$(body)"
get /plans "$S" >/dev/null
equal "a POST to a page that takes none" 405 "$(post /plans/cica/positions "$S" -d csrf="$(csrf)")"
kill "$PID"
wait "$PID" 2>/dev/null
