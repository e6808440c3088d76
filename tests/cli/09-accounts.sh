#!/bin/bash
# 09-accounts.sh - accounts, tokens, roles on the API, and the audit trail:
# `user add|passwd|role|disable|enable|list`, `token`, who may change
# which project over HTTP (secretariat any, a focal point its entity's
# only, a viewer none, nobody without a token), how changes are validated,
# and the trail of every change with its old and new values.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

DB=$CTMATRIX_DB
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports" 0 $?
"$CTM" audit --format json >"$WORK/a.json"
equal "the import is in the audit trail" "import annex 176" \
	"$(json 'j.audit.map(e=>e.action+" "+e.subject+" "+e.new.added).join(",")' "$WORK/a.json")"

# A row changed in the source: importing it again updates that project, and
# the trail keeps its values before and after.
sed 's/Sahel-Maghreb (Jul\. 2015–Jun\. 2019)/Sahel-Maghreb (Jul. 2015–Jun. 2020)/' \
	"$DATA" >"$WORK/changed.md"
check "fixture sanity: the copy differs in one line" -- \
	test "$(diff "$DATA" "$WORK/changed.md" | grep -c '^>')" = 1
"$CTM" import annex --quiet "$WORK/changed.md" >/dev/null 2>&1
equal "importing the changed copy exits 0" 0 $?
"$CTM" audit --format json >"$WORK/a.json"
equal "the update is in the trail with the old and new end" \
	"update project 2019-06 2020-06" \
	"$(json '(e=>e.action+" "+e.subject+" "+e.old.period.end+" "+e.new.period.end)(j.audit.find(e=>e.subject==="project"))' "$WORK/a.json")"
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1

# --- accounts ----------------------------------------------------------------
PW="a long enough password"
echo "$PW" | "$CTM" user add sec --role secretariat >/dev/null
equal "user add (secretariat) exits 0" 0 $?
echo "$PW" | "$CTM" user add fp --role focal_point --entity UNICRI >/dev/null
equal "user add (focal point of UNICRI) exits 0" 0 $?
echo "$PW" | "$CTM" user add fp2 --role focal_point --entity HCDH >/dev/null
equal "user add with an entity alias (HCDH) exits 0" 0 $?
echo "$PW" | "$CTM" user add view --role viewer >/dev/null
equal "user add (viewer) exits 0" 0 $?
"$CTM" user list --format json >"$WORK/u.json"
equal "user list: four accounts, roles and entities" \
	"fp:focal_point:UNICRI fp2:focal_point:OHCHR sec:secretariat: view:viewer:" \
	"$(json 'j.accounts.map(a=>a.login+":"+a.role+":"+(a.entity||"")).join(" ")' "$WORK/u.json")"
echo "short" | "$CTM" user add x --role viewer >/dev/null 2>"$WORK/e"
equal "a short password is refused (exit 1)" 1 $?
contains "and says why" "10 to 1024" "$(cat "$WORK/e")"
echo "$PW" | "$CTM" user add SEC --role viewer >/dev/null 2>&1
equal "a login taken in another case is refused (exit 1)" 1 $?
echo "$PW" | "$CTM" user add y --role focal_point >/dev/null 2>&1
equal "a focal point without an entity is refused (exit 1)" 1 $?
echo "$PW" | "$CTM" user add y --role king >/dev/null 2>&1
equal "an unknown role is a usage error (exit 2)" 2 $?
echo "$PW" | "$CTM" user add 'a b' --role viewer >/dev/null 2>&1
equal "a login with a space is a usage error (exit 2)" 2 $?
equal "passwords are kept as argon2id only" 4 \
	"$(dbq --db "$DB" "SELECT count(*) FROM account WHERE password_hash LIKE '\$argon2id\$%'")"
lacks "no password in the clear" "$PW" "$(db_dump "$DB")"

T_SEC=$("$CTM" token sec)
T_FP=$("$CTM" token fp)
T_VIEW=$("$CTM" token view)
check "token prints 64 hex digits" -- sh -c "echo '$T_SEC' | grep -Eq '^[0-9a-f]{64}\$'"
lacks "tokens are not kept in the clear" "$T_SEC" "$(db_dump "$DB")"

# --- the server -----------------------------------------------------------------
serve_start
URL="http://$ADDR/api/v1"
# req METHOD PATH TOKEN [BODY]: prints the status; body in $WORK/b
req() { api_call "$1" "$URL$2" "$3" "${4:-}"; }
ecode() { json 'j.error.code+" "+(j.error.field||"")' "$WORK/b"; }

