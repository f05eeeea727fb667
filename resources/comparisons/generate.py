#!/usr/bin/env python3
"""Writes the built-in comparisons resources/templates/compare-*.scalecanvas.

Each file holds option A as its own design and option B as its one variant: the compare view
and `scalecanvas diff FILE FILE#variant` compare the file's design with its first variant.
The designs come from the case and stage templates (tests/core/tst_comparisons.cpp checks
that they stay equal); only the two-region design is built here, from the one-region case.
Every figure a description states is derived in tests/core/tst_comparisons.cpp from
docs/model.md and the catalog, and checked there against `evaluate`. Run after changing a case
or stage template or a text:

    python3 resources/comparisons/generate.py
"""

import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATES = os.path.join(HERE, "..", "templates")
DEFAULT_SLO = {"p99Ms": 500.0, "availability": 0.999}


def load(name):
    with open(os.path.join(TEMPLATES, name + ".scalecanvas"), encoding="utf-8") as f:
        return json.load(f)


def design(name):
    return copy.deepcopy(load(name)["design"])


def write(name, doc):
    with open(os.path.join(TEMPLATES, name + ".scalecanvas"), "w", encoding="utf-8") as f:
        f.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


def how_to_compare(variant):
    return (" Option A is this design, option B its variant \u201c" + variant + "\u201d: the "
            "compare view, and `scalecanvas diff FILE FILE#" + variant + "`, compare the "
            "file's design with its first variant.")


def comparison(a, b, variant, title, description, slo=None):
    """A format-2 file: design `a` (named `title`, option A's short name beside the variant's,
    described) and its one variant `b`. Lists show such a file as "A vs B"."""
    a = dict(a, name=title, description=description + how_to_compare(variant))
    return {"format": "scalecanvas", "formatVersion": 2, "appVersion": "0.1.0",
            "slo": slo or DEFAULT_SLO, "design": a,
            "variants": [{"name": variant, "design": b}]}


def at_users(d, users):
    d["traffic"]["users"] = users
    return d


def component(cid, kind, label, x, y, params=None):
    return {"id": cid, "kind": kind, "label": label, "position": {"x": x, "y": y},
            "params": params or {}}


def connection(a, b, classes=None):
    c = {"from": a, "to": b}
    if classes:
        c["classes"] = classes
    return c


# 1. Scaling-facts case 5 at 800,000 users: 16,000 req/s at the peak, 80% of either option's
# capacity (the case templates' 1M users put both at their wall).
VERTICAL_USERS = 800000


def vertical_horizontal():
    a = at_users(design("case-vertical"), VERTICAL_USERS)
    b = at_users(design("case-horizontal"), VERTICAL_USERS)
    return comparison(
        a, b, "horizontal", "vertical",
        "Scale up or out (scaling-facts case 5) at 800,000 users, 16,000 req/s at the peak: "
        "one c5.24xlarge (96 vCPU) against twenty t3.large behind the same ALB. Both carry "
        "about 20,000 req/s, a million users; the twenty cost $1,764 a month less (compute "
        "$2,978 against $1,215; the ALB and the data out are the same), lose 5% of "
        "their capacity with a server instead of all of it, and have no single point of "
        "failure.")


# 2. Scaling-facts case 15: the same 1M users on two bills.
def bill():
    return comparison(
        design("case-1m-unoptimized"), design("case-1m-optimized"), "optimized",
        "unoptimized",
        "Scaling-facts case 15: the same million users on two bills. Optimized: right-sized "
        "reserved app servers, Redis at 95% hits, PgBouncer, a smaller reserved replica and "
        "primary, tiered S3 storage, spot workers. The bill is $10,833 a month lower "
        "(compute $11,814 → $1,398, storage $690 → $274), under a third of the "
        "other.")


# 3. Scaling-facts case 9 (cache offload) on stage 3's design: without Redis every read goes to
# the read replica; with Redis at 95% hits only the misses, 5% of them, do.
CACHE_USERS = 80000


