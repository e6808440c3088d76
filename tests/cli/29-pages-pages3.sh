#!/bin/bash
# 29-pages-pages3.sh - the pages of money and results in Arabic, Russian
# and Chinese (?lang=), over real HTTP: /funding, /trust-fund, /rates,
# /appeals, an appeal, a new appeal's form, a project's money (its part of
# the project's page and its own page), /projects/N/results and /progress.
# Each shows a heading or a label in the language and not its English;
# Arabic pages are right to left; sums, dates and counts are written as
# each language writes them (grouping, decimal sign, month names).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

DB=$CTMATRIX_DB
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports" 0 $?
PW="a long enough password"
for u in "sec --role secretariat" "fp --role focal_point --entity UNICRI"; do
	# shellcheck disable=SC2086
	echo "$PW" | "$CTM" user add $u >/dev/null 2>&1 || echo "not ok - user add $u"
done
q() { dbq --db "$DB" "$1"; }
MINE=$("$CTM" projects --entity UNICRI --format csv --limit 1 | sed -n '2s/,.*//p')
check "fixture: a UNICRI project" -- test -n "$MINE"

# Money over a thousand, a rate, a contribution, an appeal.
"$CTM" rates add EUR 1.0843 --date 2018-01-01 --source "test rate" >/dev/null
"$CTM" budget set "$MINE" 1250000 --date 2018-06-01 >/dev/null
"$CTM" gender "$MINE" 2 >/dev/null
"$CTM" contributions add --donor "Zzdonor" --amount 40000 --currency EUR \
	--date 2018-03-01 --project "$MINE" --trust-fund >/dev/null
"$CTM" appeals add zz-appeal --title "Zz appeal" --issued 2018-05-02 \
	--projects "$MINE" >/dev/null
equal "fixture: a budget, a contribution, an appeal" "1|1|1" \
	"$(q "SELECT (SELECT count(*) FROM budget) || '|' ||
	    (SELECT count(*) FROM contribution) || '|' || (SELECT count(*) FROM appeal)")"
# Results: an outcome, an indicator, an approved report of 2019.
O=$("$CTM" results add "$MINE" --level outcome --statement "Zzoutcome")
I=$("$CTM" indicators add "$O" --name "Zzpeople trained" --unit people --target 2000)
"$CTM" report "$MINE" 2019-Q1 --value "$I=1500" --narrative "Zznarrative" >/dev/null
"$CTM" report submit "$MINE" 2019-Q1 >/dev/null
"$CTM" report approve "$MINE" 2019-Q1 >/dev/null
equal "fixture: an approved report" "approved" \
	"$(q "SELECT status FROM result_report WHERE period = '2019-Q1'")"

serve_start
check "the server starts" -- test -n "$ADDR"
B="http://$ADDR"
JS=$WORK/js
equal "the secretariat signs in" 303 "$(signin sec "$PW" "$JS")"

NB=$'\xc2\xa0' # Russian groups thousands with a no-break space

# seen LANG PATH JAR TRANSLATION ENGLISH: the page in LANG shows the
# translation and not the English.
seen() {
	local l=$1 path=$2 jar=$3 sep='?'
	case $path in *\?*) sep='&' ;; esac
	equal "$l $path: 200" 200 "$(get "$path${sep}lang=$l" "$jar")"
	contains "  in $l: $4" "$4" "$(body)"
	lacks "  not in English: $5" "$5" "$(body)"
	if [ "$l" = ar ]; then
		contains "  right to left" '<html lang="ar" dir="rtl">' "$(body)"
	else
		contains "  <html lang=\"$l\">" "<html lang=\"$l\" dir=\"ltr\">" "$(body)"
	fi
}

# --- /funding -----------------------------------------------------------------
seen ar /funding "" "حسب الركيزة" "By pillar"
contains "  a column in Arabic" "المبالغ الواردة، بدولارات الولايات المتحدة" "$(body)"
contains "  1,250,000.00 with the European digits" ">1,250,000.00<" "$(body)"
seen ru /funding "" "По компонентам" "By pillar"
contains "  1 250 000,00 in Russian" ">1${NB}250${NB}000,00<" "$(body)"
lacks "  not 1,250,000.00" "1,250,000.00" "$(body)"
seen zh /funding "" "按支柱" "By pillar"
contains "  1,250,000.00 in Chinese" ">1,250,000.00<" "$(body)"
seen ru "/funding?by=project&pillar=I" "" "По проектам, компонент I" "By project"

