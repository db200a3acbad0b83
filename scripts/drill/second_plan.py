#!/usr/bin/env python3
"""Judges a second plan (`terraform show -json` of it): prints every pending
change and exits 0 when all of them are known moto artifacts (listed here
with the reason), 1 otherwise. Used by apply-on-moto.sh and since-on-moto.sh.

    python3 scripts/drill/second_plan.py PLAN.json
"""
import json, sys
plan = json.load(open(sys.argv[1]))

def lt_tag_specs(before, after):
    # moto copies CreateLaunchTemplate's request-level TagSpecifications
    # (resource_type "launch-template", i.e. the template's own tags) into the
    # version's LaunchTemplateData, so a refresh reads tag_specifications the
    # configuration never set. Real EC2 keeps them apart.
    b = before.get("tag_specifications") or []
    a = after.get("tag_specifications") or []
    return [t for t in b if t.get("resource_type") != "launch-template"] == a

def sg_rule_description(before, after):
    # moto keeps a rule's Description only on CIDR ranges: a rule that
    # references another security group reads back without its description.
    return before.get("description") is None and after.get("description") is not None \
        and before.get("referenced_security_group_id") is not None

def asg_follows_template(before, after, unknown):
    # The ASG pins `version = aws_launch_template.latest_version`; when moto's
    # launch-template artifact (above) makes that unknown, the ASG follows.
    lt_b, lt_a = (before.get("launch_template") or [{}])[0], (after.get("launch_template") or [{}])[0]
    lt_u = (unknown.get("launch_template") or [{}])[0]
    same = {k: v for k, v in lt_b.items() if k != "version"} == {k: v for k, v in lt_a.items() if k != "version"}
    return same and lt_u.get("version") is True

# type -> (attributes moto reports wrongly, attributes that follow from them, check, reason)
ARTIFACTS = {
    "aws_launch_template": ({"tag_specifications"}, {"latest_version"}, lambda b, a, u: lt_tag_specs(b, a),
                            "moto echoes the template's own tags as a launch-template tag_specification "
                            "(moto/ec2/responses/launch_templates.py)"),
    "aws_vpc_security_group_ingress_rule": ({"description"}, set(), lambda b, a, u: sg_rule_description(b, a),
                            "moto drops the description of a rule that references a security group"),
    "aws_vpc_security_group_egress_rule": ({"description"}, set(), lambda b, a, u: sg_rule_description(b, a),
                            "moto drops the description of a rule that references a security group"),
}
def s3_replication_rule(before, after):
    # moto's GetBucketReplication hard-codes DeleteMarkerReplication Disabled
    # and drops SourceSelectionCriteria (moto/s3/responses.py).
    b, a = before.get("rule") or [], after.get("rule") or []
    drop = lambda r: {k: v for k, v in r.items() if k not in ("delete_marker_replication", "source_selection_criteria")}
    return len(b) == len(a) and all(drop(x) == drop(y) for x, y in zip(b, a))

def rds_empty_scaling(before, after):
    # moto returns an empty ScalingConfigurationInfo for provisioned clusters;
    # the provider reads it as a block of nulls and plans its defaults.
    return all(v is None for blk in (before.get("scaling_configuration") or []) for v in blk.values())

def rds_pi_dropped(before, after):
    # moto does not keep Performance Insights on Aurora cluster instances.
    return before.get("performance_insights_enabled") is False and after.get("performance_insights_enabled") is True

def untagged(before, after):
    # moto keeps no tags on RDS global clusters, so default_tags read back empty.
    return not before.get("tags_all") and not before.get("tags")

def db_instance(before, after, diff):
    # moto models no Performance Insights on DB instances, and builds a read
    # replica as a copy of its source (moto/rds/models.py), so it keeps the
    # source's MultiAZ instead of the one asked for.
    ok = True
    if "performance_insights_enabled" in diff:
        ok &= rds_pi_dropped(before, after)
    if "multi_az" in diff:
        ok &= bool(before.get("replicate_source_db"))
    # The same copy keeps the source's MaxAllocatedStorage (storage
    # autoscaling) on a replica created without one; RDS gives such a
    # replica none, as asked.
    if "max_allocated_storage" in diff:
        ok &= bool(before.get("replicate_source_db")) and not after.get("max_allocated_storage")
    return ok

