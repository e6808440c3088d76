#!/bin/bash
# 39-two-servers.sh - several servers on one database (issue 7, scale out).
#
# Two `ctmatrix serve` on one database, as a load balancer would put them:
# whatever one keeps, the other knows, for it is kept in the database.  A
# change through one is seen at once through the other (API, pages, the
# statistics and counts, the answers each keeps in memory); a session made
# on one is good on the other, and so is the form token it gave, and an
# upload previewed on one is confirmed on the other; failed sign-ins
# counted on one stop sign-ins on the other; signing out on one ends the
# session on both.  Behind a balancer (--proxy), the client's address is
# the last X-Forwarded-For names.  Then --read-db: the reads of GET and
# HEAD go to the read database, writes, sessions and sign-ins to the
# primary, and someone signed in never reads older data than the
# primary's.  On PostgreSQL, the same against a real streaming replica
# (pg_basebackup), its replay paused and resumed.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

PW="a long enough password"
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports" 0 $?
echo "$PW" | "$CTM" user add sec --role secretariat >/dev/null
echo "$PW" | "$CTM" user add view --role viewer >/dev/null
T_SEC=$("$CTM" token sec)
check "two accounts and a token" -- test ${#T_SEC} = 64

# srv_start NAME [ARGS...]: as serve_start, one of several servers: sets
# U_NAME (http://host:port) and PID_NAME; its log is $WORK/NAME.log.
srv_start() {
	local n=$1
	shift
	"$CTM" serve --listen 127.0.0.1:0 "$@" >"$WORK/$n.out" 2>"$WORK/$n.log" &
	eval "PID_$n=\$!"
	for _ in $(seq 50); do
		grep -q 'http://' "$WORK/$n.out" 2>/dev/null && break
		sleep 0.1
	done
	eval "U_$n=http://\$(sed -n 's|.*http://\([^/]*\)/.*|\1|p' \"\$WORK/\$n.out\")"
}
# srv_stop NAME: as serve_stop, for the server NAME of srv_start.
srv_stop() {
	local pid rc
	eval "pid=\$PID_$1"
	kill -TERM "$pid"
	wait "$pid"
	rc=$?
	equal "server $1 stops cleanly" 0 $rc
	lacks "server $1 reported no memory error (under the sanitizers)" \
		"Sanitizer" "$(cat "$WORK/$1.log")"
	lacks "server $1 logged no failure of the database" "database:" \
		"$(cat "$WORK/$1.log")"
	if [ $rc -ne 0 ] || grep -q -e Sanitizer -e database: "$WORK/$1.log"; then
		grep -v -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}T' "$WORK/$1.log" |
			head -40 | sed 's/^/#   /'
	fi
}
title_at() { # title_at URL [TOKEN]: project P's title as the API gives it
	api_call GET "$1/api/v1/projects/$P" "${2:-}" >/dev/null
	json 'j.title' "$WORK/b"
}
pillar_count() { # pillar_count URL PILLAR: the projects of PILLAR (stats)
	api_call GET "$1/api/v1/stats?by=pillar" >/dev/null
	json "(j.groups.find(g=>g.key===\"$2\")||{count:0}).count" "$WORK/b"
}

srv_start one
srv_start two
check "two servers start on one database" -- test "$U_one" != http:// -a "$U_two" != http:// -a "$U_one" != "$U_two"

P=$("$CTM" projects --format json --limit 1 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).projects[0].id))')
T0=$(title_at "$U_two")
check "fixture sanity: project $P has a title" -- test -n "$T0"

# --- what each keeps in memory is primed on two, then changed through one ---
get_two() { B=$U_two get "$@"; }
get_two "/projects/$P" >/dev/null
contains "two shows project $P to the public (kept now)" "$T0" "$(body)"
N2=$(pillar_count "$U_two" II)
check "two counts pillar II (kept now)" -- test "$N2" -gt 0
get_two "/?search=quagga" >/dev/null
lacks "two: no project found for quagga yet (kept now)" "Quagga" "$(body)"
api_call GET "$U_two/api/v1/projects/$P" >/dev/null
ETAG=$(curl -s -D - -o /dev/null "$U_two/api/v1/projects/$P" | sed -n 's/^[Ee][Tt][Aa][Gg]: //p' | tr -d '\r')
equal "two: a read with its own ETag is unchanged (304)" 304 \
	"$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $ETAG" "$U_two/api/v1/projects/$P")"

