#!/bin/bash
# 35-language-pref.sh - the language as an account's preference: chosen on
# the settings page /account (a form with the session's CSRF token) or by
# a ?lang= while signed in, kept with the account (migration 13), used
# before the cookie and Accept-Language but after a link's own ?lang=,
# values outside the six refused (by the page, the command line and the
# schema), never given to others through the cache of anonymous answers;
# `ctmatrix user lang`.  Then "Page k of N" at the foot of the analysis
# PDF, and countries listed in the order of each language's collation
# (ICU), checked against an order that code points get wrong.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports" 0 $?
PW="a long enough password"
echo "$PW" | "$CTM" user add sec --role secretariat >/dev/null 2>&1
equal "the secretariat's account is made" 0 $?
echo "$PW" | "$CTM" user add view --role viewer >/dev/null 2>&1
equal "the viewer's account is made" 0 $?
pref() { dbq "SELECT coalesce(lang, 'NULL') FROM account WHERE login = '$1'"; }

# The server makes a Chinese PDF (the analysis, in sec's language): under
# the sanitizers, stacks unwound in full, so that tests/lsan.supp knows
# cairo's own leak (fast unwinding loses its frames, as in 22-annex-pdf).
ASAN_OPTIONS="${ASAN_OPTIONS:-}:fast_unwind_on_malloc=0" serve_start
check "the server starts" -- test -n "$ADDR"
B="http://$ADDR"
J=$WORK/jar
lang_of() { sed -n 's/.*<html lang="\([a-z]*\)" dir="\([a-z]*\)".*/\1 \2/p' "$WORK/b" | head -1; }
# as PATH ACCEPT_LANGUAGE [COOKIE_LANG]: GET PATH with the session of $J
# only (not its ctm_lang), or with COOKIE_LANG as the ctm_lang cookie
as() {
	local c="ctm_session=$(awk '$6 == "ctm_session" { print $7 }' "$J")"
	[ -n "${3:-}" ] && c="$c; ctm_lang=$3"
	curl -s -o "$WORK/b" -D "$WORK/h" -H "Cookie: $c" \
		-H "Accept-Language: $2" "$B$1"
}

# --- the settings page ------------------------------------------------------
equal "/account without signing in: 401" 401 "$(get /account)"
equal "the secretariat signs in: 303" 303 "$(signin sec "$PW" "$J")"
lacks "  no language of its own: no language cookie" "ctm_lang" "$(hdrs Set-Cookie)"
equal "/account signed in: 200" 200 "$(get /account "$J")"
contains "  the header links to it" '<a href="/account" aria-current="page">sec <small>(secretariat)</small></a>' "$(body)"
contains "  its form posts to /account" '<form method="post" action="/account"' "$(body)"
check "  with the session's CSRF token" -- test "$(csrf | wc -c)" -gt 60
contains "  none chosen: the browser's is selected" '<option value="" selected>' "$(body)"
contains "  the six languages each in its own name" '<option value="zh" lang="zh">中文</option>' "$(body)"
equal "no preference yet (NULL)" NULL "$(pref sec)"
as / "ru-RU,ru;q=0.9"
equal "no preference: Accept-Language (ru)" "ru ltr" "$(lang_of)"

get /account "$J" >/dev/null
equal "choosing French on the form: 303" 303 "$(formpost /account "$J" lang=fr)"
equal "  back to /account" /account "$(hdr Location)"
contains "  the browser keeps it too (cookie)" "ctm_lang=fr" "$(hdrs Set-Cookie)"
equal "  kept with the account" fr "$(pref sec)"
equal "  in the audit trail, as done by sec" 'sec|{"lang":null}|{"lang":"fr"}' \
	"$(dbq "SELECT actor, old, new FROM audit WHERE action = 'lang' ORDER BY id DESC LIMIT 1")"
get /account "$J" >/dev/null
contains "  the page is French now" "<h1>Votre compte</h1>" "$(body)"
contains "  and French is selected" '<option value="fr" lang="fr" selected>' "$(body)"
as / "ru-RU,ru;q=0.9" es
equal "the preference before the cookie (es) and Accept-Language (ru)" "fr ltr" "$(lang_of)"
as "/dashboard?lang=ar" "ru"
equal "a link's ?lang= before the preference" "ar rtl" "$(lang_of)"
equal "  and chosen so, it becomes the account's" ar "$(pref sec)"
as / "ru" es
equal "  the next page, without ?lang=, stays Arabic" "ar rtl" "$(lang_of)"
equal "  in the audit trail" '{"lang":"fr"}|{"lang":"ar"}' \
	"$(dbq "SELECT old, new FROM audit WHERE action = 'lang' ORDER BY id DESC LIMIT 1")"
n=$(dbq "SELECT count(*) FROM audit WHERE action = 'lang'")
as "/?lang=ar" "ru"
equal "  asking for the same language again writes nothing" "$n" \
	"$(dbq "SELECT count(*) FROM audit WHERE action = 'lang'")"
as "/?lang=xx" "ru"
equal "?lang=xx: not a language, the preference holds" "ar rtl" "$(lang_of)"
equal "  and is not changed" ar "$(pref sec)"

