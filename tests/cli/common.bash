# tests/cli/common.bash - sourced by tests/cli/*.sh after tests/lib.sh.
# (Not a test itself: tests/run runs only tests/cli/*.sh.)
#

DATA=$TOP/data/ctitf-matrix-2018-pillars-1-2.md

FIX=$TOP/tests/data

# --- the database, whichever the backend ---------------------------------
# Under CTM_BACKEND=pg (tests/run), $CTM is tests/pg-ctm and a database
# path names a database of a private PostgreSQL cluster; these helpers
# reach the database a path names there as sqlite3 reaches the file.
#
# dbq [--db PATH] SQL: run SQL (one or more statements) on the database of
# PATH (default $CTMATRIX_DB) and print its rows as sqlite3 does: columns
# split by "|", no header, NULL empty.  SQL must read the same on both
# (booleans print 1 and 0 on SQLite, t and f on PostgreSQL: count them).
dbq() {
	local db=$CTMATRIX_DB
	if [ "$1" = --db ]; then
		db=$2
		shift 2
	fi
	if [ "${CTM_BACKEND:-}" = pg ]; then
		psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$("$CTM" --url --db "$db")" \
			<<<"$1"
	else
		sqlite3 "$db" "$1"
	fi
}
# dbq_json SELECT: the rows of SELECT on $CTMATRIX_DB as a JSON array of
# objects, as sqlite3 -json prints them.
dbq_json() {
	if [ "${CTM_BACKEND:-}" = pg ]; then
		dbq "SELECT coalesce(json_agg(r), '[]') FROM ($1) AS r"
	else
		sqlite3 -json "$CTMATRIX_DB" "$1"
	fi
}
# db_dump [PATH]: the whole database of PATH (default $CTMATRIX_DB) as SQL
# text, to look for what must not be in it.
db_dump() {
	if [ "${CTM_BACKEND:-}" = pg ]; then
		pg_dump -d "$("$CTM" --url --db "${1:-$CTMATRIX_DB}")"
	else
		sqlite3 "${1:-$CTMATRIX_DB}" .dump
	fi
}
# sql_hex EXPR: the SQL, in the backend's dialect, of EXPR's bytes (a
# blob) in lower-case hexadecimal.
sql_hex() {
	if [ "${CTM_BACKEND:-}" = pg ]; then
		echo "encode($1, 'hex')"
	else
		echo "lower(hex($1))"
	fi
}
# db_open_arg PATH: the database of PATH as a program that opens it itself
# (store_open) is to be given it: PATH on SQLite, its URL on PostgreSQL.
db_open_arg() {
	if [ "${CTM_BACKEND:-}" = pg ]; then
		"$CTM" --url --db "$1"
	else
		printf '%s\n' "$1"
	fi
}
# db_exists PATH: 0 when the database of PATH exists (on SQLite, a file
# that is not empty).
db_exists() {
	if [ "${CTM_BACKEND:-}" = pg ]; then
		psql -X -q -A -t -d "$("$CTM" --url --db "$1")" -c 'SELECT 1' \
			>/dev/null 2>&1
	else
		test -s "$1"
	fi
}
# db_copy FROM TO: the database of TO made a copy of FROM's (which no
# command may have open).
db_copy() {
	if [ "${CTM_BACKEND:-}" = pg ]; then
		local from to
		from=$("$CTM" --url --db "$1")
		to=$("$CTM" --url --db "$2")
		from=${from#postgresql:///} to=${to#postgresql:///}
		psql -X -q -d "postgresql:///postgres?host=$CTM_PG_DIR&user=ctmatrix" \
			-c "CREATE DATABASE \"${to%%\?*}\" TEMPLATE \"${from%%\?*}\"" &&
			: >"$CTM_PG_DIR/made-${to%%\?*}"
	else
		cp "$1" "$2"
	fi
}
# db_remove PATH: the database of PATH gone, as if never made.
db_remove() {
	if [ "${CTM_BACKEND:-}" = pg ]; then
		local url
		url=$("$CTM" --url --db "$1")
		url=${url#postgresql:///}
		psql -X -q -d "postgresql:///postgres?host=$CTM_PG_DIR&user=ctmatrix" \
			-c "DROP DATABASE IF EXISTS \"${url%%\?*}\"" &&
			rm -f "$CTM_PG_DIR/made-${url%%\?*}"
	else
		rm -f "$1" "$1-wal" "$1-shm" "$1-journal"
	fi
}
# on_sqlite REASON: 0 on SQLite; on PostgreSQL, print a TAP line skipping
# what REASON names (which is about the SQLite file) and return 1.
on_sqlite() {
	[ "${CTM_BACKEND:-}" = pg ] || return 0
	echo "ok - $1 # SKIP on PostgreSQL (about the SQLite file)"
	return 1
}

# ids FILE: the ids of the projects of a `projects --format json` output, sorted
ids() {
	json 'j.projects.map(x=>x.id).sort((a,b)=>a-b).join(" ")' "$1"
}

# same DESC A B: the snapshots $WORK/snap-A and $WORK/snap-B (directories
# a test's own snapshot function fills) are identical
same() { # same DESC A B: the snapshots A and B are identical
	if diff -r "$WORK/snap-$2" "$WORK/snap-$3" >"$WORK/diff" 2>&1; then
		_report 0 "$1"
	else
		_report 1 "$1"
		head -20 "$WORK/diff" | sed 's/^/#   /'
	fi
}

# subset "A B C" "A B C D": exit 0 when every word of $1 is in $2
subset() {
	for w in $1; do
		case " $2 " in *" $w "*) ;; *) return 1 ;; esac
	done
	return 0
}

