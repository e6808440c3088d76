#!/bin/bash
# 21-report-annex.sh - `ctmatrix report annex` on the real 2018 matrix:
# the CSV read back as RFC 4180 and matched row for row against
# `ctmatrix projects`; the JSON's tables and counts; the HTML of a small
# fixture (quotes, commas, markup, Arabic) against its golden file, and its
# escaping; the XLSX unzipped and read back (sheets, frozen header row,
# filters, shared strings, rows); the filters; --out written atomically;
# wrong options refused; and the same downloads over HTTP, byte for byte.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports" 0 $?
"$CTM" projects --format json --limit 1000 >"$WORK/all.json" 2>/dev/null
TODAY=$(date -u +%F)


# --- CSV ---------------------------------------------------------------------
"$CTM" report annex --format csv >"$WORK/a.csv"
equal "csv: exit 0" 0 $?
check "csv: RFC 4180 (CRLF, quotes doubled, no BOM)" -- csvrows "$WORK/a.csv"
csvrows "$WORK/a.csv" >"$WORK/a.rows" 2>/dev/null
equal "csv: the header row" \
	'["pillar","serial","title","period","entities","status","activities","scope"]' \
	"$(head -1 "$WORK/a.rows")"
N=$(json 'j.total' "$WORK/all.json")
equal "csv: a row a project ($N)" "$N" "$(($(wc -l <"$WORK/a.rows") - 1))"
equal "csv: 176 rows in all, as the file has" 176 "$(($(wc -l <"$WORK/a.rows") - 1))"
equal "csv: pillar I has 120" 120 "$(grep -c '^\["I",' "$WORK/a.rows")"
equal "csv: pillar II has 56" 56 "$(grep -c '^\["II",' "$WORK/a.rows")"
tail -n +2 "$WORK/a.rows" | node -e '
	const rows = require("fs").readFileSync(0, "utf8").trim().split("\n").map(JSON.parse);
	const p = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).projects;
	const bad = rows.filter((r, i) => !p[i] || r[0] !== p[i].pillar ||
		r[1] !== (p[i].serial == null ? "" : String(p[i].serial)) ||
		r[2] !== p[i].title || r[5] !== (p[i].status || "") ||
		r[4] !== p[i].entities.map(e => e.key || e.name).join(", "));
	if (bad.length || rows.length !== p.length) { console.log(JSON.stringify(bad[0])); process.exit(1); }
' "$WORK/all.json" >"$WORK/out" 2>&1
equal "csv: row for row the projects (pillar, serial, title, entities, status)" "" "$(cat "$WORK/out")"
quoted=$(grep -c '^"\|,"' "$WORK/a.csv")
check "csv: fields with commas are quoted ($quoted lines)" -- test "$quoted" -gt 0

# --- JSON --------------------------------------------------------------------
"$CTM" report annex --format json >"$WORK/a.json"
equal "json: projects counts every row" "$N" "$(json 'j.projects' "$WORK/a.json")"
equal "json: the tables, their pillars and counts" 'I:120:120 II:56:56' \
	"$(json 'j.tables.map(t=>t.pillar+":"+t.projects+":"+t.rows.length).join(" ")' "$WORK/a.json")"
equal "json: as_of is today (UTC), lang en" "$TODAY en" "$(json 'j.as_of+" "+j.lang' "$WORK/a.json")"
equal "json: the pillars' numbers and names" \
	"1 Measures to address the conditions conducive to the spread of terrorism" \
	"$(json 'j.tables[0].number+" "+j.tables[0].full_name' "$WORK/a.json")"
equal "json: rows are the projects in order (ids)" \
	"$(json 'j.projects.map(p=>p.id).join(" ")' "$WORK/all.json")" \
	"$(json 'j.tables.flatMap(t=>t.rows).map(r=>r.id).join(" ")' "$WORK/a.json")"
equal "json: entities lead first, status and its name" \
	"$(json 'j.projects.map(p=>p.entities.map(e=>e.key||e.name).join("+")+"/"+p.status).join(" ")' "$WORK/all.json")" \
	"$(json 'j.tables.flatMap(t=>t.rows).map(r=>r.entities.join("+")+"/"+r.status).join(" ")' "$WORK/a.json")"
