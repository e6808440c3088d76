#!/bin/bash
# 30-cli-languages.sh - the command line in the six languages: the global
# --lang (before the command), else the environment's (LANG=xx_XX.UTF-8);
# a usage error, an unknown command, `help`, `help projects` and the
# headings of the tables of `projects` and `stats --by pillar` translated
# with no English left; JSON and CSV the same bytes in every language;
# the exit codes the same; a wrong --lang refused; report annex taking the
# global --lang as its default.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports" 0 $?

# What each language must show, and the English it replaces.
declare -A NOCMD=([ar]="لا يوجد أمر" [fr]="aucune commande"
	[ru]="нет команды" [zh]="没有命令")
declare -A UNKOPT=([ar]="خيار غير معروف" [fr]="option inconnue"
	[ru]="неизвестная опция" [zh]="未知选项")
declare -A USAGE=([ar]="الاستخدام:" [fr]="usage :" [ru]="использование:"
	[zh]="用法：")
declare -A COMMANDS=([ar]="الأوامر:" [fr]="Commandes :" [ru]="Команды:"
	[zh]="命令：")
declare -A EXITS=([ar]="حالة الخروج" [fr]="État de sortie"
	[ru]="Код возврата" [zh]="退出状态")
declare -A LISTS=([ar]="يسرد المشاريع" [fr]="Liste les projets"
	[ru]="Выводит список проектов" [zh]="列出项目")
declare -A PHEAD=([ar]="الركيزة" [fr]="PILIER" [ru]="КОМПОНЕНТ" [zh]="支柱")
declare -A THEAD=([ar]="العنوان" [fr]="TITRE" [ru]="НАЗВАНИЕ" [zh]="标题")
declare -A SHEAD=([ar]="العدد" [fr]="NOMBRE" [ru]="ЧИСЛО" [zh]="数量")
declare -A TOTAL=([ar]="المجموع: 176" [fr]="total : 176 projets"
	[ru]="итого проектов: 176" [zh]="合计：176 个项目")
declare -A LOCALE=([ar]=ar_EG.UTF-8 [fr]=fr_FR.UTF-8 [ru]=ru_RU.UTF-8
	[zh]=zh_CN.UTF-8)

"$CTM" projects --format json >"$WORK/p-en.json"
"$CTM" projects --format csv >"$WORK/p-en.csv"
"$CTM" stats --by pillar --format json >"$WORK/s-en.json"
"$CTM" stats --by pillar --format csv >"$WORK/s-en.csv"
"$CTM" check --format csv >"$WORK/c-en.csv"

# run L HOW ARGS...: ctmatrix in language L, by --lang or by LANG.
run() {
	l=$1 how=$2
	shift 2
	if [ "$how" = option ]; then
		"$CTM" --lang "$l" "$@"
	else
		LANG=${LOCALE[$l]} "$CTM" "$@"
	fi
}

