#!/usr/bin/env bash
# corrupt_files.sh - damaged result files (issue 11, item 16): seeded byte flips over a
# run file and a sweep part. `protsim info` on each, `protsim merge` of each damaged
# part with its intact partner and `sweep --resume` on some: every one ends within its
# time limit with exit 0 (the damage missed what it reads: nothing on stderr), or 1 or 2
# with one line on stderr; never a signal, a hang or a huge allocation (address space
# capped in the optimised build; the largest resident size of all checked at the end);
# a failed merge leaves no file.
. "$(dirname "$0")/lib.sh"
cd "$WORK"
SWEEP="$SRC/scenarios/sweeps/small.cfg"
"$BIN" run "$SRC/scenarios/small_world.cfg" --set time.end=2009-06 -o run.h5 --quiet &&
  "$BIN" sweep "$SWEEP" --shard 1/2 -o p1.h5 --quiet &&
  "$BIN" sweep "$SWEEP" --shard 2/2 -o p2.h5 --quiet || { fail "cannot make the files"; finish; exit; }
asan=0
ldd "$BIN" | grep -q libasan && asan=1
$PY - "$BIN" "$SWEEP" "$asan" <<'PY' >"$WORK/flips" || fail "the flip driver failed"
import os, random, resource, shutil, subprocess, sys
BIN, SWEEP, ASAN = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
FLIPS = {"run.h5": 150, "p1.h5": 150}   # per file; merges for every p1 flip
RESUMES = 10                            # sweep --resume on the first flips of p1
LIMIT = 2 << 30                         # address space of one command (optimised build)
env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0:allocator_may_return_null=1:"
           "max_allocation_size_mb=1024")
rng = random.Random(16)
problems, runs = [], 0


def cap():
    if not ASAN:
        resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def check(what, args, timeout=20, product=None):
    global runs
    runs += 1
    try:
        p = subprocess.run(args, capture_output=True, text=True, errors="replace",
                           timeout=timeout, env=env, preexec_fn=cap)
    except subprocess.TimeoutExpired:
        problems.append("%s: no end within %d s" % (what, timeout))
        return
    err = p.stderr.splitlines()
    if p.returncode < 0 or p.returncode > 2:
        problems.append("%s: exit %d, %s" % (what, p.returncode, p.stderr[-300:]))
    elif p.returncode == 0 and err:
        problems.append("%s: exit 0 with %s" % (what, err[:2]))
    elif p.returncode > 0 and len(err) != 1:
        problems.append("%s: exit %d with %d lines: %s" % (what, p.returncode, len(err),
                                                           p.stderr[-300:]))
    if product and p.returncode != 0 and os.path.exists(product):
        problems.append("%s: failed and left %s" % (what, product))
    if product and os.path.exists(product):
        os.remove(product)


for name, n in FLIPS.items():
    data = open(name, "rb").read()
    for k in range(n):
        at = rng.randrange(len(data))
        bad = bytearray(data)
        bad[at] ^= rng.randrange(1, 256)
        path = "bad-" + name
        open(path, "wb").write(bad)
        what = "%s flip %d (byte %d)" % (name, k, at)
        check("info " + what, [BIN, "info", path])
        if name == "p1.h5":
            check("merge " + what, [BIN, "merge", path, "p2.h5", "-o", "m.h5"],
                  product="m.h5")
        if name == "p1.h5" and k < RESUMES:
            check("resume " + what, [BIN, "sweep", SWEEP, "--shard", "1/2", "-o", path,
                                     "--resume", "--quiet"], timeout=60)
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kB, the largest child
if rss > 1 << 20:
    problems.append("a command reached %d MB resident" % (rss >> 10))
print("%d commands, largest resident %d MB" % (runs, rss >> 10))
for p in problems:
    print("PROBLEM", p)
PY
cat "$WORK/flips"
if grep -q '^PROBLEM' "$WORK/flips"; then
  fail "$(grep -c '^PROBLEM' "$WORK/flips") damaged files mishandled (above)"
else
  pass
fi
finish
