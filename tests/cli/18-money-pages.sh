#!/bin/bash
# 18-money-pages.sh - the pages of money over real HTTP: /funding by every
# grouping with its filters, totals that reconcile to the cent with
# `ctmatrix funding --format json`, and its CSV link; /trust-fund (donors
# ranked, contributions, the form that records and deletes them), /rates,
# /appeals and /appeals/KEY with their forms; a project's money (budget,
# received, shortfall, gender marker) and the forms that set them.  Every
# form: refused to the public (401), without the CSRF token (403), to the
# roles that may not (403), with bad input (422, the form kept, a clear
# message, nothing changed); accepted for the roles that may (303).
# Demonstration money is marked wherever it is listed or summed; a donor
# named with markup is shown as text.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

DB=$CTMATRIX_DB
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
PW="a long enough password"
for u in "adm --role admin" "sec --role secretariat" \
	"fp --role focal_point --entity UNICRI" "view --role viewer"; do
	# shellcheck disable=SC2086
	echo "$PW" | "$CTM" user add $u >/dev/null 2>&1 || echo "not ok - user add $u"
done
q() { dbq --db "$DB" "$1"; }
# Everything a refused change must leave as it was.
snap() {
	q "SELECT (SELECT count(*) FROM rate) || '/' || (SELECT count(*) FROM budget)
	    || '/' || (SELECT count(*) FROM contribution) || '/' ||
	    (SELECT count(*) FROM appeal) || '/' || (SELECT count(*) FROM appeal_project)
	    || '/' || (SELECT count(*) FROM audit) || '/' ||
	    (SELECT coalesce(group_concat(gender_marker), '') FROM project)
	    || '/' || (SELECT coalesce(sum(amount), 0) FROM budget)"
}
"$CTM" projects --format json --limit 500 >"$WORK/all.json" 2>/dev/null
MINE=$(json 'j.projects.find(p=>p.entities[0].key==="UNICRI").id' "$WORK/all.json")
OTHER=$(json 'j.projects.find(p=>!p.entities.some(e=>e.key==="UNICRI")).id' "$WORK/all.json")
P3=$(json 'j.projects.filter(p=>!p.entities.some(e=>e.key==="UNICRI"))[1].id' "$WORK/all.json")

# Real-looking money first (no demonstration record yet).
"$CTM" rates add EUR 1.0843 --date 2018-01-01 --source "test rate" >/dev/null
"$CTM" budget set "$MINE" "250,000" --currency EUR --date 2018-06-01 >/dev/null
"$CTM" budget set "$OTHER" "100,000.50" --date 2018-06-01 >/dev/null
"$CTM" budget set "$P3" "33,333.33" --date 2018-06-01 >/dev/null
"$CTM" contributions add --donor "Kingdom of Saudi Arabia" --amount "1,000,000" --date 2018-03-01 >/dev/null
"$CTM" contributions add --donor "European Union" --amount 50000 --currency EUR \
	--date 2018-07-01 --project "$MINE" --trust-fund >/dev/null
"$CTM" contributions add --donor Qatar --amount 30000.25 --date 2018-08-01 --project "$OTHER" >/dev/null

serve_start
check "the server starts" -- test -n "$ADDR"
B="http://$ADDR"

# tfoot: the budget, received and shortfall of the last page's total row,
# without grouping ("271075.00 54215.00 216860.00").
tfoot() {
	node -e '
	const h = require("fs").readFileSync(process.argv[1], "utf8");
	const f = (/<tfoot>([\s\S]*?)<\/tfoot>/.exec(h) || [])[1] || "";
	const n = [...f.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1].replace(/,/g, ""));
	console.log(n.slice(-3).join(" "));' "$WORK/b"
}
# cli_total BY [ARGS...]: the same of `ctmatrix funding --format json`
cli_total() {
	local by=$1
	shift
	"$CTM" funding --by "$by" "$@" --format json >"$WORK/f.json"
	json '[j.total.budget, j.total.received, j.total.shortfall].join(" ")' "$WORK/f.json"
}

# --- /funding, public ----------------------------------------------------------
for by in pillar entity project gender portfolio; do
	equal "/funding?by=$by: 200" 200 "$(get "/funding?by=$by")"
	equal "  its total reconciles to the cent with ctmatrix funding --by $by" \
		"$(cli_total $by)" "$(tfoot)"
