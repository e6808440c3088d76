#!/bin/bash
# 22-annex-pdf.sh - the annex matrix as a PDF (src/io/annex_pdf.c),
# through build/annex-pdf-sample until `ctmatrix report annex --format
# pdf` calls it: a made-up annex that tries the layout (75 rows over two
# pillars, long texts, a row taller than a page, Russian and Arabic, text
# that looks like markup) and the shipped 2018 matrix, each in English,
# Russian and Arabic, read back with pdfinfo, pdffonts and pdftotext:
# A4 landscape, several pages, the header row and "Page i of N" on every
# page, every title and serial, the pillars' headings, Arabic text that
# can be extracted, fonts embedded; errors reported, output repeatable.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

SAMPLE=$(dirname "${CTM_REAL:-$CTM}")/annex-pdf-sample
for t in pdfinfo pdftotext pdffonts; do
	command -v $t >/dev/null || { echo "not ok - $t is missing (poppler-utils)"; exit 1; }
done

# flat FILE [PAGE]: the text of a page (all pages without PAGE) with the
# white space and the bidirectional controls pdftotext adds taken out, so
# that wrapped lines and right-to-left runs compare as written.
flat() {
	local range=()
	[ -n "${2:-}" ] && range=(-f "$2" -l "$2")
	pdftotext "${range[@]}" "$1" - 2>/dev/null |
		LC_ALL=C sed 's/\xe2\x80[\xaa-\xae\x8e\x8f]//g' | tr -d ' \n\t\f'
}
squash() { printf '%s' "$1" | tr -d ' \n\t'; }
pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }

# every_page LANG FILE HEADER PAGEWORD OFWORD: the header row and
# "Page i of N" on each page i.
every_page() {
	local n i bad_head="" bad_num="" text
	n=$(pages "$2")
	for i in $(seq 1 "$n"); do
		text=$(flat "$2" "$i")
		case $text in *"$(squash "$3")"*) ;; *) bad_head="$bad_head $i" ;; esac
		# pdftotext gives a right-to-left line in either order
		case $text in *"$4$i$5$n"* | *"$n$5$i$4"*) ;;
		*) bad_num="$bad_num $i" ;; esac
	done
	equal "$1: the header row on every one of the $n pages" "" "$bad_head"
	equal "$1: \"$4 i $5 $n\" on every page" "" "$bad_num"
}

# a4 LANG FILE: A4 landscape, more than one page
a4() {
	local info
	info=$(pdfinfo "$2" 2>&1)
	contains "$1: A4 landscape" "841.89 x 595.28 pts (A4)" "$info"
	check "$1: more than one page ($(pages "$2"))" -- test "$(pages "$2")" -gt 1
}

# --- a made-up annex ---------------------------------------------------------
for lang in en ru ar; do
	check "sample $lang: rendered" -- "$SAMPLE" --sample $lang "$WORK/s-$lang.pdf"
	a4 "sample $lang" "$WORK/s-$lang.pdf"
done
every_page "sample en" "$WORK/s-en.pdf" "Main activities" Page of
every_page "sample ru" "$WORK/s-ru.pdf" "Основные мероприятия" Стр. из
every_page "sample ar" "$WORK/s-ar.pdf" "حالة التنفيذ" الصفحة من

all=$(flat "$WORK/s-en.pdf")
got=$(printf '%s' "$all" | grep -o 'Sampleproject[0-9]*' | sort -u | wc -l)
equal "sample en: the 70 titles of pillar I" 70 "$got"
contains "sample en: the symbol" "A/72/840" "$all"
contains "sample en: the date as written" "3April2018" "$all"
contains "sample en: pillar I's heading" \
	"PillarIoftheUnitedNationsGlobalCounter-TerrorismStrategy—70projects" "$all"
contains "sample en: pillar II's heading" "PillarIIoftheUnitedNationsGlobalCounter-TerrorismStrategy—5projects" "$all"
contains "sample en: markup is printed as text" "Markup<b>x</b>&<i>y</i>keptastext" "$all"
contains "sample en: a tag in the activities too" "<span>notatag</span>" "$all"
contains "sample en: Russian in an English annex" "Проектпопротиводействию" "$all"
contains "sample en: Arabic in an English annex" "مشروعمكافحة" "$all"
steps=$(printf '%s' "$all" | grep -o 'Step[0-9]*ofthetallrow' | sort -u | wc -l)
equal "sample en: the row taller than a page, every line of it" 90 "$steps"
first=$(for i in $(seq 1 "$(pages "$WORK/s-en.pdf")"); do
	flat "$WORK/s-en.pdf" "$i" | grep -q 'Step1ofthetallrow' && echo "$i"; done)
