#!/bin/bash
# 10-openapi.sh - every route and response of the API against its OpenAPI
# document (served at /api/v1/openapi.json): successes and errors of each
# route, by role, checked with Ajv (tests/openapi-check.js).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
"$CTM" needs import "$TOP/data/demo/needs.csv" --demo >/dev/null
PW="a long enough password"
echo "$PW" | "$CTM" user add sec --role secretariat >/dev/null
echo "$PW" | "$CTM" user add fp --role focal_point --entity UNICRI >/dev/null
T_SEC=$("$CTM" token sec)
echo "$PW" | "$CTM" user add an --role analyst --entity CTED >/dev/null
T_FP=$("$CTM" token fp)
T_AN=$("$CTM" token an)
echo "$PW" | "$CTM" user add brd --role viewer >/dev/null
"$CTM" board member add brd >/dev/null
T_BRD=$("$CTM" token brd)
"$CTM" stage place --from-status >/dev/null
# Proposals (in development: at Planning), and an ongoing project.
read -r PR1 PR2 PR3 <<<"$("$CTM" projects --status in_development --format csv --limit 3 | sed 1d | cut -d, -f1 | tr '\n' ' ')"
ONG=$("$CTM" projects --status ongoing --format csv --limit 1 | sed -n '2s/,.*//p')
serve_start
URL="http://$ADDR/api/v1"
equal "GET /openapi.json is 200" 200 \
	"$(curl -s -o "$WORK/openapi.json" -w '%{http_code}' "$URL/openapi.json")"
equal "the document is the one in src/api" \
	"$(cat "$TOP/src/api/openapi.json")" "$(cat "$WORK/openapi.json")"

n=0
: >"$WORK/cases"
# call METHOD ROUTE PATH [TOKEN [BODY]]: record the answer as a case (its
# status, body and media type)
call() {
	n=$((n + 1))
	local auth=() st
	[ -n "${4:-}" ] && auth=(-H "Authorization: Bearer $4")
	: >"$WORK/body.$n"
	st=$(curl -s -o "$WORK/body.$n" -w '%{http_code}\t%{content_type}' -X "$1" \
		"${auth[@]}" ${5:+--data-binary "$5"} "$URL$3")
	printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "${st%%$'\t'*}" "$WORK/body.$n" \
		"${st#*$'\t'}" >>"$WORK/cases"
}
call GET /projects /projects
call GET /projects "/projects?pillar=II&entity=UNODC&limit=5&sort=title"
call GET /projects "/projects?search=radicalisation&region=Sahel&status=ongoing"
call GET /projects "/projects?pillar=IX"
call GET /projects "/projects?pilar=II"
call GET /projects/{id} /projects/1
call GET /projects/{id} /projects/99999
for by in pillar status entity scope country region year; do
	call GET /stats "/stats?by=$by"
done
call GET /stats "/stats?by=colour"
call GET /stats "/stats?by=country&sum=budget"
call GET /stats "/stats?by=pillar&sum=budget"
call GET /findings /findings
call GET /openapi.json /openapi.json
call GET /organisations /organisations
call GET /places /places
call GET /places "/places?kind=country"
call GET /places "/places?kind=planet"
call GET /framework /framework
call POST /projects /projects "" '{"title":"x","pillar":"I"}'
call POST /projects /projects "$T_FP" '{"title":"x","pillar":"I","entities":["UNDP"]}'
call POST /projects /projects "$T_SEC" '{"title":"x","pillar":"I","period":"soon"}'
call POST /projects /projects "$T_SEC" '{"title":'
call POST /projects /projects "$T_SEC" \
	'{"title":"New","pillar":"I","status":"ongoing","period":"since 2020","entities":["UNODC"],"places":["Kenya"],"scope":["national"]}'
NEW=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).id)' "$WORK/body.$n")
call PATCH /projects/{id} "/projects/$NEW" "$T_SEC" '{"status":"completed"}'
call PATCH /projects/{id} "/projects/$NEW" "$T_SEC" '{"status":"done"}'
call PATCH /projects/{id} "/projects/$NEW" "$T_FP" '{"status":"ongoing"}'
call PATCH /projects/{id} "/projects/$NEW" "" '{"status":"ongoing"}'
call PATCH /projects/{id} /projects/99999 "$T_SEC" '{"status":"ongoing"}'
call PATCH /projects/{id} "/projects/$NEW" "$T_SEC" '[]'
call DELETE /projects/{id} "/projects/$NEW" "$T_FP"
call DELETE /projects/{id} "/projects/$NEW" ""
call DELETE /projects/{id} "/projects/$NEW" "$T_SEC"
call DELETE /projects/{id} "/projects/$NEW" "$T_SEC"