def cache():
    b = at_users(design("stage3-100k"), CACHE_USERS)
    b["name"] = "Stage 3 with Redis at 95% hits"
    b["description"] = ""
    b["components"] = [dict(c, params=dict(c["params"], hitRatio=0.95)) if c["id"] == "cache"
                       else c for c in b["components"]]
    a = copy.deepcopy(b)
    a["components"] = [c for c in a["components"] if c["id"] != "cache"]
    a["connections"] = [c for c in a["connections"] if c["to"] != "cache"]
    return comparison(
        a, b, "with-cache", "without-cache",
        "Cache offload (scaling-facts case 9) on stage 3's design at 80,000 users: without a "
        "cache every read reaches the read replica, which runs at 84%, its wall at 95,000 "
        "users. With Redis answering 95% of the reads only 5% reach it: it runs at 6%, the "
        "wall moves to the primary's writes at 576,000 users, for $114 a month (one "
        "cache.m5.large).")


# 4. The "Europe complains" case (time-and-place.md, "Multi-region patterns"): 80% of the users
# in the US, 20% in Europe. B adds eu-central-1: Route 53 latency routing sends each
# population to its nearest region (the API and, on their own host name, the assets), the EU
# API reads a replica there and writes to the primary in us-east-1 (active-passive).
def two_regions(one):
    d = copy.deepcopy(one)
    d["name"] = "Europe: a second region in eu-central-1"
    d["description"] = ""
    d["components"] += [
        component("dns", "dns", "Route 53 (API)", 300, 260, {"routing": "latency"}),
        # The assets' host name, in the API's hosted zone: a browser resolves it once a page
        # (60 fetches), and resolvers cache it as they do the API's (0.05 a request).
        component("assetsDns", "dns", "Route 53 (assets)", 300, 60,
                  {"routing": "latency", "hostedZones": 0, "queriesPerRequest": 0.001}),
        component("lbEu", "loadBalancer", "ALB", 560, 700, {"managed": True}),
        component("appEu", "appServer", "API", 800, 700,
                  {"instances": 2, "instanceType": "c5.large", "serviceTimeMs": 20}),
        component("replicaEu", "readReplica", "Read replicas", 1040, 700,
                  {"instances": 2, "instanceType": "db.m5.large", "readServiceTimeMs": 10,
                   "storageGB": 100}),
        component("filesEu", "objectStorage", "S3 assets", 800, 500, {"storageGB": 50}),
    ]
    d["connections"] = [c for c in d["connections"] if c["from"] != "users"]
    d["connections"] = [
        connection("users", "dns", ["read", "write"]),
        connection("users", "assetsDns", ["static"]),
        connection("dns", "lb"), connection("dns", "lbEu"),
        connection("assetsDns", "files"), connection("assetsDns", "filesEu"),
    ] + d["connections"] + [
        connection("lbEu", "appEu"), connection("appEu", "replicaEu"),
        connection("appEu", "db"),
    ]
    d["groups"].append({"id": "eu", "kind": "region", "label": "eu-central-1", "x": 520,
                        "y": 460, "width": 760, "height": 380,
                        "members": ["lbEu", "appEu", "replicaEu", "filesEu"],
                        "place": {"region": "eu-central-1"}})
    return d


def regions():
    doc = load("case-europe-before")
    a = design("case-europe-before")
    return comparison(
        a, two_regions(a), "two-regions", "one-region",
        "The \u201cEurope complains\u201d case: 80% of the users in the US (New York), 20% in "
        "Europe (Frankfurt). One region (us-east-1) against two: eu-central-1 added, with "
        "Route 53 latency routing, its own ALB, API servers, read replicas and assets; its "
        "writes still go to the primary in us-east-1. An EU page no longer crosses the "
        "Atlantic (131 ms there and back) for its three API calls and its ten rounds of "
        "assets: it loads 1.7 s faster; only the EU's writes (5%) still cross.",
        doc.get("slo"))


if __name__ == "__main__":
    write("compare-vertical-horizontal", vertical_horizontal())
    write("compare-1m-bill", bill())
    write("compare-cache", cache())
    write("compare-regions", regions())
