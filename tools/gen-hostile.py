#!/usr/bin/env python3
"""Big but valid (or validly wrong) inputs that used to take time or memory growing with the
square of their size (issue 12, item 11). Python 3 standard library only.

  tools/gen-hostile.py lb-loop N  > f.scalecanvas   two load balancers in a loop, a chain of N below
  tools/gen-hostile.py fan N      > f.scalecanvas   one app server to N/2 caches and N/2 databases
  tools/gen-hostile.py mesh A C D > f.scalecanvas   A app servers, each to C caches and D databases
                                                    (A*(C+D) connections; 300 1500 1500 = 900k)
  tools/gen-hostile.py bipartite L A > f.scalecanvas  L load balancers, each to A app servers
                                                    (L*A connections; 300 3000 = 900k)
  tools/gen-hostile.py dangling N > f.scalecanvas   N connections to components that do not exist
  tools/gen-hostile.py unknown-types N > f.scalecanvas   N app servers, N distinct unknown types
  tools/gen-hostile.py catalog N  > c.json          the built-in catalog plus N instance types
  tools/gen-hostile.py bad-catalog N > c.json       N instance types, each with a price out of range

Then, for example:
  command time -f "%e s %M KiB" build/app/scalecanvas validate f.scalecanvas
  command time -f "%e s %M KiB" build/app/scalecanvas evaluate \\
      resources/templates/stage1-1k.scalecanvas --catalog c.json
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def component(cid, kind, x=0, y=0, **params):
    return {"id": cid, "kind": kind, "position": {"x": x, "y": y}, "params": params}


def design(name, components, connections):
    return {
        "format": "scalecanvas",
        "formatVersion": 1,
        "appVersion": "0.1.0",
        "design": {
            "name": name,
            "traffic": {"users": 1000},
            "components": components,
            "connections": connections,
        },
    }


def edge(a, b):
    return {"from": a, "to": b}


def lb_loop(n):
    # users -> lb0 <-> lb1, then lb1 -> lb2 -> ... -> lb{n-1} -> app: the chain's ids grow
    # downwards, the order in which a naive "peel what has no successor" pass is slowest.
    comps = [component("users", "clients")]
    comps += [component("lb%d" % i, "loadBalancer", 200, 40 * i) for i in range(n)]
    comps.append(component("app", "appServer", 400, 0, instanceType="c5.large"))
    conns = [edge("users", "lb0"), edge("lb0", "lb1"), edge("lb1", "lb0")]
    conns += [edge("lb%d" % i, "lb%d" % (i + 1)) for i in range(1, n - 1)]
    conns.append(edge("lb%d" % (n - 1), "app"))
    return design("LB loop with a chain of %d below" % n, comps, conns)


def mesh(apps, caches, dbs):
    comps = [component("users", "clients"), component("lb", "loadBalancer")]
    comps += [component("app%d" % i, "appServer", 200, i, instanceType="c5.large")
              for i in range(apps)]
    comps += [component("cache%d" % i, "cache", 400, i, instanceType="cache.t3.medium")
              for i in range(caches)]
    comps += [component("db%d" % i, "database", 600, i, instanceType="db.m5.large")
              for i in range(dbs)]
    conns = [edge("users", "lb")]
    conns += [edge("lb", "app%d" % a) for a in range(apps)]
    for a in range(apps):
        conns += [edge("app%d" % a, "cache%d" % c) for c in range(caches)]
        conns += [edge("app%d" % a, "db%d" % d) for d in range(dbs)]
    return design("%d apps x (%d caches + %d databases)" % (apps, caches, dbs), comps, conns)


def bipartite(lbs, apps):
    comps = [component("users", "clients")]
    comps += [component("lb%d" % i, "loadBalancer", 200, i) for i in range(lbs)]
    comps += [component("app%d" % i, "appServer", 400, i, instanceType="c5.large")
              for i in range(apps)]
    conns = [edge("users", "lb%d" % i) for i in range(lbs)]
    for i in range(lbs):
        conns += [edge("lb%d" % i, "app%d" % a) for a in range(apps)]
    return design("%d load balancers x %d app servers" % (lbs, apps), comps, conns)


def dangling(n):
    comps = [component("users", "clients"), component("lb", "loadBalancer")]
    conns = [edge("lb", "nosuch%d" % i) for i in range(n)]
    return design("%d dangling connections" % n, comps, conns)


def unknown_types(n):
    comps = [component("users", "clients"), component("lb", "loadBalancer")]
    comps += [component("app%d" % i, "appServer", 200, i, instanceType="x%d.huge" % i)
              for i in range(n)]
    conns = [edge("users", "lb")] + [edge("lb", "app%d" % i) for i in range(n)]
    return design("%d unknown instance types" % n, comps, conns)


def catalog(n, bad=False):
    with open(os.path.join(ROOT, "resources", "catalog.json"), encoding="utf-8") as f:
        cat = json.load(f)
    for i in range(n):
        # Short entries, so 100,000 fit in the 8 MiB a catalog file may have.
        cat["instanceTypes"].append({"name": "g%d.large" % i, "vcpu": 2, "memoryGiB": 8,
                                     "hourlyUsd": 1e308 if bad else 0.1})
    return cat


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    what, args = argv[1], [int(a) for a in argv[2:]]
    makers = {
        "lb-loop": lambda: lb_loop(args[0]),
        "fan": lambda: mesh(1, args[0] // 2, args[0] - args[0] // 2),
        "mesh": lambda: mesh(args[0], args[1], args[2]),
        "bipartite": lambda: bipartite(args[0], args[1]),
        "dangling": lambda: dangling(args[0]),
        "unknown-types": lambda: unknown_types(args[0]),
        "catalog": lambda: catalog(args[0]),
        "bad-catalog": lambda: catalog(args[0], bad=True),
    }
    if what not in makers:
        sys.exit(__doc__)
    json.dump(makers[what](), sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