equal "json: status names as the report writes them" "Completed In development Ongoing" \
	"$(json '[...new Set(j.tables.flatMap(t=>t.rows).map(r=>r.status_name))].sort().join(" ")' "$WORK/a.json")"
"$CTM" report annex --format json --lang fr >"$WORK/fr.json"
equal "json: --lang fr names the pillars in French" \
	"fr Mesures visant à prévenir et combattre le terrorisme" \
	"$(json 'j.lang+" "+j.tables[1].full_name' "$WORK/fr.json")"
"$CTM" report annex --format json --lang ru >"$WORK/ru.json"
equal "json --lang ru: the scope as written, and named anew from its places in Russian" \
	"Burkina Faso, Mali and Mauritania|Буркина-Фасо, Мали и Мавритания" \
	"$(json 'j.tables.flatMap(t=>t.rows).filter(r=>r.scope==="Burkina Faso, Mali and Mauritania").map(r=>r.scope+"|"+r.scope_name)[0]' "$WORK/ru.json")"
equal "  a scope that names no place, in its words (Global)" "Глобальный" \
	"$(json 'j.tables.flatMap(t=>t.rows).filter(r=>r.scope==="Global").map(r=>r.scope_name)[0]' "$WORK/ru.json")"
equal "  English keeps the text as written, every row" 0 \
	"$(json 'j.tables.flatMap(t=>t.rows).filter(r=>r.scope!==r.scope_name).length' "$WORK/a.json")"
contains "html --lang ar: the places in Arabic, as Arabic writes a list" \
	"<td dir=\"auto\">بوركينا فاسو ومالي وموريتانيا</td>" "$("$CTM" report annex --lang ar --format html)"
equal "csv --lang ru: the same bytes as English (the scope as written)" \
	"$("$CTM" report annex --format csv | md5sum)" "$("$CTM" report annex --format csv --lang ru | md5sum)"

# --- filters -----------------------------------------------------------------
"$CTM" report annex --format csv --pillar II >"$WORK/ii.csv"
equal "filters: --pillar II gives 56 rows" 56 "$(($(csvrows "$WORK/ii.csv" | wc -l) - 1))"
"$CTM" projects --format json --limit 1000 --entity UNODC --status ongoing >"$WORK/f.json"
"$CTM" report annex --format json --entity UNODC --status ongoing >"$WORK/f.ann"
equal "filters: --entity and --status select what projects selects" \
	"$(json 'j.projects.map(p=>p.id).join(" ")' "$WORK/f.json")" \
	"$(json 'j.tables.flatMap(t=>t.rows).map(r=>r.id).join(" ")' "$WORK/f.ann")"
check "filters: that is some but not all" -- test "$(json 'j.projects' "$WORK/f.ann")" -gt 0 -a "$(json 'j.projects' "$WORK/f.ann")" -lt "$N"
out=$("$CTM" report annex --format csv --pillar IX 2>&1)
equal "filters: a wrong pillar is refused (exit 2)" 2 $?
contains "filters: ... saying which option" "--pillar" "$out"

# --- refusals ----------------------------------------------------------------
out=$("$CTM" report annex --format docx 2>&1)
equal "refused: --format docx (exit 2)" 2 $?
contains "refused: --format names the formats" '"docx" is not csv, html, json, pdf or xlsx' "$out"
out=$("$CTM" report annex --format csv --lang de 2>&1)
equal "refused: --lang de (exit 2)" 2 $?
contains "refused: --lang names the six" '"de" is not ar, en, es, fr, ru or zh' "$out"
out=$("$CTM" report annex 2>&1)
contains "refused: --format is required" "--format is required" "$out"
out=$("$CTM" report annex --narrative x --format csv 2>&1)
contains "refused: an option of the results' report" "unknown option --narrative" "$out"
out=$(script -qec "$CTM report annex --format xlsx" /dev/null 2>&1)
contains "refused: XLSX to a terminal" "give --out FILE" "$out"
out=$(script -qec "$CTM report annex --format csv --pillar II" /dev/null 2>&1)
contains "text formats go to a terminal" "pillar,serial" "$out"
help=$("$CTM" help report annex)
contains "help report annex: the --lang caveat" "only the" "$help"