# project 1 is UNICRI's; find one without UNICRI
"$CTM" projects --format json --limit 200 >"$WORK/all.json" 2>/dev/null
OTHER=$(json 'j.projects.find(p=>!p.entities.some(e=>e.key==="UNICRI")).id' "$WORK/all.json")
MINE=$(json 'j.projects.find(p=>p.entities.some(e=>e.key==="UNICRI")).id' "$WORK/all.json")

equal "PATCH without a token: 401" 401 "$(req PATCH /projects/$MINE "" '{"status":"ongoing"}')"
equal "PATCH with a bad token: 401" 401 "$(req PATCH /projects/$MINE nonsense '{"status":"ongoing"}')"
equal "PATCH as a viewer: 403" 403 "$(req PATCH /projects/$MINE "$T_VIEW" '{"status":"ongoing"}')"
equal "PATCH by the focal point on another entity's project: 403" 403 \
	"$(req PATCH /projects/$OTHER "$T_FP" '{"status":"ongoing"}')"
equal "DELETE by the focal point on another entity's project: 403" 403 \
	"$(req DELETE /projects/$OTHER "$T_FP")"
equal "the refused change changed nothing" 200 "$(req GET /projects/$OTHER "")"
XSS='<script>alert(1)</script> & "quotes"'
equal "PATCH by the focal point on its entity's project: 200" 200 \
	"$(req PATCH /projects/$MINE "$T_FP" "{\"status\":\"completed\",\"title\":$(node -e 'console.log(JSON.stringify(process.argv[1]))' "$XSS")}")"
equal "the answer is the changed project" "completed $XSS" \
	"$(json 'j.status+" "+j.title' "$WORK/b")"
req GET /projects/$MINE "" >/dev/null
equal "a read sees the change" "completed" "$(json j.status "$WORK/b")"
equal "PATCH by the focal point dropping its own entity: 403" 403 \
	"$(req PATCH /projects/$MINE "$T_FP" '{"entities":["UNDP"]}')"
equal "  and the project still names it" UNICRI \
	"$(req GET /projects/$MINE "" >/dev/null; json 'j.entities.map(e=>e.key).join(",")' "$WORK/b")"
equal "PATCH by the secretariat on any project: 200" 200 \
	"$(req PATCH /projects/$OTHER "$T_SEC" '{"activities":"New activities."}')"

# validation: 4xx naming the field
equal "PATCH with a bad status: 422" 422 "$(req PATCH /projects/$MINE "$T_SEC" '{"status":"done"}')"
equal "  names the field" "invalid_field status" "$(ecode)"
equal "PATCH with an empty title: 422" 422 "$(req PATCH /projects/$MINE "$T_SEC" '{"title":""}')"
equal "  names the field" "invalid_field title" "$(ecode)"
equal "PATCH with an unknown field: 422" 422 "$(req PATCH /projects/$MINE "$T_SEC" '{"colour":"red"}')"
equal "  names the field" "unknown_field colour" "$(ecode)"
equal "PATCH with a body that is not JSON: 400" 400 "$(req PATCH /projects/$MINE "$T_SEC" '{"title":')"
equal "PATCH with a JSON array: 400" 400 "$(req PATCH /projects/$MINE "$T_SEC" '[1]')"
equal "PATCH of a missing project: 404" 404 "$(req PATCH /projects/99999 "$T_SEC" '{"status":"ongoing"}')"
equal "a failed validation changed nothing" "completed" \
	"$(req GET /projects/$MINE "" >/dev/null; json j.status "$WORK/b")"

# delete
equal "DELETE by the secretariat: 204" 204 "$(req DELETE /projects/$OTHER "$T_SEC")"
equal "the project is gone: 404" 404 "$(req GET /projects/$OTHER "")"
equal "and gone from the search index" 0 \
	"$(dbq --db "$DB" "SELECT count(*) FROM project_org WHERE project_id = $OTHER")"
equal "DELETE again: 404" 404 "$(req DELETE /projects/$OTHER "$T_SEC")"

# create
NEW='{"title":"Border management in the Sahel","pillar":"II","status":"ongoing","period":"Jan. 2024–Dec. 2026","entities":["UNICRI","HCDH"],"places":["Mali","NER"],"scope":["regional"],"activities":"Training of border officials."}'
equal "POST without a token: 401" 401 "$(req POST /projects "" "$NEW")"
equal "POST as a viewer: 403" 403 "$(req POST /projects "$T_VIEW" "$NEW")"
equal "POST by the focal point of an entity the project does not name: 403" 403 \
	"$(req POST /projects "$T_FP" '{"title":"x","pillar":"I","entities":["UNDP"]}')"
equal "POST by the focal point of its entity's project: 201" 201 \
	"$(req POST /projects "$T_FP" "$NEW")"
