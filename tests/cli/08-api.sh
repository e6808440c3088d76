#!/bin/bash
# 08-api.sh - the JSON API over real HTTP on loopback: `ctmatrix serve` on
# a free port with the shipped 2018 matrix, every route, its errors, ETags,
# the security headers, the access log, many requests at once, and a clean
# stop on SIGTERM; and `ctmatrix request` on a request read from a file.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports" 0 $?

serve_start
check "serve prints the address it listens on ($ADDR)" -- test -n "$ADDR"
URL="http://$ADDR/api/v1"

# get PATH: body to $WORK/b, headers to $WORK/h; prints the status
get() {
	rm -f "$WORK/b"
	: >"$WORK/b"
	curl -s -o "$WORK/b" -D "$WORK/h" -w '%{http_code}' "$@"
}
hdr() { sed -n "s/^$1: //Ip" "$WORK/h" | tr -d '\r'; }

# --- reads ------------------------------------------------------------------
equal "GET /projects is 200" 200 "$(get "$URL/projects")"
equal "GET /projects answers JSON" application/json "$(hdr Content-Type)"
equal "GET /projects: total 176" 176 "$(json j.total "$WORK/b")"
equal "GET /projects: 50 a page unless asked" 50 "$(json j.projects.length "$WORK/b")"
get "$URL/projects?pillar=II&limit=1000" >/dev/null
equal "GET /projects?pillar=II: 56, as the CLI says" \
	"$("$CTM" projects --pillar II --format json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).total))')" \
	"$(json j.total "$WORK/b")"
get "$URL/projects?entity=HCDH&limit=1000" >/dev/null
api_ids=$(json 'j.projects.map(x=>x.id).sort((a,b)=>a-b).join(" ")' "$WORK/b")
"$CTM" projects --entity HCDH --format json >"$WORK/cli.json" 2>/dev/null
equal "GET /projects?entity=HCDH: the same projects as the CLI" \
	"$(ids "$WORK/cli.json")" "$api_ids"
get "$URL/projects?limit=2&offset=2&sort=title" >/dev/null
equal "limit and offset are echoed" "2 2" "$(json 'j.limit+" "+j.offset' "$WORK/b")"
id=$(json 'j.projects[0].id' "$WORK/b")
equal "GET /projects/$id is 200" 200 "$(get "$URL/projects/$id")"
equal "GET /projects/$id: that project, with its activities" "$id true" \
	"$(json 'j.id+" "+(typeof j.activities==="string")' "$WORK/b")"
equal "GET /stats?by=pillar is 200" 200 "$(get "$URL/stats?by=pillar")"
equal "GET /stats?by=pillar: the contract's shape" "176 pillar I:120 II:56" \
	"$(json 'j.total+" "+j.by+" "+j.groups.map(g=>g.key+":"+g.count).join(" ")' "$WORK/b")"
get "$URL/stats?by=entity&country=MLI" >/dev/null
"$CTM" stats --by entity --country MLI --format json >"$WORK/cli.json" 2>/dev/null
equal "GET /stats?by=entity&country=MLI: the CLI's answer" \
	"$(json 'JSON.stringify(j)' "$WORK/cli.json")" "$(json 'JSON.stringify(j)' "$WORK/b")"
equal "GET /findings is 200" 200 "$(get "$URL/findings")"
contains "GET /findings names the repeated serial 26 of pillar II" \
	"duplicate-serial:II:26" \
	"$(json 'j.findings.map(f=>f.kind+":"+f.pillar+":"+f.serial).join(" ")' "$WORK/b")"
get "$URL/projects?search=%C3%89L%C3%88VE%20radicalisation" >/dev/null
equal "a search with accents in the URL is 200" 200 \
	"$(get "$URL/projects?search=%C3%A9l%C3%A8ve")"

equal "GET /framework: four pillars, each named in the six UN languages" \
	"I:ar,en,es,fr,ru,zh II:ar,en,es,fr,ru,zh III:ar,en,es,fr,ru,zh IV:ar,en,es,fr,ru,zh" \
	"$(get "$URL/framework" >/dev/null; json 'j.pillars.map(p=>p.key+":"+Object.keys(p.names).sort()).join(" ")' "$WORK/b")"
get "$URL/organisations" >/dev/null
equal "GET /organisations: OHCHR, UN-Women and WFP with their names" \
	"OHCHR UN-Women WFP" \
	"$(json 'j.organisations.filter(o=>["OHCHR","UN-Women","WFP"].includes(o.key)&&o.name).map(o=>o.key).join(" ")' "$WORK/b")"
get "$URL/places?kind=country" >/dev/null
equal "GET /places?kind=country: Mali with its codes" "MLI ML 466" \
	"$(json '(x=>x.iso3+" "+x.iso2+" "+x.m49)(j.places.find(p=>p.key==="MLI"))' "$WORK/b")"
check "GET /places?kind=country: countries only" -- \
	test "$(json 'j.places.every(p=>p.kind==="country")' "$WORK/b")" = true
get "$URL/places?kind=grouping" >/dev/null
contains "GET /places?kind=grouping: the Sahel is a grouping" sahel \
	"$(json 'j.places.map(p=>p.key).join(" ")' "$WORK/b")"