# --- --out, atomically ---------------------------------------------------------
mkdir "$WORK/out.d"
"$CTM" report annex --format csv --out "$WORK/out.d/a.csv"
cmp -s "$WORK/out.d/a.csv" "$WORK/a.csv"
equal "--out: the same bytes as standard output" 0 $?
echo "old" >"$WORK/out.d/b.csv"
"$CTM" report annex --format csv --lang de --out "$WORK/out.d/b.csv" 2>/dev/null
equal "--out: a refused command leaves the file as it was" "old" "$(cat "$WORK/out.d/b.csv")"
"$CTM" report annex --format csv --pillar II --out "$WORK/out.d/b.csv"
cmp -s "$WORK/out.d/b.csv" "$WORK/ii.csv"
equal "--out: replaces a file whole" 0 $?
equal "--out: no temporary file left behind" "a.csv b.csv" "$(ls "$WORK/out.d" | tr '\n' ' ' | sed 's/ $//')"
equal "--out: the file's mode is a plain creation's" "$(umask 022; touch "$WORK/m"; stat -c %a "$WORK/m")" \
	"$(umask 022; "$CTM" report annex --format csv --out "$WORK/out.d/c.csv"; stat -c %a "$WORK/out.d/c.csv")"
"$CTM" report annex --format csv --out "$WORK/no/such/dir/a.csv" 2>"$WORK/err"
equal "--out: a directory that is not there (exit 3)" 3 $?
contains "--out: ... says so" "no/such/dir/a.csv" "$(cat "$WORK/err")"
chmod 555 "$WORK/out.d"
if [ "$(id -u)" != 0 ]; then
	"$CTM" report annex --format csv --out "$WORK/out.d/a.csv" 2>/dev/null
	equal "--out: an unwritable directory (exit 3)" 3 $?
fi
chmod 755 "$WORK/out.d"

# --- HTML: golden file of a small fixture --------------------------------------
SMALL="$WORK/small.db"
"$CTM" --db "$SMALL" import "$FIX/annex-small.csv" >/dev/null 2>&1
"$CTM" --db "$SMALL" report annex --format html >"$WORK/small.html"
sed -e "s/@AS_OF@/$TODAY/g" \
	-e "s/@AS_OF_TEXT@/$(LC_ALL=C date -u +'%-d %B %Y')/g" \
	"$FIX/annex-small.html" >"$WORK/golden.html"
diff -u "$WORK/golden.html" "$WORK/small.html" >"$WORK/diff" 2>&1
equal "html: the fixture's document is the golden file" 0 $?
[ -s "$WORK/diff" ] && head -20 "$WORK/diff" | sed 's/^/#   /'
H=$(cat "$WORK/small.html")
lacks "html: no markup from the data (<script>)" "<script>" "$H"
contains "html: ... it is escaped" "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; friends" "$H"
contains "html: quotes escaped" "&quot;Voices&quot;" "$H"
contains "html: Arabic as it is" "مكافحة تمويل الإرهاب في المنطقة العربية" "$H"
contains "html: entities in bold, lead first" "<b>UNICRI, UNDP</b>" "$H"
contains "html: the pillar's caption" "Pillar II of the United Nations Global Counter-Terrorism Strategy" "$H"
contains "html: the columns of the report" "<th scope=\"col\">Project title, duration and entities</th>" "$H"
contains "html: lang and direction" '<html lang="en" dir="ltr">' "$H"
"$CTM" --db "$SMALL" report annex --format html --lang ar >"$WORK/ar.html"
contains "html: Arabic is right to left" '<html lang="ar" dir="rtl">' "$(cat "$WORK/ar.html")"
contains "html: ... with the pillar's name in Arabic" "تدابير منع الإرهاب ومكافحته" "$(cat "$WORK/ar.html")"
"$CTM" report annex --format html >"$WORK/a.html"
equal "html: a row a project" "$N" "$(grep -c '<td class="serial">' "$WORK/a.html")"
contains "html: the declared counts" '<span class="count">120 projects</span>' "$(cat "$WORK/a.html")"
if [ -x "$TOP/tests/node_modules/.bin/html-validate" ]; then
	check "html: valid (html-validate)" -- "$TOP/tests/node_modules/.bin/html-validate" "$WORK/small.html"
