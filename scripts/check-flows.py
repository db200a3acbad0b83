#!/usr/bin/env python3
"""Checks applied security groups against the flows a Topoform design implies.

    scripts/check-flows.py DESIGN.json STATE.json [STATE.json ...]
    scripts/check-flows.py --self-test

DESIGN.json is the export's topoform.json. Each STATE.json is the output of
`terraform show -json` in one applied root: either of a state, or (better) of
a saved plan, whose `prior_state` is what the provider just read back from
the cloud. Security groups are read twice, from every `aws_security_group`
(its ingress/egress, as the cloud reported them on the last refresh) and from
every `aws_vpc_security_group_{ingress,egress}_rule`; a grant is a rule from
either.

The flows (the same table as src/core/export/flows.rs), each needing an
egress grant on the sender and an ingress grant on the receiver:

  internet          -> public load balancer   listener port, 0.0.0.0/0 (internal: the VPC CIDR)
  load balancer     -> its Auto Scaling group  port 80, by security group
  load balancer     -> its ECS service         the container port, by security group
  application       -> database, same VPC      engine port, by security group
  application       -> database, peered VPC    engine port, by subnet CIDR (each side names
                                               the other side's subnets)
  application       -> cache, same VPC         6379, by security group (never across a peering:
                                               a cache serves its own region)
  application       -> HTTPS anywhere          443 egress to 0.0.0.0/0

An application is an Auto Scaling group (asg) or an ECS service (ecs).

Then every grant must be one of those: a grant no flow explains fails, and so
does any rule open to 0.0.0.0/0 or ::/0 but the public listeners and the
applications' HTTPS egress. A node's security group is found by the export's
naming: `module.<kind>_<design id>.aws_security_group.this` (kind alb, asg,
ecs, rds, aurora, elasticache); a VPC's default group is `module.vpc_<id>` and must stay empty.

Prints one line per flow and per failure; exit 0 all good, 1 a flow is
missing or a grant is unexplained, 2 usage or unreadable input. Python
standard library only.
"""
import ipaddress
import json
import sys

PORTS = {"postgres": 5432, "mysql": 3306, "mariadb": 3306, "aurora-postgresql": 5432, "aurora-mysql": 3306}
TARGET_PORT = 80  # the target group port (modules/alb, modules/asg)
CACHE_PORT = 6379  # modules/elasticache
ANYWHERE = ("0.0.0.0/0", "::/0")


def modules(module):
    """Yields every module of a `values`/`prior_state` tree."""
    yield module
    for child in module.get("child_modules") or []:
        yield from modules(child)


def root_module(doc):
    state = doc.get("prior_state") or doc
    return (state.get("values") or {}).get("root_module") or {}


def read_states(docs):
    """(groups, grants): groups maps (kind, design id) to a group id;
    grants is a set of (direction, group id, protocol, from, to, peer) where
    peer is ("sg", id) or ("cidr", cidr)."""
    groups, grants, every_group = {}, set(), set()
    for doc in docs:
        for mod in modules(root_module(doc)):
            for r in mod.get("resources") or []:
                v, t = r.get("values") or {}, r.get("type")
                if t in ("aws_security_group", "aws_default_security_group") and v.get("id"):
                    every_group.add(v["id"])
                    prefix = r["address"].split(".")[1] if r["address"].startswith("module.") else ""
                    kind, _, node = prefix.partition("_")
                    if t == "aws_security_group" and kind in ("alb", "asg", "ecs", "rds", "aurora", "elasticache"):
                        groups[(kind, node)] = v["id"]
                    for direction in ("ingress", "egress"):
                        for rule in v.get(direction) or []:
                            peers = [("cidr", c) for c in (rule.get("cidr_blocks") or []) + (rule.get("ipv6_cidr_blocks") or [])]
                            peers += [("sg", g) for g in rule.get("security_groups") or []]
                            if rule.get("self"):
                                peers.append(("sg", v["id"]))
                            for p in peers:
                                grants.add((direction, v["id"], rule.get("protocol"), rule.get("from_port"), rule.get("to_port"), p))
                elif t in ("aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"):
                    direction = "ingress" if t.endswith("ingress_rule") else "egress"
                    peer = ("sg", v["referenced_security_group_id"]) if v.get("referenced_security_group_id") \
                        else ("cidr", v.get("cidr_ipv4") or v.get("cidr_ipv6"))
                    grants.add((direction, v.get("security_group_id"), v.get("ip_protocol"), v.get("from_port"), v.get("to_port"), peer))
    return groups, grants, every_group


