#!/usr/bin/env python3
"""moto's server, started from Python with two RDS behaviours made real.

    moto_server.py -H 127.0.0.1 -p PORT      (the arguments of moto_server)

1. Read replicas. Cross-region ones first: moto 5's CreateDBInstanceReadReplica copies
   the source instance (its backend, so its region, included) and applies
   the request's settings in order; the replica's DB subnet group is looked
   up while the copy still carries the source's backend, so in the SOURCE
   region. A replica whose subnet group name differs from its source's fails
   with DBSubnetGroupNotFoundFault, which real RDS never does (designs whose
   names match hide it). The patch gives the copy the replica region's
   backend before any setting is applied. Every replica also starts with
   automated backups off, as RDS creates it (CreateDBInstanceReadReplica
   has no BackupRetentionPeriod; the provider sets a configured period
   above 0 with ModifyDBInstance); moto's copy kept its source's, so a
   replica configured with 0 (an outside design's) never planned clean.
2. Promotion. moto's PromoteReadReplica clears the replica flag but keeps
   ReadReplicaSourceDBInstanceIdentifier, and the source keeps listing the
   replica. Real RDS clears both: the promoted instance replicates from
   nothing, which is what a runbook waits for. The patch clears them.

3. Aurora Global failover and switchover. moto 5 has neither
   FailoverGlobalCluster nor SwitchoverGlobalCluster. The harness emulates
   both the same way: the target member (by ARN or identifier) becomes the
   writer and every other member a secondary, as after a managed failover
   once the old primary's region is back and it has rejoined. Replication,
   lag and the data lost by --allow-data-loss are not emulated.

4. Aurora Global secondaries' master user. moto 5 creates a secondary
   (CreateDBCluster with GlobalClusterIdentifier, no MasterUsername) with
   no master user at all. Real RDS gives a secondary the global cluster's
   master user and reports it in DescribeDBClusters; Terraform reads it
   back, so once the member becomes the writer its configured
   master_username (ForceNew) matches. Under moto it reads nothing and
   would plan to replace the new writer. The patch copies the writer's
   master user to a joining secondary.

5. Tags on Aurora global clusters. A global cluster's ARN has no region
   (arn:aws:rds::ACCOUNT:global-cluster:ID); moto 5's tagging calls accept
   regional ARNs only and answer InvalidParameterValue, so Terraform cannot
   add the provider's default tags to a global cluster that exists (the
   drill's converge phase applies to existing state). Real RDS tags global
   clusters. The patch resolves such an ARN to the global cluster (kept in
   moto's us-east-1 backend, as moto keeps them).

6. DbiResourceId. moto 5 gives every DB instance the same DbiResourceId
   (db-M5ENSHXFPU6XHZ4G4ZEI5QIO2U). The AWS provider (5.x) keeps an
   instance's DbiResourceId as its id and reads it back with the
   dbi-resource-id filter, so an RDS instance and an Aurora cluster's
   instances in one region read each other. Real RDS gives each instance
   its own. The patch derives one per instance from its region and
   identifier (a replica, which moto copies from its source, gets its own).

7. Application Auto Scaling tags. moto 5 has no ListTagsForResource,
   TagResource or UntagResource for Application Auto Scaling, and drops the
   Tags of RegisterScalableTarget. The provider reads a scalable target's
   tags after creating it (default tags make every target tagged) and
   retries the NotImplemented answer until its timeout, so an ECS service's
   scaling target never finishes creating. Real Application Auto Scaling
   tags scalable targets. The patch keeps tags per ARN and answers the three
   calls.

8. EC2 Auto Scaling policies. moto 5 does not model a policy's Enabled
   flag (DescribePolicies answers false) and gives a policy created without
   PredictiveScalingConfiguration an empty one. Real Auto Scaling answers
   Enabled true and no predictive configuration for a target-tracking
   policy; under moto the provider would plan to change both on every plan.
   The patch answers as AWS does.

9. ECS AvailabilityZoneRebalancing. moto 5 neither keeps nor returns a
   service's availabilityZoneRebalancing; the provider sends its default
   (DISABLED) and, reading nothing back, plans to set it on every plan.
   Real ECS returns it. The patch keeps what CreateService and
   UpdateService were given (default DISABLED) and returns it.

10. ECS tasks. moto runs no tasks: a service's runningCount is the
    MOTO_ECS_SERVICE_RUNNING setting (0), whatever its desired count, so a
    runbook that raises the count and waits for the tasks would wait out
    its timeout. The patch starts the tasks at once on UpdateService with a
    desiredCount (running = desired, none pending); nothing else about a
    task is emulated.

11. ElastiCache (scripts/drill/moto_elasticache.py): replication group
   members as cache clusters, and user groups, which moto 5 lacks.

12. S3 buckets named with dots, addressed virtual-host style. Over plain
    HTTP the AWS SDK for Go addresses a bucket whose name has dots as
    `http://<bucket>.127.0.0.1:PORT/` (path style only for names without
    dots), a host that does not resolve here, so the harness routes such
    requests to moto as an HTTP proxy (HTTP_PROXY, see apply-on-moto.sh);
    moto then takes the bucket to be the host's first label (`x9-odd` of
    `x9-odd.qa-2.state`). Real S3 over HTTPS addresses dotted names path
    style. The patch turns a request for `<bucket>.<IPv4>[:port]` into the
    path-style request `<IPv4>[:port]/<bucket>/...` before moto reads it.

All are printed at start, so a drill log says what was emulated and why.
"""