# --- ETags --------------------------------------------------------------------
get "$URL/stats?by=status" >/dev/null
etag=$(hdr ETag)
check "reads carry an ETag ($etag)" -- test -n "$etag"
equal "If-None-Match with it: 304" 304 \
	"$(get -H "If-None-Match: $etag" "$URL/stats?by=status")"
equal "a 304 has no body" 0 "$(stat -c %s "$WORK/b")"
equal "another query has another ETag: 200" 200 \
	"$(get -H "If-None-Match: $etag" "$URL/stats?by=scope")"
"$CTM" import annex --quiet "$FIX/edge-pillar3.md" >/dev/null 2>&1
equal "after a write the old ETag no longer holds: 200" 200 \
	"$(get -H "If-None-Match: $etag" "$URL/stats?by=status")"

# --- errors: 4xx naming the field, never a 500 ----------------------------------
e() { json 'j.error.code+" "+(j.error.field||"")' "$WORK/b"; }
for case in "projects?pilar=II|400|unknown_parameter pilar" \
	"projects?pillar=VII|400|invalid_parameter pillar" \
	"projects?entity=NOPE|400|invalid_parameter entity" \
	"projects?country=XXX|400|invalid_parameter country" \
	"projects?status=maybe|400|invalid_parameter status" \
	"projects?sort=height|400|invalid_parameter sort" \
	"projects?limit=-1|400|invalid_parameter limit" \
	"projects?limit=0|400|invalid_parameter limit" \
	"projects?limit=5000|400|invalid_parameter limit" \
	"projects?offset=x|400|invalid_parameter offset" \
	"projects?search=%22%2A%28|200|" \
	"projects/0|404|not_found " \
	"projects/abc|404|not_found " \
	"projects/99999|404|not_found id" \
	"stats|400|invalid_parameter by" \
	"stats?by=colour|400|invalid_parameter by" \
	"places?kind=planet|400|invalid_parameter kind" \
	"nothing|404|not_found "; do
	path=${case%%|*} rest=${case#*|}
	st=${rest%%|*} want=${rest#*|}
	equal "GET /api/v1/$path is $st" "$st" "$(get "$URL/$path")"
	[ -n "$want" ] && equal "GET /api/v1/$path: error $want" "$want" "$(e)"
done
equal "GET /api/v2/projects: 404" 404 "$(get "http://$ADDR/api/v2/projects")"
equal "POST /api/v1/stats: 405" 405 "$(get -X POST "$URL/stats")"
equal "405 says what is allowed" "GET, HEAD" "$(hdr Allow)"
equal "a query string that is not UTF-8: 400" 400 "$(get "$URL/projects?search=%FF")"
head -c 9000000 /dev/zero >"$WORK/big"
equal "a body over the limit: 413" 413 \
	"$(get -X POST --data-binary @"$WORK/big" -H 'Content-Type: text/plain' "$URL/projects")"
equal "HEAD /api/v1/projects: 200" 200 "$(get -I "$URL/projects")"

# --- headers and log --------------------------------------------------------------
get "$URL/projects?limit=1" >/dev/null
equal "X-Content-Type-Options: nosniff" nosniff "$(hdr X-Content-Type-Options)"
equal "X-Frame-Options: DENY" DENY "$(hdr X-Frame-Options)"
contains "a Content-Security-Policy" "default-src 'self'" "$(hdr Content-Security-Policy)"
get "$URL/projects?search=a%0Aforged%20line" >/dev/null
contains "the access log has a line per request" \
	"GET /api/v1/projects?limit=1 200" "$(cat "$WORK/serve.log")"
lacks "a newline in a query cannot forge a log line" \
	$'\nforged' "$(cat "$WORK/serve.log")"

# --- many at once -----------------------------------------------------------------
for i in $(seq 40); do
	curl -s -o /dev/null -w '%{http_code}\n' "$URL/projects?limit=20&offset=$i" &
done >"$WORK/many" 2>&1
wait $(jobs -p | grep -v "^$PID$") 2>/dev/null
sleep 0.5
equal "40 requests at once: all 200" 40 "$(grep -c '^200$' "$WORK/many")"

# --- stop -------------------------------------------------------------------------
kill -TERM $PID
for i in $(seq 50); do kill -0 $PID 2>/dev/null || break; sleep 0.1; done
check "SIGTERM stops the server" -- sh -c "! kill -0 $PID 2>/dev/null"
wait $PID
equal "the server exits 0 after SIGTERM" 0 $?

# --- one request from a file ----------------------------------------------------------
printf 'GET /api/v1/stats?by=pillar HTTP/1.1\r\nHost: x\r\n\r\n' >"$WORK/req"
"$CTM" request "$WORK/req" >"$WORK/resp"
equal "request FILE exits 0" 0 $?
contains "request FILE prints the status line" "HTTP/1.1 200 OK" "$(head -1 "$WORK/resp")"
contains "request FILE prints the body" '"by":"pillar"' "$(cat "$WORK/resp")"
printf 'nonsense\n' >"$WORK/req"
"$CTM" request "$WORK/req" >/dev/null 2>"$WORK/err"
equal "a malformed request file exits 1" 1 $?
contains "and says where" "line 1" "$(cat "$WORK/err")"
