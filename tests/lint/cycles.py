"""
The dependency graph of the core's object files and its cycles, for
tests/lint/cycles.sh.  Module A depends on module B when A's object leaves
undefined a symbol that B's object defines (nm).  Each strongly connected
set of two or more modules is a cycle: one "not ok" line names its
modules and a shortest cycle through them, and comment lines give every
link inside it with the symbols that make it, to show what to cut.

usage: python3 cycles.py BUILD NAME (NAME: the script named in the summary)
"""
import collections
import glob
import os
import subprocess
import sys


def symbols(obj):
    """The symbols an object file defines and those it leaves undefined."""
    out = subprocess.run(["nm", obj], capture_output=True, text=True,
                         check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        f = line.split()
        if len(f) == 2 and f[0] == "U":
            undefined.add(f[1])
        elif len(f) == 3 and f[1] in "TDBRCGSVW":
            defined.add(f[2])
    return defined, undefined


def graph(objs):
    """module -> {module it needs -> [symbols]}."""
    owner, needs = {}, {}
    for m, path in objs.items():
        defined, needs[m] = symbols(path)
        for s in defined:
            owner[s] = m
    g = {m: collections.defaultdict(list) for m in objs}
    for m, undefined in needs.items():
        for s in sorted(undefined):
            if s in owner and owner[s] != m:
                g[m][owner[s]].append(s)
    return g


def components(g):
    """Strongly connected sets of two or more modules (Tarjan, iterative)."""
    index, low, stack, on, found = {}, {}, [], set(), []
    counter = 0
    for root in sorted(g):
        if root in index:
            continue
        work = [(root, iter(sorted(g[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(g[w]))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    found.append(sorted(comp))
    return found


def shortest_cycle(g, comp):
    """A shortest cycle inside comp, as a list of modules (first repeated)."""
    inside = set(comp)
    best = None
    for start in comp:
        prev = {start: None}
        queue = collections.deque([start])
        while queue:
            v = queue.popleft()
            for w in sorted(g[v]):
                if w not in inside:
                    continue
                if w == start:
                    path = [v]
                    while prev[path[-1]] is not None:
                        path.append(prev[path[-1]])
                    path.reverse()
                    if best is None or len(path) < len(best) - 1:
                        best = path + [start]
                    queue.clear()
                    break
                if w not in prev:
                    prev[w] = v
                    queue.append(w)
    return best


def main():
    build, me = sys.argv[1], sys.argv[2]
    passed = failed = 0
    objs, missing = {}, []
    for src in sorted(glob.glob("core/*.c")):
        m = os.path.basename(src)[:-2]
        obj = os.path.join(build, "core", m + ".o")
        if os.path.exists(obj):
            objs[m] = obj
        else:
            missing.append(obj)
    if missing or not objs:
        print("not ok - the core objects are built (missing: %s)"
              % (" ".join(missing) or "all of them"))
        failed += 1
    else:
        print("ok - the core objects are built (%d)" % len(objs))
        passed += 1
    g = graph(objs)
    comps = components(g)
    for comp in comps:
        cycle = shortest_cycle(g, comp)
        print("not ok - a dependency cycle among %d core modules: %s "
              "(shortest: %s)" % (len(comp), " ".join(comp),
                                  " -> ".join(cycle)))
        failed += 1
        for m in comp:
            for w in sorted(g[m]):
                if w in comp:
                    syms = g[m][w]
                    more = " ..." if len(syms) > 4 else ""
                    print("#   %s -> %s: %s%s" % (m, w, " ".join(syms[:4]),
                                                  more))
    if objs and not comps:
        print("ok - no dependency cycle among the %d core modules" % len(objs))
        passed += 1
    print("# %s: %d passed, %d failed, 0 skipped" % (me, passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