import base64
import hashlib
import json
import os
import re
import sys

from moto.rds.models import DBInstance, RDSBackend

_create_replica = RDSBackend.create_db_instance_read_replica
_promote = RDSBackend.promote_read_replica
_create_cluster = RDSBackend.create_db_cluster
_resource_for_tagging = RDSBackend._get_resource_for_tagging
_instance_init = DBInstance.__init__
_remove_replica = DBInstance.remove_replica


def _own_resource_id(db):
    """A DbiResourceId of RDS's shape (db- and 26 base32 characters), one per
    region and identifier."""
    key = f"{db.region}/{db.db_instance_identifier}".encode()
    db.dbi_resource_id = "db-" + base64.b32encode(hashlib.sha256(key).digest()).decode()[:26]


def instance_init(self, *args, **kwargs):
    _instance_init(self, *args, **kwargs)
    _own_resource_id(self)


def create_db_instance_read_replica(self, db_kwargs):
    if self.arn_regex.match(db_kwargs.get("source_db_instance_identifier") or ""):
        # A dict keeps the position of its first insertion: "backend" first,
        # so the copy belongs to this (the replica's) region before
        # db_subnet_group_name is looked up. moto sets the same key again.
        db_kwargs = {"backend": self, **{k: v for k, v in db_kwargs.items() if k != "backend"}}
    replica = _create_replica(self, db_kwargs)
    _own_resource_id(replica)
    # CreateDBInstanceReadReplica takes no BackupRetentionPeriod: RDS creates
    # a replica with automated backups off (the provider then sets the
    # configured period with ModifyDBInstance when it is above 0). moto's
    # copy keeps its source's, which a replica configured with 0 then
    # plans to undo on every plan.
    replica.backup_retention_period = 0
    return replica


def promote_read_replica(self, db_kwargs):
    db = _promote(self, db_kwargs)
    source = db.source_db_instance_identifier
    if source:
        try:
            primary = self.find_db_from_id(source)
        except Exception:  # the source may be gone (deleted): nothing to unlink
            primary = None
        if primary is not None:
            for ref in (db.db_instance_arn, db.db_instance_identifier):
                if ref in primary.replicas:
                    primary.replicas.remove(ref)
        db.source_db_instance_identifier = None
    return db


def create_db_cluster(self, kwargs):
    cluster = _create_cluster(self, kwargs)
    if cluster.global_cluster_identifier and not cluster.master_username:
        from moto.rds.models import rds_backends

        backends = rds_backends[self.account_id]
        for region in backends:
            gc = backends[region].global_clusters.get(cluster.global_cluster_identifier)
            writer = next((m for m in (gc.members if gc else []) if m.is_writer and m.master_username), None)
            if writer is not None:
                cluster.master_username = writer.master_username
                break
    return cluster


