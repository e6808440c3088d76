#!/bin/bash
# 26-languages.sh - the six languages: the catalogues the binary finds
# beside it (build/locale), the language of the command line (--lang, else
# the environment's as gettext reads it), the language of the pages (?lang=
# kept in a cookie, the cookie, Accept-Language, English), the cache of
# anonymous answers keyed by that language, the annex in each language
# with its dates and plural forms, and tools/check-po finding a text left
# untranslated.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports" 0 $?

# --- the annex in each language (--lang) ---------------------------------------
declare -A ACT=([ar]="الأنشطة الرئيسية" [en]="Main activities"
	[es]="Actividades principales" [fr]="Principales activités"
	[ru]="Основные мероприятия" [zh]="主要活动")
declare -A TITLE=([ar]="مصفوفة مشاريع وأنشطة الأمم المتحدة"
	[en]="Matrix of United Nations counter-terrorism projects"
	[es]="Matriz de proyectos y actividades de las Naciones Unidas"
	[fr]="Matrice des projets et activités antiterroristes"
	[ru]="Матрица контртеррористических проектов"
	[zh]="联合国反恐项目和活动矩阵")
for l in ar en es fr ru zh; do
	"$CTM" report annex --lang "$l" --format html >"$WORK/a-$l.html" 2>"$WORK/err"
	equal "annex --lang $l: exit 0" 0 $?
	H=$(cat "$WORK/a-$l.html")
	contains "  the column of activities in $l" "<th scope=\"col\">${ACT[$l]}</th>" "$H"
	contains "  the title in $l" "${TITLE[$l]}" "$H"
	contains "  <html lang=\"$l\">" "<html lang=\"$l\"" "$H"
	if [ "$l" != en ]; then
		lacks "  no English column left ($l)" ">Main activities<" "$H"
		lacks "  no English status left ($l)" ">Ongoing<" "$H"
	fi
done
contains "Arabic is right to left" '<html lang="ar" dir="rtl">' "$(cat "$WORK/a-ar.html")"
contains "Russian: the pillar's heading" "Компонент I Глобальной контртеррористической стратегии" "$(cat "$WORK/a-ru.html")"
contains "Russian: 120 projects by the Russian plural (many)" ">120 проектов<" "$(cat "$WORK/a-ru.html")"
contains "Arabic: the count by the Arabic plural (11 to 99)" "مشروعًا" "$(cat "$WORK/a-ar.html")"
contains "Chinese: the count" "120个项目" "$(cat "$WORK/a-zh.html")"
contains "French: the status" ">En cours<" "$(cat "$WORK/a-fr.html")"
contains "Spanish: the status" ">En curso<" "$(cat "$WORK/a-es.html")"
# the date of the report, as each language writes it
Y=$(date -u +%Y)
contains "Russian: the date ends in года" "$Y года" "$(cat "$WORK/a-ru.html")"
contains "Chinese: the date in 年月日" "${Y}年" "$(cat "$WORK/a-zh.html")"
contains "Arabic: the month under both its names" "/" "$(grep -o '<time[^<]*</time>' "$WORK/a-ar.html")"

"$CTM" report annex --lang ru --format json >"$WORK/a-ru.json" 2>/dev/null
equal "JSON: the status's name in Russian, the key as it is" "ongoing Осуществляется" \
	"$(json 'j.tables[0].rows.filter(r=>r.status==="ongoing").map(r=>r.status+" "+r.status_name)[0]' "$WORK/a-ru.json")"
"$CTM" report annex --lang de --format html >/dev/null 2>"$WORK/err"
equal "--lang de: a usage error (exit 2)" 2 $?
contains "  which names the six" "ar, en, es, fr, ru or zh" "$(cat "$WORK/err")"

# --- the language of the environment ----------------------------------------------
env -u LC_ALL -u LANGUAGE LANG=ru_RU.UTF-8 "$CTM" report annex --format html >"$WORK/e.html" 2>/dev/null
contains "LANG=ru_RU.UTF-8: the annex in Russian" "${ACT[ru]}" "$(cat "$WORK/e.html")"
env -u LC_ALL LANGUAGE=fr:en LANG=ru_RU.UTF-8 "$CTM" report annex --format html >"$WORK/e.html" 2>/dev/null
contains "LANGUAGE=fr:en comes first: French" "${ACT[fr]}" "$(cat "$WORK/e.html")"
env LC_ALL=es_ES.UTF-8 LANG=ru_RU.UTF-8 "$CTM" report annex --format html >"$WORK/e.html" 2>/dev/null
contains "LC_ALL before LANG: Spanish" "${ACT[es]}" "$(cat "$WORK/e.html")"
env LC_ALL=de_DE.UTF-8 "$CTM" report annex --format html >"$WORK/e.html" 2>/dev/null
contains "a language not among the six: English" "${ACT[en]}" "$(cat "$WORK/e.html")"
env LANG=ru_RU.UTF-8 "$CTM" report annex --lang zh --format html >"$WORK/e.html" 2>/dev/null
contains "--lang before the environment" "${ACT[zh]}" "$(cat "$WORK/e.html")"
CTMATRIX_LOCALEDIR=$WORK/none "$CTM" report annex --lang ru --format html >"$WORK/e.html" 2>/dev/null
equal "no catalogues: still exit 0" 0 $?
contains "  and the English text" "${ACT[en]}" "$(cat "$WORK/e.html")"
check "the catalogues sit beside the binary (locale/C/LC_MESSAGES)" -- \
	test -s "$(dirname "${CTM_REAL:-$CTM}")/locale/C/LC_MESSAGES/ctmatrix-ru.mo"

