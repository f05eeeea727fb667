#!/usr/bin/env python3
"""Writes the built-in lessons resources/templates/lesson-*.scalecanvas.

The ladder's designs are the stage templates' own (tests/core/tst_lessons.cpp checks that they
stay equal); the exercises' designs are built here. The captions, questions and answers are
written by hand: every figure in them is derived in tests/core/tst_lessons.cpp from docs/model.md
and checked there against `evaluate`. Run after changing a stage template or a text:

    python3 resources/lessons/generate.py
"""

import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATES = os.path.join(HERE, "..", "templates")


def stage(name):
    with open(os.path.join(TEMPLATES, name + ".scalecanvas"), encoding="utf-8") as f:
        return json.load(f)["design"]


def envelope(design, **blocks):
    doc = {"format": "scalecanvas", "formatVersion": 2, "appVersion": "0.1.0",
           "slo": {"p99Ms": 500.0, "availability": 0.999}, "design": design}
    doc.update(blocks)
    return doc


def write(name, doc):
    with open(os.path.join(TEMPLATES, name + ".scalecanvas"), "w", encoding="utf-8") as f:
        f.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


QUESTION = "Which component limits this design, and at how many users?"

LADDER = [
    ("stage1-1k", 1000,
     "Stage 1, 1,000 users: one t3.medium runs the app, PostgreSQL and the photo files. 1,000 "
     "users viewing 50 photos a day make 1.74 page requests/s at the peak hour (3× the "
     "average) and as many photo files: the server idles at 5%. Nothing to scale yet: back "
     "it up.",
     "The one server. A page costs 30 ms of CPU on average, so its two cores serve "
     "2 × 1000 / 30 = 66.7 req/s; every 1,000 users bring 3.47 req/s at the peak (1.74 pages "
     "+ 1.74 photo files), so it saturates at 66.7 / 3.47 × 1,000 = 19,200 users. The p99 "
     "passes the 500 ms objective a little earlier, at about 16,200 users."),
    ("stage2-10k", 10000,
     "Stage 2, 10,000 users: at ~19K users the app and the database would fight over the same "
     "two cores, so they get a machine each. Redis answers 90% of the reads, CloudFront "
     "serves the photos from S3. At 17 req/s every tier runs below 10%.",
     "The database. Only the cache misses (10% of the 95% reads) and the writes (5%) reach "
     "it: per 1,000 users at the peak, 0.165 misses/s × 50 ms + 0.087 writes/s × 10 ms = "
     "9.1 ms of CPU each second. Its two cores last 2,000 / 9.1 × 1,000 = about 219,000 "
     "users (the p99 objective holds to about 188,000)."),
    ("stage3-100k", 100000,
     "Stage 3, 100,000 users: a load balancer over two stateless app servers, a read replica "
     "for the cache misses, a queue with two workers making thumbnails (one job per write). "
     "The reads have left the primary; at 174 req/s every tier is below 25%.",
     "The primary's writes. The app's writes (5% of requests) and the workers' (one per "
     "write) both land on it: 2 × 0.087 = 0.174 writes/s per 1,000 users at the peak, 20 ms "
     "each, on two cores: 2,000 / 3.47 × 1,000 = 576,000 users. Meanwhile the app's 2 × 48 "
     "threads and the workers' 2 × 2 already hold all 100 of PostgreSQL's connections: one "
     "more instance and requests are refused. A pooler and a bigger primary come next."),
    ("stage4-1m", 1000000,
     "Stage 4, 1 million users: the app tier auto-scales (3–20), three read replicas share "
     "the misses, PgBouncer pools the connections in front of a bigger Multi-AZ primary "
     "(16 vCPU), the workers auto-scale on spot and Redis hits 95%. At 1,740 req/s every tier "
     "is below 70%.",
     "Still the single primary's writes: 0.174 writes/s per 1,000 users × 20 ms = 3.47 ms of "
     "CPU each second per 1,000 users; its 16 cores last 16,000 / 3.47 × 1,000 = about 4.6 "
     "million users. Auto-scaling cannot move that wall: there is one primary. (The busiest "
     "tier at 1M, the workers at 54%, scales out.) Next: shard by user id."),
    ("stage5-10m", 10000000,
     "Stage 5, 10 million users: two regions behind DNS latency routing (60% of the users in "
     "North America, 40% in Europe), each with its own ALB, app tier, Redis, read replicas, "
     "PgBouncer and workers; the primary is sharded four ways by user id (Multi-AZ, in "
     "us-east-1), so Europe's writes cross the Atlantic. At 17,400 req/s the p99 is 153 ms.",
     "Europe's read replicas (westReplicas): besides Europe's cache misses every replica "
     "applies the primary's writes, and Europe has only three, so they fill first, at about "
     "14.9 million users. The four-shard primary lasts to about 15.4 million (the scaling "
     "ceiling). Each fix created the next problem: only climb when a metric says so."),
]


