#!/bin/bash
# 28-pages-pages2.sh - the pages of needs, gaps, duplication, the Board and
# plans of action in Arabic, Russian and Chinese: for each page, fetched
# with ?lang=, a heading or label in the language and not its English,
# <html lang dir> (right to left in Arabic), and numbers above 999 (a
# round's published USD, a draft's brackets) grouped as each language
# groups them; the English pages keep their English.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports" 0 $?
PW="a long enough password"
for u in "an --role analyst --entity CTED" "sec --role secretariat" \
	"brd --role viewer"; do
	# shellcheck disable=SC2086
	echo "$PW" | "$CTM" user add $u >/dev/null 2>&1 ||
		echo "not ok - user add $u"
done
P=$("$CTM" projects --format csv --limit 1 | sed -n 2p | cut -d, -f1)
NEED=$("$CTM" needs add --country MLI --body CTED --text "zzneed border posts" \
	--confidentiality public --pillar II | sed -n 's/^need \([0-9]*\) added$/\1/p')
check "a public need" -- test -n "$NEED"
check "  answered by a project" -- "$CTM" needs link "$NEED" "$P"
"$CTM" stage place --from-status >/dev/null 2>&1
check "a Board member" -- "$CTM" board member add brd
PROP=$("$CTM" projects --status in_development --format csv --limit 1 | sed -n 2p | cut -d, -f1)
check "a decision of the Board in 2018" -- "$CTM" board decide "$PROP" \
	--decision approve --seed 110,000 --round 2018 --meeting 2018-06-12 --as brd
check "a plan of action, adopted" -- sh -c "'$CTM' plan add cica '$TOP/data/plans/cica-plan-of-action-draft-rev2-preamble-pillar-1.txt' --title 'CICA Plan of Action' --label rev2 && '$CTM' plan adopt cica --revision 1 && '$CTM' plan link cica 1 $P"
check "a draft in two revisions" -- sh -c "'$CTM' plan add paris '$TOP/data/plans/agreement-23-oct-2015.md' --title 'Paris Agreement' --label oct && '$CTM' plan add paris '$TOP/data/plans/agreement-4-dec-2015.md' --label dec"

serve_start
check "the server starts" -- test -n "$ADDR"
B="http://$ADDR"
J="$WORK/jar.an"
equal "sign in as an analyst" 303 "$(signin an "$PW" "$J")"
S="$WORK/jar.sec"
equal "sign in as the secretariat" 303 "$(signin sec "$PW" "$S")"

# page PATH JAR ENGLISH AR RU ZH: in each language, the text in it and not
# the English; lang and dir on <html>.
page() {
	local path=$1 jar=$2 en=$3 sep='?'
	shift 3
	case $path in *'?'*) sep='&' ;; esac
	for l in ar ru zh; do
		equal "$path in $l: 200" 200 "$(get "$path${sep}lang=$l" "$jar")"
		contains "  in $l: $1" "$1" "$(body)"
		lacks "  in $l: not \"$en\"" "$en" "$(body)"
		if [ $l = ar ]; then
			contains "  in ar: right to left" '<html lang="ar" dir="rtl">' "$(body)"
		else
			contains "  in $l: <html lang=$l>" "<html lang=\"$l\" dir=\"ltr\">" "$(body)"
		fi
		shift
	done
	# the jar now holds zh: English again by ?lang=en
	equal "$path in en: 200" 200 "$(get "$path${sep}lang=en" "$jar")"
	contains "  in en: \"$en\"" "$en" "$(body)"
}

# --- needs, gaps, duplication -----------------------------------------------
page /needs "" "Download as CSV" \
	"تنزيل بصيغة CSV" "Скачать в формате CSV" "以 CSV 格式下载"
page /needs "" "<h1>Needs</h1>" \
	"<h1>الاحتياجات</h1>" "<h1>Потребности</h1>" "<h1>需求</h1>"
page "/needs/$NEED" "" "Projects that answer it" \
	"المشاريع التي تلبّيه" "Проекты, которые ее удовлетворяют" "满足该需求的项目"