last=$(for i in $(seq 1 "$(pages "$WORK/s-en.pdf")"); do
	flat "$WORK/s-en.pdf" "$i" | grep -q 'Step90ofthetallrow' && echo "$i"; done)
check "sample en: the tall row goes on over pages $first to $last" -- \
	test "${last:-0}" -gt "${first:-0}"
contains "sample en: the row after the tall one, on its last page" "Thelastproject" \
	"$(flat "$WORK/s-en.pdf" "$last")"

all=$(flat "$WORK/s-ru.pdf")
contains "sample ru: the date in Russian" "3апреля2018года" "$all"
contains "sample ru: the heading in Russian, plural and all" \
	"КомпонентIГлобальнойконтртеррористическойстратегииОрганизацииОбъединенныхНаций—70проектов" "$all"
contains "sample ru: a status in Russian" "Осуществляется" "$all"

all=$(flat "$WORK/s-ar.pdf")
contains "sample ar: Arabic text is extractable" "مشروعمكافحة" "$all"
contains "sample ar: the header row in Arabic" "الرقم" "$all"
contains "sample ar: a status in Arabic" "مكتمل" "$all"
contains "sample ar: English titles stay readable" "Sampleproject42" "$all"
fonts=$(pdffonts "$WORK/s-ar.pdf" 2>&1)
contains "sample ar: an Arabic font embedded" "NotoSansArabic" "$fonts"
lacks "sample ar: every font embedded" " no " "$(printf '%s\n' "$fonts" | tail -n +3)"

"$SAMPLE" --sample en - >"$WORK/stdout.pdf" 2>/dev/null
equal "sample: to standard output, the same PDF" "$(pages "$WORK/s-en.pdf")" \
	"$(pages "$WORK/stdout.pdf")"
check "sample: the same annex twice, the same bytes" -- \
	cmp "$WORK/s-en.pdf" "$WORK/stdout.pdf"
out=$("$SAMPLE" --sample en "$WORK/no/such/dir/x.pdf" 2>&1)
status "sample: an unwritable file is an error" 1 -- \
	"$SAMPLE" --sample en "$WORK/no/such/dir/x.pdf"
contains "sample: the error names the file" "$WORK/no/such/dir/x.pdf" "$out"

# --- the shipped 2018 matrix ------------------------------------------------
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
nproj=$(dbq 'SELECT count(*) FROM project')
equal "2018: the matrix imported" 176 "$nproj"
for lang in en ru ar; do
	check "2018 $lang: rendered" -- "$SAMPLE" "$(db_open_arg "$CTMATRIX_DB")" $lang "$WORK/r-$lang.pdf"
	a4 "2018 $lang" "$WORK/r-$lang.pdf"
done
every_page "2018 en" "$WORK/r-en.pdf" "Main activities" Page of
every_page "2018 ru" "$WORK/r-ru.pdf" "Основные мероприятия" Стр. из
every_page "2018 ar" "$WORK/r-ar.pdf" "حالة التنفيذ" الصفحة من
# Every page as a picture (pdftoppm): the size of A4 landscape, ink on
# it, neither blank nor black; and the columns mirrored in Arabic: the
# serial, the first column, at the left edge in English and at the right
# in Arabic (the words' boxes, pdftotext -bbox).
for lang in en ru ar; do
	rm -f "$WORK"/png-*.pgm
	pdftoppm -gray -r 30 "$WORK/r-$lang.pdf" "$WORK/png"
	n=$(pages "$WORK/r-$lang.pdf")
	equal "2018 $lang: every one of the $n pages rendered as a picture" "$n" \
		"$(ls "$WORK"/png-*.pgm | wc -l)"
	bad=""
	for f in "$WORK"/png-*.pgm; do
		read -r w h ink <<<"$(node "$TOP/tests/tools/pgm-ink.js" "$f")"
		[ "$w" = 351 ] && [ "$h" = 249 ] &&
			awk -v i="$ink" 'BEGIN { exit !(i > 0.005 && i < 0.3) }' ||
			bad="$bad $(basename "$f"):${w}x$h:$ink"
	done
	equal "2018 $lang: each picture A4 landscape at 30 dpi, with ink, not black" "" "$bad"
	x=$(pdftotext -bbox -f 1 -l 1 "$WORK/r-$lang.pdf" - |
		sed -n 's/.*xMin="\([0-9.]*\)".*>1<\/word>.*/\1/p' | head -1)
	case $lang in
	ar) check "2018 ar: serial 1 at the right edge (x $x of 842)" -- \
		awk -v x="$x" 'BEGIN { exit !(x > 740) }' ;;
	*) check "2018 $lang: serial 1 at the left edge (x $x of 842)" -- \
		awk -v x="$x" 'BEGIN { exit !(x != "" && x < 100) }' ;;
	esac