def expected_flows(design):
    """Every flow as (description, sender (kind, id) or None, receiver (kind, id) or None,
    port, sender-side peer, receiver-side peer). A peer is ("node", kind, id) or
    ("cidr", cidr); None on the side outside the design (the internet)."""
    flows, vpcs = [], {}
    for region in design.get("regions") or []:
        for vpc in region.get("vpcs") or []:
            vpcs[vpc["id"]] = vpc
    cidr_of = lambda vpc, sid: next((s["cidr"].strip() for s in vpc["subnets"] if s["id"] == sid), None)
    is_db = lambda n: n.get("kind") in ("rds", "aurora")
    is_app = lambda n: n.get("kind") in ("asg", "ecs")
    # The port a load balancer reaches an application on.
    app_port = lambda n: n["port"] if n.get("kind") == "ecs" else TARGET_PORT
    for vpc in vpcs.values():
        nodes = vpc.get("nodes") or []
        for n in nodes:
            if n.get("kind") == "alb":
                src = ("cidr", vpc["cidr"].strip()) if n.get("internal") else ("cidr", "0.0.0.0/0")
                flows.append((f"clients -> {n['id']}:{n['listener']['port']}", None, ("alb", n["id"]), n["listener"]["port"], None, src))
            if is_app(n):
                k = n["kind"]
                flows.append((f"{n['id']} -> https anywhere", (k, n["id"]), None, 443, ("cidr", "0.0.0.0/0"), None))
                if n.get("target"):
                    flows.append((f"{n['target']} -> {n['id']}:{app_port(n)}", ("alb", n["target"]), (k, n["id"]), app_port(n),
                                  ("node", k, n["id"]), ("node", "alb", n["target"])))
                for d in filter(is_db, nodes):
                    port = PORTS[d["engine"]]
                    flows.append((f"{n['id']} -> {d['id']}:{port}", (k, n["id"]), (d["kind"], d["id"]), port,
                                  ("node", d["kind"], d["id"]), ("node", k, n["id"])))
                for c in (x for x in nodes if x.get("kind") == "elasticache"):
                    flows.append((f"{n['id']} -> {c['id']}:{CACHE_PORT}", (k, n["id"]), ("elasticache", c["id"]), CACHE_PORT,
                                  ("node", "elasticache", c["id"]), ("node", k, n["id"])))
    for p in design.get("peerings") or []:
        if p["a"] not in vpcs or p["b"] not in vpcs or p["a"] == p["b"]:
            continue
        for here, there in ((vpcs[p["a"]], vpcs[p["b"]]), (vpcs[p["b"]], vpcs[p["a"]])):
            for g in filter(is_app, here.get("nodes") or []):
                for d in filter(is_db, there.get("nodes") or []):
                    port = PORTS[d["engine"]]
                    for sid in d["subnets"]:
                        flows.append((f"{g['id']} -> {d['id']}:{port} (peering {p['id']}, to {sid})", (g["kind"], g["id"]), None, port,
                                      ("cidr", cidr_of(there, sid)), None))
                    for sid in g["subnets"]:
                        flows.append((f"{g['id']} -> {d['id']}:{port} (peering {p['id']}, from {sid})", None, (d["kind"], d["id"]), port,
                                      None, ("cidr", cidr_of(here, sid))))
    return flows


def covers(grant, port, peer, exact):
    """Whether a grant admits `port` to/from `peer`; `exact` demands the very
    rule (single port, same group or CIDR) rather than a wider one."""
    _, _, proto, lo, hi, (kind, value) = grant
    if exact:
        return str(proto) == "tcp" and lo == port and hi == port and (kind, value) == peer
    if str(proto) not in ("tcp", "6", "-1"):
        return False
    if str(proto) != "-1" and not (lo is not None and hi is not None and lo <= port <= hi):
        return False
    if kind != peer[0]:
        return False
    if kind == "sg":
        return value == peer[1]
    try:
        return ipaddress.ip_network(peer[1], strict=False).subnet_of(ipaddress.ip_network(value, strict=False))
    except (ValueError, TypeError):
        return False