page /needs/new "$J" "Organisations that see a restricted need" \
	"المنظمات التي تطّلع على الاحتياج المقيَّد" \
	"Организации, которым видна ограниченная потребность" "可查看受限需求的组织"
page /gaps "" "Share of gaps" "نسبة الثغرات" "Доля пробелов" "缺口比例"
page /gaps "" "needs you may see are gaps" \
	"من الاحتياجات التي يمكنك الاطلاع عليها ثغرات" \
	"доступных вам потребностей" "项需求中，有 <strong>"
page /duplicates "" "Possible duplication" \
	"الازدواجية المحتملة" "Возможное дублирование" "可能的重复"
equal "/needs/999999 in ru: 404" 404 "$(get '/needs/999999?lang=ru')"
contains "  the message in Russian" "Такой потребности нет." "$(body)"

# --- the Board ------------------------------------------------------------------
page /board "" "Programme Review Board" \
	"مجلس استعراض البرامج" "Совет по обзору программ" "方案审查委员会"
# 949,111.00 USD published for 2018: grouped by each language (Russian
# with a no-break space, French with a narrow one).
NBSP=$'\xc2\xa0' NNBSP=$'\xe2\x80\xaf'
get "/board?lang=ru" >/dev/null
contains "/board in ru: USD grouped with a no-break space, a decimal comma" \
	"949${NBSP}111,00" "$(body)"
lacks "  not as in English" "949,111.00" "$(body)"
get "/board?lang=zh" >/dev/null
contains "/board in zh: grouped with commas" "949,111.00" "$(body)"
get "/board?lang=fr" >/dev/null
contains "/board in fr: grouped with a narrow no-break space" "949${NNBSP}111,00" "$(body)"
page /board "$J" "Decisions of the Board, by meeting date" \
	"قرارات المجلس، حسب تاريخ الاجتماع" "Решения Совета по датам заседаний" \
	"审查委员会的决定（按会议日期）"
get "/board?lang=ru" "$J" >/dev/null
contains "/board in ru: the meeting's date in Russian" "12 июня 2018" "$(body)"
contains "  its ISO value kept" '<time datetime="2018-06-12">' "$(body)"
page /rounds/2018 "" "Source of the published totals" \
	"مصدر المجاميع المنشورة" "Источник опубликованных итогов" "公布总数的来源"
page "/projects/$PROP" "$J" ">Lifecycle<" \
	">دورة الحياة<" ">Жизненный цикл<" ">生命周期<"
get "/projects/$PROP?lang=ar" "$J" >/dev/null
contains "  the step named in Arabic" "المرحلة: <strong>البدء</strong>" "$(body)"
lacks "  not in English" "Step: <strong>" "$(body)"

# --- plans of action ------------------------------------------------------------
page /plans "" "Plans of action" "خطط العمل" "Планы действий" "行动计划"
page "/plans/paris?rev=1" "$J" "Compare revisions" \
	"مقارنة التنقيحات" "Сравнить редакции" "比较修订稿"
get "/plans/paris?rev=2&lang=ru" "$J" >/dev/null
contains "a draft in ru: its brackets grouped, 1 015" "<strong>1${NBSP}015</strong>" "$(body)"
get "/plans/paris?rev=2&lang=ar" "$J" >/dev/null
contains "  in ar: 1,015" "<strong>1,015</strong>" "$(body)"
page /plans/paris/positions "$J" "Tags per part of the text" \
	"الوسوم حسب جزء النص والوفد" "Метки по частям текста и делегациям" \
	"按案文部分和代表团分列的标记"
page "/plans/paris/compare?a=1&b=2" "$J" "The words that changed" \
	"الكلمات التي تغيّرت" "Изменившиеся слова" "改动的词语"
page /plans/cica/measures "$S" "Link a project to a measure" \
	"ربط مشروع بتدبير" "Привязать проект к мере" "将项目关联到措施"
equal "/plans/nope in zh: 404" 404 "$(get '/plans/nope?lang=zh')"
contains "  the message in Chinese" "不存在该计划。" "$(body)"

kill -TERM "$PID"
wait "$PID"