for l in ar fr ru zh; do
	for how in option env; do
		w="$l by $how"
		out=$(run "$l" "$how" frobnicate 2>&1)
		equal "$w: an unknown command exits 2" 2 $?
		contains "  $w: it is said in $l" "${NOCMD[$l]}" "$out"
		contains "  $w: the name stays" "frobnicate" "$out"
		lacks "  $w: no English" "no command" "$out"

		out=$(run "$l" "$how" projects --bogus 2>&1)
		equal "$w: an unknown option exits 2" 2 $?
		contains "  $w: it is said in $l" "${UNKOPT[$l]}" "$out"
		lacks "  $w: no English" "unknown option" "$out"

		out=$(run "$l" "$how" project 2>&1)
		equal "$w: a usage error exits 2" 2 $?
		contains "  $w: usage in $l" "${USAGE[$l]} ctmatrix project" "$out"
		lacks "  $w: no English usage" "usage:" "$out"

		out=$(run "$l" "$how" help 2>&1)
		equal "$w: help exits 0" 0 $?
		contains "  $w: help's prose" "${COMMANDS[$l]}" "$out"
		contains "  $w: help's exit status" "${EXITS[$l]}" "$out"
		contains "  $w: command names stay" "  projects  " "$out"
		lacks "  $w: no English prose" "The portfolio of UN" "$out"
		lacks "  $w: no English exit status" "Exit status" "$out"

		out=$(run "$l" "$how" help projects 2>&1)
		equal "$w: help projects exits 0" 0 $?
		contains "  $w: help projects in $l" "${LISTS[$l]}" "$out"
		contains "  $w: option names stay" "--search TEXT" "$out"
		lacks "  $w: no English" "Filters combine" "$out"

		out=$(run "$l" "$how" projects 2>&1)
		equal "$w: projects exits 0" 0 $?
		head=$(printf '%s\n' "$out" | head -1)
		contains "  $w: the pillar's heading" "${PHEAD[$l]}" "$head"
		contains "  $w: the title's heading" "${THEAD[$l]}" "$head"
		lacks "  $w: no English PILLAR" "PILLAR" "$head"
		lacks "  $w: no English TITLE" "TITLE" "$head"

		out=$(run "$l" "$how" stats --by pillar 2>&1)
		equal "$w: stats exits 0" 0 $?
		contains "  $w: stats' heading" "${SHEAD[$l]}" "$out"
		contains "  $w: stats' total" "${TOTAL[$l]}" "$out"
		lacks "  $w: no English COUNT" "COUNT" "$out"
		lacks "  $w: no English total" "total: 176 projects" "$out"

		run "$l" "$how" projects --format json >"$WORK/p.json"
		check "  $w: projects JSON the same bytes" -- \
			cmp "$WORK/p-en.json" "$WORK/p.json"
		run "$l" "$how" projects --format csv >"$WORK/p.csv"
		check "  $w: projects CSV the same bytes" -- \
			cmp "$WORK/p-en.csv" "$WORK/p.csv"
		run "$l" "$how" stats --by pillar --format json >"$WORK/s.json"
		check "  $w: stats JSON the same bytes" -- \
			cmp "$WORK/s-en.json" "$WORK/s.json"
		run "$l" "$how" stats --by pillar --format csv >"$WORK/s.csv"
		check "  $w: stats CSV the same bytes" -- \
			cmp "$WORK/s-en.csv" "$WORK/s.csv"
		run "$l" "$how" check --format csv >"$WORK/c.csv"
		check "  $w: check CSV the same bytes" -- \
			cmp "$WORK/c-en.csv" "$WORK/c.csv"

		status "$w: a project not found" 1 -- run "$l" "$how" project 99999
		status "$w: a wrong --format" 2 -- \
			run "$l" "$how" projects --format xml
	done
done

# --- the option before the environment; English; a wrong --lang -----------------
out=$(LANG=ru_RU.UTF-8 "$CTM" --lang fr frobnicate 2>&1)
contains "--lang wins over LANG" "aucune commande" "$out"
out=$(LANG=ru_RU.UTF-8 "$CTM" --lang=en frobnicate 2>&1)
contains "--lang=en: English" "no command \"frobnicate\"" "$out"
out=$(LANGUAGE=zh LANG=ru_RU.UTF-8 "$CTM" frobnicate 2>&1)
contains "LANGUAGE before LANG" "没有命令" "$out"
out=$("$CTM" --lang xx help 2>&1)
equal "--lang xx exits 2" 2 $?
contains "  and says which languages there are" "ar, en, es, fr, ru or zh" "$out"
out=$("$CTM" --db "$CTMATRIX_DB" --lang ru stats --by pillar 2>&1)
contains "--lang after --db" "ЧИСЛО" "$out"
out=$("$CTM" frobnicate 2>&1)
equal "English: the same message as ever" \
	'ctmatrix: no command "frobnicate" (try `ctmatrix help`)' "$out"

# --- report annex: the global --lang is its default --------------------------------
"$CTM" --lang ru report annex --format html --pillar II >"$WORK/a.html"
contains "report annex in the global --lang" "Основные мероприятия" \
	"$(cat "$WORK/a.html")"
"$CTM" --lang ru report annex --lang fr --format html --pillar II >"$WORK/a.html"
contains "  its own --lang wins" "Principales activités" "$(cat "$WORK/a.html")"

# --- a confirmation and a plural -------------------------------------------------
out=$("$CTM" --lang ru import annex "$DATA" 2>&1)
contains "import's summary in Russian" "прочитано строк: 176" "$out"
out=$("$CTM" --lang ru check 2>&1)
contains "check's count by the Russian plural" "замечани" "$out"
lacks "  no English count" "findings" "$out"
