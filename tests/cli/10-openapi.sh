#!/bin/bash
# 10-openapi.sh - every route and response of the API against its OpenAPI
# document (served at /api/v1/openapi.json): successes and errors of each
# route, by role, checked with Ajv (tests/openapi-check.js).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
PW="a long enough password"
echo "$PW" | "$CTM" user add sec --role secretariat >/dev/null
echo "$PW" | "$CTM" user add fp --role focal_point --entity UNICRI >/dev/null
T_SEC=$("$CTM" token sec)
T_FP=$("$CTM" token fp)
serve_start
URL="http://$ADDR/api/v1"
equal "GET /openapi.json is 200" 200 \
	"$(curl -s -o "$WORK/openapi.json" -w '%{http_code}' "$URL/openapi.json")"
equal "the document is the one in src/api" \
	"$(cat "$TOP/src/api/openapi.json")" "$(cat "$WORK/openapi.json")"

n=0
: >"$WORK/cases"
# call METHOD ROUTE PATH [TOKEN [BODY]]: record the answer as a case
call() {
	n=$((n + 1))
	local auth=() st
	[ -n "${4:-}" ] && auth=(-H "Authorization: Bearer $4")
	: >"$WORK/body.$n"
	st=$(curl -s -o "$WORK/body.$n" -w '%{http_code}' -X "$1" "${auth[@]}" \
		${5:+--data-binary "$5"} "$URL$3")
	printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$st" "$WORK/body.$n" >>"$WORK/cases"
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

node "$TOP/tests/openapi-check.js" "$WORK/openapi.json" <"$WORK/cases"

kill -TERM $PID
wait $PID