equal "one: PATCH the title of project $P (secretariat's token): 200" 200 \
	"$(api_call PATCH "$U_one/api/v1/projects/$P" "$T_SEC" '{"title":"Quokka census, changed through server one"}')"
equal "two: the API gives the new title at once" "Quokka census, changed through server one" "$(title_at "$U_two")"
get_two "/projects/$P" >/dev/null
contains "two: the public page shows it at once (its copy was dropped)" "Quokka census, changed through server one" "$(body)"
equal "two: the ETag of before no longer holds (200)" 200 \
	"$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $ETAG" "$U_two/api/v1/projects/$P")"
get_two "/?search=quokka" >/dev/null
contains "two: searching finds it by its new title" "href=\"/projects/$P\"" "$(body)"

NEW='{"title":"Quagga border watch in the Sahel","pillar":"II","status":"ongoing","period":"Jan. 2024–Dec. 2026","entities":["UNICRI"],"places":["Mali"],"scope":["regional"]}'
equal "one: POST a new project in pillar II: 201" 201 \
	"$(api_call POST "$U_one/api/v1/projects" "$T_SEC" "$NEW")"
NEWID=$(json 'j.id' "$WORK/b")
equal "two: the statistics count it at once" "$((N2 + 1))" "$(pillar_count "$U_two" II)"
equal "  the count two kept in the database is of the new data" 0 \
	"$(dbq "SELECT count(*) FROM stats_cache WHERE generation <> (SELECT value FROM store_state WHERE key = 'generation')")"
get_two "/?search=quagga" >/dev/null
contains "two: the public matrix finds it" "href=\"/projects/$NEWID\"" "$(body)"
equal "two: GET /api/v1/projects/$NEWID: 200" 200 "$(api_call GET "$U_two/api/v1/projects/$NEWID")"

# --- a session made on one ---------------------------------------------------
JAR=$WORK/jar
equal "one: sign in as sec through the form: 303" 303 "$(B=$U_one signin sec "$PW" "$JAR")"
equal "two: the public may not see /findings (401)" 401 "$(get_two /findings)"
equal "two: the session cookie of one is good (GET /findings: 200)" 200 "$(get_two /findings "$JAR")"
B=$U_one get "/projects/$P/edit" "$JAR" >/dev/null
equal "one: the edit form, with one's token" 1 "$(grep -c "action=\"/projects/$P/edit\"" "$WORK/b")"
TOKEN=$(csrf)
equal "two: the form of one, posted to two with one's token: 303" 303 \
	"$(B=$U_two formpost "/projects/$P/edit" "$JAR" "activities=Saved through two with the token of one.")"
B=$U_one get "/projects/$P" >/dev/null
contains "one: the public page shows what two saved" "Saved through two with the token of one." "$(body)"
equal "two: a token not the session's is refused (403)" 403 \
	"$(B=$U_two post "/projects/$P/edit" "$JAR" --data-urlencode "csrf=$(printf '%064d' 1)" \
		--data-urlencode "activities=Not saved.")"
