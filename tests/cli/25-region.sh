#!/bin/bash
# 25-region.sh - a region's counter-terrorism activities: `ctmatrix report
# region` and the public pages /regions and /regions/KEY, on the shipped
# 2018 matrix.  The counts of Central Asia (M49 143) against what
# `ctmatrix projects --region` and `--country` give; the JSON and CSV
# contracts; golden CSV and HTML (tests/data/region-143.*); the XLSX read
# back; the PDF in English, Russian and Arabic; the page in the six
# languages without login (lang, dir, the countries' names), cacheable
# (Cache-Control public, an ETag, 304), with no session and no sign-out;
# a project in development shown exactly as the public matrix shows it;
# an unknown region refused; the downloads byte for byte the CLI's.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports" 0 $?

# --- the counts against the project filters --------------------------------
"$CTM" report region --region 143 --format json >"$WORK/r.json"
equal "json: exit 0" 0 $?
"$CTM" projects --region 143 --format json --limit 1000 >"$WORK/p.json"
equal "the region's projects are those of --region (ids)" \
	"$(ids "$WORK/p.json")" \
	"$(json 'j.projects.map(x=>x.id).sort((a,b)=>a-b).join(" ")' "$WORK/r.json")"
equal "total = projects --region 143" "$(json 'j.total' "$WORK/p.json")" \
	"$(json 'j.totals.total' "$WORK/r.json")"
equal "Central Asia: 12 projects" 12 "$(json 'j.totals.total' "$WORK/r.json")"
equal "pillar totals = the region's projects by pillar" \
	"$(json '["I","II","III","IV"].map(k=>j.projects.filter(p=>p.pillar===k).length).join(" ")' "$WORK/p.json")" \
	"$(json '["I","II","III","IV"].map(k=>j.totals.pillars[k]).join(" ")' "$WORK/r.json")"
equal "pillar totals: I 8, II 4, III 0, IV 0" "8 4 0 0" \
	"$(json '["I","II","III","IV"].map(k=>j.totals.pillars[k]).join(" ")' "$WORK/r.json")"
bad=""
union=""
for c in KAZ KGZ TJK TKM UZB; do
	"$CTM" projects --country $c --format json --limit 1000 >"$WORK/c.json"
	want="$(json '[j.total].concat(["I","II","III","IV"].map(k=>j.projects.filter(p=>p.pillar===k).length)).join(" ")' "$WORK/c.json")"
	got="$(json '(r=>[r.total].concat(["I","II","III","IV"].map(k=>r.pillars[k])).join(" "))(j.counts.find(r=>r.iso3==="'$c'"))' "$WORK/r.json")"
	[ "$want" = "$got" ] || bad="$bad $c:$want/$got"
	union="$union $(ids "$WORK/c.json")"
done
equal "each country's row = projects --country ISO3, by pillar" "" "$bad"
whole=$(json 'j.projects.map(x=>x.id).filter(i=>!" '"$union"' ".includes(" "+i+" ")).length' "$WORK/p.json")
equal "the region-as-a-whole row = the region's projects naming none of its countries" \
	"$whole" "$(json 'j.counts.find(r=>r.iso3===null).total' "$WORK/r.json")"
equal "rows: KAZ 2, KGZ 3, TJK 3, TKM 1, UZB 2, the region 7" \
	"KAZ:2 KGZ:3 TJK:3 TKM:1 UZB:2 null:7" \
	"$(json 'j.counts.map(r=>r.iso3+":"+r.total).join(" ")' "$WORK/r.json")"

# --- the JSON contract ------------------------------------------------------
equal "json: the keys, in order" "as_of lang region title pillars counts totals projects" \
	"$(json 'Object.keys(j).join(" ")' "$WORK/r.json")"
equal "json: the region" '{"key":"143","kind":"subregion","name":"Central Asia"}' \
	"$(json 'j.region' "$WORK/r.json")"
equal "json: a project's keys" "id pillar serial title period entities status status_name countries" \
	"$(json 'Object.keys(j.projects[0]).join(" ")' "$WORK/r.json")"
equal "json: the annex's order (pillar, serial)" "I.18 I.32 I.44 I.55 I.56 I.62 I.77 I.95 II.7 II.8 II.12 II.26" \
	"$(json 'j.projects.map(p=>p.pillar+"."+p.serial).join(" ")' "$WORK/r.json")"
equal "json: a project's countries, named" '[{"iso3":"KAZ","name":"Kazakhstan"},{"iso3":"KGZ","name":"Kyrgyzstan"},{"iso3":"TJK","name":"Tajikistan"},{"iso3":"UZB","name":"Uzbekistan"}]' \
	"$(json 'j.projects.find(p=>p.serial===62).countries' "$WORK/r.json")"
