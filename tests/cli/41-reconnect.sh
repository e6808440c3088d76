#!/bin/bash
# 41-reconnect.sh - `ctmatrix serve` on PostgreSQL outlives its database
# server: when the server restarts, each worker finds its connection lost
# before its next request and opens the database again, so that no
# request fails for it; while the server is down, requests are answered
# 503 (not 500), and when it is back, they are served again, writes
# included.  A private cluster (tools/pg-cluster) is stopped and started
# under the running ctmatrix.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

# Run in the SQLite suites, with a cluster of its own: the PostgreSQL
# suite's cluster is shared by every test and is not to be restarted.
pg_own_cluster "a server restarted under ctmatrix serve"
bin=$(pg_bin)
# pg_ctl ARGS... on it; restart takes the options it was started with
# again (postmaster.opts), start is given them: its socket directory, no
# TCP.
pg() { as_owner "$bin/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w "$@" >/dev/null; }

"$CTM" --db "$URL" import annex --quiet "$DATA" >/dev/null 2>&1
check "the matrix imported into PostgreSQL" -- \
	test "$("$CTM" --db "$URL" projects --format csv | wc -l)" -gt 100
PW="a long enough password"
echo "$PW" | "$CTM" --db "$URL" user add sec --role secretariat >/dev/null
T=$("$CTM" --db "$URL" token sec)
CTMATRIX_DB=$URL serve_start
check "ctmatrix serve on it" -- test -n "$ADDR"
B="http://$ADDR"

# Every request below is asked more times than the server has threads
# (one per core), so that each worker meets the restart.
codes() {
	local out=""
	for i in 1 2 3 4 5 6; do
		out="$out $(curl -s -o "$WORK/b" -w '%{http_code}' "$B$1")"
	done
	echo "$out"
}
equal "before: /api/v1/projects/1, six times: 200" " 200 200 200 200 200 200" \
	"$(codes /api/v1/projects/1)"

check "the database server restarts (pg_ctl restart -m fast)" -- pg -m fast restart
equal "after: six requests, none failed for it: 200" " 200 200 200 200 200 200" \
	"$(codes /api/v1/projects/2)"
equal "  and the pages: 200" " 200 200 200 200 200 200" "$(codes /)"
contains "  the log says the connection was lost and opened again" \
	"the database connection was lost: opened again" "$(cat "$WORK/serve.log")"

check "the database server stops" -- pg -m fast stop
got=$(codes /api/v1/projects/3)
equal "while it is down: 503, not 500" " 503 503 503 503 503 503" "$got"
equal "  said as unavailable" unavailable "$(json j.error.code "$WORK/b")"

check "the database server starts again" -- pg -o "-k $PGDIR -c listen_addresses=''" start
equal "back: served again: 200" " 200 200 200 200 200 200" \
	"$(codes /api/v1/projects/3)"
equal "  a write through the API: PATCH 200" 200 \
	"$(api_call PATCH "$B/api/v1/projects/4" "$T" '{"title":"Written after a restart"}')"
equal "  and it is in the database" "Written after a restart" \
	"$(psql -X -A -t -d "$URL" -c 'SELECT title FROM project WHERE id = 4')"
serve_stop