# Needs: reads by who asks.
call GET /needs /needs
call GET /needs "/needs?gaps=1&limit=5&offset=2" "$T_SEC"
call GET /needs "/needs?country=MLI" "$T_AN"
call GET /needs "/needs?region=sahel&pillar=II&status=open&priority=high&body=CTED" "$T_SEC"
call GET /needs "/needs?area=education-youth-and-inclusion&search=young" "$T_FP"
call GET /needs "/needs?status=done"
call GET /needs "/needs?priority=urgent"
call GET /needs "/needs?limit=0"
call GET /needs "/needs?offset=-1"
call GET /needs "/needs?format=xml"
call GET /needs "/needs?colour=red"
call GET /needs /needs "not-a-token"
call GET /needs/{id} /needs/11
call GET /needs/{id} /needs/1
call GET /needs/{id} /needs/1 "$T_SEC"
call GET /needs/{id} /needs/1 "$T_AN"
call GET /needs/{id} /needs/99999
# Writes.
call POST /needs /needs "" '{"country":"MLI","body":"CTED","text":"x"}'
call POST /needs /needs "$T_FP" '{"country":"MLI","body":"CTED","text":"x"}'
call POST /needs /needs "$T_FP" '{"country":"MLI","body":"CTED","text":"x"}'
call POST /needs /needs "$T_SEC" '{"country":'
call POST /needs /needs "$T_SEC" '{"country":"MLI","body":"CTED"}'
call POST /needs /needs "$T_SEC" '{"country":"Atlantis","body":"CTED","text":"x"}'
call POST /needs /needs "$T_SEC" '{"country":"MLI","body":"CTED","text":"x","colour":"red"}'
call POST /needs /needs "$T_SEC" '{"country":"MLI","body":"CTED","text":"x","priority":3}'
call POST /needs /needs "$T_SEC" \
	'{"ref":"API-1","country":"Mali","body":"CTED","text":"A need recorded through the API","assessed":"2019-04","pillar":"II","area":"legal-and-criminal-justice","priority":"high","confidentiality":"compact","projects":[1],"demo":true}'
NEW=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).id)' "$WORK/body.$n")
call POST /needs /needs "$T_AN" \
	'{"country":"NER","body":"CTED","text":"restricted to UNODC only","organisations":["UNODC"]}'
HID=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).id)' "$WORK/body.$n")
call PATCH /needs/{id} "/needs/$NEW" "$T_SEC" '{"status":"being_addressed","assessed":null}'
call PATCH /needs/{id} "/needs/$NEW" "$T_SEC" '{"status":"done"}'
call PATCH /needs/{id} "/needs/$NEW" "$T_SEC" '[]'
call PATCH /needs/{id} "/needs/$NEW" "$T_SEC" '{"status":'
call PATCH /needs/{id} "/needs/$NEW" "$T_FP" '{"status":"open"}'
call PATCH /needs/{id} "/needs/$NEW" "" '{"status":"open"}'
call PATCH /needs/{id} /needs/99999 "$T_SEC" '{"status":"open"}'
call PATCH /needs/{id} "/needs/$HID" "$T_AN" '{"status":"open"}'
call PATCH /needs/{id} "/needs/$HID" "$T_SEC" '{"confidentiality":"restricted","organisations":"UNODC; CTED"}'
call POST /needs/{id}/links "/needs/$NEW/links" "$T_SEC" '{"project":2}'
call POST /needs/{id}/links "/needs/$NEW/links" "$T_SEC" '{"project":2,"linked":false}'
call POST /needs/{id}/links "/needs/$NEW/links" "$T_FP" '{"project":3}'
call POST /needs/{id}/links "/needs/$NEW/links" "$T_FP" '{"project":124}'
call POST /needs/{id}/links "/needs/$NEW/links" "$T_FP" '{"project":3}'
call POST /needs/{id}/links "/needs/$NEW/links" "" '{"project":3}'
call POST /needs/{id}/links "/needs/$NEW/links" "$T_SEC" '{"project":99999}'
call POST /needs/{id}/links /needs/99999/links "$T_SEC" '{"project":3}'
call POST /needs/{id}/links "/needs/$HID/links" "$T_AN" '{"project":3}'
call POST /needs/{id}/links "/needs/$NEW/links" "$T_SEC" '{"project":"3"}'
call POST /needs/{id}/links "/needs/$NEW/links" "$T_SEC" '{"project":'
call DELETE /needs/{id} "/needs/$NEW" "$T_FP"
call DELETE /needs/{id} "/needs/$NEW" ""
call DELETE /needs/{id} "/needs/$HID" "$T_AN"
call DELETE /needs/{id} "/needs/$NEW" "$T_SEC"
call DELETE /needs/{id} "/needs/$NEW" "$T_SEC"
# Gaps.
for by in country region subregion pillar area; do
	call GET /gaps "/gaps?by=$by"
	call GET /gaps "/gaps?by=$by" "$T_SEC"
