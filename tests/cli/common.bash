# tests/cli/common.bash - sourced by tests/cli/*.sh after tests/lib.sh.
# (Not a test itself: tests/run runs only tests/cli/*.sh.)
#
# lib.sh's json() reads process.argv[2], but `node -e SCRIPT ARG` puts ARG
# in process.argv[1], so it always fails; until lib.sh is fixed, this
# version reads the last argument, which is right either way.
json() {
	node -e 'const fs=require("fs");const j=JSON.parse(fs.readFileSync(process.argv[process.argv.length-1],"utf8"));const v=('"$1"');console.log(typeof v==="string"?v:JSON.stringify(v));' "$2"
}

DATA=$TOP/data/ctitf-matrix-2018-pillars-1-2.md
FIX=$TOP/tests/data

# ids FILE: the ids of the projects of a `projects --format json` output, sorted
ids() {
	json 'j.projects.map(x=>x.id).sort((a,b)=>a-b).join(" ")' "$1"
}

# subset "A B C" "A B C D": exit 0 when every word of $1 is in $2
subset() {
	for w in $1; do
		case " $2 " in *" $w "*) ;; *) return 1 ;; esac
	done
	return 0
}
