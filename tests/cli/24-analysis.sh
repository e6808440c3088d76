#!/bin/bash
# 24-analysis.sh - `ctmatrix report analysis`, the portfolio analysis of
# the Secretary-General's report, on the shipped 2018 matrix: the pillar
# counts those of `ctmatrix stats` and their shares adding up; the JSON
# and CSV contracts and a golden CSV; the sentences in three languages;
# the money against `ctmatrix funding` with demonstration records marked;
# the filters; the HTML against a golden file (Arabic, mirrored charts)
# and valid; the XLSX read back; the PDF read back in en, ru and ar (A4
# portrait); wrong options refused; the web downloads byte for byte the
# CLI's and the page /analysis with its charts and links.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports" 0 $?
TODAY=$(date -u +%F)

# --- the pillars, as `ctmatrix stats` counts them ----------------------------
"$CTM" stats --by pillar --format json >"$WORK/stats.json"
"$CTM" report analysis --format json >"$WORK/a.json"
equal "json: exit 0" 0 $?
equal "pillars: the counts of stats --by pillar (I:120 II:56)" \
	"$(json 'j.groups.filter(g=>g.count>0).map(g=>g.key+":"+g.count).join(" ")' "$WORK/stats.json")" \
	"$(json 'j.groups.pillar.map(g=>g.key+":"+g.count).join(" ")' "$WORK/a.json")"
equal "pillars: ... which are 120 and 56" "I:120 II:56" \
	"$(json 'j.groups.pillar.map(g=>g.key+":"+g.count).join(" ")' "$WORK/a.json")"
equal "pillars: projects is stats' total (176)" "$(json 'j.total' "$WORK/stats.json") 176" \
	"$(json 'j.projects' "$WORK/a.json") 176"
equal "pillars: the counts add up to the projects" 176 \
	"$(json 'j.groups.pillar.reduce((s,g)=>s+g.count,0)' "$WORK/a.json")"
equal "pillars: the shares add up to 1" 1 \
	"$(json 'Math.round(j.groups.pillar.reduce((s,g)=>s+g.share,0)*1000)/1000' "$WORK/a.json")"
equal "pillars: each share is count / projects (4 decimals)" "0.6818 0.3182" \
	"$(json 'j.groups.pillar.map(g=>g.share).join(" ")' "$WORK/a.json")"
equal "statuses: the counts of stats --by status" \
	"$("$CTM" stats --by status --format json | node -e 'const j=JSON.parse(require("fs").readFileSync(0));console.log(j.groups.filter(g=>g.count>0).map(g=>g.key+":"+g.count).join(" "))')" \
	"$(json 'j.groups.status.map(g=>g.key+":"+g.count).join(" ")' "$WORK/a.json")"
equal "scopes: the counts of stats --by scope" \
	"$("$CTM" stats --by scope --format json | node -e 'const j=JSON.parse(require("fs").readFileSync(0));console.log(j.groups.map(g=>g.key+":"+g.count).join(" "))')" \
	"$(json 'j.groups.scope.map(g=>g.key+":"+g.count).join(" ")' "$WORK/a.json")"

# --- the JSON contract -------------------------------------------------------
equal "json: its members" "as_of lang projects groups entity_pillar money sentences" \
	"$(json 'Object.keys(j).join(" ")' "$WORK/a.json")"
equal "json: as_of today, lang en" "$TODAY en" "$(json 'j.as_of+" "+j.lang' "$WORK/a.json")"
equal "json: the groupings" "pillar scope status entity" "$(json 'Object.keys(j.groups).join(" ")' "$WORK/a.json")"
equal "json: a group's members" "key label name count share" \
	"$(json 'Object.keys(j.groups.pillar[0]).join(" ")' "$WORK/a.json")"
equal "json: a pillar's label and name" "Pillar I|Conditions conducive" \
	"$(json 'j.groups.pillar[0].label+"|"+j.groups.pillar[0].name' "$WORK/a.json")"
equal "json: entity x pillar has the pillars as columns" "I II" \
	"$(json 'j.entity_pillar.pillars.join(" ")' "$WORK/a.json")"
equal "json: each entity's row adds up to its count (one pillar a project)" "" \
	"$(json 'j.entity_pillar.rows.filter(r=>r.counts.reduce((s,n)=>s+n,0)!==j.groups.entity.find(g=>g.key===r.key).count).map(r=>r.key).join(" ")' "$WORK/a.json")"
