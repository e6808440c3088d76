#!/bin/bash
# 15-needs.sh - needs of Member States, gaps and duplication: the CLI
# (fields checked with reasons, the CSV import all or nothing, re-import
# by reference, links, the audit trail), the gap tables, the duplication
# report on projects made to duplicate each other, and the
# confidentiality matrix: every role x every surface (API list, get,
# search, CSV export, gap tables and their counts; the pages, their CSV
# downloads, the history of a need; the error of a need out of sight),
# asserting that each of four needs is shown exactly to those who may see
# it; then who may change and link what.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

DB=$CTMATRIX_DB
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
PW="a long enough password"
for u in "adm --role admin" "sec --role secretariat" \
	"secu --role secretariat --entity UNOCT" \
	"an --role analyst --entity CTED" "an2 --role analyst --entity UNODC" \
	"fp --role focal_point --entity UNICRI" "view --role viewer"; do
	# shellcheck disable=SC2086
	echo "$PW" | "$CTM" user add $u >/dev/null 2>&1 ||
		echo "not ok - user add $u"
done
"$CTM" projects --format json --limit 500 >"$WORK/all.json" 2>/dev/null
MINE=$(json 'j.projects.find(p=>p.entities.some(e=>e.key==="UNICRI")).id' "$WORK/all.json")
OTHER=$(json 'j.projects.find(p=>!p.entities.some(e=>e.key==="UNICRI")).id' "$WORK/all.json")

# --- the CLI: fields ---------------------------------------------------------
out=$("$CTM" needs add --country Atlantis --body CTED --text x 2>&1)
contains "needs add: an unknown country is refused by name" '"Atlantis" is no country' "$out"
out=$("$CTM" needs add --country MLI --body CTED --text x --assessed 2017-13 2>&1)
contains "needs add: a month 13 is no date" '"2017-13" is no date' "$out"
out=$("$CTM" needs add --country MLI --body CTED --text x --priority urgent 2>&1)
contains "needs add: priority is of its vocabulary" "priority is high, medium or low" "$out"
out=$("$CTM" needs add --country MLI --text x 2>&1)
contains "needs add: the assessing body is required" "body is required" "$out"
equal "nothing was stored of the refused needs" 0 "$(dbq --db "$DB" 'SELECT count(*) FROM need')"

# The four needs of the matrix, each with a mark of its own in its text;
# each in a country of its own, so that a count by country shows it too.
add() { "$CTM" needs add "$@" | sed -n 's/^need \([0-9]*\) added$/\1/p'; }
PUB=$(add --country Iceland --body CTED --text "zzpublicmark border posts" --confidentiality public --pillar II --area border-management-and-law-enforcement)
CMP=$(add --country NOR --body CTED --text "zzcompactmark prison reform" --confidentiality compact --pillar I)
RES=$(add --country FJI --body CTED --text "zzrestrictedmark financial intelligence" --pillar II --assessed 2018-04)
RESX=$(add --country TON --body CTED --text "zzunodcmark courts" --confidentiality restricted --organisations UNODC)
check "needs add: four needs" -- test -n "$PUB" -a -n "$CMP" -a -n "$RES" -a -n "$RESX"
"$CTM" needs show "$RES" --format json >"$WORK/res.json" 2>/dev/null
equal "a need not said otherwise is restricted to CTED and UNOCT" \
	"restricted CTED,UNOCT medium open" \
	"$(json '[j.confidentiality, j.organisations.join(), j.priority, j.status].join(" ")' "$WORK/res.json")"
"$CTM" needs show "$PUB" --format json >"$WORK/pub.json" 2>/dev/null
equal "a public need keeps no organisations" "public 0 ISL" \
	"$(json '[j.confidentiality, j.organisations.length, j.country].join(" ")' "$WORK/pub.json")"
check "needs set: a change" -- "$CTM" needs set "$CMP" --status being_addressed
check "needs link: a project answers the compact need" -- "$CTM" needs link "$CMP" "$MINE"
status "needs link: no project 999999" 1 -- "$CTM" needs link "$CMP" 999999
"$CTM" audit --format json >"$WORK/audit.json" 2>/dev/null
equal "every change to a need is in the audit trail" \
	"need-link update create create create create" \
	"$(json 'j.audit.filter(e=>e.subject==="need").map(e=>e.action).join(" ")' "$WORK/audit.json")"