fi

# --- XLSX: read back -----------------------------------------------------------
"$CTM" report annex --format xlsx --out "$WORK/a.xlsx"
equal "xlsx: written" 0 $?
x() { unzip -p "$WORK/a.xlsx" "$1"; }
xp() { x "$1" | xmllint --xpath "$2" - 2>/dev/null; }
equal "xlsx: a sheet a pillar" "Pillar I|Pillar II|" \
	"$(x xl/workbook.xml | grep -o '<sheet name="[^"]*"' | sed 's/<sheet name="//;s/"$/|/' | tr -d '\n')"
contains "xlsx: the header row is frozen" 'state="frozen"' "$(x xl/worksheets/sheet1.xml)"
contains "xlsx: ... below the two title rows" 'topLeftCell="A4"' "$(x xl/worksheets/sheet1.xml)"
contains "xlsx: filters on the header row, over every row" '<autoFilter ref="A3:G123"/>' "$(x xl/worksheets/sheet1.xml)"
contains "xlsx: ... of pillar II too" '<autoFilter ref="A3:G59"/>' "$(x xl/worksheets/sheet2.xml)"
equal "xlsx: rows of pillar I (3 + 120)" 123 \
	"$(xp xl/worksheets/sheet1.xml 'count(//*[local-name()="row"])')"
first=$(json 'j.projects[0].title' "$WORK/all.json")
last=$(json 'j.projects[j.projects.length-1].title' "$WORK/all.json")
# Strings are written in the rows (inline: the workbook is streamed)
S=$(x xl/worksheets/sheet1.xml; x xl/worksheets/sheet2.xml)
contains "xlsx: the rows hold the first title" "$first" "$S"
contains "xlsx: ... and the last" "$last" "$S"
equal "xlsx: the serials are numbers" \
	"$(json 'j.projects.filter(p=>p.pillar==="II").map(p=>p.serial).join(" ")' "$WORK/all.json")" \
	"$(xp xl/worksheets/sheet2.xml '//*[local-name()="c" and starts-with(@r,"A") and not(@t)]/*[local-name()="v"]' | sed 's/<[^>]*>/ /g' | xargs)"
wide=$(xp xl/worksheets/sheet1.xml 'string(//*[local-name()="col"][@min="6"]/@width)')
check "xlsx: long columns capped near 60 ($wide)" -- awk -v w="$wide" 'BEGIN{exit !(w > 50 && w <= 62)}'
narrow=$(xp xl/worksheets/sheet1.xml 'string(//*[local-name()="col"][@min="1"]/@width)')
check "xlsx: the serial's column narrow ($narrow)" -- awk -v w="$narrow" 'BEGIN{exit !(w > 5 && w < 15)}'
"$CTM" --db "$SMALL" report annex --format xlsx >"$WORK/small.xlsx"
SS=$(unzip -p "$WORK/small.xlsx" xl/worksheets/sheet1.xml xl/worksheets/sheet2.xml)
contains "xlsx: a formula-like title stays text" "<t>=HYPERLINK(\"http://example.com\") is text, not a formula</t>" "$SS"
lacks "xlsx: ... no formula" "<f>" "$(unzip -p "$WORK/small.xlsx" xl/worksheets/sheet2.xml)"
# The workbook is streamed from the store (counted first, then written as
# read): a filter's sheets and rows agree with the CSV of the same filter.
"$CTM" report annex --format xlsx --pillar II --status ongoing --out "$WORK/f.xlsx"
equal "xlsx, filtered: exit 0" 0 $?
"$CTM" report annex --format json --pillar II --status ongoing >"$WORK/f.json"
nf=$(json 'j.projects' "$WORK/f.json")
equal "xlsx, filtered: one sheet, pillar II" "Pillar II|" \
	"$(unzip -p "$WORK/f.xlsx" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | sed 's/<sheet name="//;s/"$/|/' | tr -d '\n')"
equal "xlsx, filtered: its rows are the filter's ($nf and 3)" $((nf + 3)) \
	"$(unzip -p "$WORK/f.xlsx" xl/worksheets/sheet1.xml | grep -o '<row ' | wc -l)"
contains "xlsx, filtered: the count in the subtitle" "· $nf projects ·" "$(unzip -p "$WORK/f.xlsx" xl/worksheets/sheet1.xml)"
"$CTM" report annex --format xlsx --search zzzznothing --out "$WORK/n.xlsx"
equal "xlsx, nothing selected: exit 0" 0 $?
contains "xlsx, nothing selected: one sheet that says so" "No projects." "$(unzip -p "$WORK/n.xlsx" xl/worksheets/sheet1.xml)"

# --- the web -------------------------------------------------------------------
serve_start
B="http://$ADDR"
check "web: the server started" -- test -n "$ADDR"
for f in csv xlsx html json pdf; do
	"$CTM" report annex --format $f --pillar II --search women >"$WORK/w.$f"
	equal "web: annex.$f 200" 200 "$(get "/report/annex.$f?pillar=II&search=women")"
	cmp -s "$WORK/b" "$WORK/w.$f"
	equal "web: annex.$f the same bytes as the CLI" 0 $?
	case $f in
	csv) ty="text/csv; charset=utf-8" ;;
	xlsx) ty="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ;;
	pdf) ty="application/pdf" ;;
	html) ty="text/html; charset=utf-8" ;;
	json) ty="application/json" ;;
	esac
	equal "web: annex.$f type" "$ty" "$(hdr Content-Type)"
	case $f in
	csv | xlsx | pdf) equal "web: annex.$f an attachment" "attachment; filename=\"annex.$f\"" "$(hdr Content-Disposition)" ;;
	*) equal "web: annex.$f shown, not downloaded" "" "$(hdr Content-Disposition)" ;;
	esac