# --- the importer's refusals in the command's language ---------------------------
printf 'pillar,titel\nI,x\n' >"$WORK/bad.csv"
out=$("$CTM" --lang zh import "$WORK/bad.csv" 2>&1)
contains "import --lang zh: an unknown column, said in Chinese" '未知列"titel"' "$out"
out=$(env LANG=ar_EG.UTF-8 "$CTM" import "$WORK/bad.csv" 2>&1)
contains "import, LANG=ar_EG.UTF-8: said in Arabic" 'عمود غير معروف "titel"' "$out"
out=$("$CTM" import "$WORK/bad.csv" 2>&1)
contains "import, no language: English" 'unknown column "titel"' "$out"
printf 'pillar,title\n,x\n' >"$WORK/bad.csv"
out=$("$CTM" --lang ru import "$WORK/bad.csv" 2>&1)
contains "import --lang ru: an empty pillar, said in Russian" "компонент не указан" "$out"

# --- the pages ------------------------------------------------------------------------
serve_start
check "the server starts" -- test -n "$ADDR"
B="http://$ADDR"
lang_of() { sed -n 's/.*<html lang="\([a-z]*\)" dir="\([a-z]*\)".*/\1 \2/p' "$WORK/b" | head -1; }

get / >/dev/null
equal "no choice: English" "en ltr" "$(lang_of)"
contains "  Vary names what the language follows" "Accept-Language" "$(hdr Vary)"
curl -s -o "$WORK/b" -D "$WORK/h" -H 'Accept-Language: ru-RU,ru;q=0.9,en;q=0.8' "$B/"
equal "Accept-Language ru-RU: Russian" "ru ltr" "$(lang_of)"
contains "  the menu in Russian" ">Матрица<" "$(body)"
curl -s -o "$WORK/b" -H 'Accept-Language: en;q=0.5, ar;q=0.9' "$B/"
equal "Accept-Language by quality: Arabic, right to left" "ar rtl" "$(lang_of)"
curl -s -o "$WORK/b" -H 'Accept-Language: de-DE,it' "$B/"
equal "Accept-Language of none of the six: English" "en ltr" "$(lang_of)"
# the cache of anonymous answers keeps one answer a language
for i in 1 2; do
	curl -s -o "$WORK/b" -H 'Accept-Language: zh-CN' "$B/dashboard"
	equal "the dashboard for a Chinese browser ($i)" "zh ltr" "$(lang_of)"
	curl -s -o "$WORK/b" "$B/dashboard"
	equal "  and then for another: English ($i)" "en ltr" "$(lang_of)"
done

JAR=$WORK/jar
get "/?lang=fr" "$JAR" >/dev/null
equal "?lang=fr: French" "fr ltr" "$(lang_of)"
contains "  kept in a cookie" "ctm_lang=fr" "$(hdrs Set-Cookie)"
get "/dashboard" "$JAR" >/dev/null
equal "  the next page, with the cookie: French" "fr ltr" "$(lang_of)"
curl -s -o "$WORK/b" -b "$JAR" -H 'Accept-Language: ru' "$B/"
equal "  the cookie before Accept-Language" "fr ltr" "$(lang_of)"
get "/?lang=xx" >/dev/null
equal "?lang=xx: not a language, English" "en ltr" "$(lang_of)"
lacks "  and no cookie" "ctm_lang" "$(hdrs Set-Cookie)"
equal "?lang= is every page's parameter: the matrix takes it with filters" 200 "$(get '/?lang=ar&pillar=II')"
contains "  Arabic menu entry" "المصفوفة" "$(body)"
contains "the language menu links this page in each language" 'hreflang="zh"' "$(body)"
contains "  keeping its filters" '?lang=zh&amp;pillar=II' "$(body)"

