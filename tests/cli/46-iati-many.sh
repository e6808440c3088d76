#!/bin/bash
# 46-iati-many.sh - the identifiers an IATI import has met, past what it
# keeps of them in memory (src/core/fpset.c: the newest 65,536; the older
# ones in a sorted temporary file behind a Bloom filter).  A file of
# 70,007 activities whose identifiers repeat both in memory and in the
# file: each repeat is found and reported with its line, the relevance
# rule's first copy kept is the one imported, whether the copy before it
# that the rule left out is in memory or in the file; importing again
# changes nothing; with --relevant all every first copy is imported.  A
# $TMPDIR where no file can be made fails the import with a message
# that names it, and the database is left as it was.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

MANY=$WORK/many.xml
# One activity a line: the activity of line L is the (L-2)th.  XM-T-OUT-1
# and -2 are left out by the rule (no keyword, no sector); the 70,000
# others are kept by the keyword "terrorism" of their titles.  After
# them: a kept one again (in the file by then), a left-out copy of a kept
# one (in the file), the first kept copy of OUT-1, a left-out copy of
# OUT-2, a kept one again (still in memory).
awk 'function act(id, title) {
		printf "<iati-activity><iati-identifier>%s</iati-identifier>", id
		printf "<title><narrative>%s</narrative></title></iati-activity>\n", title
	}
	BEGIN {
		print "<?xml version=\"1.0\"?>"
		print "<iati-activities version=\"2.03\">"
		act("XM-T-OUT-1", "Rural roads")
		act("XM-T-OUT-2", "Rural roads")
		for (n = 1; n <= 70000; n++)
			act("XM-T-" n, "Countering terrorism " n)
		act("XM-T-5", "Countering terrorism again")
		act("XM-T-30000", "Rural roads")
		act("XM-T-OUT-1", "Countering terrorism, the first copy kept")
		act("XM-T-OUT-2", "Rural roads")
		act("XM-T-69999", "Countering terrorism again")
		print "</iati-activities>"
	}' >"$MANY"

# counts FILE: activities added updated unchanged skipped repeated
counts() {
	json '[j.activities,j.added,j.updated,j.unchanged,j.skipped,j.repeated].join(" ")' "$1"
}
title() {
	dbq --db "${2:-$CTMATRIX_DB}" "SELECT title FROM project WHERE source_key = 'iati:$1'"
}

"$CTM" init >/dev/null 2>&1
"$CTM" import iati "$MANY" --format json >"$WORK/rep.json" 2>"$WORK/notes.txt"
equal "70,007 activities import" 0 $?
equal "  70,001 added, 2 left out by the rule, 4 repeated" \
	"70007 70001 0 0 2 4" "$(counts "$WORK/rep.json")"
equal "  each repeat reported with its line, and none else" \
	"many.xml:70005: iati-repeated: iati-identifier \"XM-T-5\"
many.xml:70006: iati-repeated: iati-identifier \"XM-T-30000\"
many.xml:70008: iati-repeated: iati-identifier \"XM-T-OUT-2\"
many.xml:70009: iati-repeated: iati-identifier \"XM-T-69999\"" \
	"$(sed -E 's|^.*/||; s/ met before.*//' "$WORK/notes.txt")"
equal "  a project for each identifier kept" 70001 \
	"$(dbq "SELECT count(*) FROM project WHERE source_key LIKE 'iati:XM-T-%'")"
equal "  the first copy is the one imported" "Countering terrorism 5" \
	"$(title XM-T-5)"
equal "  the copy the rule left out does not stand in the way of a later one" \
	"Countering terrorism, the first copy kept" "$(title XM-T-OUT-1)"
equal "  what the rule left out is not imported" "" "$(title XM-T-OUT-2)"

"$CTM" import iati "$MANY" --format json >"$WORK/rep.json" 2>"$WORK/notes.txt"
equal "again: every project unchanged, the same repeats" \
	"70007 0 0 70001 2 4" "$(counts "$WORK/rep.json")"

ALL=$WORK/all.db
"$CTM" --db "$ALL" init >/dev/null 2>&1
"$CTM" --db "$ALL" import iati "$MANY" --relevant all --format json \
	>"$WORK/rep.json" 2>"$WORK/notes.txt"
equal "--relevant all: every first copy added, 5 repeated" \
	"70007 70002 0 0 0 5" "$(counts "$WORK/rep.json")"
equal "  the first copy of each" "Rural roads|Rural roads" \
	"$(title XM-T-OUT-1 "$ALL")|$(title XM-T-OUT-2 "$ALL")"

# --- a $TMPDIR where nothing can be made ----------------------------------
NONE=$WORK/none.db
rows() {
	dbq --db "$NONE" "SELECT (SELECT count(*) FROM project) || ' ' ||
	    (SELECT count(*) FROM iati_activity)"
}
"$CTM" --db "$NONE" init >/dev/null 2>&1
"$CTM" --db "$NONE" import iati --relevant all --quiet \
	"$TOP/tests/data/iati/activity-standard-example-annotated-2.03.xml" \
	>/dev/null 2>&1
before=$(rows)
check "a database with an activity in it" -- test "$before" = "1 1"
TMPDIR=$WORK/absent "$CTM" --db "$NONE" import iati "$MANY" \
	>"$WORK/out.txt" 2>"$WORK/err.txt"
equal "no temporary file: the import fails (exit 1)" 1 $?
contains "  saying why and where" \
	"cannot create their temporary file in $WORK/absent: No such file or directory" \
	"$(cat "$WORK/err.txt")"
contains "  and that nothing was imported" "nothing was imported" \
	"$(cat "$WORK/err.txt")"
equal "  the database as it was" "$before" "$(rows)"