done
equal "/funding (pillar by default): 200" 200 "$(get /funding)"
contains "  the menu has Funding, current" 'href="/funding" aria-current="page"' "$(body)"
contains "  grouped by pillar, the link marked" 'href="/funding?by=pillar" aria-current="page"' "$(body)"
contains "  a row per pillar, linked to its projects" 'href="/funding?by=project&amp;pillar=I"' "$(body)"
lacks "  no demonstration record: no demo badge" 'class="badge"' "$(body)"
equal "  the shortfall in the portfolio: 271,075.00 + 100,000.50 + 33,333.33 less 54,215.00 and 30,000.25" \
	"320193.58" "$(tfoot | cut -d' ' -f3)"
equal "/funding?by=entity&pillar=I: 200" 200 "$(get "/funding?by=entity&pillar=I")"
equal "  reconciles with ctmatrix funding --by entity --pillar I" \
	"$(cli_total entity --pillar I)" "$(tfoot)"
contains "  the CSV link carries the same query" \
	'href="/api/v1/funding?format=csv&amp;by=entity&amp;pillar=I"' "$(body)"
contains "  the pillar is selected in the filter" '<option value="I" selected>' "$(body)"
equal "/funding?by=project&entity=UNICRI: reconciles" \
	"$(cli_total project --entity UNICRI)" "$(get "/funding?by=project&entity=UNICRI" >/dev/null; tfoot)"
contains "  a project's row links to it" "href=\"/projects/$MINE\"" "$(body)"
equal "the CSV link answers CSV" "200 text/csv" \
	"$(get "/api/v1/funding?format=csv&by=entity&pillar=I") $(hdr Content-Type | cut -d';' -f1)"
equal "/funding?by=colour: 400" 400 "$(get "/funding?by=colour")"
contains "  saying what grouping is" "Group by project, entity, pillar, gender or portfolio" "$(body)"
equal "/funding?pillar=IX: 200, no project" 200 "$(get "/funding?pillar=IX")"
contains "  says so" "No project matches" "$(body)"
equal "POST /funding (signed out): 401" 401 "$(post /funding "" -d x=1)"

# --- the other pages, public ------------------------------------------------------
equal "/trust-fund: 200" 200 "$(get /trust-fund)"
contains "  Saudi Arabia first (1,000,000.00)" "1,000,000.00" "$(body)"
equal "  the donors in descending order of contribution" "Saudi Arabia|European Union" \
	"$(grep -o '<th scope="row">[^<]*' "$WORK/b" | sed 's/.*>//' | head -2 | tr '\n' '|' | sed 's/|$//')"
contains "  the Trust Fund's total: 1,054,215.00" "1,054,215.00" "$(body)"
contains "  every contribution listed (Qatar's, direct)" "30,000.25" "$(body)"
lacks "  no form for the public" 'action="/trust-fund/contributions"' "$(body)"
lacks "  no delete button" "/delete" "$(body)"
equal "/rates: 200" 200 "$(get /rates)"
contains "  the rate listed" "1.0843" "$(body)"
lacks "  no form for the public" 'action="/rates"' "$(body)"
equal "/appeals: 200" 200 "$(get /appeals)"
contains "  none yet: an empty table" "<tbody>" "$(body)"
lacks "  no New appeal for the public" "/appeals/new" "$(body)"
equal "/appeals/nosuch: 404" 404 "$(get /appeals/nosuch)"
equal "/appeals/new, public: 401" 401 "$(get /appeals/new)"
equal "/projects/$MINE, public: 200" 200 "$(get "/projects/$MINE")"
contains "  its Money section" '<h2 id="money">Money</h2>' "$(body)"
contains "  the budget in its currency" "EUR 250,000.00" "$(body)"
contains "  in dollars, at its rate and the rate's date" "USD 271,075.00 at 1.0843 US dollars a unit, the rate of 2018-01-01" "$(body)"
contains "  received (EUR 50,000 at 1.0843)" "USD 54,215.00" "$(body)"
contains "  shortfall" "USD 216,860.00" "$(body)"
contains "  gender marker not assessed" "<strong>not assessed</strong>: The marker has not been assessed" "$(body)"
contains "  the contribution to it" "European Union" "$(body)"
lacks "  no budget form for the public" "action=\"/projects/$MINE/budget" "$(body)"
lacks "  no gender form for the public" "action=\"/projects/$MINE/gender" "$(body)"
equal "/projects/$MINE/money, public: 200" 200 "$(get "/projects/$MINE/money")"
equal "/projects/999999/money: 404" 404 "$(get /projects/999999/money)"