def get_resource_for_tagging(self, arn):
    parts = arn.split(":")
    if len(parts) == 7 and parts[2] == "rds" and parts[3] == "" and parts[5] == "global-cluster":
        from moto.rds.models import rds_backends

        return rds_backends[parts[4]]["us-east-1"].global_clusters.get(parts[6])
    return _resource_for_tagging(self, arn)


def _switch_writer(self):
    from moto.core.responses import ActionResult
    from moto.rds.exceptions import DBClusterNotFoundError

    gid = (self.params.get("GlobalClusterIdentifier") or "").lower()
    target = self.params.get("TargetDbClusterIdentifier") or ""
    gc = self.global_backend.global_clusters.get(gid)
    member = next((m for m in (gc.members if gc else []) if target in (m.db_cluster_arn, m.db_cluster_identifier)), None)
    if member is None:
        raise DBClusterNotFoundError(target)
    for m in gc.members:
        m.is_writer = m is member
    print(f"[moto_server.py] emulated {self.params.get('Action')}: {target} is the writer of {gid}", flush=True)
    return ActionResult({"GlobalCluster": gc})


# Application Auto Scaling tags, by (account, ARN).
_aas_tags = {}


def _aas_patch():
    from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse as R

    register = R.register_scalable_target

    def register_scalable_target(self):
        body = register(self)
        tags = self._get_param("Tags") or {}
        if tags:
            arn = json.loads(body)["ScalableTargetARN"]
            _aas_tags.setdefault((self.current_account, arn), {}).update(tags)
        return body

    def list_tags_for_resource(self):
        arn = self._get_param("ResourceARN")
        return json.dumps({"Tags": _aas_tags.get((self.current_account, arn), {})})

    def tag_resource(self):
        arn = self._get_param("ResourceARN")
        _aas_tags.setdefault((self.current_account, arn), {}).update(self._get_param("Tags") or {})
        return "{}"

    def untag_resource(self):
        arn = self._get_param("ResourceARN")
        kept = _aas_tags.get((self.current_account, arn), {})
        for k in self._get_param("TagKeys") or []:
            kept.pop(k, None)
        return "{}"

    R.register_scalable_target = register_scalable_target
    R.list_tags_for_resource = list_tags_for_resource
    R.tag_resource = tag_resource
    R.untag_resource = untag_resource
    print(
        "[moto_server.py] emulated Application Auto Scaling ListTagsForResource, TagResource and UntagResource, and "
        "RegisterScalableTarget keeps its Tags (moto 5 has none of them; the provider reads a scalable target's tags "
        "after creating it and would retry until its timeout)",
        flush=True,
    )


def _asg_policy_patch():
    from moto.autoscaling.models import FakeScalingPolicy

    init = FakeScalingPolicy.__init__

    def policy_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.enabled = True
        if not self.predictive_scaling_configuration:
            self.predictive_scaling_configuration = None

    FakeScalingPolicy.__init__ = policy_init
    print(
        "[moto_server.py] patched Auto Scaling policies: Enabled true and no empty PredictiveScalingConfiguration "
        "(moto 5 answers Enabled false and an empty block; real Auto Scaling does neither)",
        flush=True,
    )


_VIRTUAL_HOST = re.compile(r"^(.+)\.(\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?)$")


def _dotted_bucket_patch():
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    dispatch = DomainDispatcherApplication.__call__

    def call(self, environ, start_response):
        m = _VIRTUAL_HOST.match(environ.get("HTTP_HOST", ""))
        if m:
            bucket, host = m.groups()
            environ["HTTP_HOST"] = host
            environ["PATH_INFO"] = "/" + bucket + environ.get("PATH_INFO", "/")
        return dispatch(self, environ, start_response)

    DomainDispatcherApplication.__call__ = call
    print(
        "[moto_server.py] patched S3 virtual-host requests for a bucket named with dots (http://<bucket>.127.0.0.1, "
        "routed here as a proxy): served as the path-style request for the whole name (moto 5 takes the host's first "
        "label for the bucket; real S3 over HTTPS addresses such buckets path style)",
        flush=True,
    )