done
check "web: the filtered annex is not the whole" -- test "$(json 'j.projects' "$WORK/w.json")" -lt 56
get "/report/annex.html" >/dev/null
equal "web: the HTML's own policy, alone" "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" \
	"$(hdrs Content-Security-Policy | tr '\n' '|' | sed 's/|$//')"
equal "web: every project without filters" "$N" "$(grep -c '<td class="serial">' "$WORK/b")"
equal "web: an unknown parameter is refused" 400 "$(get "/report/annex.csv?bogus=1")"
equal "web: a wrong filter is refused" 400 "$(get "/report/annex.csv?pillar=IX")"
equal "web: a wrong lang is refused" 400 "$(get "/report/annex.json?lang=xx")"
equal "web: lang ru" 200 "$(get "/report/annex.json?lang=ru")"
equal "web: ... names the pillars in Russian" "ru Меры по предотвращению терроризма и борьбе с ним" "$(json 'j.lang+" "+j.tables[1].full_name' "$WORK/b")"
equal "web: no such format" 404 "$(get "/report/annex.docx")"
equal "web: the matrix page" 200 "$(get "/?pillar=II&search=women&sort=title")"
for f in csv xlsx html json; do
	contains "web: the matrix links the $f download with its filters" \
		"href=\"/report/annex.$f?pillar=II&amp;search=women&amp;sort=title\"" "$(body)"
done
get "/" >/dev/null
contains "web: without filters, plain links" 'href="/report/annex.csv"' "$(body)"
equal "web: the filtered links' target answers" 200 "$(get "/report/annex.csv?pillar=II&search=women&sort=title&entity=&page=2")"
cmp -s "$WORK/b" "$WORK/w.csv"
equal "web: ... with the same rows (sort, page and empty filters change nothing)" 0 $?
kill -TERM "$PID"
wait "$PID" 2>/dev/null