def ladder():
    steps, variants = [], []
    for i, (name, users, caption, answer) in enumerate(LADDER):
        # Every step shows a variant, stage 1's too: a step's heading is its design's name, and
        # the file's own is named for the template gallery.
        steps.append({"variant": name, "users": users, "caption": caption, "question": QUESTION,
                      "answer": answer})
        variants.append({"name": name, "design": stage(name)})
    # The file's own design is stage 1's, named for the template gallery.
    first = dict(stage("stage1-1k"), name="Lesson — The scaling ladder",
                 description="A lesson in five steps, from one server at 1,000 users to two "
                             "regions at 10 million: each stage's design (the stage templates), "
                             "what changed and why, and where it breaks next. Present it (F5) "
                             "or export it as a handout.")
    return envelope(first, variants=variants,
                    lesson={"title": "The scaling ladder", "steps": steps})


def component(cid, kind, label, x, y, params=None, autoscale=None):
    c = {"id": cid, "kind": kind, "label": label, "position": {"x": x, "y": y},
         "params": params or {}}
    if autoscale:
        c["autoscale"] = autoscale
    return c


def connection(a, b, **extra):
    return dict({"from": a, "to": b}, **extra)


# Little's law (worked case 1): 2,000 req/s, all reads, at the peak. 1,152,000 users × 50
# requests a day / 86,400 s × 3 (peak) = 2,000 req/s. The app's own work is 2 ms; a database
# read is 48 ms, so a request takes 50 ms. With the cache, the app works 1.5 ms and the cache
# lookup takes 0.5 ms: a hit is done in 2 ms, a miss in 2 + 48 = 50 ms.
def littles_law(cached):
    traffic = {"users": 1152000, "requestsPerUserPerDay": 50, "writeFraction": 0,
               "peakToAverage": 3, "staticPerRequest": 0, "kbPerRequest": 10,
               "kbPerStatic": 30, "asyncPerWrite": 0, "networkRttMs": 50}
    comps = [
        component("users", "clients", "Users", 40, 200),
        component("lb", "loadBalancer", "ALB", 260, 200),
        component("app", "appServer", "App servers", 480, 200,
                  {"instances": 4, "instanceType": "c5.4xlarge",
                   "serviceTimeMs": 1.5 if cached else 2, "threadsPerInstance": 200}),
        component("replicas", "readReplica", "Read replicas", 960, 200,
                  {"instances": 12, "instanceType": "db.r5.4xlarge", "readServiceTimeMs": 48}),
    ]
    conns = [connection("users", "lb"), connection("lb", "app"),
             connection("app", "replicas")]
    if cached:
        comps.insert(3, component("cache", "cache", "Redis", 720, 60,
                                  {"instanceType": "cache.r6g.large", "hitRatio": 0.8}))
        conns.insert(2, connection("app", "cache"))
    name = "Little's law, with a cache" if cached else "Little's law"
    return {"name": name, "traffic": traffic, "components": comps, "connections": conns}