done
call GET /gaps /gaps
call GET /gaps "/gaps?region=002&pillar=II&status=open&priority=high&body=CTED&search=border" "$T_AN"
call GET /gaps "/gaps?by=colour"
call GET /gaps "/gaps?format=xml"
call GET /gaps "/gaps?gaps=1"
call GET /gaps "/gaps?status=done"
# Duplicates.
call GET /duplicates /duplicates
call GET /duplicates "/duplicates?country=MLI&min=0.01&limit=5"
call GET /duplicates "/duplicates?area=education-youth-and-inclusion&entity=UNESCO"
call GET /duplicates "/duplicates?country=Mali"
call GET /duplicates "/duplicates?min=2"
call GET /duplicates "/duplicates?min=x"
call GET /duplicates "/duplicates?limit=0"
call GET /duplicates "/duplicates?limit=1001"
call GET /duplicates "/duplicates?search=x"
# Money.
MP=$("$CTM" projects --entity UNICRI --format json | json 'j.projects[0].id' /dev/stdin)
OP=$("$CTM" projects --entity UNODC --format json | json 'j.projects[0].id' /dev/stdin)
call POST /rates /rates "$T_SEC" '{"currency":"EUR","rate":"1.0843","date":"2018-01-01","source":"test"}'
call POST /rates /rates "$T_SEC" '{"currency":"EUR","rate":"1,08","date":"2018-01-01"}'
call POST /rates /rates "$T_FP" '{"currency":"EUR","rate":"1.1","date":"2018-01-01"}'
call POST /rates /rates "" '{"currency":"EUR","rate":"1.1","date":"2018-01-01"}'
call POST /rates /rates "$T_SEC" 'not json'
call GET /rates /rates
call GET /rates "/rates?currency=EUR"
call GET /rates "/rates?cur=EUR"
call PUT "/projects/{id}/budget" "/projects/$MP/budget" "$T_FP" '{"amount":"250,000","currency":"EUR","as_of":"2018-06-01"}'
call PUT "/projects/{id}/budget" "/projects/$MP/budget" "$T_FP" '{"amount":"300000"}'
call PUT "/projects/{id}/budget" "/projects/$OP/budget" "$T_FP" '{"amount":"5"}'
call PUT "/projects/{id}/budget" "/projects/$OP/budget" "$T_SEC" '{"amount":"5","currency":"GBP"}'
call PUT "/projects/{id}/budget" "/projects/$OP/budget" "$T_SEC" '{"amount":5.5}'
call PUT "/projects/{id}/budget" "/projects/999999/budget" "$T_SEC" '{"amount":"5"}'
call PUT "/projects/{id}/budget" "/projects/$OP/budget" "" '{"amount":"5"}'
call PUT "/projects/{id}/budget" "/projects/$OP/budget" "$T_SEC" '{"amount":"90000"}'
call DELETE "/projects/{id}/budget" "/projects/$OP/budget" "$T_FP"
call DELETE "/projects/{id}/budget" "/projects/$OP/budget" "$T_SEC"
call DELETE "/projects/{id}/budget" "/projects/$OP/budget" "$T_SEC"
call DELETE "/projects/{id}/budget" "/projects/$OP/budget" ""
call PUT "/projects/{id}/gender" "/projects/$MP/gender" "$T_FP" '{"gender_marker":2}'
call PUT "/projects/{id}/gender" "/projects/$MP/gender" "$T_FP" '{"gender_marker":null}'
call PUT "/projects/{id}/gender" "/projects/$MP/gender" "$T_FP" '{"gender_marker":7}'
call PUT "/projects/{id}/gender" "/projects/$OP/gender" "$T_FP" '{"gender_marker":1}'
call PUT "/projects/{id}/gender" "/projects/999999/gender" "$T_SEC" '{"gender_marker":1}'
call PUT "/projects/{id}/gender" "/projects/$OP/gender" "" '{"gender_marker":1}'
call GET "/projects/{id}/budget" "/projects/$MP/budget"
call GET "/projects/{id}/budget" "/projects/$OP/budget"
call GET "/projects/{id}/budget" "/projects/999999/budget"
call POST /contributions /contributions "$T_SEC" "{\"donor\":\"European Union\",\"amount\":\"50,000\",\"currency\":\"EUR\",\"received\":\"2018-07-01\",\"project\":$MP,\"trust_fund\":true}"
call POST /contributions /contributions "$T_SEC" '{"donor":"Saudi Arabia","amount":"1000000","received":"2018-03-01"}'
call POST /contributions /contributions "$T_SEC" '{"donor":"A foundation","amount":"7.5","received":"2018-03-01","in_kind":true,"note":"books"}'
call POST /contributions /contributions "$T_SEC" '{"donor":"Qatar","amount":10.5,"received":"2018-03-01"}'
call POST /contributions /contributions "$T_SEC" '{"donor":"Qatar","amount":"10","received":"2018-03-01","project":999999}'
call POST /contributions /contributions "$T_SEC" '{"donor":"Qatar","amount":"10","currency":"GBP","received":"2018-03-01"}'
call POST /contributions /contributions "$T_FP" '{"donor":"Qatar","amount":"10","received":"2018-03-01"}'
call POST /contributions /contributions "" '{"donor":"Qatar","amount":"10","received":"2018-03-01"}'
call GET /contributions /contributions
call GET /contributions "/contributions?project=$MP&donor=EU&trust_fund=true"
call GET /contributions "/contributions?project=x"
call GET /contributions "/contributions?year=2018"
CID=$(dbq 'SELECT max(id) FROM contribution')
call DELETE "/contributions/{id}" "/contributions/$CID" "$T_FP"
call DELETE "/contributions/{id}" "/contributions/$CID" "$T_SEC"
call DELETE "/contributions/{id}" "/contributions/$CID" "$T_SEC"
call DELETE "/contributions/{id}" "/contributions/$CID" ""
for by in project entity pillar gender portfolio; do
	call GET /funding "/funding?by=$by"