# --- the CSV import -----------------------------------------------------------
cat >"$WORK/bad.csv" <<'EOF'
ref,country,body,text,priority
R-1,MLI,CTED,"Good row",high
R-2,Atlantis,CTED,"Bad country",high
R-3,NER,CTED,"Bad priority",urgent
EOF
out=$("$CTM" needs import "$WORK/bad.csv" 2>&1)
contains "import: a bad country is reported with its line" "bad.csv:3: country" "$out"
contains "import: a bad priority is reported with its line" "bad.csv:4: priority" "$out"
equal "import: a file with faults stores nothing" 4 "$(dbq --db "$DB" 'SELECT count(*) FROM need')"
printf 'ref,country,colour\nR-9,MLI,blue\n' >"$WORK/col.csv"
out=$("$CTM" needs import "$WORK/col.csv" 2>&1)
contains "import: an unknown column is named" 'column 3, "colour": not a field' "$out"
printf 'ref,country,text\n"R-9,MLI,never closed\n' >"$WORK/quote.csv"
status "import: an unclosed quote is refused" 1 -- "$CTM" needs import "$WORK/quote.csv"
cat >"$WORK/good.csv" <<'EOF'
Reference,Member State,Assessing body,Date,Recommendation,Pillar,Thematic area,Priority,Status,Confidentiality
G-1,Mali,CTED,2017-03,"Strengthen border cooperation",II,border-management-and-law-enforcement,high,open,compact
G-2,Niger,CTED,2018,"Support victims, and their families",IV,support-for-victims,medium,open,public
EOF
out=$("$CTM" needs import "$WORK/good.csv" 2>&1)
contains "import: headings as assessment tables write them" "2 needs added, 0 changed" "$out"
sed -i 's/,open,public$/,addressed,public/' "$WORK/good.csv"
out=$("$CTM" needs import "$WORK/good.csv" 2>&1)
contains "import again: the rows change the needs of their reference" "0 needs added, 2 changed" "$out"
equal "import again: G-2 is addressed now" addressed \
	"$(dbq --db "$DB" "SELECT status FROM need WHERE ref = 'G-2'")"

# --- gaps -------------------------------------------------------------------------
"$CTM" gaps --by pillar --format json >"$WORK/gp.json" 2>/dev/null
# 6 needs: CMP is answered (MINE), G-2 addressed: 4 gaps.
equal "gaps: the needs and the gaps among them" "6 4" \
	"$(json '[j.needs, j.gaps].join(" ")' "$WORK/gp.json")"
equal "gaps by pillar: II holds PUB, RES and G-1, all gaps" "3 3" \
	"$(json '(g=>[g.needs, g.gaps].join(" "))(j.groups.find(g=>g.key==="II"))' "$WORK/gp.json")"
"$CTM" needs list --gaps --format json >"$WORK/gl.json" 2>/dev/null
equal "needs list --gaps: the same four" 4 "$(json 'j.total' "$WORK/gl.json")"
"$CTM" gaps --by region --region 002 --format json >"$WORK/ga.json" 2>/dev/null
equal "gaps in Africa: Mali and Niger" "2 1" \
	"$(json '[j.needs, j.gaps].join(" ")' "$WORK/ga.json")"
status "gaps: a dimension that is none" 2 -- "$CTM" gaps --by colour

