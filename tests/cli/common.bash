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