done
call GET /funding "/funding?by=entity&pillar=II&entity=UNODC"
call GET /funding "/funding?by=colour"
call GET /funding "/funding?format=xml"
call GET /funding "/funding?country=MLI"
call GET /trust-fund /trust-fund
call GET /trust-fund "/trust-fund?year=2018"
call POST /appeals /appeals "$T_SEC" "{\"key\":\"mya-2018\",\"title\":\"Multi-Year Appeal\",\"issued\":\"2018-05\",\"projects\":[$MP,$OP],\"demo\":true}"
call POST /appeals /appeals "$T_SEC" "{\"key\":\"mya-2018\",\"title\":\"Multi-Year Appeal, revised\",\"projects\":[$MP]}"
call POST /appeals /appeals "$T_SEC" '{"key":"Bad Key","title":"X"}'
call POST /appeals /appeals "$T_SEC" '{"key":"x","title":"X","projects":["a"]}'
call POST /appeals /appeals "$T_SEC" '{"key":"x","title":"X","projects":[999999]}'
call POST /appeals /appeals "$T_FP" '{"key":"x","title":"X"}'
call POST /appeals /appeals "" '{"key":"x","title":"X"}'
call GET /appeals /appeals
call GET /appeals "/appeals?key=x"
AID=$(dbq "SELECT id FROM appeal WHERE key = 'mya-2018'")
call GET "/appeals/{id}" "/appeals/$AID"
call GET "/appeals/{id}" "/appeals/999999"
call DELETE "/appeals/{id}" "/appeals/$AID" "$T_FP"
call DELETE "/appeals/{id}" "/appeals/$AID" "$T_SEC"
call DELETE "/appeals/{id}" "/appeals/$AID" "$T_SEC"
call DELETE "/appeals/{id}" "/appeals/$AID" ""
# The lifecycle and the Board.
call GET /projects/{id}/stage "/projects/$PR1/stage"
call GET /projects/{id}/stage "/projects/$PR1/stage" "$T_SEC"
call GET /projects/{id}/stage /projects/99999/stage
call POST /projects/{id}/stage "/projects/$PR1/stage" "$T_SEC" '{"to":"Financing","reason":"budget drafted"}'
call POST /projects/{id}/stage "/projects/$PR1/stage" "$T_SEC" '{"to":3,"reason":"back to planning"}'
call POST /projects/{id}/stage "/projects/$PR1/stage" "$T_SEC" '{"to":"Evaluation","reason":"skip"}'
call POST /projects/{id}/stage "/projects/$PR1/stage" "$T_SEC" '{"to":"Financing"}'
call POST /projects/{id}/stage "/projects/$PR1/stage" "$T_SEC" '{"to":"Nowhere","reason":"x"}'
call POST /projects/{id}/stage "/projects/$PR1/stage" "$T_SEC" '{"to":'
call POST /projects/{id}/stage "/projects/$PR1/stage" "$T_AN" '{"to":4,"reason":"x"}'
call POST /projects/{id}/stage "/projects/$PR1/stage" "" '{"to":4,"reason":"x"}'
call POST /projects/{id}/stage /projects/99999/stage "$T_SEC" '{"to":4,"reason":"x"}'
call POST /board/decisions /board/decisions "$T_BRD" \
	"{\"project\":$PR1,\"decision\":\"approve\",\"meeting\":\"2018-05-15\",\"seed_usd\":\"120,000\",\"round\":\"2018\",\"conditions\":\"report\",\"reason\":\"DEMONSTRATION RECORD\",\"demo\":true}"