# --- the public may change nothing -------------------------------------------------
S0=$(snap)
for path in /trust-fund/contributions /trust-fund/contributions/1/delete /rates \
	/appeals/new "/projects/$MINE/budget" "/projects/$MINE/budget/delete" \
	"/projects/$MINE/gender"; do
	equal "POST $path, public: 401" 401 "$(post "$path" "" -d amount=1 -d donor=x -d gender_marker=2)"
done
equal "  nothing changed" "$S0" "$(snap)"

# --- signing in ---------------------------------------------------------------------
for u in adm sec fp view; do
	equal "sign in as $u" 303 "$(signin $u "$PW" "$WORK/jar.$u")"
done
JA=$WORK/jar.adm JS=$WORK/jar.sec JF=$WORK/jar.fp JV=$WORK/jar.view
tok() { get / "$1" >/dev/null; csrf; } # tok JAR: the session's CSRF token
TS=$(tok "$JS") TF=$(tok "$JF") TV=$(tok "$JV")

# --- contributions ---------------------------------------------------------------------
get /trust-fund "$JV" >/dev/null
lacks "/trust-fund, a viewer: no form" 'action="/trust-fund/contributions"' "$(body)"
get /trust-fund "$JF" >/dev/null
lacks "/trust-fund, a focal point: no form" 'action="/trust-fund/contributions"' "$(body)"
get /trust-fund "$JS" >/dev/null
contains "/trust-fund, the secretariat: the form" 'action="/trust-fund/contributions"' "$(body)"
contains "  and a delete button on each contribution" 'action="/trust-fund/contributions/' "$(body)"
S0=$(snap)
c_args=(--data-urlencode donor=Japan --data-urlencode amount=1000 --data-urlencode currency=USD
	--data-urlencode received=2018-09-01)
equal "record a contribution, a viewer: 403" 403 \
	"$(post /trust-fund/contributions "$JV" --data-urlencode "csrf=$TV" "${c_args[@]}")"
contains "  saying who may" "Only the secretariat and admins record contributions" "$(body)"
equal "record a contribution, a focal point: 403" 403 \
	"$(post /trust-fund/contributions "$JF" --data-urlencode "csrf=$TF" "${c_args[@]}")"
equal "record a contribution, the secretariat without the CSRF token: 403" 403 \
	"$(post /trust-fund/contributions "$JS" "${c_args[@]}")"
equal "  with another session's token: 403" 403 \
	"$(post /trust-fund/contributions "$JS" --data-urlencode "csrf=$TV" "${c_args[@]}")"
get /trust-fund "$JS" >/dev/null
equal "the form, an amount with a decimal comma: 422" 422 \
	"$(formpost /trust-fund/contributions "$JS" donor=Zzdonor amount=12,34 received=2018-09-01)"
contains "  said clearly" "is no sum of money" "$(body)"
contains "  the form keeps what was typed" 'value="Zzdonor"' "$(body)"
get /trust-fund "$JS" >/dev/null
equal "the form, no donor: 422" 422 "$(formpost /trust-fund/contributions "$JS" donor= amount=5 received=2018-09-01)"
contains "  said" "donor is required" "$(body)"
get /trust-fund "$JS" >/dev/null
equal "the form, a day that is none: 422" 422 \
	"$(formpost /trust-fund/contributions "$JS" donor=Zz amount=5 received=2018-02-30)"
contains "  said" '&quot;2018-02-30&quot; is no day' "$(body)"
get /trust-fund "$JS" >/dev/null
equal "the form, to no project: 422" 422 \
	"$(formpost /trust-fund/contributions "$JS" donor=Zz amount=5 received=2018-09-01 project=999999)"
contains "  said" "no project 999999" "$(body)"
get /trust-fund "$JS" >/dev/null
equal "the form, GBP without a rate: 422" 422 \
	"$(formpost /trust-fund/contributions "$JS" donor=Zz amount=5 currency=GBP received=2018-09-01)"
contains "  said" "no rate of GBP" "$(body)"
equal "  none of these changed anything" "$S0" "$(snap)"

