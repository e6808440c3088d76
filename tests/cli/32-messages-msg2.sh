#!/bin/bash
# 32-messages-msg2.sh - the messages of the commit layers (src/io: money,
# plans, projects) in the page's language: forms posted with bad values
# through the pages in Russian, Arabic and Chinese (?lang=, kept as the
# account's language: an account a language) show the refusal translated and not its English; the
# JSON API's refusal of the same input stays English, whatever its
# Accept-Language; nothing refused was stored.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

DB=$CTMATRIX_DB
CICA=$TOP/data/plans/cica-plan-of-action-draft-rev2-preamble-pillar-1.txt
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports" 0 $?
PW="a long enough password"
for u in "sec --role secretariat" "secar --role secretariat" \
	"seczh --role secretariat" "fp --role focal_point --entity UNICRI"; do
	# shellcheck disable=SC2086
	echo "$PW" | "$CTM" user add $u >/dev/null 2>&1 || echo "not ok - user add $u"
done
q() { dbq --db "$DB" "$1"; }
"$CTM" projects --format json --limit 500 >"$WORK/all.json" 2>/dev/null
OTHER=$(json 'j.projects.find(p=>!p.entities.some(e=>e.key==="UNICRI")).id' "$WORK/all.json")
check "fixture: a project of another entity than UNICRI" -- test -n "$OTHER"
check "fixture: the CICA plan" -- "$CTM" plan add cica "$CICA" --title "CICA Plan of Action" --label rev2
check "fixture: the CICA plan adopted" -- "$CTM" plan adopt cica --revision 1
snap() {
	q "SELECT (SELECT count(*) FROM contribution) || '/' || (SELECT count(*) FROM rate)
	    || '/' || (SELECT count(*) FROM appeal) || '/' || (SELECT count(*) FROM audit
		WHERE subject IN ('contribution', 'rate', 'appeal', 'plan'))
	    || '/' || (SELECT count(*) FROM plan_measure_project)"
}
S0=$(snap)

serve_start
check "the server starts" -- test -n "$ADDR"
B="http://$ADDR"

# session WHO LANG: a signed-in jar whose pages are in LANG (the language
# chosen is the account's, so one account a language at a time)
session() {
	signin "$1" "$PW" "$WORK/jar.$1.$2" >/dev/null
	get "/?lang=$2" "$WORK/jar.$1.$2" >/dev/null
	echo "$WORK/jar.$1.$2"
}
RU=$(session sec ru) AR=$(session secar ar) ZH=$(session seczh zh)
FRU=$(session fp ru)
get /trust-fund "$RU" >/dev/null
contains "the session keeps Russian" '<html lang="ru"' "$(body)"

# --- a contribution, in Russian ----------------------------------------------
get /trust-fund "$RU" >/dev/null
equal "ru: a contribution without a donor: 422" 422 \
	"$(formpost /trust-fund/contributions "$RU" donor= amount=5 received=2018-09-01)"
contains "  said in Russian" "нужно указать донора" "$(body)"
lacks "  not in English" "donor is required" "$(body)"
get /trust-fund "$RU" >/dev/null
equal "ru: a contribution received on a day that is none: 422" 422 \
	"$(formpost /trust-fund/contributions "$RU" donor=Zz amount=5 received=2018-02-30)"
contains "  said in Russian, the field named as it is" \
	"received: «2018-02-30» — не дата (ГГГГ-ММ-ДД)" "$(body)"
lacks "  not in English" "is no day" "$(body)"
get /trust-fund "$RU" >/dev/null
equal "ru: a contribution to no project: 422" 422 \
	"$(formpost /trust-fund/contributions "$RU" donor=Zz amount=5 received=2018-09-01 project=999999)"
contains "  said in Russian" "нет проекта 999999" "$(body)"
lacks "  not in English" "no project 999999" "$(body)"

# --- a rate, in Arabic -------------------------------------------------------
get /rates "$AR" >/dev/null
equal "ar: a rate of a currency that is none: 422" 422 \
	"$(formpost /rates "$AR" currency=XYZ rate=1.5 date=2018-01-01)"
