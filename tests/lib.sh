# tests/lib.sh - helpers for the CLI tests (sourced by tests/cli/*.sh).
#
# Each test script drives the real binary ($CTM, default build/ctmatrix)
# on a database of its own under $TMPDIR, and prints TAP-style lines:
# "ok - what" or "not ok - what" (with details after, indented "# ").
# tests/run counts them.  A script's own failure (non-zero exit) counts as
# one more failure.

set -u
# The tests read English unless they ask for a language: the language of
# the environment (src/text/lang.h) is not theirs.
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
: "${CTM:=$PWD/build/ctmatrix}"
: "${TOP:=$PWD}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ctm-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export CTMATRIX_DB="$WORK/test.db"

# ok CONDITION_EXIT_CODE DESCRIPTION
_report() {
	if [ "$1" -eq 0 ]; then echo "ok - $2"; else echo "not ok - $2"; fi
}

# check DESCRIPTION -- COMMAND...: passes when COMMAND exits 0.
check() {
	desc=$1; shift; [ "$1" = "--" ] && shift
	if out=$("$@" 2>&1); then
		_report 0 "$desc"
	else
		_report 1 "$desc"
		printf '%s\n' "$out" | head -20 | sed 's/^/#   /'
	fi
}

# equal DESCRIPTION EXPECTED ACTUAL
equal() {
	if [ "$2" = "$3" ]; then
		_report 0 "$1"
	else
		_report 1 "$1"
		printf '#   expected: %s\n#   actual:   %s\n' "$2" "$3"
	fi
}

# contains DESCRIPTION NEEDLE HAYSTACK
contains() {
	case "$3" in
	*"$2"*) _report 0 "$1" ;;
	*) _report 1 "$1"; printf '#   missing: %s\n' "$2";
	   printf '%s\n' "$3" | head -10 | sed 's/^/#   in: /' ;;
	esac
}

# lacks DESCRIPTION NEEDLE HAYSTACK
lacks() {
	case "$3" in
	*"$2"*) _report 1 "$1"; printf '#   unexpected: %s\n' "$2" ;;
	*) _report 0 "$1" ;;
	esac
}

# status DESCRIPTION EXPECTED_EXIT -- COMMAND...
status() {
	desc=$1; want=$2; shift 2; [ "$1" = "--" ] && shift
	"$@" >/dev/null 2>&1
	got=$?
	equal "$desc (exit $want)" "$want" "$got"
}

# jq-like access without jq: python3 is not guaranteed, so use the
# binary's own JSON through a tiny awk-free path: tests use node when
# present, else python3.  json EXPR FILE prints the value of a JS
# expression over the parsed JSON in variable j.
json() {
	# An expression that is none is the test's own mistake, not a
	# result: said on standard output, where a comparison sees it (as
	# an empty answer it once made a comparison of two lists pass).
	node -e 'const e = process.argv[1];
		let f;
		try { f = new Function("j", "return (" + e + ")"); }
		catch (x) { console.log("json: not an expression: " + e); process.exit(2); }
		const j = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
		const v = f(j);
		console.log(typeof v === "string" ? v : JSON.stringify(v));' "$1" "$2"
}