get /trust-fund "$JS" >/dev/null
equal "the form, the secretariat: a donor named with markup, 303" 303 \
	"$(formpost /trust-fund/contributions "$JS" 'donor=<script>alert(1)</script>' amount=1,500.50 \
		received=2018-09-01 trust_fund=1 "project=$P3" note='<b>bold</b>')"
equal "  stored, for the project, through the Trust Fund" "<script>alert(1)</script>|$P3|1|150050" \
	"$(q "SELECT donor_name || '|' || project_id || '|' || trust_fund || '|' || amount FROM contribution ORDER BY id DESC LIMIT 1")"
equal "  recorded by sec in the audit trail" "sec create" \
	"$(q "SELECT actor || ' ' || action FROM audit WHERE subject = 'contribution' ORDER BY id DESC LIMIT 1")"
for path in /trust-fund "/projects/$P3" /funding?by=project; do
	get "$path" >/dev/null
	lacks "$path: the donor's markup is not markup" "<script>alert" "$(body)"
done
get /trust-fund >/dev/null
contains "/trust-fund: the donor shown as text" "&lt;script&gt;alert(1)&lt;/script&gt;" "$(body)"
contains "  the note too" "&lt;b&gt;bold&lt;/b&gt;" "$(body)"
get /trust-fund "$JA" >/dev/null
equal "the form, the admin: a demonstration contribution in EUR, 303" 303 \
	"$(formpost /trust-fund/contributions "$JA" donor=Zzdemo amount=1000 currency=EUR \
		received=2018-09-01 "project=$OTHER" demo=1 in_kind=1)"
equal "  stored as a demonstration record, in kind" "1 in_kind 108430" \
	"$(q "SELECT demo || ' ' || kind || ' ' || usd FROM contribution WHERE donor_name = 'Zzdemo'")"

# --- demonstration money is marked wherever it is summed or listed ------------------------
for by in pillar entity project gender portfolio; do
	get "/funding?by=$by" >/dev/null
	contains "/funding?by=$by: a demo badge" '<span class="badge">demo</span>' "$(body)"
	contains "  and the note that says the sums count demonstration records" "count demonstration records" "$(body)"
	equal "  still reconciling" "$(cli_total $by)" "$(tfoot)"
done
get /funding?by=project >/dev/null
equal "  by project: the badge on the demo project's row only" 1 \
	"$(grep -c "href=\"/projects/[0-9]*\">[^<]*</a> <span class=\"badge\">demo" "$WORK/b")"
get /trust-fund >/dev/null
contains "/trust-fund: the demonstration contribution marked" 'Zzdemo <span class="badge">demo</span>' "$(body)"
contains "  with a note" "is a demonstration record" "$(body)"
get "/projects/$OTHER" >/dev/null
contains "the project's page: received marked demo" 'USD 31,084.55 <small>(contributions earmarked for it and seed funding the Board granted)</small> <span class="badge">demo</span>' "$(body)"
lacks "  its budget is no demonstration record: not marked" 'as of 2018-06-01 <span class="badge">' "$(body)"
get "/projects/$MINE" >/dev/null
lacks "a project without demonstration money: no badge" 'class="badge"' "$(body)"

# --- deleting a contribution ------------------------------------------------------------
CID=$(q "SELECT id FROM contribution WHERE donor_name = 'Zzdemo'")
S0=$(snap)
equal "delete a contribution, a viewer: 403" 403 \
	"$(post "/trust-fund/contributions/$CID/delete" "$JV" --data-urlencode "csrf=$TV")"
equal "  a focal point: 403" 403 \
	"$(post "/trust-fund/contributions/$CID/delete" "$JF" --data-urlencode "csrf=$TF")"
equal "  the secretariat without the token: 403" 403 \
	"$(post "/trust-fund/contributions/$CID/delete" "$JS" -d x=1)"
equal "  no such contribution: 404" 404 \
	"$(post /trust-fund/contributions/999999/delete "$JS" --data-urlencode "csrf=$TS")"
equal "  a path that is none: 404" 404 \
	"$(post "/trust-fund/contributions/$CID/remove" "$JS" --data-urlencode "csrf=$TS")"
equal "  none of these changed anything" "$S0" "$(snap)"
get /trust-fund "$JS" >/dev/null
equal "delete it with its button, the secretariat: 303" 303 \
	"$(formpost "/trust-fund/contributions/$CID/delete" "$JS")"