# the dashboard's charts mirrored right to left: labels anchored at their
# start (the chart's right), the first bar's right edge at the labels
get "/dashboard?lang=ar" >/dev/null
contains "dashboard ar: the labels at the right" 'text-anchor="start" class="label"' "$(body)"
x=$(grep -o '<rect x="[0-9]*" y="[0-9]*" width="[0-9]*"' "$WORK/b" | head -1 | sed 's/.*x="\([0-9]*\)" y="[0-9]*" width="\([0-9]*\)"/\1 \2/')
check "  the first bar ends where the labels begin (x+width 480: $x)" -- \
	test "$(echo "$x" | awk '{ print $1 + $2 }')" = 480
get "/dashboard?lang=en" >/dev/null
contains "dashboard en: the labels at the left" 'text-anchor="end" class="label"' "$(body)"

# why two projects look alike, said again in the page's language
get "/duplicates?lang=ru" >/dev/null
contains "duplicates ru: why, in Russian" "сроки не указаны" "$(body)"
contains "  with the words in common" "общие слова: mali" "$(body)"
lacks "  no English reason left" "periods not given" "$(body)"
get "/duplicates" >/dev/null
contains "duplicates en: the report's own sentence" "periods not given; words in common: mali" "$(body)"

# names from the reference data in the page's language (M49, the entities')
get "/countries/KAZ?lang=ru" >/dev/null
contains "a country's page: its M49 name in Russian" "<title>Казахстан" "$(body)"
get "/countries/KAZ?lang=zh" >/dev/null
contains "  in Chinese" "<title>哈萨克斯坦" "$(body)"
get "/countries?lang=ar" >/dev/null
contains "the countries in Arabic" "كازاخستان" "$(body)"
get "/organisations/UNODC?lang=fr" >/dev/null
contains "an entity's page: its French name" "Office des Nations Unies contre la drogue et le crime" "$(body)"
get "/?lang=es" >/dev/null
contains "the matrix's country list in Spanish" ">Kazajstán<" "$(body)"
get "/api/v1/places?kind=country" >/dev/null
contains "the API keeps the English names" '"Kazakhstan"' "$(body)"

get "/report/annex.html" "$JAR" >/dev/null
contains "the annex download in the chosen language (cookie fr)" "${ACT[fr]}" "$(body)"
get "/report/annex.html?lang=ar&pillar=II" >/dev/null
contains "  or the URL's (ar)" "${ACT[ar]}" "$(body)"
equal "  the annex refuses a language outside the six" 400 "$(get '/report/annex.html?lang=de')"
kill "$PID" 2>/dev/null
wait "$PID" 2>/dev/null

# --- tools/check-po finds what is left untranslated --------------------------------------
if command -v msgmerge >/dev/null; then
	T=$WORK/tree
	mkdir -p "$T"
	cp -r "$TOP/tools" "$TOP/po" "$TOP/src" "$T/"
	check "tools/check-po: every text translated here" -- "$T/tools/check-po"
	# drop the French of "Main activities"
	awk 'BEGIN{RS="";ORS="\n\n"} !/msgid "Main activities"/' "$T/po/fr/annex.po" >"$WORK/fr.po" &&
		mv "$WORK/fr.po" "$T/po/fr/annex.po"
	"$T/tools/check-po" >"$WORK/po.out" 2>&1
	equal "tools/check-po: a text without French fails" 1 $?
	contains "  naming the catalogue and the text" "untranslated: Main activities" "$(cat "$WORK/po.out")"
	contains "  the others are still ok" "ok - po/ru/" "$(cat "$WORK/po.out")"
	# a Spanish "Page %s of %s" that takes a number: first by name, it wins
	{
		sed -n '1,/^$/p' "$T/po/es/base.po"
		printf 'msgid "%s"\nmsgstr "%s"\n' "Page %s of %s" "Página %d de %s"
	} >"$T/po/es/aa.po"
	"$T/tools/check-po" >"$WORK/po.out" 2>&1
	equal "tools/check-po: a translation whose format differs fails" 1 $?
	contains "  naming it" "Page %s of %s" "$(cat "$WORK/po.out")"
	# a text translated in two files (two parts of the program)
	rm -f "$T/po/es/aa.po"
	cp "$TOP/po/fr/annex.po" "$T/po/fr/annex.po"
	{
		sed -n '1,/^$/p' "$T/po/ru/base.po"
		printf 'msgid "%s"\nmsgstr "%s"\n' "Main activities" "Главные мероприятия"
	} >"$T/po/ru/zz.po"
	"$T/tools/check-po" >"$WORK/po.out" 2>&1
	equal "tools/check-po: a text translated in two files fails" 1 $?
	contains "  naming it" "twice: Main activities" "$(cat "$WORK/po.out")"
fi