def _ecs_rebalancing_patch():
    from moto.ecs.models import Service
    from moto.ecs.responses import EC2ContainerServiceResponse as R

    init = Service.__init__

    def service_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.availability_zone_rebalancing = "DISABLED"

    def keeping(original):
        def call(self):
            result = original(self)
            value = self._get_param("availabilityZoneRebalancing")
            service = (getattr(result, "result", None) or {}).get("service")
            if value and service is not None:
                service.availability_zone_rebalancing = value
            desired = self._get_param("desiredCount")
            if original.__name__ == "update_service" and desired is not None and service is not None:
                service.running_count, service.pending_count = int(desired), 0
            return result

        return call

    Service.__init__ = service_init
    R.create_service = keeping(R.create_service)
    R.update_service = keeping(R.update_service)
    print(
        "[moto_server.py] patched ECS services: availabilityZoneRebalancing is kept and returned, DISABLED by default "
        "(moto 5 drops it, so the provider would plan to set it on every plan); UpdateService with a desiredCount "
        "starts that many tasks at once (moto 5 runs none, so a runbook waiting for them would time out)",
        flush=True,
    )


def remove_replica(self, replica):
    # A replica whose source was deleted and rebuilt under the same name
    # (failback.sh, three regions) is not in the new source's list.
    try:
        _remove_replica(self, replica)
    except ValueError:
        pass


def main():
    DBInstance.remove_replica = remove_replica
    print(
        "[moto_server.py] patched RDS DeleteDBInstance of a replica whose source was deleted and recreated under "
        "the same name: moto 5 looks the new source up by name, fails to unlink the replica from it (ValueError) and "
        "answers HTTP 500; real RDS deletes the replica",
        flush=True,
    )
    RDSBackend.create_db_instance_read_replica = create_db_instance_read_replica
    RDSBackend.promote_read_replica = promote_read_replica
    RDSBackend.create_db_cluster = create_db_cluster
    RDSBackend._get_resource_for_tagging = get_resource_for_tagging
    DBInstance.__init__ = instance_init
    print(
        "[moto_server.py] patched RDS CreateDBInstanceReadReplica: a cross-region replica's DB subnet group is "
        "looked up in the replica's region (moto 5 looks in the source region; real RDS does not)",
        flush=True,
    )
    print(
        "[moto_server.py] patched RDS CreateDBInstanceReadReplica: a replica starts with automated backups off, "
        "as on RDS (moto 5 copies its source's retention, so a replica configured with 0 never planned clean)",
        flush=True,
    )
    print(
        "[moto_server.py] patched RDS PromoteReadReplica: the promoted instance no longer names a source and the "
        "source no longer lists it (moto 5 keeps both; real RDS clears them)",
        flush=True,
    )
    print(
        "[moto_server.py] patched RDS CreateDBCluster: an Aurora global secondary gets the global cluster's master "
        "user (moto 5 leaves it empty; real RDS reports the writer's, so Terraform sees no change when it becomes the writer)",
        flush=True,
    )
    print(
        "[moto_server.py] patched RDS tagging: a global cluster's region-less ARN names the global cluster "
        "(moto 5 answers InvalidParameterValue; real RDS tags global clusters)",
        flush=True,
    )
    print(
        "[moto_server.py] patched RDS DBInstance: each instance gets its own DbiResourceId (moto 5 gives all the "
        "same one, so the provider, which reads instances by it, mixes up the instances of one region)",
        flush=True,
    )
    from moto.rds.responses import RDSResponse

    RDSResponse.failover_global_cluster = _switch_writer
    RDSResponse.switchover_global_cluster = _switch_writer
    print(
        "[moto_server.py] emulated Aurora FailoverGlobalCluster and SwitchoverGlobalCluster (moto 5 has neither): "
        "the target member becomes the writer, the others secondaries; no replication or data loss is emulated",
        flush=True,
    )
    _aas_patch()
    _asg_policy_patch()
    _ecs_rebalancing_patch()
    _dotted_bucket_patch()
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import moto_elasticache

    moto_elasticache.patch()
    from moto.server import main as moto_main

    moto_main(sys.argv[1:])


if __name__ == "__main__":
    main()