equal "  gone" 0 "$(q "SELECT count(*) FROM contribution WHERE id = $CID")"
equal "  to the trail" "sec delete" \
	"$(q "SELECT actor || ' ' || action FROM audit WHERE subject = 'contribution' ORDER BY id DESC LIMIT 1")"

# --- rates ----------------------------------------------------------------------------
get /rates "$JV" >/dev/null
lacks "/rates, a viewer: no form" 'action="/rates"' "$(body)"
S0=$(snap)
r_args=(--data-urlencode currency=GBP --data-urlencode rate=1.27 --data-urlencode date=2018-01-01)
equal "record a rate, a viewer: 403" 403 "$(post /rates "$JV" --data-urlencode "csrf=$TV" "${r_args[@]}")"
equal "  a focal point: 403" 403 "$(post /rates "$JF" --data-urlencode "csrf=$TF" "${r_args[@]}")"
equal "  the secretariat without the token: 403" 403 "$(post /rates "$JS" "${r_args[@]}")"
get /rates "$JS" >/dev/null
contains "/rates, the secretariat: the form" 'action="/rates"' "$(body)"
lacks "  offering no rate of the dollar" '<option value="USD"' "$(body)"
equal "the form, a decimal comma: 422" 422 "$(formpost /rates "$JS" currency=GBP rate=1,27 date=2018-01-01)"
contains "  said" "is no rate" "$(body)"
contains "  the form keeps it" 'value="1,27"' "$(body)"
get /rates "$JS" >/dev/null
equal "the form, a currency that is none: 422" 422 "$(formpost /rates "$JS" currency=XYZ rate=1.5 date=2018-01-01)"
contains "  said" "XYZ is no currency" "$(body)"
equal "  none of these changed anything" "$S0" "$(snap)"
get /rates "$JS" >/dev/null
equal "the form, the secretariat: GBP 1.27 from 2018-01-01, 303" 303 \
	"$(formpost /rates "$JS" currency=GBP rate=1.27 date=2018-01-01 'source=<i>BoE</i>')"
equal "  stored" "1270000000" "$(q "SELECT usd_e9 FROM rate WHERE currency = 'GBP'")"
get /rates >/dev/null
contains "  listed, the source as text" "&lt;i&gt;BoE&lt;/i&gt;" "$(body)"

# --- appeals ----------------------------------------------------------------------------
equal "/appeals/new, a viewer: 403" 403 "$(get /appeals/new "$JV")"
equal "/appeals/new, a focal point: 403" 403 "$(get /appeals/new "$JF")"
equal "/appeals/new, the secretariat: 200" 200 "$(get /appeals/new "$JS")"
S0=$(snap)
a_args=(--data-urlencode key=mya --data-urlencode title=x --data-urlencode "projects=$MINE")
equal "create an appeal, a viewer: 403" 403 "$(post /appeals/new "$JV" --data-urlencode "csrf=$TV" "${a_args[@]}")"
equal "  a focal point: 403" 403 "$(post /appeals/new "$JF" --data-urlencode "csrf=$TF" "${a_args[@]}")"
equal "  the secretariat without the token: 403" 403 "$(post /appeals/new "$JS" "${a_args[@]}")"
get /appeals/new "$JS" >/dev/null
equal "the form, a key with spaces: 422" 422 "$(formpost /appeals/new "$JS" "key=My Appeal" title=T "projects=$MINE")"
contains "  said" "is no key" "$(body)"
get /appeals/new "$JS" >/dev/null
equal "the form, projects that are no numbers: 422" 422 "$(formpost /appeals/new "$JS" key=mya title=Zztitle projects="$MINE, abc")"
contains "  said" '&quot;abc&quot; is no project number' "$(body)"
contains "  the form keeps the title" 'value="Zztitle"' "$(body)"
get /appeals/new "$JS" >/dev/null
equal "the form, no such project: 422" 422 "$(formpost /appeals/new "$JS" key=mya title=T projects="$MINE 999999")"
contains "  said" "no project 999999" "$(body)"
get /appeals/new "$JS" >/dev/null
equal "the form, no title: 422" 422 "$(formpost /appeals/new "$JS" key=mya title= "projects=$MINE")"
contains "  said" "title is required" "$(body)"
equal "  none of these changed anything" "$S0" "$(snap)"
get /appeals/new "$JS" >/dev/null
equal "the form, the secretariat: an appeal of three projects, 303" 303 \
	"$(formpost /appeals/new "$JS" key=mya-2018 'title=Multi-Year <Appeal>' issued=2018-05 \
		projects="$MINE, $OTHER $P3")"