def storm(pooled):
    d = copy.deepcopy(stage_case("case-connection-storm"))
    if pooled:
        d["name"] = "Connection storm, pooled"
        # In line between the app servers and the database, which moves one place right (at
        # (660, 300) it lay over the database's lower edge).
        d["components"].insert(3, component("pooler", "pooler", "PgBouncer", 700, 200,
                                            {"instances": 2, "instanceType": "t3.small",
                                             "poolSize": 60}))
        next(c for c in d["components"] if c["id"] == "db")["position"] = {"x": 920, "y": 200}
        d["connections"] = [c for c in d["connections"] if c != connection("app", "db")]
        d["connections"] += [connection("app", "pooler"), connection("pooler", "db")]
    return d


def stage_case(name):
    return stage(name)


# Worked case 13: 500 daily users, 100 page views a day each plus one file per page, on one
# t3.medium whose two cores spend 30 ms a request: the server runs at 5%.
def startup():
    traffic = {"users": 500, "requestsPerUserPerDay": 100, "writeFraction": 0.05,
               "peakToAverage": 3, "staticPerRequest": 1, "kbPerRequest": 10,
               "kbPerStatic": 30, "asyncPerWrite": 0, "networkRttMs": 50}
    return {"name": "The 5% startup", "traffic": traffic, "components": [
        component("users", "clients", "Users", 40, 200),
        component("server", "appServer", "All-in-one server", 300, 200,
                  {"instances": 1, "instanceType": "t3.medium", "serviceTimeMs": 30}),
    ], "connections": [connection("users", "server")]}


# Worked case 16: normally 4 app servers at the peak; Black Friday brings 20× from 6 AM. The
# plan: a scheduled minimum of 20 from 5:30 AM, target tracking at 50%, at most 80.
def black_friday():
    traffic = {"users": 1000000, "requestsPerUserPerDay": 50, "writeFraction": 0.05,
               "peakToAverage": 3, "staticPerRequest": 0, "kbPerRequest": 10,
               "kbPerStatic": 30, "asyncPerWrite": 0, "networkRttMs": 50}
    return {"name": "Lesson — Exercises from the article", "description":
            "Six exercises with their answers: Little's law with and without a cache, the "
            "connection storm and the pooler, the 5%-CPU startup, and this design: the Black "
            "Friday plan (app servers auto-scaled 4–80 at 50%, a scheduled minimum of 20).",
            "traffic": traffic, "components": [
        component("users", "clients", "Users", 40, 200),
        component("lb", "loadBalancer", "ALB", 260, 200),
        component("app", "appServer", "App servers", 480, 200,
                  {"instanceType": "c5.xlarge", "serviceTimeMs": 4},
                  {"min": 4, "max": 80, "targetUtilization": 0.5, "cooldownS": 300,
                   "bootS": 120}),
    ], "connections": [connection("users", "lb"), connection("lb", "app")]}


BLACK_FRIDAY_SCENARIO = {
    "name": "Black Friday plan",
    "description": "20× traffic from 6 AM, 3× that in its first half hour; app at least 20 "
                   "from 5:30 AM",
    "durationS": 86400, "stepS": 60, "shape": "day",
    "spikes": [{"atS": 21600, "multiplier": 20, "rampS": 300, "holdS": 64800},
               {"atS": 21600, "multiplier": 3, "rampS": 30, "holdS": 1800}],
    "schedules": [{"atS": 19800, "component": "app", "min": 20}],
}