# --- duplication: projects made to duplicate each other ------------------------
cat >"$WORK/dup.csv" <<'EOF'
pillar,title,period,entities,status,activities,scope
II,Border security and border management training for Mali and Niger,2016–2018,UNODC,Ongoing,Training of border police and customs officers at border posts.,"Mali, Niger"
II,Training border police on border security in Mali,2017–2019,IOM,Ongoing,Training of border police officers and customs at border crossing points.,Mali
II,Border security in Mali: a second training of border police,2017–2019,UNODC,Ongoing,Training of border police officers at border posts.,Mali
II,Border police training in Mali long ago,2005–2006,INTERPOL,Completed,Training of border police officers at border posts.,Mali
EOF
"$CTM" import "$WORK/dup.csv" --quiet >/dev/null 2>&1
"$CTM" projects --search "border police" --format json --limit 50 >"$WORK/dp.json" 2>/dev/null
A=$(json 'j.projects.find(p=>p.title.startsWith("Border security and border")).id' "$WORK/dp.json")
Bp=$(json 'j.projects.find(p=>p.title.startsWith("Training border police")).id' "$WORK/dp.json")
C=$(json 'j.projects.find(p=>p.title.startsWith("Border security in Mali")).id' "$WORK/dp.json")
D=$(json 'j.projects.find(p=>p.title.startsWith("Border police training")).id' "$WORK/dp.json")
"$CTM" duplicates --country MLI --format json --limit 1000 >"$WORK/du.json" 2>/dev/null
pair() { json "j.pairs.some(p=>(p.a.id===$1&&p.b.id===$2)||(p.a.id===$2&&p.b.id===$1))" "$WORK/du.json"; }
equal "duplicates: UNODC and IOM training border police in Mali, overlapping" true "$(pair "$A" "$Bp")"
equal "duplicates: not two projects of the same lead entity" false "$(pair "$A" "$C")"
equal "duplicates: not periods that do not overlap" false "$(pair "$A" "$D")"
equal "duplicates: the pair says why" \
	"MLI border-management-and-law-enforcement true" \
	"$(json "(p=>[p.countries,p.areas,p.reason.includes('IOM')&&p.reason.includes('overlap')].join(' '))(j.pairs.find(p=>(p.a.id===$A&&p.b.id===$Bp)||(p.a.id===$Bp&&p.b.id===$A)))" "$WORK/du.json")"
equal "duplicates: most alike first" true \
	"$(json 'j.pairs.every((p,i)=>i===0||j.pairs[i-1].score>=p.score)' "$WORK/du.json")"
"$CTM" duplicates --country MLI --min 0.99 --format json >"$WORK/du2.json" 2>/dev/null
equal "duplicates --min 0.99: none so alike" 0 "$(json 'j.pairs.length' "$WORK/du2.json")"
# The best pairs kept in a heap of the limit's size (and the pairs it
# rules out uncompared) are exactly the head of the whole ranking.
"$CTM" duplicates --limit 0 --min 0.01 --format json >"$WORK/du3.json" 2>/dev/null
"$CTM" duplicates --limit 7 --min 0.01 --format json >"$WORK/du4.json" 2>/dev/null
"$CTM" duplicates --limit 1 --min 0.01 --format json >"$WORK/du5.json" 2>/dev/null
dupkey='j.pairs.map(p=>p.a.id+"-"+p.b.id+":"+p.score).join(" ")'
equal "duplicates: the whole 2018 matrix has more than 7 pairs" true \
	"$(json 'j.pairs.length > 7' "$WORK/du3.json")"
equal "duplicates --limit 7: the head of the whole ranking" \
	"$(json "(j.pairs=j.pairs.slice(0,7),$dupkey)" "$WORK/du3.json")" \
	"$(json "$dupkey" "$WORK/du4.json")"
equal "duplicates --limit 1: the first of the whole ranking" \
	"$(json "(j.pairs=j.pairs.slice(0,1),$dupkey)" "$WORK/du3.json")" \
	"$(json "$dupkey" "$WORK/du5.json")"
equal "duplicates: as many pairs compared whatever the limit" \
	"$(json 'j.compared' "$WORK/du3.json")" "$(json 'j.compared' "$WORK/du4.json")"

# --- the confidentiality matrix ------------------------------------------------
serve_start
B="http://$ADDR"
API="$B/api/v1"
# Who sees which of PUB CMP RES RESX (1 or 0), by role.
declare -A SEES=(
	[anon]="1 0 0 0" [view]="1 1 0 0" [fp]="1 1 0 0" [an]="1 1 1 0"
	[an2]="1 1 0 1" [secu]="1 1 1 0" [sec]="1 1 1 1" [adm]="1 1 1 1")
MARKS=(zzpublicmark zzcompactmark zzrestrictedmark zzunodcmark)
IDS=("$PUB" "$CMP" "$RES" "$RESX")
ISO=(ISL NOR FJI TON)
declare -A TOK
for u in view fp an an2 secu sec adm; do
	TOK[$u]=$("$CTM" token "$u")
	signin "$u" "$PW" "$WORK/jar.$u" >/dev/null