equal "json: each pillar's column is what --entity --pillar selects (UNODC, II)" \
	"$("$CTM" projects --entity UNODC --pillar II --format json --limit 1000 | node -e 'console.log(JSON.parse(require("fs").readFileSync(0)).total)')" \
	"$(json 'j.entity_pillar.rows.find(r=>r.key==="UNODC").counts[1]' "$WORK/a.json")"
equal "json: the sentences' keys" "pillar scope status entity money" \
	"$(json 'j.sentences.map(s=>s.key).join(" ")' "$WORK/a.json")"
equal "json: the pillar sentence" \
	"Out of the 176 projects, 68% fall under Pillar I and 32% fall under Pillar II." \
	"$(json 'j.sentences[0].text' "$WORK/a.json")"
equal "json: the scope sentence" "43% of the projects are global, 34% regional and 24% national." \
	"$(json 'j.sentences[1].text' "$WORK/a.json")"
equal "json: no budget in the 2018 matrix" "No budget is recorded for these projects.|0|USD" \
	"$(json 'j.sentences[4].text+"|"+j.money.total.budgeted+"|"+j.money.currency' "$WORK/a.json")"

# --- the sentences in other languages -----------------------------------------
"$CTM" report analysis --format json --lang ru >"$WORK/ru.json"
equal "ru: the pillar sentence" "Из 176 проектов 68 % приходится на компонент I и 32 % приходится на компонент II." \
	"$(json 'j.sentences[0].text' "$WORK/ru.json" | sed 's/\xc2\xa0/ /g')"
equal "ru: the pillars' names from the reference data" "Предотвращение и борьба" \
	"$(json 'j.groups.pillar[1].name' "$WORK/ru.json")"
"$CTM" report analysis --format json --lang ar >"$WORK/ar.json"
contains "ar: the pillar sentence" "من بين المشاريع البالغ عددها 176" "$(json 'j.sentences[0].text' "$WORK/ar.json")"
contains "ar: ... with the pillars as the UN writes them" "في إطار الركيزة الأولى" "$(json 'j.sentences[0].text' "$WORK/ar.json")"
"$CTM" report analysis --format json --lang zh >"$WORK/zh.json"
equal "zh: the pillar sentence" "在176个项目中，68%属于支柱一和32%属于支柱二。" "$(json 'j.sentences[0].text' "$WORK/zh.json")"
equal "zh: the pillars' short names" "助长恐怖主义的条件" "$(json 'j.groups.pillar[0].name' "$WORK/zh.json")"

# --- the CSV contract and its golden file ------------------------------------
"$CTM" report analysis --format csv >"$WORK/a.csv"
check "csv: RFC 4180 (CRLF, quotes doubled, no BOM)" -- csvrows "$WORK/a.csv"
csvrows "$WORK/a.csv" >"$WORK/a.rows" 2>/dev/null
equal "csv: the header row" '["table","key","name","pillar","measure","value"]' "$(head -1 "$WORK/a.rows")"
equal "csv: the tables" "entity entity_pillar money pillar scope sentence status total" \
	"$(tail -n +2 "$WORK/a.rows" | node -e 'const r=require("fs").readFileSync(0,"utf8").trim().split("\n").map(JSON.parse);console.log([...new Set(r.map(x=>x[0]))].sort().join(" "))')"
equal "csv: the pillar counts as the JSON's" \
	"$(json 'j.groups.pillar.map(g=>g.key+":"+g.count).join(" ")' "$WORK/a.json")" \
	"$(grep '^\["pillar",' "$WORK/a.rows" | grep '"count"' | node -e 'const r=require("fs").readFileSync(0,"utf8").trim().split("\n").map(JSON.parse);console.log(r.map(x=>x[1]+":"+x[5]).join(" "))')"
equal "csv: entity x pillar counts add up to the entities' counts" \
	"$(grep '^\["entity",' "$WORK/a.rows" | grep '"count"' | node -e 'const r=require("fs").readFileSync(0,"utf8").trim().split("\n").map(JSON.parse);console.log(r.reduce((s,x)=>s+ +x[5],0))')" \
	"$(grep '^\["entity_pillar",' "$WORK/a.rows" | node -e 'const r=require("fs").readFileSync(0,"utf8").trim().split("\n").map(JSON.parse);console.log(r.reduce((s,x)=>s+ +x[5],0))')"