check "fixture sanity: the token was the session's" -- test ${#TOKEN} -ge 32

# --- an upload previewed on one is confirmed on two ----------------------------
printf '%s\nII,,Quolls and soft targets in West Africa,since 2024,UNICRI,Ongoing,Guidance.,"Mali, Niger"\n' \
	"$(head -1 "$TOP/data/project-template.csv" | tr -d '\r')" >"$WORK/up.csv"
B=$U_one get /upload "$JAR" >/dev/null
equal "one: a CSV uploaded, previewed: 200" 200 \
	"$(B=$U_one post /upload "$JAR" -F "csrf=$(csrf)" -F format=auto -F "file=@$WORK/up.csv;type=text/csv")"
UP=$(sed -n 's/.*name="upload" value="\([0-9]*\)".*/\1/p' "$WORK/b" | head -1)
check "  waiting for its confirmation" -- test -n "$UP"
equal "two: confirmed there: 200" 200 \
	"$(B=$U_two post /upload/commit "$JAR" --data-urlencode "upload=$UP" --data-urlencode "csrf=$TOKEN")"
contains "  imported" "Imported in one transaction: 1 added" "$(body)"
get_two "/?search=quolls" >/dev/null
contains "  and two's matrix lists it" "Quolls and soft targets in West Africa" "$(body)"
equal "one: it cannot be confirmed again there: 404" 404 \
	"$(B=$U_one post /upload/commit "$JAR" --data-urlencode "upload=$UP" --data-urlencode "csrf=$TOKEN")"

# --- sign-in failures counted on one stop sign-ins on two --------------------
for i in 1 2 3 4 5; do
	equal "one: view's wrong password, try $i: 401" 401 \
		"$(B=$U_one signin view "not the password" "$WORK/jv")"
done
equal "two: view's right password, after five failures on one: 429" 429 \
	"$(B=$U_two signin view "$PW" "$WORK/jv")"
contains "  says why" "Too many failed sign-ins" "$(body)"
equal "two: another account still signs in (the limit is the login's)" 303 \
	"$(B=$U_two signin sec "$PW" "$WORK/j2")"

# xff_fail URL XFF [LOGIN]: a failed sign-in (of LOGIN, "nobody" unless
# given) sent with "X-Forwarded-For: XFF"; the status.  failures ADDR: the
# failed sign-ins counted against ADDR.
xff_fail() {
	rm -f "$WORK/jx"
	B=$1 get /login "$WORK/jx" >/dev/null
	B=$1 post /login "$WORK/jx" -H "X-Forwarded-For: $2" \
		--data-urlencode "login=${3:-nobody}" --data-urlencode password=wrong \
		--data-urlencode "csrf=$(csrf)"
}
failures() { dbq "SELECT count(*) FROM login_failure WHERE key = 'addr:$1'"; }
equal "one (no --proxy): a failed sign-in saying it is for another address: 401" 401 \
	"$(xff_fail "$U_one" 198.51.100.9)"
equal "  counted against the peer's address, not the one it says" 0 "$(failures 198.51.100.9)"

# --- signing out on one ends the session on two ----------------------------
cp "$JAR" "$WORK/jar-kept"
B=$U_one get /account "$JAR" >/dev/null
equal "one: sign out: 303" 303 \
	"$(B=$U_one post /logout "$JAR" --data-urlencode "csrf=$(csrf)")"
equal "two: the cookie kept from before is no good any more (401)" 401 \
	"$(get_two /findings "$WORK/jar-kept")"
equal "one: nor there (401)" 401 "$(B=$U_one get /findings "$WORK/jar-kept")"
equal "two: the other session of sec is still good (200)" 200 "$(get_two /findings "$WORK/j2")"

srv_stop one
srv_stop two

# --- --read-db: a read database that lags -----------------------------------
# A copy of the database stands for a replica that has not caught up: what
# a server gives from it, the primary no longer has.
READ=$WORK/read.db
# (On SQLite, the file is the database once its log is in it: a read-only
# connection, the last to close, leaves the log beside it.)
[ "${CTM_BACKEND:-}" = pg ] ||
	sqlite3 "$CTMATRIX_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
db_copy "$CTMATRIX_DB" "$READ"
RURL=$(db_open_arg "$READ")
srv_start three --read-db "$RURL"
check "a server starts with --read-db" -- test "$U_three" != http://
T1=$(title_at "$U_three")
equal "three: a read gives the read database's title" "Quokka census, changed through server one" "$T1"
equal "three: PATCH the title (a write): 200" 200 \
	"$(api_call PATCH "$U_three/api/v1/projects/$P" "$T_SEC" '{"title":"Written through server three"}')"
equal "  the write is in the primary" "Written through server three" \
	"$(dbq "SELECT title FROM project WHERE id = $P")"
equal "  not in the read database" "Quokka census, changed through server one" \
	"$(dbq --db "$READ" "SELECT title FROM project WHERE id = $P")"
equal "three: the public reads the read database (the title of before)" \
	"Quokka census, changed through server one" "$(title_at "$U_three")"
B=$U_three get "/projects/$P" >/dev/null
contains "  and its page too" "Quokka census, changed through server one" "$(body)"
equal "three: with a token, the primary answers (the read database lags)" \
	"Written through server three" "$(title_at "$U_three" "$T_SEC")"
dbq "DELETE FROM stats_cache"
equal "three: statistics not kept yet, from the read database: 200" 200 \
	"$(api_call GET "$U_three/api/v1/stats?by=pillar&status=ongoing")"
equal "  are not kept in the primary as of its newer data" 0 \
	"$(dbq "SELECT count(*) FROM stats_cache")"
JR=$WORK/jr
equal "three: signing in works (sessions are the primary's): 303" 303 \
	"$(B=$U_three signin sec "$PW" "$JR")"
check "  the session is the primary's only" -- test \
	"$(dbq "SELECT count(*) FROM session")" -gt "$(dbq --db "$READ" "SELECT count(*) FROM session")"
equal "three: GET /findings with it: 200" 200 "$(B=$U_three get /findings "$JR")"
B=$U_three get "/projects/$P" "$JR" >/dev/null
contains "  someone signed in sees the primary's title" "Written through server three" "$(body)"
equal "three: a GET that chooses a language: 200" 200 "$(B=$U_three get "/findings?lang=fr" "$JR")"
equal "  kept as the account's in the primary (a GET's write goes there)" fr \
	"$(dbq "SELECT lang FROM account WHERE login = 'sec'")"
srv_stop three

CTMATRIX_READ_DB=$RURL srv_start four
equal "\$CTMATRIX_READ_DB names the read database as --read-db does" \
	"Quokka census, changed through server one" "$(title_at "$U_four")"
srv_stop four
"$CTM" serve --listen 127.0.0.1:0 --read-db "$(db_open_arg "$WORK/no/such.db")" \
	>"$WORK/o" 2>"$WORK/e"
equal "a read database that cannot be opened stops the server at its start (exit 3)" 3 $?
contains "  and says so" "serve: --read-db:" "$(cat "$WORK/e")"

# --- behind a load balancer: --proxy ------------------------------------------
srv_start six --proxy 192.0.2.1,127.0.0.1
equal "six (--proxy): a failed sign-in through the balancer: 401" 401 \
	"$(xff_fail "$U_six" 198.51.100.7)"
equal "  counted against the client's address" 1 "$(failures 198.51.100.7)"
contains "  which the access log shows" " 198.51.100.7 POST /login 401 " "$(cat "$WORK/six.log")"
equal "six: a chain of addresses: 401" 401 "$(xff_fail "$U_six" "203.0.113.9, 198.51.100.8")"
equal "  counted against the last, the one the balancer added" "1 0" \
	"$(failures 198.51.100.8) $(failures 203.0.113.9)"
N_PEER=$(failures 127.0.0.1)
equal "six: not an address: 401" 401 "$(xff_fail "$U_six" "not-an-address")"
equal "  counted against the balancer's" "$((N_PEER + 1))" "$(failures 127.0.0.1)"
srv_stop six
srv_start seven --proxy 192.0.2.0/24,127.0.0.0/8
equal "seven (--proxy 127.0.0.0/8, a network): through the balancer: 401" 401 \
	"$(xff_fail "$U_seven" 198.51.100.11 nobody7)"
equal "  counted against the client's address" 1 "$(failures 198.51.100.11)"
srv_stop seven
srv_start eight --proxy 192.0.2.0/24
N_PEER=$(failures 127.0.0.1)
equal "eight (--proxy 192.0.2.0/24, not the peer's network): 401" 401 \
	"$(xff_fail "$U_eight" 198.51.100.10 nobody8)"
equal "  the header ignored: counted against the peer" "$((N_PEER + 1)) 0" \
	"$(failures 127.0.0.1) $(failures 198.51.100.10)"
srv_stop eight
"$CTM" serve --listen 127.0.0.1:0 --proxy 10.0.0.0/33 >"$WORK/o" 2>"$WORK/e"
equal "--proxy with a network that is none: a usage error (exit 2)" 2 $?
contains "  naming it" '"10.0.0.0/33"' "$(cat "$WORK/e")"

# --- PostgreSQL: a real streaming replica ------------------------------------
if [ "${CTM_BACKEND:-}" != pg ]; then
	echo "ok - a streaming replica # SKIP on SQLite (PostgreSQL's replication)"
	exit 0
fi
bin=$(pg_bin)
PRIM=$(mktemp -d "${TMPDIR:-/tmp}/ctm-prim.XXXXXX")
REPL=$(mktemp -d "${TMPDIR:-/tmp}/ctm-repl.XXXXXX")
trap 'as_owner "$bin/pg_ctl" -D "$REPL/data" -m immediate -w stop >/dev/null 2>&1;
	rm -rf "$REPL"; "$TOP/tools/pg-cluster" stop "$PRIM"; rm -rf "$WORK"' EXIT
PURL=$("$TOP/tools/pg-cluster" start "$PRIM")
check "a primary of its own (tools/pg-cluster)" -- test -n "$PURL"
[ "$(id -u)" = 0 ] && chown nobody "$REPL"
chmod 700 "$REPL"
check "a replica of it (pg_basebackup -R)" -- as_owner "$bin/pg_basebackup" \
	-h "$PRIM" -U ctmatrix -D "$REPL/data" -R -X stream
check "  started on its own socket" -- as_owner "$bin/pg_ctl" -D "$REPL/data" \
	-l "$REPL/server.log" -w -o "-k $REPL -c listen_addresses=''" start
RPURL="postgresql:///ctmatrix?host=$REPL&user=ctmatrix"
equal "  in recovery (a standby)" t "$(psql -X -A -t -d "$RPURL" -c 'SELECT pg_is_in_recovery()')"
"$CTM_REAL" --db "$PURL" import annex --quiet "$DATA" >/dev/null 2>&1
echo "$PW" | "$CTM_REAL" --db "$PURL" user add sec --role secretariat >/dev/null
T_R=$("$CTM_REAL" --db "$PURL" token sec)
gen() { psql -X -A -t -d "$1" -c "SELECT value FROM store_state WHERE key = 'generation'"; }
caught_up() {
	for _ in $(seq 100); do
		[ "$(gen "$RPURL" 2>/dev/null)" = "$(gen "$PURL")" ] && return 0
		sleep 0.1
	done
	return 1
}
check "the replica catches up with the import" -- caught_up
CTMATRIX_DB=$PURL CTM=$CTM_REAL srv_start five --read-db "$RPURL"
check "a server on the primary reads the replica" -- test "$U_five" != http://
T0=$(title_at "$U_five")
check "  it answers" -- test -n "$T0"
psql -X -q -d "$RPURL" -c 'SELECT pg_wal_replay_pause()' >/dev/null
equal "five: PATCH the title while the replica's replay is paused: 200" 200 \
	"$(api_call PATCH "$U_five/api/v1/projects/$P" "$T_R" '{"title":"Written while the replica waits"}')"
equal "  the public still reads the replica's title" "$T0" "$(title_at "$U_five")"
equal "  the writer, signed in, reads the primary's" "Written while the replica waits" \
	"$(title_at "$U_five" "$T_R")"
JP=$WORK/jp
equal "  signing in works while the replica waits: 303" 303 "$(B=$U_five signin sec "$PW" "$JP")"
equal "  the session is good at once: 200" 200 "$(B=$U_five get /findings "$JP")"
psql -X -q -d "$RPURL" -c 'SELECT pg_wal_replay_resume()' >/dev/null
seen() {
	for _ in $(seq 100); do
		[ "$(title_at "$U_five")" = "Written while the replica waits" ] && return 0
		sleep 0.1
	done
	return 1
}
check "the replay resumed, the public reads the new title" -- seen
srv_stop five