call POST /board/decisions /board/decisions "$T_BRD" \
	"{\"project\":$PR2,\"decision\":\"revise\",\"meeting\":\"2018-05-15\",\"reason\":\"more detail\",\"round\":null}"
call POST /board/decisions /board/decisions "$T_BRD" \
	"{\"project\":$ONG,\"decision\":\"reject\",\"meeting\":\"2018-05-15\",\"reason\":\"x\"}"
call POST /board/decisions /board/decisions "$T_BRD" \
	"{\"project\":$PR3,\"decision\":\"reject\",\"meeting\":\"2018-05-15\",\"reason\":\"x\",\"seed_usd\":\"5\"}"
call POST /board/decisions /board/decisions "$T_BRD" \
	"{\"project\":99999,\"decision\":\"reject\",\"meeting\":\"2018-05-15\",\"reason\":\"x\"}"
call POST /board/decisions /board/decisions "$T_BRD" '{"project":'
call POST /board/decisions /board/decisions "$T_SEC" \
	"{\"project\":$PR3,\"decision\":\"reject\",\"meeting\":\"2018-05-15\",\"reason\":\"x\"}"
call POST /board/decisions /board/decisions "" '{}'
call GET /board/decisions /board/decisions "$T_SEC"
call GET /board/decisions "/board/decisions?round=2018&decision=approve&project=$PR1" "$T_BRD"
call GET /board/decisions "/board/decisions?decision=maybe" "$T_SEC"
call GET /board/decisions /board/decisions
call GET /rounds /rounds
call GET /rounds /rounds "$T_FP"
call GET /rounds/{key} /rounds/2018
call GET /rounds/{key} /rounds/2018 "$T_AN"
call GET /rounds/{key} /rounds/1999