diff -u "$FIX/analysis-2018.csv" "$WORK/a.csv" >"$WORK/diff" 2>&1
equal "csv: the 2018 matrix's analysis is the golden file" 0 $?
[ -s "$WORK/diff" ] && head -20 "$WORK/diff" | sed 's/^/#   /'

# --- the money -------------------------------------------------------------------
db_copy "$CTMATRIX_DB" "$WORK/money.db"
M=(--db "$WORK/money.db")
"$CTM" "${M[@]}" budget set 1 1500000 --demo >/dev/null
"$CTM" "${M[@]}" budget set 2 250000000 >/dev/null
"$CTM" "${M[@]}" budget set 130 40000 >/dev/null
"$CTM" "${M[@]}" contributions add --donor NOR --amount 500000 --date 2024-01-01 --project 1 --demo >/dev/null
"$CTM" "${M[@]}" funding --by portfolio --format json >"$WORK/fund.json"
"$CTM" "${M[@]}" report analysis --format json >"$WORK/m.json"
equal "money: the total is funding --by portfolio's" \
	"$(json '[j.total.budgeted,j.total.budget,j.total.received,j.total.shortfall,j.total.demo_projects].join(" ")' "$WORK/fund.json")" \
	"$(json '[j.money.total.budgeted,j.money.total.budget,j.money.total.received,j.money.total.shortfall,j.money.total.demo_projects].join(" ")' "$WORK/m.json")"
equal "money: by pillar, as funding --by pillar" \
	"$("$CTM" "${M[@]}" funding --by pillar --format json | node -e 'const j=JSON.parse(require("fs").readFileSync(0));console.log(j.groups.map(g=>g.key+":"+g.budget).join(" "))')" \
	"$(json 'j.money.pillars.map(g=>g.key+":"+g.budget).join(" ")' "$WORK/m.json")"
equal "money: the sentence" \
	"The 3 projects with a budget amount to a portfolio of \$251.5 million, of which \$500,000 has been received, leaving a funding shortfall of \$251.0 million (100% of the budget)." \
	"$(json 'j.sentences.find(s=>s.key==="money").text' "$WORK/m.json")"
equal "money: demonstration records said to be such" \
	"The sums of 1 project count demonstration records: they are not real money." \
	"$(json 'j.sentences.find(s=>s.key==="demo").text' "$WORK/m.json")"
"$CTM" "${M[@]}" report analysis --format json --pillar II >"$WORK/m2.json"
equal "money: filtered, only pillar II's projects (project 130)" "40000.00 0" \
	"$(json 'j.money.total.budget+" "+j.money.total.demo_projects' "$WORK/m2.json")"
"$CTM" "${M[@]}" report analysis --format html >"$WORK/m.html"
contains "money: the HTML marks the demonstration" "(demonstration)" "$(cat "$WORK/m.html")"

# --- filters -----------------------------------------------------------------------
"$CTM" report analysis --format json --pillar II --status ongoing >"$WORK/f.json"
"$CTM" projects --format json --limit 1000 --pillar II --status ongoing >"$WORK/fp.json"
equal "filters: the projects of \`projects\` with the same filters" "$(json 'j.total' "$WORK/fp.json")" \
	"$(json 'j.projects' "$WORK/f.json")"
equal "filters: only pillar II, all of it" "II:1" "$(json 'j.groups.pillar.map(g=>g.key+":"+g.share).join(" ")' "$WORK/f.json")"
equal "filters: only ongoing" "ongoing" "$(json 'j.groups.status.map(g=>g.key).join(" ")' "$WORK/f.json")"
"$CTM" report analysis --format json --search zzzznothing >"$WORK/none.json"
equal "filters: nothing selected says so" "0|none|No project matches the filters." \
	"$(json 'j.projects+"|"+j.sentences.map(s=>s.key+"|"+s.text).join()' "$WORK/none.json")"
out=$("$CTM" report analysis --format csv --pillar IX 2>&1)
equal "filters: a wrong pillar is refused (exit 2)" 2 $?
contains "filters: ... saying which option" "--pillar" "$out"