def check(design, docs):
    """Returns (lines, ok)."""
    groups, grants, every_group = read_states(docs)
    lines, ok, used = [], True, set()
    resolve = lambda p: ("sg", groups.get((p[1], p[2]))) if p and p[0] == "node" else p
    for desc, sender, receiver, port, sender_peer, receiver_peer in expected_flows(design):
        halves = []
        if sender:
            halves.append(("egress", sender, resolve(sender_peer)))
        if receiver:
            halves.append(("ingress", receiver, resolve(receiver_peer)))
        missing = []
        for direction, (kind, node), peer in halves:
            sg = groups.get((kind, node))
            if sg is None or peer[1] is None:
                missing.append(f"{direction} on {kind} {node}: its security group is not in the state")
                continue
            found = [g for g in grants if g[0] == direction and g[1] == sg and covers(g, port, peer, False)]
            used.update(g for g in found if covers(g, port, peer, True))
            if not found:
                missing.append(f"no {direction} rule on {kind} {node} ({sg}) for tcp/{port} {'to' if direction == 'egress' else 'from'} {peer[1]}")
        if missing:
            ok = False
            lines.append(f"MISSING {desc}: " + "; ".join(missing))
        else:
            lines.append(f"ok      {desc}")
    for g in sorted(grants - used, key=str):
        direction, sg, proto, lo, hi, (kind, value) = g
        owner = next((f"{k} {n}" for (k, n), i in groups.items() if i == sg), "a group no design node owns")
        wide = " (open to the internet)" if kind == "cidr" and value in ANYWHERE else ""
        lines.append(f"UNEXPECTED {direction} on {owner} ({sg}): {proto} {lo}-{hi} {'to' if direction == 'egress' else 'from'} {value}{wide}: no designed flow explains it")
        ok = False
    lines.append(f"{len(expected_flows(design))} flows, {len(grants)} grants on {len(every_group)} security groups: {'OK' if ok else 'FAILED'}")
    return lines, ok