"$CTM" report region --region "Central Asia" --format json >"$WORK/r2.json"
equal "a name finds the same region as its key" "$(json 'j.counts' "$WORK/r.json")" \
	"$(json 'j.counts' "$WORK/r2.json")"
"$CTM" report region --region 143 --lang ru --format json >"$WORK/ru.json"
equal "json ru: names in Russian" "Центральная Азия Казахстан Регион в целом" \
	"$(json 'j.region.name+" "+j.counts[0].name+" "+j.counts[5].name' "$WORK/ru.json")"

# --- CSV and HTML against their golden files -------------------------------
"$CTM" report region --region 143 --format csv >"$WORK/r.csv"
check "csv: the golden file (tests/data/region-143.csv)" -- cmp "$WORK/r.csv" "$FIX/region-143.csv"
check "csv: CRLF line ends" -- grep -q $'\r$' "$WORK/r.csv"
equal "csv: 8 records (header, 5 countries, the region, the totals)" 8 "$(wc -l <"$WORK/r.csv")"
# the date of the report is today's: the golden file has DATE in its place
dedate() { sed -E 's/[0-9]{1,2} [A-Z][a-z]+ [0-9]{4}/DATE/'; }
"$CTM" report region --region 143 --format html | dedate >"$WORK/r.html"
check "html: the golden file (tests/data/region-143.html)" -- cmp "$WORK/r.html" "$FIX/region-143.html"
"$CTM" report region --region 143 --lang ar --format html >"$WORK/ar.html"
contains "html ar: right to left" '<html lang="ar" dir="rtl">' "$(cat "$WORK/ar.html")"