# --- refusals ----------------------------------------------------------------
get /account "$J" >/dev/null
for bad in de ZH "zh' OR '1'='1" " fr" "fr,ru"; do
	equal "lang=\"$bad\" refused: 422" 422 "$(formpost /account "$J" "lang=$bad")"
	equal "  the preference unchanged" ar "$(pref sec)"
done
contains "  saying why, in the page's language" "اختر إحدى اللغات الست، أو لغة المتصفح." "$(body)"
contains "  the field marked invalid" 'aria-invalid="true" aria-describedby="lang-error"' "$(body)"
get /account "$J" >/dev/null
equal "without the CSRF token: 403" 403 "$(formpost /account "$J" lang=ru -csrf)"
get /account "$J" >/dev/null
equal "with another token: 403" 403 "$(formpost /account "$J" lang=ru csrf=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef)"
equal "  the preference unchanged" ar "$(pref sec)"
equal "posting without a session: 401" 401 \
	"$(curl -s -o /dev/null -w '%{http_code}' --data 'lang=ru&csrf=x' "$B/account")"
dbq "UPDATE account SET lang = 'de' WHERE login = 'sec'" 2>/dev/null
equal "the schema refuses a language not of the six" ar "$(pref sec)"

# --- none: the browser's again ---------------------------------------------------
get /account "$J" >/dev/null
equal "choosing the browser's language: 303" 303 "$(formpost /account "$J" lang=)"
equal "  no preference (NULL)" NULL "$(pref sec)"
contains "  and the cookie is dropped" "ctm_lang=; Path=/; Max-Age=0" "$(hdrs Set-Cookie)"
as / "ru"
equal "  Accept-Language again (ru)" "ru ltr" "$(lang_of)"
as / "ru" es
equal "  or the cookie (es)" "es ltr" "$(lang_of)"

# --- one account's language is its own, and no one else's ---------------------------
get /account "$J" >/dev/null
equal "sec chooses Russian" 303 "$(formpost /account "$J" lang=ru)"
V=$WORK/jar-view
equal "the viewer signs in" 303 "$(signin view "$PW" "$V")"
curl -s -o "$WORK/b" -b "$V" -H 'Accept-Language: zh' "$B/dashboard"
equal "the viewer, who chose none, reads its browser's language" "zh ltr" "$(lang_of)"
for i in 1 2; do
	as /dashboard "en"
	equal "sec's dashboard in Russian ($i)" "ru ltr" "$(lang_of)"
	curl -s -o "$WORK/b" -D "$WORK/h" "$B/dashboard"
	equal "  then the public's, from the cache or not: English ($i)" "en ltr" "$(lang_of)"
	contains "  Vary: Cookie" "Cookie" "$(hdr Vary)"
done
as /regions/central-asia "en"
equal "a public page for sec: Russian" "ru ltr" "$(lang_of)"
contains "  its ETag names the language" '-ru-' "$(hdr ETag)"
get /regions/central-asia >/dev/null
equal "  the same page for the public: English" "en ltr" "$(lang_of)"

post /logout "$J" --data-urlencode "csrf=$(get /account "$J" >/dev/null; csrf)" >/dev/null
equal "sec signs in again" 303 "$(signin sec "$PW" "$J")"
contains "  the account's language becomes the browser's (cookie)" "ctm_lang=ru" "$(hdrs Set-Cookie)"

# --- the command line ---------------------------------------------------------------
equal "user lang sec: ru" ru "$("$CTM" user lang sec 2>&1)"
equal "user lang view: none" none "$("$CTM" user lang view 2>&1)"
"$CTM" user lang sec zh >/dev/null 2>&1
equal "user lang sec zh: exit 0" 0 $?
equal "  kept" zh "$(pref sec)"
equal "  in the audit trail, as done by cli" 'cli|{"lang":"ru"}|{"lang":"zh"}' \
	"$(dbq "SELECT actor, old, new FROM audit WHERE action = 'lang' ORDER BY id DESC LIMIT 1")"
as / "en"
equal "  the session sees it at once" "zh ltr" "$(lang_of)"
status "user lang sec de: refused" 2 -- "$CTM" user lang sec de
equal "  unchanged" zh "$(pref sec)"
status "user lang nosuch fr: no such account" 1 -- "$CTM" user lang nosuch fr
"$CTM" user list --format json >"$WORK/u.json" 2>/dev/null
equal "user list --format json gives the languages" "sec zh, view null" \
	"$(json 'j.accounts.map(a=>a.login+" "+a.lang).join(", ")' "$WORK/u.json")"
"$CTM" user lang view none >/dev/null 2>&1
equal "user lang view none: still none" NULL "$(pref view)"