done

# the other three languages of the United Nations
# (Under AddressSanitizer, whole stacks for the leak cairo makes with a
# Chinese font, which tests/lsan.supp excuses by its function's name.)
for lang in es fr zh; do
	check "2018 $lang: rendered" -- env \
		ASAN_OPTIONS="${ASAN_OPTIONS:-}:fast_unwind_on_malloc=0" \
		"$SAMPLE" "$(db_open_arg "$CTMATRIX_DB")" $lang "$WORK/r-$lang.pdf"
	a4 "2018 $lang" "$WORK/r-$lang.pdf"
done
every_page "2018 es" "$WORK/r-es.pdf" "Actividades principales" Página de
every_page "2018 fr" "$WORK/r-fr.pdf" "Principales activités" Page sur
zh=$(flat "$WORK/r-zh.pdf")
n=$(pages "$WORK/r-zh.pdf")
contains "2018 zh: the title" "联合国反恐项目和活动矩阵" "$zh"
contains "2018 zh: pillar I's heading and count" "《联合国全球反恐战略》第一支柱—120个项目" "$zh"
contains "2018 zh: the last page's number" "第${n}页，共${n}页" "$zh"
bad=""
for i in $(seq "$n"); do
	case $(pdftotext -f "$i" -l "$i" "$WORK/r-zh.pdf" - | tr -d ' \n\t\f') in
	*主要活动*) ;; *) bad="$bad $i" ;; esac
done
equal "2018 zh: the header row on every one of the $n pages" "" "$bad"
contains "2018 zh: set in Noto Sans CJK (fonts-noto-cjk)" "NotoSansCJK" \
	"$(pdffonts "$WORK/r-zh.pdf" 2>&1)"

pdftotext "$WORK/r-en.pdf" "$WORK/r-en.txt"
missing=""
for s in $(dbq 'SELECT serial FROM project WHERE serial IS NOT NULL'); do
	grep -qx "$s" "$WORK/r-en.txt" || missing="$missing $s"
done
equal "2018 en: every serial in the text" "" "$missing"
# The titles from the project column alone (x 94 to 314 pt: pdftotext
# would mix the lines of cells side by side), hyphens out of both sides,
# since pdftotext joins a word broken at a hyphen.
all=$(pdftotext -x 94 -y 0 -W 220 -H 595 "$WORK/r-en.pdf" - | tr -d ' \n\t\f-')
missing=""
while IFS= read -r title; do
	case $all in *"$(squash "$title" | tr -d -- -)"*) ;;
	*) missing="$missing; $title" ;; esac
done < <(dbq 'SELECT title FROM project')
equal "2018 en: every one of the $nproj titles in the project column" "" "$missing"
all=$(flat "$WORK/r-en.pdf")
n1=$(printf '%s' "$all" | sed -n 's/.*PillarIoftheUnitedNationsGlobalCounter-TerrorismStrategy—\([0-9]*\)projects.*/\1/p')
n2=$(printf '%s' "$all" | sed -n 's/.*PillarIIoftheUnitedNationsGlobalCounter-TerrorismStrategy—\([0-9]*\)projects.*/\1/p')
equal "2018 en: both pillars' headings, counting every project" "$nproj" \
	"$((${n1:-0} + ${n2:-0}))"
contains "2018 ru: pillar II's heading in Russian" \
	"КомпонентIIГлобальнойконтртеррористическойстратегии" "$(flat "$WORK/r-ru.pdf")"
contains "2018 ar: pillar II's heading in Arabic" "الركيزةالثانية" \
	"$(flat "$WORK/r-ar.pdf")"