# csvrows FILE: the records of an RFC 4180 file as JSON arrays, one a line
# (the header first); fails on a bare quote, a LF without CR, an unclosed
# field.
cat >"$WORK/csv.js" <<'EOF'
const t = require("fs").readFileSync(process.argv[2], "utf8");
const recs = []; let rec = [], f = "", i = 0, q = false;
if (t.charCodeAt(0) === 0xfeff) throw new Error("byte-order mark");
while (i < t.length) {
	const c = t[i];
	if (q) {
		if (c === '"' && t[i + 1] === '"') { f += '"'; i += 2; continue; }
		if (c === '"') { q = false; i++; continue; }
		f += c; i++; continue;
	}
	if (c === '"') { if (f !== "") throw new Error("quote inside a field"); q = true; i++; continue; }
	if (c === ",") { rec.push(f); f = ""; i++; continue; }
	if (c === "\r" && t[i + 1] === "\n") { rec.push(f); recs.push(rec); rec = []; f = ""; i += 2; continue; }
	if (c === "\n" || c === "\r") throw new Error("bare line break at " + i);
	f += c; i++;
}
if (q) throw new Error("unclosed quote");
if (f !== "" || rec.length) throw new Error("no CRLF after the last record");
for (const r of recs) console.log(JSON.stringify(r));
EOF
csvrows() { node "$WORK/csv.js" "$1"; }

# serve_start: start `ctmatrix serve` on a free loopback port; sets PID and
# ADDR (host:port, empty if it did not start); its standard error (the
# access log) goes to $WORK/serve.log.
serve_start() {
	"$CTM" serve --listen 127.0.0.1:0 >"$WORK/serve.out" 2>"$WORK/serve.log" &
	PID=$!
	for _ in $(seq 50); do
		grep -q 'http://' "$WORK/serve.out" 2>/dev/null && break
		sleep 0.1
	done
	ADDR=$(sed -n 's|.*http://\([^/]*\)/.*|\1|p' "$WORK/serve.out")
}

# serve_stop: stop the server of serve_start; it must stop cleanly (exit
# status 0) and have reported no memory error under the sanitizers; when
# not, its log's first lines are shown as comments, to see why.
serve_stop() {
	local rc
	kill -TERM "$PID"
	wait "$PID"
	rc=$?
	equal "the server stops cleanly" 0 $rc
	lacks "the server reported no memory error (under the sanitizers)" \
		"Sanitizer" "$(cat "$WORK/serve.log")"
	if [ $rc -ne 0 ] || grep -q Sanitizer "$WORK/serve.log"; then
		grep -v -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}T' "$WORK/serve.log" |
			head -60 | sed 's/^/#   /'
	fi
}

# --- HTTP against the server at $B (serve_start; B="http://$ADDR") ---------
# get PATH [JAR] / post PATH JAR CURL_ARGS...: print the status; the body is
# in $WORK/b, the headers in $WORK/h; the jar (a file) keeps the cookies.
get() {
	local j=()
	[ -n "${2:-}" ] && j=(-b "$2" -c "$2")
	curl -s -o "$WORK/b" -D "$WORK/h" -w '%{http_code}' "${j[@]}" "$B$1"
}
post() {
	local p=$1 j=()
	[ -n "${2:-}" ] && j=(-b "$2" -c "$2")
	shift 2
	curl -s -o "$WORK/b" -D "$WORK/h" -w '%{http_code}' "${j[@]}" "$@" "$B$p"
}
body() { cat "$WORK/b"; }
# api_call METHOD URL [TOKEN [BODY]]: an API request, with a bearer token
# when TOKEN is not empty; prints the status, the body in $WORK/b (empty
# when the server did not answer)
api_call() {
	: >"$WORK/b"
	local auth=()
	[ -n "${3:-}" ] && auth=(-H "Authorization: Bearer $3")
	curl -s -o "$WORK/b" -w '%{http_code}' -X "$1" "${auth[@]}" \
		${4:+--data-binary "$4"} "$2"
}
# hdr NAME: the value of the last reply's header NAME (the first if several)
hdr() { grep -i "^$1:" "$WORK/h" | head -1 | cut -d' ' -f2- | tr -d '\r'; }
hdrs() { grep -i "^$1:" "$WORK/h" | cut -d' ' -f2- | tr -d '\r'; }
# the CSRF token of the first form of the last page
csrf() { grep -o 'name="csrf" value="[^"]*"' "$WORK/b" | head -1 | sed 's/.*value="//;s/"$//'; }
# signin LOGIN PASSWORD JAR: through the form, as a browser; prints the status
signin() {
	rm -f "$3"
	get /login "$3" >/dev/null
	local t
	t=$(csrf)
	post /login "$3" --data-urlencode "login=$1" --data-urlencode "password=$2" \
		--data-urlencode "csrf=$t"
}