def self_test():
    """A design with every kind of flow; its complete grants pass, and each
    kind of defect fails."""
    design = {"regions": [
        {"code": "us-east-1", "vpcs": [{"id": "a", "cidr": "10.0.0.0/16", "subnets": [
            {"id": "a-app", "cidr": "10.0.1.0/24"}, {"id": "a-db", "cidr": "10.0.2.0/24"}], "nodes": [
            {"kind": "alb", "id": "web", "internal": False, "listener": {"port": 443}},
            {"kind": "asg", "id": "app", "subnets": ["a-app"], "target": "web"},
            {"kind": "ecs", "id": "api", "subnets": ["a-app"], "target": "web", "port": 8080},
            {"kind": "rds", "id": "db", "engine": "postgres", "subnets": ["a-db"]},
            {"kind": "elasticache", "id": "kv", "engine": "valkey", "subnets": ["a-db"]}]}]},
        {"code": "eu-west-1", "vpcs": [{"id": "b", "cidr": "10.1.0.0/16", "subnets": [
            {"id": "b-db", "cidr": "10.1.2.0/24"}], "nodes": [
            {"kind": "aurora", "id": "orders", "engine": "aurora-mysql", "subnets": ["b-db"]}]}]}],
        "peerings": [{"id": "ab", "a": "a", "b": "b"}]}

    def rule(addr, direction, sg, port, peer):
        v = {"security_group_id": sg, "ip_protocol": "tcp", "from_port": port, "to_port": port}
        v["referenced_security_group_id" if peer.startswith("sg-") else "cidr_ipv4"] = peer
        return {"address": addr, "type": f"aws_vpc_security_group_{direction}_rule", "values": v}

    def sg(module, gid, ingress=()):
        return {"address": f"module.{module}.aws_security_group.this", "type": "aws_security_group",
                "values": {"id": gid, "ingress": list(ingress), "egress": []}}

    rules = [
        rule("r1", "ingress", "sg-web", 443, "0.0.0.0/0"),
        rule("r2", "egress", "sg-web", 80, "sg-app"), rule("r3", "ingress", "sg-app", 80, "sg-web"),
        rule("r4", "egress", "sg-app", 443, "0.0.0.0/0"),
        rule("r5", "egress", "sg-app", 5432, "sg-db"), rule("r6", "ingress", "sg-db", 5432, "sg-app"),
        rule("r7", "egress", "sg-app", 3306, "10.1.2.0/24"), rule("r8", "ingress", "sg-orders", 3306, "10.0.1.0/24"),
        rule("e1", "egress", "sg-web", 8080, "sg-api"), rule("e2", "ingress", "sg-api", 8080, "sg-web"),
        rule("e3", "egress", "sg-api", 443, "0.0.0.0/0"),
        rule("e4", "egress", "sg-api", 5432, "sg-db"), rule("e5", "ingress", "sg-db", 5432, "sg-api"),
        # The service shares the group's subnet: the peered database's one
        # ingress (r8) admits both; the service needs its own egress.
        rule("e6", "egress", "sg-api", 3306, "10.1.2.0/24"),
        rule("r10", "egress", "sg-app", 6379, "sg-kv"), rule("r11", "ingress", "sg-kv", 6379, "sg-app"),
        rule("e7", "egress", "sg-api", 6379, "sg-kv"), rule("e8", "ingress", "sg-kv", 6379, "sg-api"),
    ]
    groups = [sg("alb_web", "sg-web"), sg("asg_app", "sg-app"), sg("ecs_api", "sg-api"), sg("rds_db", "sg-db"),
              sg("aurora_orders", "sg-orders"), sg("elasticache_kv", "sg-kv")]
    state = lambda rs, gs=groups: {"prior_state": {"values": {"root_module": {"child_modules": [{"resources": gs + rs}]}}}}
    cases = [
        ("complete", state(rules), True, None),
        ("the application's egress to its database is missing", state([r for r in rules if r["address"] != "r5"]), False,
         "MISSING app -> db:5432: no egress rule on asg app"),
        ("the peered database does not admit the application's subnet", state([r for r in rules if r["address"] != "r8"]), False,
         "MISSING app -> orders:3306 (peering ab, from a-app)"),
        ("the load balancer cannot send to its targets", state([r for r in rules if r["address"] != "r2"]), False,
         "MISSING web -> app:80"),
        ("the database is open to the internet", state(rules + [rule("r9", "ingress", "sg-db", 5432, "0.0.0.0/0")]), False,
         "UNEXPECTED ingress on rds db (sg-db): tcp 5432-5432 from 0.0.0.0/0 (open to the internet)"),
        ("the load balancer cannot send to the service's container port", state([r for r in rules if r["address"] != "e1"]), False,
         "MISSING web -> api:8080"),
        ("the database does not admit the service", state([r for r in rules if r["address"] != "e5"]), False,
         "MISSING api -> db:5432: no ingress rule on rds db"),
        ("the cache does not admit the application", state([r for r in rules if r["address"] != "r11"]), False,
         "MISSING app -> kv:6379: no ingress rule on elasticache kv"),
        ("the cache is reachable across the peering", state(rules + [rule("r12", "ingress", "sg-kv", 6379, "10.1.2.0/24")]), False,
         "UNEXPECTED ingress on elasticache kv (sg-kv): tcp 6379-6379 from 10.1.2.0/24"),
        ("an inline rule read back from the cloud opens SSH", state(rules, groups[:4] + [sg("aurora_orders", "sg-orders", [
            {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]}]), groups[5]]), False,
         "UNEXPECTED ingress on aurora orders (sg-orders): tcp 22-22 from 0.0.0.0/0"),
        ("a wider rule still grants the flow but is itself unexplained", state([r for r in rules if r["address"] != "r7"]
         + [rule("r7", "egress", "sg-app", 3306, "10.1.0.0/16")]), False, "UNEXPECTED egress on asg app (sg-app): tcp 3306-3306 to 10.1.0.0/16"),
    ]
    failed = 0
    for name, doc, want_ok, want_line in cases:
        lines, got_ok = check(design, [doc])
        good = got_ok == want_ok and (want_line is None or any(l.startswith(want_line) for l in lines))
        print(f"{'pass' if good else 'FAIL'} self-test: {name}")
        if not good:
            failed += 1
            print("\n".join("    " + l for l in lines))
    print(f"self-test: {len(cases) - failed} of {len(cases)} cases behave")
    return 0 if failed == 0 else 1


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        print("usage: check-flows.py DESIGN.json STATE.json [STATE.json ...] | --self-test", file=sys.stderr)
        return 2
    try:
        design = json.load(open(argv[1], encoding="utf-8"))
        docs = [json.load(open(p, encoding="utf-8")) for p in argv[2:]]
    except (OSError, ValueError) as e:
        print(f"check-flows: cannot read the input: {e}", file=sys.stderr)
        return 2
    lines, ok = check(design, docs)
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