done
# aget PATH ROLE: GET through the API as ROLE; body in $WORK/b
aget() {
	if [ "$2" = anon ]; then
		curl -s -o "$WORK/b" -w '%{http_code}' "$API$1"
	else
		curl -s -o "$WORK/b" -w '%{http_code}' \
			-H "Authorization: Bearer ${TOK[$2]}" "$API$1"
	fi
}
# pget PATH ROLE: GET a page as ROLE (its cookie)
pget() {
	if [ "$2" = anon ]; then get "$1" >/dev/null; else get "$1" "$WORK/jar.$2" >/dev/null; fi
	cat "$WORK/b"
}
# shows SURFACE ROLE TEXT: one assertion per need, its mark in TEXT iff seen
shows() {
	local want i
	read -ra want <<<"${SEES[$2]}"
	for i in 0 1 2 3; do
		if [ "${want[$i]}" = 1 ]; then
			contains "$1, $2: sees ${MARKS[$i]}" "${MARKS[$i]}" "$3"
		else
			lacks "$1, $2: never sees ${MARKS[$i]}" "${MARKS[$i]}" "$3"
		fi
	done
}
# counts SURFACE ROLE TEXT: the country of each need counted iff seen
counts() {
	local want i
	read -ra want <<<"${SEES[$2]}"
	for i in 0 1 2 3; do
		if [ "${want[$i]}" = 1 ]; then
			contains "$1, $2: counts ${ISO[$i]}" "${ISO[$i]}" "$3"
		else
			lacks "$1, $2: never counts ${ISO[$i]}" "${ISO[$i]}" "$3"
		fi
	done
}
aget "/needs/999999" anon >/dev/null
MISSING=$(cat "$WORK/b")
for r in anon view fp an an2 secu sec adm; do
	read -ra want <<<"${SEES[$r]}"
	n=$(( ${want[0]} + ${want[1]} + ${want[2]} + ${want[3]} ))
	aget "/needs?limit=1000" "$r" >/dev/null
	shows "API list" "$r" "$(cat "$WORK/b")"
	# G-1 (compact) and G-2 (public) are there too.
	extra=2
	[ "$r" = anon ] && extra=1
	equal "API list, $r: the total counts what it may see" $(( n + extra )) \
		"$(json 'j.total' "$WORK/b")"
	aget "/needs?format=csv" "$r" >/dev/null
	shows "API CSV export" "$r" "$(cat "$WORK/b")"
	for i in 0 1 2 3; do
		code=$(aget "/needs/${IDS[$i]}" "$r")
		if [ "${want[$i]}" = 1 ]; then
			equal "API get, $r: need ${MARKS[$i]} is there" 200 "$code"
		else
			equal "API get, $r: need ${MARKS[$i]} is not found" 404 "$code"
			equal "API get, $r: the same answer as no need at all" \
				"$MISSING" "$(cat "$WORK/b")"
		fi
		aget "/needs?search=${MARKS[$i]}" "$r" >/dev/null
		equal "API search, $r: ${MARKS[$i]} found iff seen" "${want[$i]}" \
			"$(json 'j.total' "$WORK/b")"
	done
	aget "/gaps?by=country" "$r" >/dev/null
	counts "API gaps by country" "$r" "$(cat "$WORK/b")"
	aget "/gaps?by=pillar" "$r" >/dev/null
	equal "API gaps, $r: the total counts what it may see" $(( n + extra )) \
		"$(json 'j.needs' "$WORK/b")"
	shows "page /needs" "$r" "$(pget /needs "$r")"
	shows "page /needs.csv" "$r" "$(pget /needs.csv "$r")"
	shows "page /needs?search" "$r" "$(pget "/needs?search=zz" "$r")"
	counts "page /gaps" "$r" "$(pget /gaps "$r")"
	counts "page /gaps.csv" "$r" "$(pget /gaps.csv "$r")"
	contains "page /gaps, $r: the count of needs is its own" \
		"of the <strong>$(( n + extra ))</strong> needs" "$(pget /gaps "$r")"
	for i in 0 1 2 3; do
		page=$(pget "/needs/${IDS[$i]}" "$r")
		if [ "${want[$i]}" = 1 ]; then
			contains "page /needs/N, $r: need ${MARKS[$i]} is shown" "${MARKS[$i]}" "$page"
		else
			contains "page /needs/N, $r: need ${MARKS[$i]} is no such need" \
				"There is no such need" "$page"
			lacks "page /needs/N, $r: nothing of ${MARKS[$i]} in the error" "${MARKS[$i]}" "$page"
		fi
	done