# The fields of the form whose action is $2 in the page $1, as a browser
# would send them, urlencoded; NAME=VALUE arguments replace a field
# (every value of it; scope=a,b gives several), -NAME drops it.
cat >"$WORK/form.js" <<'EOF'
const fs = require("fs");
const [file, action, ...over] = process.argv.slice(2);
const html = fs.readFileSync(file, "utf8");
const un = (s) => s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|#39);/gi, (m, e) =>
	e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
	: { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[e.toLowerCase()]);
const attrs = (t) => { const a = {}; for (const m of t.matchAll(/([a-z-]+)(?:="([^"]*)")?/gi)) a[m[1].toLowerCase()] = m[2] === undefined ? "" : un(m[2]); return a; };
const start = html.search(new RegExp('<form[^>]*action="' + action.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + '"'));
if (start < 0) { console.error("no form with action " + action); process.exit(1); }
const form = html.slice(start, html.indexOf("</form>", start));
const fields = [];
for (const m of form.matchAll(/<(input|select|textarea)\b([^>]*)>([\s\S]*?)(?=<(?:input|select|textarea)\b|$)/gi)) {
	const a = attrs(m[2]), tag = m[1].toLowerCase();
	if (a.name === undefined || "disabled" in a) continue;
	if (tag === "input") {
		const type = (a.type || "text").toLowerCase();
		if (["submit", "button", "file", "image", "reset"].includes(type)) continue;
		if ((type === "checkbox" || type === "radio") && !("checked" in a)) continue;
		fields.push([a.name, a.value === undefined ? (type === "checkbox" ? "on" : "") : a.value]);
	} else if (tag === "textarea") {
		const t = m[3].slice(0, m[3].indexOf("</textarea>"));
		fields.push([a.name, un(t.replace(/^\r?\n/, ""))]);
	} else {
		const inner = m[3].slice(0, m[3].indexOf("</select>"));
		const opts = [...inner.matchAll(/<option\b([^>]*)>([^<]*)/gi)].map((o) => [attrs(o[1]), o[2]]);
		const sel = opts.find((o) => "selected" in o[0]) || opts[0];
		if (sel) fields.push([a.name, sel[0].value !== undefined ? sel[0].value : un(sel[1])]);
	}
}
let out = fields;
for (const o of over) {
	if (o[0] === "-") { out = out.filter((f) => f[0] !== o.slice(1)); continue; }
	const i = o.indexOf("="), n = o.slice(0, i), v = o.slice(i + 1);
	const at = out.findIndex((f) => f[0] === n);
	const vals = n === "scope" ? v.split(",").filter(Boolean).map((x) => [n, x]) : [[n, v]];
	out = out.filter((f) => f[0] !== n);
	out.splice(at < 0 ? out.length : at, 0, ...vals);
}
process.stdout.write(out.map(([n, v]) => encodeURIComponent(n) + "=" + encodeURIComponent(v).replace(/%20/g, "+")).join("&"));
EOF
# formpost ACTION JAR [NAME=VALUE|-NAME...]: post the form of the last page
formpost() {
	local action=$1 jar=$2
	shift 2
	node "$WORK/form.js" "$WORK/b" "$action" "$@" >"$WORK/form.body" ||
		{ echo 000; return; }
	post "$action" "$jar" --data-binary @"$WORK/form.body"
}

# pg_bin: PostgreSQL's programs, the newest installed (empty when none).
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

# pg_own_cluster WHAT: for a test of the SQLite suites that needs a
# PostgreSQL cluster of its own (the PostgreSQL suite's is shared by every
# test): skip it (exit) in the PostgreSQL suite, or when PostgreSQL is not
# installed, saying WHAT is skipped; else start a private cluster on a
# unix socket (tools/pg-cluster), removed at exit, in $PGDIR, its URL in
# $URL.  Not under $WORK: its owner (nobody, as root) must reach it.
pg_own_cluster() {
	if [ "${CTM_BACKEND:-}" = pg ]; then
		echo "ok - $1 # SKIP in the SQLite suites only"
		exit 0
	fi
	if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
		echo "ok - $1 # SKIP (PostgreSQL is not installed: apt-get install postgresql)"
		exit 0
	fi
	PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/ctm-pg.XXXXXX")
	trap '"$TOP/tools/pg-cluster" stop "$PGDIR"; rm -rf "$WORK" "$PGDIR"' EXIT
	URL=$("$TOP/tools/pg-cluster" start "$PGDIR" 2>"$WORK/cluster.err")
	check "a private cluster starts on a unix socket" -- test -n "$URL"
	[ -n "$URL" ] || { sed 's/^/#   /' "$WORK/cluster.err"; exit 1; }
}
# as_owner CMD...: a command run as a private cluster's owner (nobody,
# when the tests run as root: tools/pg-cluster makes it so).
as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}
