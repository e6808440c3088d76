#!/bin/bash
# 31-messages-msg1.sh - the messages of the lower layers (portfolio,
# account, plan, the web forms: src/text/lang.h's TC()) in the page's
# language: through the pages in Russian, Arabic and Chinese, a form posted
# with a bad value (an empty title, a period that is none, an unknown
# organisation, a sum that is no money, a move over a step, a filter's bad
# pillar, a malformed form) shows its refusal translated and not in
# English; the JSON API, whose messages are a contract, answers the same
# bad input in English whatever the Accept-Language, and so do the pages
# in English.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports" 0 $?
PW="a long enough password"
echo "$PW" | "$CTM" user add sec --role secretariat >/dev/null 2>&1
equal "a secretariat account" 0 $?
T=$("$CTM" token sec)
check "  and its token" -- test -n "$T"

"$CTM" projects --format json --limit 500 >"$WORK/all.json" 2>/dev/null
read -r P Q <<<"$(json 'j.projects.map(p=>p.id).slice(0,2).join(" ")' "$WORK/all.json")"
check "fixture sanity: two projects" -- test -n "$P" -a -n "$Q"
"$CTM" stage "$Q" --to Analysis --reason "for the test" >/dev/null 2>&1
equal "  the second at Analysis" 0 $?

serve_start
check "the server starts" -- test -n "$ADDR"
B="http://$ADDR"
A="$B/api/v1"

# signas LANG JAR: sign in as the secretariat and choose the language
signas() {
	signin sec "$PW" "$2" >/dev/null
	get "/?lang=$1" "$2" >/dev/null
}
# api METHOD PATH [BODY]: as the secretariat, asking for Russian; the status
api() {
	curl -s -o "$WORK/b" -w '%{http_code}' -X "$1" \
		-H "Authorization: Bearer $T" -H "Accept-Language: ru" \
		${3:+--data-binary "$3"} "$A$2"
}
# the alerts of the last page, one a line
alerts() { grep -o 'role="alert">[^<]*' "$WORK/b" | sed 's/^role="alert">//'; }

# --- Russian -------------------------------------------------------------
JR="$WORK/jar.ru"
signas ru "$JR"
get "/projects/$P/edit" "$JR" >/dev/null
equal "ru: an empty title, refused: 422" 422 \
	"$(formpost "/projects/$P/edit" "$JR" title=)"
contains "  said in Russian" "нужно указать название" "$(body)"
lacks "  not in English" "title is required" "$(body)"
get "/projects/$P/edit" "$JR" >/dev/null
equal "ru: a period that is none, refused: 422" 422 \
	"$(formpost "/projects/$P/edit" "$JR" period="once upon a time")"
contains "  said in Russian" "период — это срок в записи матрицы" "$(body)"
lacks "  not in English" "period is a duration" "$(body)"
get "/projects/$P" "$JR" >/dev/null
equal "ru: a budget that is no sum of money, refused: 422" 422 \
	"$(formpost "/projects/$P/budget" "$JR" amount=abc currency=USD as_of=2018-06-01)"
contains "  said in Russian" "«abc» — не денежная сумма" "$(body)"
lacks "  not in English" "is no sum of money" "$(body)"

# --- Arabic --------------------------------------------------------------
JA="$WORK/jar.ar"
signas ar "$JA"
get "/projects/$P/edit" "$JA" >/dev/null
equal "ar: an organisation nobody knows, refused: 422" 422 \
	"$(formpost "/projects/$P/edit" "$JA" entities="Nowhere Org")"
contains "  said in Arabic, the name kept" "«Nowhere Org» ليست منظمة معروفة" "$(body)"
lacks "  not in English" "is no known organisation" "$(body)"
get "/projects/$Q" "$JA" >/dev/null
equal "ar: a move over a step, refused: 409" 409 \
	"$(post "/projects/$Q/stage" "$JA" --data-urlencode "csrf=$(csrf)" \
		--data-urlencode to=5 --data-urlencode reason=x)"
contains "  said in Arabic" "ينتقل المشروع إلى المرحلة التالية" "$(alerts)"
lacks "  not in English" "never over one" "$(body)"
lacks "  the steps' names translated too" "Planning" "$(alerts)"

# --- Chinese -------------------------------------------------------------
JZ="$WORK/jar.zh"
signas zh "$JZ"
equal "zh: the matrix filtered by a pillar that is none: 400" 400 \
	"$(get "/?pillar=IX" "$JZ")"
contains "  said in Chinese" "“IX”不是支柱（I 至 IV）" "$(alerts)"
lacks "  not in English" "is not a pillar" "$(body)"
equal "zh: a form with a malformed %-escape: 400" 400 \
	"$(post "/projects/$P/edit" "$JZ" --data-binary 'title=%zz')"
contains "  said in Chinese" "含有格式错误的 % 转义" "$(alerts)"
lacks "  not in English" "malformed %-escape" "$(body)"

# --- English: the pages without a language, and the JSON API -------------
equal "en: the matrix filtered by a pillar that is none: 400" 400 \
	"$(get "/?pillar=IX")"
contains "  said in English" "pillar: &quot;IX&quot; is not a pillar (I to IV)" "$(body)"
equal "API: the same filter, 400" 400 "$(api GET "/projects?pillar=IX")"
equal "  in English" 'IX" is not a pillar (I to IV)' \
	"$(json 'j.error.message.slice(1)' "$WORK/b")"
equal "API: an empty title, 422" 422 \
	"$(api PATCH "/projects/$P" '{"title":""}')"
equal "  in English" "title is required" "$(json 'j.error.message' "$WORK/b")"
equal "API: a budget that is no sum of money, 422" 422 \
	"$(api PUT "/projects/$P/budget" '{"amount":"abc","currency":"USD","as_of":"2018-06-01"}')"
contains "  in English" '"abc" is no sum of money' "$(json 'j.error.message' "$WORK/b")"
equal "API: an organisation nobody knows, 422" 422 \
	"$(api PATCH "/projects/$P" '{"entities":["Nowhere Org"]}')"
contains "  in English" 'is no known organisation' "$(json 'j.error.message' "$WORK/b")"
equal "API: a move over a step, 409" 409 \
	"$(api POST "/projects/$Q/stage" '{"to":5,"reason":"x"}')"
equal "  in English" "a project moves to the next step or back, never over one: from Analysis the next is Planning, not Initiation" \
	"$(json 'j.error.message' "$WORK/b")"
lacks "the API's answers have no Cyrillic" "не " "$(cat "$WORK/b")"

kill "$PID" 2>/dev/null
wait "$PID" 2>/dev/null