# Results: the framework, reports and their moves, progress.
ID() { dbq "$1"; }
call GET /working-groups /working-groups
call GET /working-groups /working-groups "not-a-token"
call GET /projects/{id}/areas "/projects/$MP/areas"
call GET /projects/{id}/areas /projects/999999/areas
call GET /projects/{id}/areas "/projects/$MP/areas" "not-a-token"
call PUT /projects/{id}/areas "/projects/$MP/areas" "$T_FP" '{"areas":["support-for-victims","gender"]}'
call PUT /projects/{id}/areas "/projects/$MP/areas" "$T_FP" '{"areas":["nope"]}'
call PUT /projects/{id}/areas "/projects/$MP/areas" "$T_FP" '{"areas":"gender"}'
call PUT /projects/{id}/areas "/projects/$OP/areas" "$T_FP" '{"areas":[]}'
call PUT /projects/{id}/areas "/projects/$MP/areas" "" '{"areas":[]}'
call PUT /projects/{id}/areas "/projects/$MP/areas" "$T_SEC" 'not json'
call PUT /projects/{id}/areas /projects/999999/areas "$T_SEC" '{"areas":[]}'
call POST /projects/{id}/results "/projects/$MP/results" "$T_FP" '{"level":"outcome","statement":"Officials apply the law <script>"}'
OUTC=$(ID "SELECT max(id) FROM result WHERE project_id = $MP")
call POST /projects/{id}/results "/projects/$MP/results" "$T_FP" "{\"level\":\"output\",\"statement\":\"Training\",\"outcome\":$OUTC,\"demo\":true}"
OUTP=$(ID "SELECT max(id) FROM result WHERE project_id = $MP")
call POST /projects/{id}/results "/projects/$MP/results" "$T_FP" '{"level":"impact","statement":"x"}'
call POST /projects/{id}/results "/projects/$MP/results" "$T_FP" '{"level":"outcome"}'
call POST /projects/{id}/results "/projects/$MP/results" "$T_FP" '{"level":"outcome","statement":"x","colour":"red"}'
call POST /projects/{id}/results "/projects/$OP/results" "$T_FP" '{"level":"outcome","statement":"x"}'
call POST /projects/{id}/results "/projects/$MP/results" "" '{"level":"outcome","statement":"x"}'
call POST /projects/{id}/results "/projects/$MP/results" "$T_AN" '{"level":"outcome","statement":"x"}'
call POST /projects/{id}/results /projects/999999/results "$T_SEC" '{"level":"outcome","statement":"x"}'
call POST /projects/{id}/results "/projects/$MP/results" "$T_SEC" 'not json'
call POST /projects/{id}/results "/projects/$OP/results" "$T_SEC" '{"level":"output","statement":"Of UNODC"}'
ROP=$(ID "SELECT max(id) FROM result WHERE project_id = $OP")
call PATCH /results/{id} "/results/$OUTP" "$T_FP" '{"statement":"Training delivered","outcome":null}'
call PATCH /results/{id} "/results/$OUTP" "$T_FP" '{"outcome":"x"}'
call PATCH /results/{id} "/results/$ROP" "$T_FP" '{"statement":"x"}'
call PATCH /results/{id} /results/999999 "$T_SEC" '{"statement":"x"}'
call PATCH /results/{id} "/results/$OUTP" "" '{"statement":"x"}'
call PATCH /results/{id} "/results/$OUTP" "$T_AN" '{"statement":"x"}'
call PATCH /results/{id} "/results/$OUTP" "$T_SEC" 'not json'
call POST /results/{id}/indicators "/results/$OUTC/indicators" "$T_FP" '{"name":"Officials trained","unit":"officials","baseline":"10","target":100,"categories":["Female","male"]}'
I1=$(ID "SELECT max(id) FROM indicator WHERE result_id = $OUTC")
call POST /results/{id}/indicators "/results/$OUTP/indicators" "$T_FP" '{"name":"Share","unit":"%","aggregate":"last","baseline":20,"target":"60"}'
I2=$(ID "SELECT max(id) FROM indicator WHERE result_id = $OUTP")
call POST /results/{id}/indicators "/results/$OUTP/indicators" "$T_FP" '{"name":"Kits","unit":"kits","target":null,"demo":true}'
I3=$(ID "SELECT max(id) FROM indicator WHERE result_id = $OUTP")
call POST /results/{id}/indicators "/results/$OUTP/indicators" "$T_FP" '{"name":"x","unit":"u","aggregate":"mean"}'
call POST /results/{id}/indicators "/results/$OUTP/indicators" "$T_FP" '{"name":"x","unit":"u","target":1.2345}'
call POST /results/{id}/indicators "/results/$OUTP/indicators" "$T_FP" '{"name":"x","unit":"u","categories":["a","A"]}'
call POST /results/{id}/indicators "/results/$ROP/indicators" "$T_FP" '{"name":"x","unit":"u"}'
call POST /results/{id}/indicators /results/999999/indicators "$T_SEC" '{"name":"x","unit":"u"}'
call POST /results/{id}/indicators "/results/$OUTP/indicators" "" '{"name":"x","unit":"u"}'
call POST /results/{id}/indicators "/results/$OUTP/indicators" "$T_AN" '{"name":"x","unit":"u"}'
call POST /results/{id}/indicators "/results/$OUTP/indicators" "$T_SEC" 'not json'
call POST /results/{id}/indicators "/results/$ROP/indicators" "$T_SEC" '{"name":"Of UNODC","unit":"u"}'
IOP=$(ID "SELECT max(id) FROM indicator WHERE result_id = $ROP")
call PATCH /indicators/{id} "/indicators/$I2" "$T_FP" '{"target":"65","baseline":null}'
call PATCH /indicators/{id} "/indicators/$I2" "$T_FP" '{"categories":"a"}'
call PATCH /indicators/{id} "/indicators/$IOP" "$T_FP" '{"target":"1"}'
call PATCH /indicators/{id} /indicators/999999 "$T_SEC" '{"target":"1"}'
call PATCH /indicators/{id} "/indicators/$I2" "" '{"target":"1"}'
call PATCH /indicators/{id} "/indicators/$I2" "$T_AN" '{"target":"1"}'
call PATCH /indicators/{id} "/indicators/$I2" "$T_SEC" 'not json'
call POST /projects/{id}/reports "/projects/$MP/reports" "$T_FP" \
	"{\"period\":\"2025-q1\",\"values\":[{\"indicator\":$I1,\"by\":{\"female\":\"15\",\"male\":10.5}},{\"indicator\":$I2,\"value\":\"25\"}]}"