# --- refusals ----------------------------------------------------------------------
out=$("$CTM" report analysis --format csv --lang de 2>&1)
equal "refused: --lang de (exit 2)" 2 $?
contains "refused: --lang names the six" '"de" is not ar, en, es, fr, ru or zh' "$out"
out=$("$CTM" report analysis --format csv --lang AR 2>&1)
equal "refused: --lang AR, in capitals (exit 2)" 2 $?
out=$("$CTM" report analysis --format docx 2>&1)
contains "refused: --format docx" '"docx" is not csv, html, json, pdf or xlsx' "$out"
out=$("$CTM" report analysis 2>&1)
contains "refused: --format is required" "report analysis: --format is required" "$out"
out=$(script -qec "$CTM report analysis --format pdf" /dev/null 2>&1)
contains "refused: PDF to a terminal" "give --out FILE" "$out"
contains "help: report analysis" "portfolio analysis" "$("$CTM" help report analysis)"
contains "man page: report analysis" "report analysis" "$(cat "$TOP/doc/ctmatrix.1")"

# --- HTML: golden file of a small fixture, in Arabic ---------------------------------
SMALL="$WORK/small.db"
"$CTM" --db "$SMALL" import "$FIX/annex-small.csv" >/dev/null 2>&1
"$CTM" --db "$SMALL" report analysis --format html --lang ar >"$WORK/small.html"
AR_DATE=$("$CTM" --db "$SMALL" report analysis --format html --lang ar | sed -n 's/.*<time datetime="[^"]*">\([^<]*\)<.*/\1/p')
sed "s/@AS_OF@/$TODAY/g; s|@DATE@|$AR_DATE|g" "$FIX/analysis-small-ar.html" >"$WORK/golden.html"
diff -u "$WORK/golden.html" "$WORK/small.html" >"$WORK/diff" 2>&1
equal "html: the fixture's Arabic document is the golden file" 0 $?
[ -s "$WORK/diff" ] && head -20 "$WORK/diff" | sed 's/^/#   /'
H=$(cat "$WORK/small.html")
contains "html: right to left" '<html lang="ar" dir="rtl">' "$H"
contains "html: the charts are images with a title" 'role="img" aria-labelledby="chart-pillar"' "$H"
contains "html: ... mirrored (drawn right to left)" 'direction="rtl"' "$H"
contains "html: the title in Arabic" "تحليل حافظة المشاريع" "$H"
lacks "html: no markup from the data (<script>)" "<script>" "$H"
"$CTM" report analysis --format html >"$WORK/a.html"
A=$(cat "$WORK/a.html")
contains "html: the 2018 sentences" "Out of the 176 projects, 68% fall under Pillar I and 32% fall under Pillar II." "$A"
equal "html: a chart a grouping" 4 "$(grep -c '<svg ' "$WORK/a.html")"
contains "html: left to right in English" 'direction="ltr"' "$A"
contains "html: the bar of pillar I, the longest" '<rect x="170" y="7" width="360" height="18" fill="#1f5f9e"/>' "$A"
if [ -x "$TOP/tests/node_modules/.bin/html-validate" ]; then
	check "html: valid (html-validate), en" -- "$TOP/tests/node_modules/.bin/html-validate" "$WORK/a.html"
	check "html: valid (html-validate), ar" -- "$TOP/tests/node_modules/.bin/html-validate" "$WORK/small.html"
fi