contains "  said in Arabic" "XYZ ليست عملة تعرفها هذه الحافظة" "$(body)"
lacks "  not in English" "is no currency this portfolio knows" "$(body)"
get /rates "$AR" >/dev/null
equal "ar: a rate of the US dollar: 422" 422 \
	"$(formpost /rates "$AR" currency=USD rate=1.5 date=2018-01-01)"
contains "  said in Arabic" "الدولار الأمريكي يساوي دولارًا أمريكيًا واحدًا" "$(body)"
lacks "  not in English" "the US dollar is worth one US dollar" "$(body)"

# --- an appeal, in Chinese ---------------------------------------------------
get /appeals/new "$ZH" >/dev/null
equal "zh: an appeal without a title: 422" 422 \
	"$(formpost /appeals/new "$ZH" key=mya title= "projects=$OTHER")"
contains "  said in Chinese" "必须填写标题" "$(body)"
lacks "  not in English" "title is required" "$(body)"
get /appeals/new "$ZH" >/dev/null
equal "zh: an appeal keyed \"new\": 422" 422 \
	"$(formpost /appeals/new "$ZH" key=new title=T "projects=$OTHER")"
contains "  said in Chinese, the field and the key as they are" \
	"key：“new”保留给创建呼吁的页面；请另选一个" "$(body)"
lacks "  not in English" "is kept for the page" "$(body)"

# --- a plan's measure, in Russian: a focal point and another's project -------
get /plans/cica/measures "$FRU" >/dev/null
equal "ru: a focal point links another entity's project: 403" 403 \
	"$(formpost /plans/cica/link "$FRU" measure=3 project="$OTHER")"
contains "  said in Russian" "координатор связывает только проекты своей структуры" "$(body)"
lacks "  not in English" "links only its entity's projects" "$(body)"

equal "none of the refusals changed anything" "$S0" "$(snap)"

# --- the same input through the JSON API: English ------------------------------
API="$B/api/v1"
declare -A TOK
for u in sec fp; do TOK[$u]=$("$CTM" token "$u"); done
call() { # call METHOD PATH WHO BODY: the status; the body in $WORK/b
	curl -s -o "$WORK/b" -w '%{http_code}' -X "$1" -H "Accept-Language: ru, ar;q=0.9" \
		-H "Authorization: Bearer ${TOK[$3]}" --data "$4" "$API$2"
}
equal "API: a contribution without a donor: 422" 422 \
	"$(call POST /contributions sec '{"amount":"5","received":"2018-09-01"}')"
contains "  said in English" "donor is required" "$(body)"
lacks "  not in Russian" "нужно указать донора" "$(body)"
equal "API: received on a day that is none: 422" 422 \
	"$(call POST /contributions sec '{"donor":"Zz","amount":"5","received":"2018-02-30"}')"
contains "  said in English" 'received: \"2018-02-30\" is no day (YYYY-MM-DD)' "$(body)"
call POST /rates sec '{"currency":"XYZ","rate":"1.5","date":"2018-01-01"}' >/dev/null
contains "API: a currency that is none, said in English" "XYZ is no currency this portfolio knows" "$(body)"
lacks "  not in Arabic" "ليست عملة" "$(body)"
call POST /appeals sec '{"key":"mya","title":""}' >/dev/null
contains "API: an appeal without a title, said in English" "title is required" "$(body)"
lacks "  not in Chinese" "必须填写标题" "$(body)"
equal "the API's refusals changed nothing either" "$S0" "$(snap)"

# --- and a page in English, after them all: English ----------------------------
EN=$(session sec en)
get /trust-fund "$EN" >/dev/null
equal "en: a contribution without a donor: 422" 422 \
	"$(formpost /trust-fund/contributions "$EN" donor= amount=5 received=2018-09-01)"
contains "  said in English" "donor is required" "$(body)"

kill -TERM "$PID" 2>/dev/null
wait "$PID" 2>/dev/null
lacks "the server reported no memory error (under the sanitizers)" "Sanitizer" \
	"$(cat "$WORK/serve.log")"
exit 0