CREATED=$(json j.id "$WORK/b")
check "the new project takes an id after the imported ones' (the sequence moved on)" -- \
	test "$CREATED" -gt 176
equal "the new project, resolved: entities, places, period" \
	"UNICRI,OHCHR MLI,NER 2024-01 2026-12 regional" \
	"$(json 'j.entities.map(e=>e.key)+" "+j.places.map(p=>p.key)+" "+j.period.start+" "+j.period.end+" "+j.scope' "$WORK/b")"
"$CTM" projects --region Sahel --search border --format json >"$WORK/s.json" 2>/dev/null
contains "the CLI finds it by region and by search" " $CREATED " " $(ids "$WORK/s.json") "
before=$(dbq --db "$DB" 'SELECT count(*) FROM project')
for bad in '{"pillar":"I"}|missing_field title' \
	'{"title":"x"}|missing_field pillar' \
	'{"title":"x","pillar":"IX"}|invalid_field pillar' \
	'{"title":"x","pillar":"I","period":"soon"}|invalid_field period' \
	'{"title":"x","pillar":"I","places":["Atlantis"]}|invalid_field places' \
	'{"title":"x","pillar":"I","entities":"UNODC"}|invalid_field entities' \
	'{"title":"x","pillar":"I","scope":["galactic"]}|invalid_field scope' \
	'{"title":7,"pillar":"I"}|invalid_field title'; do
	body=${bad%|*} want=${bad#*|}
	req POST /projects "$T_SEC" "$body" >"$WORK/st"
	equal "POST $body: $want" "422 $want" "$(cat "$WORK/st") $(ecode)"
done
equal "no refused POST wrote a project" "$before" \
	"$(dbq --db "$DB" 'SELECT count(*) FROM project')"

# --- the audit trail ----------------------------------------------------------------
"$CTM" audit --project $CREATED --format json >"$WORK/a.json"
equal "the created project's history: create by fp, with its values" \
	"create fp null Border management in the Sahel" \
	"$(json 'j.audit.map(e=>e.action+" "+e.actor+" "+e.old+" "+e.new.title).join(",")' "$WORK/a.json")"
"$CTM" audit --project $MINE --format json >"$WORK/a.json"
equal "the project's history, newest first: fp's change, then the two imports" \
	"update fp,update cli,update cli" \
	"$(json 'j.audit.map(e=>e.action+" "+e.actor).join(",")' "$WORK/a.json")"
equal "with the old and the new status" "ongoing -> completed" \
	"$(json 'j.audit[0].old.status+" -> "+j.audit[0].new.status' "$WORK/a.json")"
"$CTM" audit --project $OTHER --format json >"$WORK/a.json"
equal "the deleted project's history: update then delete" "delete sec,update sec" \
	"$(json 'j.audit.map(e=>e.action+" "+e.actor).join(",")' "$WORK/a.json")"
equal "a delete keeps the old values" "true" \
	"$(json 'j.audit[0].old!==null&&j.audit[0].new===null' "$WORK/a.json")"

# --- changes to accounts end their tokens ------------------------------------------------
"$CTM" user disable fp >/dev/null
equal "user disable exits 0" 0 $?
equal "a disabled account's token: 401" 401 "$(req PATCH /projects/$MINE "$T_FP" '{"status":"ongoing"}')"
"$CTM" user enable fp >/dev/null
equal "enabling does not bring old tokens back" 401 \
	"$(req PATCH /projects/$MINE "$T_FP" '{"status":"ongoing"}')"
T_FP=$("$CTM" token fp)
equal "a new token works" 200 "$(req PATCH /projects/$MINE "$T_FP" '{"status":"ongoing"}')"
echo "another long password" | "$CTM" user passwd fp >/dev/null
equal "user passwd exits 0" 0 $?
equal "a new password ends the tokens" 401 \
	"$(req PATCH /projects/$MINE "$T_FP" '{"status":"ongoing"}')"
"$CTM" user role view secretariat >/dev/null
equal "a new role ends the tokens too" 401 \
	"$(req PATCH /projects/$MINE "$T_VIEW" '{"status":"ongoing"}')"
"$CTM" audit --format json >"$WORK/a.json"
equal "role, password, enabling and disabling are in the trail, newest first" \
	"update password update update" \
	"$(json 'j.audit.filter(e=>e.subject==="account"&&e.action!=="token"&&e.action!=="create").map(e=>e.action).join(" ")' "$WORK/a.json")"
lacks "no password or hash in the trail" "argon2id" "$(cat "$WORK/a.json")"

kill -TERM $PID
wait $PID
equal "the server stops cleanly" 0 $?
