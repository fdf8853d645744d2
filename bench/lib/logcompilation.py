#!/usr/bin/env python3
"""Summarises a HotSpot -XX:+LogCompilation file: where the JIT's time went and what it redid.

Usage: logcompilation.py LOGFILE [TOP [FROM_S TO_S]]   (FROM_S..TO_S: only compiles and traps that
started in that span of seconds after the JVM's start)

Compile time is the task's wall time on its compiler thread (task_done stamp minus task stamp),
so on a loaded box it includes waiting for a core; counts and bytes are exact. An uncommon trap is
a compiled method meeting a case its profile said never happens; with action 'reinterpret' or
'make_not_entrant' the compiled code is thrown away and the method compiles again later.
"""
import collections
import re
import sys

ATTR = re.compile(r"(\w+)='([^']*)'")


def attrs(line):
    return dict(ATTR.findall(line))


def method_name(m):
    # 'java/util/HashMap hash (Ljava/lang/Object;)I' -> 'java.util.HashMap.hash'
    parts = m.split(" ")
    return parts[0].replace("/", ".") + "." + (parts[1] if len(parts) > 1 else "?")


def package(name):
    if name.startswith("dev.vigil.server."):
        return ".".join(name.split(".")[:4])
    if name.startswith("dev.vigil."):
        return ".".join(name.split(".")[:3])
    return ".".join(name.split(".")[:2])


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    lo = float(sys.argv[3]) if len(sys.argv) > 3 else float("-inf")
    hi = float(sys.argv[4]) if len(sys.argv) > 4 else float("inf")
    within = lambda a: lo <= float(a.get("stamp", "0") or 0) < hi
    tasks = []  # (method, level, bytes, seconds, nmsize, inlined)
    traps = collections.Counter()
    trap_where = collections.Counter()
    not_entrant = 0
    current = None
    pending_trap = None
    with open(path, errors="replace") as f:
        for line in f:
            s = line.lstrip()
            if s.startswith("<task ") or s.startswith("<task>"):
                a = attrs(s)
                current = a
            elif s.startswith("<task_done") and current is not None:
                a = attrs(s)
                if (a.get("success", "1") == "1" and "stamp" in current and "stamp" in a
                        and within(current)):
                    tasks.append((method_name(current.get("method", "?")),
                                  int(current.get("level", "4") or 4),
                                  int(current.get("bytes", "0") or 0),
                                  float(a["stamp"]) - float(current["stamp"]),
                                  int(a.get("nmsize", "0") or 0),
                                  int(a.get("inlined_bytes", "0") or 0)))
                current = None
            elif s.startswith("<uncommon_trap") and "thread=" in s and "reason=" in s:
                a = attrs(s)
                if not within(a):
                    continue
                key = (a.get("reason"), a.get("action"))
                traps[key] += 1
                pending_trap = key
            elif s.startswith("<jvms") and pending_trap is not None:
                a = attrs(s)
                trap_where[(method_name(a.get("method", "?")), a.get("bci"), pending_trap[0])] += 1
                pending_trap = None
            elif s.startswith("<make_not_entrant"):
                not_entrant += within(attrs(s))
            else:
                if not s.startswith("<jvms"):
                    pending_trap = None

    total = sum(t[3] for t in tasks)
    print(f"LogCompilation: {len(tasks)} compiles, {total:.2f} s on compiler threads (wall, incl."
          f" waiting for a core), {not_entrant} methods made not entrant")
    by_level = collections.defaultdict(lambda: [0, 0.0, 0])
    for m, lvl, b, sec, nm, inl in tasks:
        x = by_level[lvl]
        x[0] += 1
        x[1] += sec
        x[2] += nm
    for lvl in sorted(by_level):
        n, sec, nm = by_level[lvl]
        print(f"  tier {lvl}: {n:6d} compiles {sec:7.2f} s  {nm / 1024:8.0f} KiB code")
    by_pkg = collections.defaultdict(lambda: [0, 0.0])
    for m, lvl, b, sec, nm, inl in tasks:
        if lvl == 4:
            x = by_pkg[package(m)]
            x[0] += 1
            x[1] += sec
    print("C2 (tier 4) time by package of the compiled method (callees inlined into it count here):")
    for k, (n, sec) in sorted(by_pkg.items(), key=lambda kv: -kv[1][1])[:top]:
        print(f"  {sec:7.2f} s {n:5d}x  {k}")
    per = collections.defaultdict(lambda: [0, 0.0, 0, 0, set()])
    for m, lvl, b, sec, nm, inl in tasks:
        x = per[m]
        x[0] += 1
        x[1] += sec
        x[2] = max(x[2], nm)
        x[3] = max(x[3], b + inl)
        x[4].add(lvl)
    print("longest-compiling methods (total s, compiles, largest code, bytecodes incl. inlined, tiers):")
    for k, (n, sec, nm, bi, lv) in sorted(per.items(), key=lambda kv: -kv[1][1])[:top]:
        print(f"  {sec:6.2f} s {n:3d}x {nm:7d} B {bi:6d} bc {sorted(lv)}  {k}")
    again = collections.Counter((m, lvl) for m, lvl, *_ in tasks)
    print("compiled more than once at the same tier (after a deoptimization):")
    shown = 0
    for (m, lvl), n in again.most_common():
        if n < 2 or shown >= top:
            break
        secs = sum(t[3] for t in tasks if t[0] == m and t[1] == lvl)
        print(f"  {n:3d}x tier {lvl} {secs:6.2f} s  {m}")
        shown += 1
    print(f"uncommon traps: {sum(traps.values())}")
    for (r, a), n in traps.most_common(top):
        print(f"  {n:5d}  {r} / {a}")
    print("uncommon traps by place (method, bci, reason):")
    for (m, bci, r), n in trap_where.most_common(top):
        print(f"  {n:5d}  {m} @{bci}  {r}")


if __name__ == "__main__":
    main()