# --- XLSX read back --------------------------------------------------------
"$CTM" report region --region 143 --format xlsx --out "$WORK/r.xlsx"
equal "xlsx: exit 0" 0 $?
x() { unzip -p "$WORK/r.xlsx" "$1"; }
xp() { x "$1" | xmllint --xpath "$2" - 2>/dev/null; }
equal "xlsx: two sheets, the counts and the projects" "Counts Projects" \
	"$(xp xl/workbook.xml '//*[local-name()="sheet"]/@name' | sed 's/ *name="\([^"]*\)"/\1 /g' | xargs)"
equal "xlsx: the header rows frozen" "frozen frozen" \
	"$(for s in 1 2; do xp xl/worksheets/sheet$s.xml 'string(//*[local-name()="pane"]/@state)'; echo; done | xargs)"
equal "xlsx: filters on both sheets" "A2:F8 A2:F14" \
	"$(for s in 1 2; do xp xl/worksheets/sheet$s.xml 'string(//*[local-name()="autoFilter"]/@ref)'; echo; done | xargs)"
contains "xlsx: the countries' names" "Turkmenistan" "$(x xl/sharedStrings.xml)"
equal "xlsx: the total, a number" 12 \
	"$(xp xl/worksheets/sheet1.xml 'string(//*[local-name()="c"][@r="F9"]/*[local-name()="v"])')"

# --- PDF in English, Russian and Arabic -------------------------------------
flat() { pdftotext "$1" - 2>/dev/null | LC_ALL=C sed 's/\xe2\x80[\xaa-\xae\x8e\x8f]//g' | tr -d ' \n\t\f'; }
for l in en ru ar; do
	"$CTM" report region --region 143 --lang $l --format pdf --out "$WORK/$l.pdf"
	equal "pdf $l: exit 0" 0 $?
	contains "pdf $l: A4" "(A4)" "$(pdfinfo "$WORK/$l.pdf" 2>&1)"
done
contains "pdf en: the title" "Counter-terrorismactivitiesinCentralAsia" "$(flat "$WORK/en.pdf")"
contains "pdf en: a page number" "Page1of" "$(flat "$WORK/en.pdf")"
contains "pdf ru: Kazakhstan in Russian" "Казахстан" "$(flat "$WORK/ru.pdf")"
contains "pdf ru: the pillar in Russian" "КомпонентI" "$(flat "$WORK/ru.pdf")"
contains "pdf ar: Kazakhstan in Arabic" "كازاخستان" "$(flat "$WORK/ar.pdf")"
contains "pdf ar: the pillar in Arabic" "الركيزة" "$(flat "$WORK/ar.pdf")"

# --- the CLI's errors --------------------------------------------------------
out=$("$CTM" report region --region Atlantis --format csv 2>&1)
equal "cli: an unknown region (exit 1)" 1 $?
contains "cli: ... says so" 'no M49 region or grouping "Atlantis"' "$out"
status "cli: a country is not a region" 1 -- "$CTM" report region --region KAZ --format csv
status "cli: --region is required" 2 -- "$CTM" report region --format csv
status "cli: an unknown format" 2 -- "$CTM" report region --region 143 --format doc
status "cli: an unknown language" 2 -- "$CTM" report region --region 143 --lang de --format csv

# --- a project in development, as the public matrix shows it ---------------
printf 'pillar,serial,title,period,entities,status,activities,scope\r\nII,99,Draft border project for Turkmenistan,2026,UNODC,In development,Planning.,Turkmenistan\r\n' >"$WORK/dev.csv"
"$CTM" import "$WORK/dev.csv" >/dev/null 2>&1
equal "a project in development imports" 0 $?

# --- the pages ---------------------------------------------------------------
serve_start
B="http://$ADDR"
check "the server started" -- test -n "$ADDR"
get "/?region=143" >/dev/null
matrix=$(grep -o 'href="/projects/[0-9]*"' "$WORK/b" | sort -u | xargs)
equal "/regions/143: 200 without login" 200 "$(get /regions/143)"
page=$(grep -o 'href="/projects/[0-9]*"' "$WORK/b" | sort -u | xargs)
equal "the page shows exactly the projects the public matrix shows" "$matrix" "$page"
contains "... the project in development among them (the public matrix hides none)" \
	"Draft border project for Turkmenistan" "$(body)"
equal "Cache-Control: public" "public, max-age=300" "$(hdr Cache-Control)"
lacks "no session cookie" "ctm_session" "$(hdrs Set-Cookie)"
lacks "no sign-out form" 'action="/logout"' "$(body)"
lacks "no sign-in block" 'class="who"' "$(body)"
tag=$(hdr ETag)
check "an ETag" -- test -n "$tag"
equal "If-None-Match: 304" 304 \
	"$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $tag" "$B/regions/143")"
equal "/regions/central-asia: the same region by name" 200 "$(get /regions/central-asia)"
contains "... Central Asia" "<h1>Counter-terrorism activities in Central Asia</h1>" "$(body)"

declare -A KAZ=([ar]="كازاخستان" [en]="Kazakhstan" [es]="Kazajstán" [fr]="Kazakhstan" [ru]="Казахстан" [zh]="哈萨克斯坦")
declare -A CA=([ar]="آسيا الوسطى" [en]="Central Asia" [es]="Asia central" [fr]="Asie centrale" [ru]="Центральная Азия" [zh]="中亚")
for l in ar en es fr ru zh; do
	dir=ltr
	[ $l = ar ] && dir=rtl
	st=$(curl -s -o "$WORK/b" -D "$WORK/h" -w '%{http_code}' "$B/regions/143?lang=$l")
	equal "$l: 200 without login" 200 "$st"
	contains "$l: lang and dir" "<html lang=\"$l\" dir=\"$dir\">" "$(body)"
	contains "$l: Kazakhstan in $l" "<th scope=\"row\" dir=\"auto\">${KAZ[$l]}</th>" "$(body)"
	contains "$l: the region's name in $l" "${CA[$l]}" "$(grep '<h1>' "$WORK/b")"
	lacks "$l: no session cookie" "ctm_session" "$(hdrs Set-Cookie)"
done
st=$(curl -s -o "$WORK/b" -H 'Accept-Language: ru-RU,ru;q=0.9' -w '%{http_code}' "$B/regions/143")
contains "Accept-Language: ru gives the page in Russian" '<html lang="ru"' "$(body)"

equal "/regions: the index, 200" 200 "$(get /regions)"
contains "the index: Central Asia with its 13 projects" \
	'<a href="/regions/143">Central Asia</a></th><td class="num">13</td>' "$(body)"
equal "the index is public too" "public, max-age=300" "$(hdr Cache-Control)"

equal "an unknown region: 404" 404 "$(get /regions/atlantis)"
equal "a country is not a region: 404" 404 "$(get /regions/KAZ)"
equal "an unknown parameter: 400" 400 "$(get '/regions/143?x=1')"

# the downloads are the CLI's output, byte for byte (the data changed: again)
for f in csv json html xlsx pdf; do
	"$CTM" report region --region 143 --lang ru --format $f --out "$WORK/cli.$f"
	curl -s -o "$WORK/web.$f" "$B/regions/143.$f?lang=ru"
	check "download .$f = report region --format $f" -- cmp "$WORK/cli.$f" "$WORK/web.$f"
done
get /regions/143.pdf >/dev/null
equal "the PDF: application/pdf" "application/pdf" "$(hdr Content-Type)"
contains "... as an attachment" 'filename="region-143.pdf"' "$(hdr Content-Disposition)"
equal "a download of an unknown region: 404" 404 "$(get /regions/atlantis.csv)"

kill -TERM "$PID"
wait "$PID" 2>/dev/null