# --- XLSX: read back ---------------------------------------------------------------
"$CTM" report analysis --format xlsx --out "$WORK/a.xlsx"
equal "xlsx: written" 0 $?
x() { unzip -p "$WORK/a.xlsx" "$1"; }
xp() { x "$1" | xmllint --xpath "$2" - 2>/dev/null; }
equal "xlsx: a sheet a table" "Summary|Pillars|Scope|Status|Entities|Entities by pillar|Funding|" \
	"$(x xl/workbook.xml | grep -o '<sheet name="[^"]*"' | sed 's/<sheet name="//;s/"$/|/' | tr -d '\n')"
equal "xlsx: pillars' counts are numbers (120, 56)" "120 56" \
	"$(xp xl/worksheets/sheet2.xml '//*[local-name()="c" and starts-with(@r,"C") and not(@t)]/*[local-name()="v"]' | sed 's/<[^>]*>/ /g' | xargs)"
contains "xlsx: the sentences are shared strings" "Out of the 176 projects" "$(x xl/sharedStrings.xml)"
contains "xlsx: the header row is frozen" 'state="frozen"' "$(x xl/worksheets/sheet2.xml)"
"$CTM" report analysis --format xlsx --lang ru --out "$WORK/ru.xlsx"
contains "xlsx: sheet names in Russian" '<sheet name="Компоненты"' "$(unzip -p "$WORK/ru.xlsx" xl/workbook.xml)"

# --- PDF: read back in en, ru and ar -------------------------------------------------
flat() { pdftotext "$1" - 2>/dev/null | LC_ALL=C sed 's/\xe2\x80[\xaa-\xae\x8e\x8f]//g' | tr -d ' \n\t\f'; }
for lang in en ru ar; do
	"$CTM" report analysis --format pdf --lang $lang --out "$WORK/$lang.pdf"
	equal "pdf $lang: written" 0 $?
	contains "pdf $lang: A4 portrait" "595.28 x 841.89 pts (A4)" "$(pdfinfo "$WORK/$lang.pdf" 2>&1)"
done
T=$(flat "$WORK/en.pdf")
contains "pdf en: the title" "Portfolioanalysis" "$T"
contains "pdf en: the pillar sentence" "Outofthe176projects,68%fallunderPillarIand32%fallunderPillarII." "$T"
contains "pdf en: a chart's figures" "120(68%)" "$T"
contains "pdf en: entity x pillar" "Projectsbyentityandpillar" "$T"
T=$(flat "$WORK/ru.pdf")
contains "pdf ru: the title" "Анализпортфеляпроектов" "$T"
contains "pdf ru: the pillar sentence" "Из176проектов68%приходитсянакомпонентI" "$T"
T=$(pdftotext "$WORK/ar.pdf" - 2>/dev/null)
contains "pdf ar: the title in Arabic words" "حافظة" "$T"
contains "pdf ar: Pillar II in Arabic" "الركيزة الثانية" "$T"
contains "pdf ar: the statuses in Arabic" "مكتمل" "$T"
contains "pdf ar: an entity's key read left to right (not Committee-1540)" "1540-Committee" "$T"
check "pdf: fonts embedded" -- bash -c "pdffonts '$WORK/ar.pdf' | awk 'NR>2 && \$(NF-4)!=\"yes\"{exit 1}'"

# --- the web -------------------------------------------------------------------------
serve_start
B="http://$ADDR"
check "web: the server started" -- test -n "$ADDR"
for f in csv xlsx html json pdf; do
	"$CTM" report analysis --format $f --pillar II --status ongoing --lang ru >"$WORK/w.$f"
	equal "web: analysis.$f 200" 200 "$(get "/report/analysis.$f?pillar=II&status=ongoing&lang=ru")"
	cmp -s "$WORK/b" "$WORK/w.$f"
	equal "web: analysis.$f the same bytes as the CLI" 0 $?
done
equal "web: analysis.xlsx an attachment" 'attachment; filename="analysis.xlsx"' "$(get /report/analysis.xlsx >/dev/null; hdr Content-Disposition)"
equal "web: analysis.json its type" "application/json" "$(get /report/analysis.json >/dev/null; hdr Content-Type)"
equal "web: a wrong lang is refused" 400 "$(get "/report/analysis.json?lang=xx")"
equal "web: an unknown parameter is refused" 400 "$(get "/report/analysis.csv?bogus=1")"
equal "web: no such format" 404 "$(get "/report/analysis.docx")"
equal "web: the page /analysis" 200 "$(get "/analysis?pillar=II&search=women&lang=en")"
P=$(body)
contains "web: the page's sentences for the filters" "fall under Pillar II" "$P"
contains "web: the page's charts" '<svg xmlns="http://www.w3.org/2000/svg"' "$P"
contains "web: the menu marks the page" 'href="/analysis" aria-current="page"' "$P"
contains "web: the page links the downloads of its filters exactly" \
	'href="/report/analysis.csv?pillar=II&amp;search=women&amp;lang=en"' "$P"
cp "$WORK/b" "$WORK/page-en.html"
equal "web: the page in Arabic" 200 "$(get "/analysis?lang=ar")"
contains "web: ... right to left" '<html lang="ar" dir="rtl">' "$(body)"
contains "web: ... its title" "تحليل حافظة المشاريع" "$(body)"
cp "$WORK/b" "$WORK/page-ar.html"
equal "web: a wrong filter on the page" 400 "$(get "/analysis?pillar=IX")"
equal "web: an unknown parameter on the page" 400 "$(get "/analysis?bogus=1")"
if [ -x "$TOP/tests/node_modules/.bin/html-validate" ]; then
	check "web: the page is valid (html-validate), en" -- "$TOP/tests/node_modules/.bin/html-validate" "$WORK/page-en.html"
	check "web: the page is valid (html-validate), ar" -- "$TOP/tests/node_modules/.bin/html-validate" "$WORK/page-ar.html"
fi
kill -TERM "$PID"
wait "$PID" 2>/dev/null