Q1=$(ID "SELECT id FROM result_report WHERE project_id = $MP AND period = '2025-Q1'")
call POST /projects/{id}/reports "/projects/$MP/reports" "$T_FP" '{"period":"2025-Q1","narrative":"<b>done</b>"}'
call POST /projects/{id}/reports "/projects/$MP/reports" "$T_FP" '{"period":"2025-H1"}'
call POST /projects/{id}/reports "/projects/$MP/reports" "$T_FP" '{"period":"2025-Q5"}'
call POST /projects/{id}/reports "/projects/$MP/reports" "$T_FP" '{"narrative":"x"}'
call POST /projects/{id}/reports "/projects/$MP/reports" "$T_FP" \
	"{\"period\":\"2025-Q1\",\"values\":[{\"indicator\":$I1,\"value\":\"3\",\"by\":{\"female\":\"1\",\"male\":\"1\"}}]}"
call POST /projects/{id}/reports "/projects/$MP/reports" "$T_FP" \
	"{\"period\":\"2025-Q1\",\"values\":[{\"indicator\":$IOP,\"value\":\"3\"}]}"
call POST /projects/{id}/reports "/projects/$MP/reports" "$T_FP" '{"period":"2025-Q1","values":{}}'
call POST /projects/{id}/reports "/projects/$OP/reports" "$T_FP" '{"period":"2025-Q1"}'
call POST /projects/{id}/reports "/projects/$MP/reports" "" '{"period":"2025-Q1"}'
call POST /projects/{id}/reports "/projects/$MP/reports" "$T_AN" '{"period":"2025-Q1"}'
call POST /projects/{id}/reports /projects/999999/reports "$T_SEC" '{"period":"2025-Q1"}'
call POST /projects/{id}/reports "/projects/$MP/reports" "$T_SEC" 'not json'
call GET /reports/{id} "/reports/$Q1"
call GET /reports/{id} "/reports/$Q1" "$T_FP"
call GET /reports/{id} "/reports/$Q1" "$T_BRD"
call GET /reports/{id} /reports/999999
call GET /reports/{id} "/reports/$Q1" "not-a-token"
call GET /projects/{id}/results "/projects/$MP/results"
call GET /projects/{id}/results "/projects/$MP/results" "$T_FP"
call GET /projects/{id}/results /projects/999999/results
call GET /projects/{id}/results "/projects/$MP/results" "not-a-token"
call POST /reports/{id}/status "/reports/$Q1/status" "$T_FP" '{"to":"submitted"}'
call POST /reports/{id}/status "/reports/$Q1/status" "$T_FP" '{"to":"approved"}'
call POST /reports/{id}/status "/reports/$Q1/status" "$T_SEC" '{"to":"returned"}'
call POST /reports/{id}/status "/reports/$Q1/status" "$T_SEC" '{"to":"done"}'
call POST /reports/{id}/status "/reports/$Q1/status" "$T_SEC" '{"to":"returned","note":"count March"}'
call POST /reports/{id}/status "/reports/$Q1/status" "$T_FP" '{"to":"submitted","note":null}'
call POST /reports/{id}/status "/reports/$Q1/status" "$T_SEC" '{"to":"approved"}'
call POST /reports/{id}/status "/reports/$Q1/status" "$T_SEC" '{"to":"draft"}'
call POST /reports/{id}/status "/reports/$Q1/status" "" '{"to":"draft"}'
call POST /reports/{id}/status "/reports/$Q1/status" "$T_AN" '{"to":"draft"}'
call POST /reports/{id}/status /reports/999999/status "$T_SEC" '{"to":"draft"}'
call POST /reports/{id}/status "/reports/$Q1/status" "$T_SEC" 'not json'
call GET /reports/{id} "/reports/$Q1"
call DELETE /reports/{id} "/reports/$Q1" "$T_SEC"
call DELETE /indicators/{id} "/indicators/$I1" "$T_SEC"
call PATCH /indicators/{id} "/indicators/$I1" "$T_SEC" '{"unit":"people"}'
call PATCH /indicators/{id} "/indicators/$I1" "$T_FP" '{"target":"120"}'
call DELETE /results/{id} "/results/$OUTC" "$T_FP"
call POST /projects/{id}/reports "/projects/$OP/reports" "$T_SEC" "{\"period\":\"2025\",\"values\":[{\"indicator\":$IOP,\"value\":6}]}"
QO=$(ID "SELECT id FROM result_report WHERE project_id = $OP AND period = '2025'")
call POST /reports/{id}/status "/reports/$QO/status" "$T_SEC" '{"to":"submitted"}'
call POST /reports/{id}/status "/reports/$QO/status" "$T_SEC" '{"to":"approved"}'
call POST /reports/{id}/status "/reports/$QO/status" "$T_FP" '{"to":"draft"}'
call DELETE /reports/{id} "/reports/$QO" "$T_FP"
call POST /projects/{id}/reports "/projects/$MP/reports" "$T_FP" '{"period":"2025-Q2","demo":true}'
Q2=$(ID "SELECT id FROM result_report WHERE project_id = $MP AND period = '2025-Q2'")
call GET /reports/{id} "/reports/$Q2"
call DELETE /reports/{id} "/reports/$Q2" ""
call DELETE /reports/{id} "/reports/$Q2" "$T_AN"
call DELETE /reports/{id} "/reports/$Q2" "$T_FP"
call DELETE /reports/{id} "/reports/$Q2" "$T_FP"
call DELETE /indicators/{id} "/indicators/$IOP" "$T_FP"
call DELETE /indicators/{id} "/indicators/$I3" ""
call DELETE /indicators/{id} "/indicators/$I3" "$T_AN"
call DELETE /indicators/{id} "/indicators/$I3" "$T_FP"
call DELETE /indicators/{id} "/indicators/$I3" "$T_FP"
call POST /projects/{id}/results "/projects/$MP/results" "$T_FP" '{"level":"output","statement":"to delete"}'
RD=$(ID "SELECT max(id) FROM result WHERE project_id = $MP")
call DELETE /results/{id} "/results/$ROP" "$T_FP"
call DELETE /results/{id} "/results/$RD" ""
call DELETE /results/{id} "/results/$RD" "$T_AN"
call DELETE /results/{id} "/results/$RD" "$T_FP"
call DELETE /results/{id} "/results/$RD" "$T_FP"
call GET /progress "/progress?period=2025-H1"
call GET /progress "/progress?period=2025-H1" "$T_SEC"
call GET /progress "/progress?period=2025&wg=human-rights-rule-of-law-and-victims&format=json" "$T_FP"
call GET /progress "/progress?period=2025-q1&format=csv"
call GET /progress "/progress?period=2025-Q5"
call GET /progress /progress
call GET /progress "/progress?period=2025&wg=nope"
call GET /progress "/progress?period=2025&format=xml"
call GET /progress "/progress?period=2025&colour=red"
call GET /progress "/progress?period=2025" "not-a-token"

node "$TOP/tests/openapi-check.js" "$WORK/openapi.json" <"$WORK/cases" ||
	echo "not ok - tests/openapi-check.js checked every case to its end"

kill -TERM $PID
wait $PID