ARTIFACTS.update({
    "aws_db_instance": ({"performance_insights_enabled", "multi_az", "max_allocated_storage"},
        {"performance_insights_kms_key_id", "performance_insights_retention_period"},
        lambda b, a, u: db_instance(b, a, {k for k in set(b) | set(a) if b.get(k) != a.get(k)}),
        "moto keeps no Performance Insights on DB instances and copies a read replica's MultiAZ and MaxAllocatedStorage from its source"),
    "aws_s3_bucket_replication_configuration": ({"rule"}, set(), lambda b, a, u: s3_replication_rule(b, a),
        "moto reads back DeleteMarkerReplication Disabled and no SourceSelectionCriteria"),
    "aws_rds_cluster": ({"scaling_configuration"}, set(), lambda b, a, u: rds_empty_scaling(b, a),
        "moto returns an empty ScalingConfigurationInfo for a provisioned cluster"),
    "aws_rds_cluster_instance": ({"performance_insights_enabled"},
        {"performance_insights_kms_key_id", "performance_insights_retention_period"},
        lambda b, a, u: rds_pi_dropped(b, a), "moto drops Performance Insights on Aurora cluster instances"),
    "aws_rds_global_cluster": ({"tags_all"}, {"tags"}, lambda b, a, u: untagged(b, a),
        "moto keeps no tags on RDS global clusters"),
})
def table_sse_key(before, after):
    # moto 5's UpdateTable ignores SSESpecification (moto/dynamodb/responses.py
    # update_table), so a table imported and given a new KMS key keeps
    # reporting the old one; AWS applies the change. Encryption stays on.
    b, a = before.get("server_side_encryption") or [], after.get("server_side_encryption") or []
    return len(b) == len(a) == 1 and b[0].get("enabled") and a[0].get("enabled") \
        and b[0].get("kms_key_arn") != a[0].get("kms_key_arn")

ARTIFACTS["aws_dynamodb_table"] = ({"server_side_encryption"}, set(), lambda b, a, u: table_sse_key(b, a),
    "moto's UpdateTable ignores SSESpecification: the table keeps reporting its old KMS key")

# Changes that are only consequences of a tolerated artifact elsewhere in the plan.
FOLLOWERS = {
    "aws_autoscaling_group": ("aws_launch_template", {"launch_template"}, {"capacity_reservation_specification"},
                              asg_follows_template,
                              "only its launch template version, unknown because of the launch-template artifact"),
}
ok, tolerated_types, followers = True, set(), []
for rc in plan.get("resource_changes", []):
    ch = rc["change"]
    if ch["actions"] in (["no-op"], ["read"]):
        continue
    before, after = ch.get("before") or {}, ch.get("after") or {}
    unknown = ch.get("after_unknown") or {}
    diff = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    diff |= {k for k, v in unknown.items() if v is True}
    art = ARTIFACTS.get(rc["type"])
    fol = FOLLOWERS.get(rc["type"])
    if art and ch["actions"] == ["update"] and diff and diff <= art[0] | art[1] \
            and diff & art[0] and art[2](before, after, unknown):
        tolerated_types.add(rc["type"])
        print(f"    tolerated {rc['address']}: {', '.join(sorted(diff))} ({art[3]})")
    elif fol and ch["actions"] == ["update"] and diff and diff <= fol[1] | fol[2] \
            and diff & fol[1] and fol[3](before, after, unknown):
        followers.append((rc["address"], fol, diff))
    else:
        ok = False
        print(f"    CHANGE {rc['address']} {'/'.join(ch['actions'])}: {', '.join(sorted(diff)) or '-'}")
for addr, fol, diff in followers:
    if fol[0] in tolerated_types:
        print(f"    tolerated {addr}: {', '.join(sorted(diff))} ({fol[4]})")
    else:
        ok = False
        print(f"    CHANGE {addr} update: {', '.join(sorted(diff))}")
sys.exit(0 if ok else 1)
