#!/bin/bash
# tests/browser/run.sh - the pages in a browser and through an HTML
# validator: starts `ctmatrix serve` ($CTM) on a database of its own with
# the 2018 matrix and four accounts, then runs tests/browser/validate.js
# (html-validate on every page, as the public and signed in) and
# tests/browser/run.js (Chromium through playwright-core), which print TAP.
# Needs node, tests/node_modules (`make test` installs them) and Chromium
# ($CHROMIUM, default /usr/bin/chromium; tools/deps installs Debian's).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../cli/common.bash"

HERE=$TOP/tests/browser
: "${CHROMIUM:=/usr/bin/chromium}"
export CHROMIUM

"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports" 0 $?
PASSWORD="a long enough password"
for u in "sec --role secretariat" "fp --role focal_point --entity UNICRI" \
	"adm --role admin" "view --role viewer"; do
	# shellcheck disable=SC2086
	echo "$PASSWORD" | "$CTM" user add $u >/dev/null 2>&1 ||
		echo "not ok - user add $u"
done

# Plans: the CICA draft adopted, with a project behind measure 1; the two
# Paris drafts as revisions of a draft plan.
P=$TOP/data/plans
ID1=$("$CTM" projects --entity UNICRI --format csv --limit 1 2>/dev/null | sed -n '2s/,.*//p')
check "the plans load" -- bash -c "
	'$CTM' plan add cica '$P/cica-plan-of-action-draft-rev2-preamble-pillar-1.txt' --title 'CICA Plan of Action' &&
	'$CTM' plan adopt cica --revision 1 && '$CTM' plan link cica 1 '$ID1' &&
	'$CTM' plan add paris '$P/agreement-23-oct-2015.md' --title 'Paris Agreement' &&
	'$CTM' plan add paris '$P/agreement-4-dec-2015.md'" 

# The lifecycle and the Board: the matrix placed by status, a decision.
PROP=$("$CTM" projects --status in_development --format csv --limit 1 2>/dev/null | sed -n '2s/,.*//p')
check "the matrix is placed, a decision recorded" -- bash -c "
	'$CTM' stage place --from-status && '$CTM' board decide '$PROP' --decision approve \
	--seed 10,000 --round 2018 --meeting 2018-06-12 --reason 'DEMONSTRATION RECORD' --demo"

# Money: a rate, budgets, contributions (one a demonstration record, with
# a donor named with markup) and an appeal, so that the money pages have
# rows, totals and their demo marks.
check "the money is recorded" -- bash -c "
	'$CTM' rates add EUR 1.0843 --date 2018-01-01 &&
	'$CTM' budget set '$ID1' 250,000 --currency EUR --date 2018-06-01 &&
	'$CTM' budget set '$PROP' 120,000 --date 2018-06-01 --demo &&
	'$CTM' contributions add --donor 'Saudi Arabia' --amount 1,000,000 --date 2018-03-01 &&
	'$CTM' contributions add --donor '<b>Donor</b>' --amount 5000 --currency EUR \
		--date 2018-07-01 --project '$ID1' --trust-fund --demo &&
	'$CTM' appeals add demo --title 'An appeal' --projects '$ID1,$PROP' --demo &&
	'$CTM' gender '$ID1' 2"

# Results: a framework on a UNICRI project, an approved report and a draft.
check "results are entered" -- bash -c "
	o=\$('$CTM' results add '$ID1' --level outcome --statement 'People are trained') &&
	i=\$('$CTM' indicators add \$o --name Trained --unit people --target 100 \
		--categories female,male) &&
	'$CTM' report '$ID1' 2019-Q1 --value \$i:female=4 --value \$i:male=5 &&
	'$CTM' report submit '$ID1' 2019-Q1 && '$CTM' report approve '$ID1' 2019-Q1 &&
	'$CTM' report '$ID1' 2019-Q2 --value \$i=3 &&
	'$CTM' areas '$ID1' preventing-violent-extremism"

serve_start
check "the server starts" -- test -n "$ADDR"
[ -n "$ADDR" ] || exit 1
export BASE="http://$ADDR" PASSWORD SEC=sec FP=fp FP_ENTITY=UNICRI ADMIN=adm VIEWER=view

# tap COMMAND...: run a node script that prints TAP; its failures are its
# "not ok" lines, and its exit status counts only when it said none (a
# crash before its report).
tap() {
	"$@" >"$WORK/tap" 2>&1
	local rc=$?
	cat "$WORK/tap"
	if [ $rc -ne 0 ] && ! grep -q '^not ok' "$WORK/tap"; then
		echo "not ok - $* exited with status $rc"
	fi
}

if [ -d "$TOP/tests/node_modules/html-validate" ]; then
	tap node "$HERE/validate.js"
else
	echo "not ok - html-validate is installed in tests/node_modules (make test installs it)"
fi
if [ ! -d "$TOP/tests/node_modules/playwright-core" ]; then
	echo "not ok - playwright-core is installed in tests/node_modules (make test installs it)"
elif [ ! -x "$CHROMIUM" ]; then
	echo "not ok - Chromium is at $CHROMIUM (tools/deps installs Debian's chromium)"
else
	tap node "$HERE/run.js"
fi

kill -TERM "$PID"
wait "$PID"
equal "the server stops cleanly" 0 $?
exit 0