# --- "Page k of N" in the analysis PDF ---------------------------------------------
# pages FILE: "k/N" of every page's foot as pdftotext reads it, one a page
pages() { pdftotext -layout "$1" - 2>/dev/null | tr '\f' '\n'; }
get /report/analysis.pdf >/dev/null
cp "$WORK/b" "$WORK/a.pdf"
N=$(pdfinfo "$WORK/a.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
check "the analysis PDF has more than one page ($N)" -- test "${N:-0}" -gt 1
T=$(pages "$WORK/a.pdf")
for k in $(seq 1 "${N:-1}"); do
	contains "  page $k says Page $k of $N" "Page $k of $N" "$T"
done
equal "  as many feet as pages" "$N" "$(grep -c "Page [0-9]* of $N" <<<"$T")"
lacks "  no foot counts more pages" "of $((N + 1))" "$T"
"$CTM" report analysis --lang ru --format pdf --out "$WORK/ru.pdf" >/dev/null 2>&1
NR=$(pdfinfo "$WORK/ru.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
T=$(pages "$WORK/ru.pdf")
contains "Russian: the first page says Стр. 1 из $NR" "Стр. 1 из $NR" "$T"
contains "  and the last Стр. $NR из $NR" "Стр. $NR из $NR" "$T"
as /report/analysis.pdf "en"
pdftotext "$WORK/b" "$WORK/zh.txt" 2>/dev/null
contains "sec's download in its language (zh): 第1页，共…页" "第1页，共" "$(cat "$WORK/zh.txt")"

# --- names in the order of each language ---------------------------------------------
# The countries of a page, in its order; then checked against node's ICU
# (Intl.Collator) and against code points, which must differ for the
# check to mean anything: how many, whether collated, whether by code
# points.
cat >"$WORK/order.js" <<'EOF'
const fs = require("fs");
const [file, lang] = process.argv.slice(2);
const n = fs.readFileSync(file, "utf8").split("\n").filter(Boolean);
const by = (cmp) => JSON.stringify([...n].sort(cmp)) === JSON.stringify(n);
console.log(n.length, by(new Intl.Collator(lang).compare) ? "collated" : "not-collated",
	by((a, b) => (a < b ? -1 : a > b ? 1 : 0)) ? "code-points" : "not-code-points");
EOF
names() { sed -n "$1" "$WORK/b" | grep -o '<bdi>[^<]*</bdi>' | sed 's/<[^>]*>//g'; }
for l in zh ar fr es; do
	get "/countries?lang=$l" >/dev/null
	names '/<h2>/,/<\/ul>/p' >"$WORK/n-$l"
	equal "/countries?lang=$l: the countries by $l's collation, not code points" \
		"54 collated not-code-points" "$(node "$WORK/order.js" "$WORK/n-$l" $l)"
done
get "/countries?lang=ru" >/dev/null
names '/<details>/,/<\/details>/p' >"$WORK/n-ru"
r=$(node "$WORK/order.js" "$WORK/n-ru" ru)
equal "/countries?lang=ru: the countries no project names by Russian collation, not code points" \
	"collated not-code-points" "${r#* }"
check "  a list of some length (${r%% *})" -- test "${r%% *}" -gt 100
pos() { grep -n -x -F "$2" "$1" | head -1 | cut -d: -f1; }
a=$(pos "$WORK/n-zh" 阿富汗) b=$(pos "$WORK/n-zh" 巴基斯坦)
check "zh: 阿富汗 (Afghanistan, a) before 巴基斯坦 (Pakistan, ba): $a < $b" -- test "${a:-99}" -lt "${b:-0}"
a=$(pos "$WORK/n-ru" "остров Рождества") b=$(pos "$WORK/n-ru" "Остров Святой Елены") c=$(pos "$WORK/n-ru" Япония)
check "ru: остров Рождества among the islands, not after Япония: $a < $b < $c" -- \
	test "${a:-999}" -lt "${b:-0}" -a "${b:-999}" -lt "${c:-0}"
a=$(pos "$WORK/n-ar" الأردن) b=$(pos "$WORK/n-ar" ألبانيا)
check "ar: الأردن (Jordan) before ألبانيا (Albania), alef's forms alike: $a < $b" -- \
	test "${a:-99}" -lt "${b:-0}"
get "/countries?lang=en" >/dev/null
names '/<h2>/,/<\/ul>/p' >"$WORK/n-en"
equal "/countries?lang=en: English keeps the code points' order" \
	"54 code-points" "$(node "$WORK/order.js" "$WORK/n-en" en | cut -d' ' -f1,3)"
get "/regions/central-asia?lang=zh" >/dev/null
equal "a region's countries in Chinese, by pinyin (ha ji ta tu wu)" \
	"哈萨克斯坦 吉尔吉斯斯坦 塔吉克斯坦 土库曼斯坦 乌兹别克斯坦" \
	"$(grep -o '<th scope="row" dir="auto">[^<]*' "$WORK/b" | sed 's/.*>//' | head -5 | tr '\n' ' ' | sed 's/ $//')"
get "/?lang=zh" >/dev/null
o=$(sed -n '/<select id="f-country"/,/<\/select>/p' "$WORK/b" | grep -o '>[^<]*</option>' | sed 's/^>//;s/<.*//')
a=$(grep -n -x -F 阿富汗 <<<"$o" | cut -d: -f1) b=$(grep -n -x -F 中国 <<<"$o" | cut -d: -f1)
check "the matrix's country filter in Chinese: 阿富汗 before 中国 ($a < $b)" -- test "${a:-999}" -lt "${b:-0}"

serve_stop