# --- /trust-fund --------------------------------------------------------------
seen ar /trust-fund "" "الصندوق الاستئماني والتبرعات" "Trust Fund and contributions"
contains "  the day in Arabic, a <time>" '<time datetime="2018-03-01">1 آذار/مارس 2018</time>' "$(body)"
seen ru /trust-fund "" "Целевой фонд и взносы" "Trust Fund and contributions"
contains "  the day in Russian" "1 марта 2018 года" "$(body)"
contains "  the sum in Russian" ">EUR 40${NB}000,00<" "$(body)"
seen zh /trust-fund "" "信托基金和捐款" "Trust Fund and contributions"
contains "  the day in Chinese" "2018年3月1日" "$(body)"
seen ru /trust-fund "$JS" "Регистрация взноса" "Record a contribution"
contains "  the form's labels" "Дата получения" "$(body)"

# --- /rates -------------------------------------------------------------------
seen ar /rates "" "أسعار الصرف، حسب العملة، الأحدث أولاً" "Rates, by currency"
seen ru /rates "" "Курсы по валютам, начиная с последнего" "Rates, by currency"
contains "  the rate with a decimal comma" ">1,0843<" "$(body)"
seen zh /rates "" "汇率，按货币排列，最新的在前" "Rates, by currency"
seen zh /rates "$JS" "记录汇率" "Record a rate"

# --- /appeals, an appeal, its form --------------------------------------------
seen ar /appeals "" "النداءات، الأحدث أولاً" "Appeals, the latest first"
seen ru /appeals "" "Призывы, начиная с последнего" "Appeals, the latest first"
contains "  the day issued in Russian" "2 мая 2018 года" "$(body)"
seen zh /appeals "" "呼吁，最新的在前" "Appeals, the latest first"
seen ar /appeals/zz-appeal "" "مشاريعه، بدءاً بأكبرها عجزاً" "Its projects, the greatest"
seen ru /appeals/zz-appeal "" "Его проекты, начиная с наибольшего дефицита" "Its projects, the greatest"
seen zh /appeals/zz-appeal "" "其项目，缺口最大的在前" "Its projects, the greatest"
seen ar /appeals/new "$JS" "نداء جديد" "New appeal"
seen ru /appeals/new "$JS" "Новый призыв" "New appeal"
seen zh /appeals/new "$JS" "新建呼吁" "New appeal"
equal "an unknown appeal in Russian: 404" 404 "$(get "/appeals/nosuch?lang=ru")"
contains "  says so in Russian" "Такого призыва нет." "$(body)"

# --- a project's money --------------------------------------------------------
seen ar "/projects/$MINE" "" "مؤشر المساواة بين الجنسين" "Gender marker"
contains "  its definition in Arabic" "المساواة بين الجنسين هدف مهم" "$(body)"
seen ru "/projects/$MINE" "" "Гендерный маркер" "Gender marker"
contains "  its budget in Russian" "USD 1${NB}250${NB}000,00, по состоянию на 1 июня 2018 года" "$(body)"
seen zh "/projects/$MINE" "" "性别平等标码" "Gender marker"
seen ar "/projects/$MINE/money" "" "أموال مشروع" "Money of a project"
seen ru "/projects/$MINE/money" "" "Средства проекта" "Money of a project"
seen zh "/projects/$MINE/money" "" "项目资金" "Money of a project"

# --- results ------------------------------------------------------------------
seen ar "/projects/$MINE/results" "" "إطار النتائج" "Results framework"
contains "  the level in Arabic" "النتيجة $O" "$(body)"
seen ru "/projects/$MINE/results" "" "Матрица результатов" "Results framework"
contains "  1 500 in Russian" ">1${NB}500<" "$(body)"
contains "  75 % in Russian" "75${NB}%" "$(body)"
seen zh "/projects/$MINE/results" "" "成果框架" "Results framework"
contains "  1,500 in Chinese" ">1,500<" "$(body)"
seen ar /progress "" "التقارير المرحلية" "Progress reports"
seen ru "/progress?period=2019" "" "годовой доклад о ходе работы" "end-of-year progress report"
contains "  the period's days in Russian" "С 1 января 2019 года по 31 декабря 2019 года" "$(body)"
seen zh "/progress?period=2019-Q1" "" "季度进展报告" "quarterly progress report"
seen ar "/progress?period=2019-H1" "" "التقرير المرحلي لمنتصف السنة" "mid-year progress report"

kill -TERM "$PID" 2>/dev/null
wait "$PID" 2>/dev/null
lacks "the server reported no memory error (under the sanitizers)" "Sanitizer" \
	"$(cat "$WORK/serve.log")"
exit 0