EXERCISES = [
    ("littles-law", 1152000,
     "Little's law: 2,000 requests/s at the peak, each taking 50 ms — 2 ms in the app "
     "servers, 48 ms reading the database (its read replicas).",
     "How many requests are in flight at the peak?",
     "L = λ × W = 2,000 req/s × 0.050 s = 100 requests in flight: 4 in the app servers "
     "(2,000 × 0.002) and 96 in the replicas (2,000 × 0.048). The model shows 4 and 96.1 "
     "(the replicas queue a little at 50%), plus 0.4 in the load balancer's 0.2 ms."),
    ("littles-law-cache", 1152000,
     "The same 2,000 requests/s with Redis in front of the replicas: 80% of the reads hit "
     "and are done in 2 ms (1.5 ms in the app, 0.5 ms in Redis); the 20% that miss still "
     "take 50 ms.",
     "How many requests are in flight now?",
     "W = 0.8 × 2 ms + 0.2 × 50 ms = 11.6 ms, so L = 2,000 × 0.0116 = 23.2 in flight: 3 "
     "in the app servers (2,000 × 1.5 ms), 1 in Redis (2,000 × 0.5 ms) and 19.2 in the "
     "replicas (400 misses/s × 48 ms). The model shows 3, 1.2 in Redis (it also takes the 400 "
     "fills/s) and 19.2. A quarter of the threads and connections for the same traffic."),
    ("connection-storm", 200000,
     "The connection storm: 20 app servers with 25 threads each, one database connection per "
     "thread, against PostgreSQL's max_connections of 400.",
     "What happens at the peak, and what would 15 threads per server change?",
     "20 × 25 = 500 connections are asked for and only 400 exist: the servers that get none "
     "fail their requests, so a fifth of the traffic fails — 556 of 694 req/s are served "
     "(80%). With 15 threads each the servers need 20 × 15 = 300 connections, which fit."),
    ("pooler", 200000,
     "The pooler: two PgBouncer instances take the app servers' 500 client connections "
     "(about 2 KB each) and multiplex them onto pools of 60 real connections each.",
     "Are all requests served now, and how many connections does the database hold?",
     "Yes: the database holds the two pools, 2 × 60 = 120 connections (well under 400), "
     "and every request is served (694 of 694 req/s). By Little's law the 694 req/s at the peak keep only "
     "about 4 connections busy on average (694 × 6 ms), so 60 leaves room for bursts."),
    ("startup", 500,
     "The 5% startup: 500 daily users on one $30/month server that runs at 5% at the peak. "
     "The team wonders whether to split it into microservices.",
     "What does 10× growth do to this server, and should they split?",
     "At 5,000 users the load is 10× as large: 52% at the peak (34.7 of 66.7 req/s), still "
     "below the 70% where one starts to worry. The server saturates at 9,600 users. Don't "
     "split into microservices: scale when a metric says so — a bigger instance or a second "
     "server behind a load balancer is the next step, not a rewrite."),
    ("black-friday", 1000000,
     "Black Friday: normally 4 app servers carry the peak (auto-scaled 4–80, target "
     "tracking at 50%). The sale brings 20× the traffic from 6 AM, 3× that in its first "
     "half hour; the plan sets a scheduled minimum of 20 servers from 5:30 AM. Play the "
     "scenario.",
     "Why schedule 20 servers ahead instead of letting target tracking add them, and how "
     "many does the day need?",
     "A new server needs minutes to serve (a 120 s boot after a 60 s metric period), while "
     "the traffic jumps 20× in 5 minutes and 3× that as the doors open: tracking alone "
     "leaves the servers short while each new one boots: about 310,000 requests fail and the "
     "p99 misses the objective for 4 minutes of the day. "
     "With 20 waiting from 5:30 it never does, and no request fails. The peak needs "
     "20 × 1,736 = 34,722 req/s; at 50% of the 1,000 req/s a c5.xlarge serves, that is 70 "
     "servers — within the maximum of 80 (the normal peak keeps 4 at 43%)."),
]


def exercises():
    variants = [
        {"name": "littles-law", "design": littles_law(False)},
        {"name": "littles-law-cache", "design": littles_law(True)},
        {"name": "connection-storm", "design": storm(False)},
        {"name": "pooler", "design": storm(True)},
        {"name": "startup", "design": startup()},
        # The file's own design, under the name its step's heading shows.
        {"name": "black-friday", "design": dict(black_friday(), name="Black Friday plan")},
    ]
    steps = []
    for variant, users, caption, question, answer in EXERCISES:
        step = {"variant": variant, "users": users, "caption": caption, "question": question,
                "answer": answer}
        if variant == "black-friday":
            step["scenario"] = BLACK_FRIDAY_SCENARIO["name"]
        steps.append(step)
    return envelope(black_friday(), scenarios=[BLACK_FRIDAY_SCENARIO], variants=variants,
                    lesson={"title": "Exercises from the article", "steps": steps})


if __name__ == "__main__":
    write("lesson-ladder", ladder())
    write("lesson-exercises", exercises())