equal "  to its page" "/appeals/mya-2018" "$(hdr Location)"
equal "/appeals/mya-2018: 200" 200 "$(get /appeals/mya-2018)"
contains "  its title as text" "Multi-Year &lt;Appeal&gt;" "$(body)"
contains "  its projects" "href=\"/projects/$P3\"" "$(body)"
"$CTM" appeals show mya-2018 --format json >"$WORK/a.json"
equal "  its total reconciles with ctmatrix appeals show" \
	"$(json '[j.total.budget, j.total.received, j.total.shortfall].join(" ")' "$WORK/a.json")" "$(tfoot)"
lacks "  no edit link for the public" "/appeals/mya-2018/edit" "$(body)"
get /appeals >/dev/null
contains "/appeals: listed" 'href="/appeals/mya-2018"' "$(body)"
equal "/appeals/mya-2018/edit, a focal point: 403" 403 "$(get /appeals/mya-2018/edit "$JF")"
get /appeals/mya-2018/edit "$JS" >/dev/null
contains "the edit form: the projects in order" ">$MINE, $OTHER, $P3</textarea>" "$(body)"
equal "the edit form: a title and one project fewer, 303" 303 \
	"$(formpost /appeals/mya-2018/edit "$JS" title=MYA "projects=$MINE $P3")"
equal "  stored" "MYA 2" "$(q "SELECT min(a.title) || ' ' || count(*) FROM appeal a JOIN appeal_project p ON p.appeal_id = a.id WHERE a.key = 'mya-2018'")"
S0=$(snap)
equal "delete the appeal, a focal point: 403" 403 \
	"$(post /appeals/mya-2018/delete "$JF" --data-urlencode "csrf=$TF")"
equal "  the secretariat without the token: 403" 403 "$(post /appeals/mya-2018/delete "$JS" -d x=1)"
equal "  nothing changed" "$S0" "$(snap)"
get /appeals/mya-2018 "$JS" >/dev/null
equal "delete it with its button, the secretariat: 303" 303 "$(formpost /appeals/mya-2018/delete "$JS")"
equal "  gone" 0 "$(q "SELECT count(*) FROM appeal WHERE key = 'mya-2018'")"

# --- a project's budget and gender marker ----------------------------------------------------
get "/projects/$MINE" "$JF" >/dev/null
contains "the focal point's own project: the budget form" "action=\"/projects/$MINE/budget\"" "$(body)"
contains "  kept as stored" 'value="250,000.00"' "$(body)"
contains "  the gender form" "action=\"/projects/$MINE/gender\"" "$(body)"
get "/projects/$OTHER" "$JF" >/dev/null
lacks "another entity's project: no budget form for the focal point" "action=\"/projects/$OTHER/budget" "$(body)"
get "/projects/$OTHER" "$JV" >/dev/null
lacks "  nor for a viewer" "action=\"/projects/$OTHER/budget" "$(body)"
S0=$(snap)
equal "set a budget, a viewer: 403" 403 \
	"$(post "/projects/$MINE/budget" "$JV" --data-urlencode "csrf=$TV" -d amount=5 -d as_of=2018-06-01)"
equal "  a focal point, another entity's project: 403" 403 \
	"$(post "/projects/$OTHER/budget" "$JF" --data-urlencode "csrf=$TF" -d amount=5 -d as_of=2018-06-01)"
contains "  saying why" "only its entity" "$(body)"
equal "  a focal point without the token: 403" 403 \
	"$(post "/projects/$MINE/budget" "$JF" -d amount=5 -d as_of=2018-06-01)"
equal "set the gender marker, a viewer: 403" 403 \
	"$(post "/projects/$MINE/gender" "$JV" --data-urlencode "csrf=$TV" -d gender_marker=2)"
equal "  a focal point, another entity's project: 403" 403 \
	"$(post "/projects/$OTHER/gender" "$JF" --data-urlencode "csrf=$TF" -d gender_marker=2)"