done
# The history of a need is on its page only: a restricted need's changes
# are not on a project's page or anywhere public.
lacks "the project page's history holds nothing of the needs linked" \
	zzcompactmark "$(pget "/projects/$MINE" adm)"
lacks "the country page says nothing of a restricted need" \
	zzrestrictedmark "$(pget /countries/FJI anon)"

# --- who may change what -----------------------------------------------------------
# req METHOD PATH ROLE [BODY]: the status; body in $WORK/b
req() {
	curl -s -o "$WORK/b" -w '%{http_code}' -X "$1" \
		-H "Authorization: Bearer ${TOK[$3]}" \
		-H 'Content-Type: application/json' ${4:+--data "$4"} "$API$2"
}
equal "API: without a token, no need is recorded" 401 \
	"$(curl -s -o /dev/null -w '%{http_code}' -X POST --data '{}' "$API/needs")"
equal "API: a viewer records no need" 403 \
	"$(req POST /needs view '{"country":"MLI","body":"CTED","text":"x"}')"
equal "API: a focal point records no need" 403 \
	"$(req POST /needs fp '{"country":"MLI","body":"CTED","text":"x"}')"
equal "API: an analyst records a need" 201 \
	"$(req POST /needs an '{"country":"MLI","body":"CTED","text":"posted need","confidentiality":"public","pillar":"II"}')"
NEW=$(json 'j.id' "$WORK/b")
equal "API: a field that is wrong is named" "422 assessed" \
	"$(req POST /needs an '{"country":"MLI","body":"CTED","text":"x","assessed":"soon"}') $(json 'j.error.field' "$WORK/b")"
equal "API: an analyst of UNODC cannot change a need restricted to CTED" 404 \
	"$(req PATCH "/needs/$RES" an2 '{"status":"addressed"}')"
equal "API: ... nor delete it" 404 "$(req DELETE "/needs/$RES" an2)"
equal "API: an analyst of CTED changes it" 200 \
	"$(req PATCH "/needs/$RES" an '{"status":"being_addressed"}')"
equal "API: a viewer changes nothing" 403 "$(req PATCH "/needs/$PUB" view '{"status":"open"}')"
equal "API: a focal point links its entity's project" 200 \
	"$(req POST "/needs/$PUB/links" fp "{\"project\": $MINE}")"
equal "API: ... not another entity's" 403 \
	"$(req POST "/needs/$PUB/links" fp "{\"project\": $OTHER}")"
equal "API: ... nor to a need it may not see" 404 \
	"$(req POST "/needs/$RES/links" fp "{\"project\": $MINE}")"
equal "API: an unlink" 200 \
	"$(req POST "/needs/$PUB/links" fp "{\"project\": $MINE, \"linked\": false}")"
equal "API: a need deleted" 204 "$(req DELETE "/needs/$NEW" sec)"
equal "API: the deleted need is gone" 404 "$(aget "/needs/$NEW" adm)"

# The forms, as a browser: recording a need, with CSRF.
get /needs/new "$WORK/jar.an" >/dev/null
st=$(formpost /needs/new "$WORK/jar.an" country=Chad text="from the form" confidentiality=public)
equal "page: an analyst records a need through the form" 303 "$st"
loc=$(hdr Location)
contains "page: ... and is sent to it" "/needs/" "$loc"
contains "page: the new need shows its text" "from the form" "$(pget "$loc" anon)"
st=$(post /needs/new "$WORK/jar.an" --data "country=TCD&body=CTED&text=no+token")
equal "page: a form without its CSRF token is refused" 403 "$st"
get "/needs/$PUB" "$WORK/jar.view" >/dev/null
lacks "page: a viewer is offered no form to change a need" 'name="confidentiality"' "$(cat "$WORK/b")"
kill "$PID"