equal "remove a budget, a focal point, another entity's project: 403" 403 \
	"$(post "/projects/$OTHER/budget/delete" "$JF" --data-urlencode "csrf=$TF")"
get "/projects/$MINE" "$JF" >/dev/null
equal "the budget form, three decimals of a euro: 422" 422 \
	"$(formpost "/projects/$MINE/budget" "$JF" amount=12.345 currency=EUR)"
contains "  said" "more decimals" "$(body)"
contains "  the form keeps it" 'value="12.345"' "$(body)"
get "/projects/$MINE" "$JF" >/dev/null
equal "the budget form, a day that is none: 422" 422 \
	"$(formpost "/projects/$MINE/budget" "$JF" as_of=2018-13-01)"
contains "  said" "is no day" "$(body)"
get "/projects/$MINE" "$JF" >/dev/null
equal "the gender form, a level that is none: 422" 422 \
	"$(formpost "/projects/$MINE/gender" "$JF" gender_marker=7)"
contains "  said" '&quot;7&quot; is none' "$(body)"
equal "  none of these changed anything" "$S0" "$(snap)"
get "/projects/$MINE" "$JF" >/dev/null
equal "the budget form, the focal point on its project: USD 300,000, 303" 303 \
	"$(formpost "/projects/$MINE/budget" "$JF" amount=300,000 currency=USD)"
equal "  back to the project's money" "/projects/$MINE#money" "$(hdr Location)"
equal "  stored" "30000000 USD 0" "$(q "SELECT amount || ' ' || currency || ' ' || demo FROM budget WHERE project_id = $MINE")"
get "/projects/$MINE" "$JF" >/dev/null
equal "the gender form, the focal point: GEN2, 303" 303 "$(formpost "/projects/$MINE/gender" "$JF" gender_marker=2)"
get "/projects/$MINE" >/dev/null
contains "  shown with its name and definition" "<strong>GEN2</strong>: Gender equality is a significant objective" "$(body)"
equal "  to the trail" "fp update gender" \
	"$(q "SELECT actor || ' ' || action || ' ' || subject FROM audit ORDER BY id DESC LIMIT 1")"
get /funding?by=gender >/dev/null
contains "/funding?by=gender: the GEN2 group" "GEN2 <small>Gender equality is a significant objective</small>" "$(body)"
equal "  reconciles" "$(cli_total gender)" "$(tfoot)"
get "/projects/$OTHER" "$JS" >/dev/null
equal "the budget form, the secretariat on any project, a demonstration budget: 303" 303 \
	"$(formpost "/projects/$OTHER/budget" "$JS" amount=1,000 currency=EUR as_of=2018-06-01 demo=1)"
get "/projects/$OTHER" >/dev/null
contains "  shown as a demonstration record" 'as of 2018-06-01 <span class="badge">demo</span>' "$(body)"
get "/projects/$MINE" "$JF" >/dev/null
equal "remove the budget, the focal point on its project: 303" 303 "$(formpost "/projects/$MINE/budget/delete" "$JF")"
equal "  gone" 0 "$(q "SELECT count(*) FROM budget WHERE project_id = $MINE")"
get "/projects/$MINE" >/dev/null
contains "  the page says none" "<dd>none recorded</dd>" "$(body)"
contains "  and no shortfall without it" "not known without a budget" "$(body)"
equal "remove it again: 404" 404 \
	"$(post "/projects/$MINE/budget/delete" "$JF" --data-urlencode "csrf=$TF")"
get "/projects/$MINE" "$JF" >/dev/null
equal "the gender form, back to not assessed: 303" 303 "$(formpost "/projects/$MINE/gender" "$JF" gender_marker=none)"
equal "  cleared" "" "$(q "SELECT gender_marker FROM project WHERE id = $MINE")"
get "/projects/$MINE/money" "$JA" >/dev/null
contains "/projects/N/money, the admin: the forms on a page of their own" "action=\"/projects/$MINE/budget\"" "$(body)"
equal "GET /projects/$MINE/budget: 405" 405 "$(get "/projects/$MINE/budget" "$JA")"

for u in adm sec fp view; do
	equal "every money page as $u: 200" "200 200 200 200 200" \
		"$(for p in /funding /trust-fund /rates /appeals "/projects/$MINE"; do
			printf '%s ' "$(get "$p" "$WORK/jar.$u")"; done | sed 's/ $//')"
done

serve_stop
