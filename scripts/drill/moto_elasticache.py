"""ElastiCache behaviours moto 5.2.1 lacks, made real for the harness.

Imported by moto_server.py, which calls `patch()` before it starts moto; each
patch prints itself, so a harness log says what was emulated and why.

1. Replication group members. moto 5's CreateReplicationGroup (cluster mode
   off) ignores NumCacheClusters and makes one member unless
   ReplicasPerNodeGroup is given, and it registers no member as a cache
   cluster. Real ElastiCache makes NumCacheClusters members, each a cache
   cluster that DescribeCacheClusters lists. The AWS provider reads
   num_cache_clusters from the member list and the encryption, security
   groups, subnet group and engine version from the first member's cache
   cluster, so under moto it fails to read the group (CacheClusterNotFound).
   The patch makes NumCacheClusters members and registers each as a cache
   cluster carrying the group's settings.
2. User groups. moto 5 has no CreateUserGroup, DescribeUserGroups,
   ModifyUserGroup or DeleteUserGroup (they answer 500), and its tagging
   calls refuse a user group's ARN. The patch emulates them as ElastiCache
   documents them: every user must exist, have the group's engine and the
   group must hold a user named `default`; the group is `active` at once.
   Modifying the users of a group is not emulated (nothing the harness
   applies does it).
"""

from moto.elasticache.exceptions import ElastiCacheException
from moto.elasticache.models import CacheCluster, ElastiCacheBackend, ReplicationGroup
from moto.elasticache.responses import ElastiCacheResponse
from moto.core.responses import ActionResult

_rg_init = ReplicationGroup.__init__
_create_rg = ElastiCacheBackend.create_replication_group
_tags_regex = r"^arn:aws:elasticache:.*:[0-9]*:(cluster|snapshot|subnetgroup|replicationgroup|user|usergroup):.*$"


class _Fault(ElastiCacheException):
    def __init__(self, code, message):
        super().__init__(code, message)


def rg_init(self, *args, **kwargs):
    """Cluster mode off: NumCacheClusters members (moto counts replicas only)."""
    count = kwargs.get("num_cache_clusters")
    if count and not kwargs.get("replicas_per_node_group") and (kwargs.get("cluster_mode") or "disabled") == "disabled":
        kwargs["replicas_per_node_group"] = int(count) - 1
    _rg_init(self, *args, **kwargs)


def create_replication_group(self, **kwargs):
    rg = _create_rg(self, **kwargs)
    for g in rg.node_groups:
        # moto gives the reader endpoint's address but not the endpoint itself.
        if g.get("reader_endpoint_address") and "reader_endpoint" not in g:
            g["reader_endpoint"] = {"address": g["reader_endpoint_address"], "port": rg.port}
    azs = [m.get("preferred_availability_zone") for g in rg.node_groups for m in g["node_group_members"]]
    for member, az in zip(rg.member_clusters, azs):
        if member in self.cache_clusters:
            continue
        c = CacheCluster(
            account_id=self.account_id, region_name=self.region_name, cache_cluster_id=member,
            cache_node_type=rg.cache_node_type, replication_group_id=rg.replication_group_id, az_mode=None,
            preferred_availability_zone=az, num_cache_nodes=1, engine=rg.engine, engine_version=rg.engine_version,
            cache_parameter_group_name=rg.cache_parameter_group_name,
            cache_subnet_group_name=rg.cache_subnet_group_name,
            transit_encryption_enabled=rg.transit_encryption_enabled, network_type=rg.network_type,
            ip_discovery=rg.ip_discovery, snapshot_name=None,
            preferred_maintenance_window=rg.preferred_maintenance_window, port=rg.port,
            notification_topic_arn=rg.notification_topic_arn,
            auto_minor_version_upgrade=str(rg.auto_minor_version_upgrade).lower() != "false",
            snapshot_retention_limit=rg.snapshot_retention_limit, snapshot_window=rg.snapshot_window,
            auth_token=None, outpost_mode=None, preferred_outpost_arn=None, preferred_availability_zones=None,
            cache_security_group_names=None, security_group_ids=rg.security_group_ids, tags=None,
            snapshot_arns=None, preferred_outpost_arns=None, log_delivery_configurations=[],
            cache_node_ids_to_remove=None, cache_node_ids_to_reboot=None,
        )
        # The fields the CacheCluster shape names and moto's model lacks.
        c.engine = rg.engine
        c.at_rest_encryption_enabled = rg.at_rest_encryption_enabled
        c.transit_encryption_mode = rg.transit_encryption_mode or ("required" if rg.transit_encryption_enabled else None)
        c.security_groups = [{"SecurityGroupId": g, "Status": "active"} for g in rg.security_group_ids or []]
        c.cache_parameter_group = {"CacheParameterGroupName": rg.cache_parameter_group_name or f"default.{rg.engine}",
                                   "ParameterApplyStatus": "in-sync"}
        self.cache_clusters[member] = c
    for gid in rg.user_group_ids:
        group = _user_groups(self).get(gid)
        if group is not None and rg.replication_group_id not in group["ReplicationGroups"]:
            group["ReplicationGroups"].append(rg.replication_group_id)
    return rg


def _user_groups(backend):
    if not hasattr(backend, "user_groups"):
        backend.user_groups = {}
    return backend.user_groups


def create_user_group(self):
    backend = self.elasticache_backend
    gid = self._get_param("UserGroupId")
    engine = (self._get_param("Engine") or "").lower()
    user_ids = self._get_param("UserIds", []) or []
    groups = _user_groups(backend)
    if gid in groups:
        raise _Fault("UserGroupAlreadyExists", f"User group {gid} already exists.")
    users = []
    for uid in user_ids:
        user = backend.users.get(uid)
        if user is None:
            raise _Fault("UserNotFound", f"User {uid} not found.")
        if user.engine != engine:
            raise _Fault("InvalidParameterCombination", f"User {uid} has engine {user.engine}, the group {engine}.")
        users.append(user)
    if user_ids and not any(u.name == "default" for u in users):
        raise _Fault("DefaultUserRequired", "A user group must contain a user with the name default.")
    arn = f"arn:aws:elasticache:{backend.region_name}:{backend.account_id}:usergroup:{gid}"
    group = {"UserGroupId": gid, "Status": "active", "Engine": engine, "UserIds": list(user_ids),
             "MinimumEngineVersion": "6.0", "ReplicationGroups": [], "ServerlessCaches": [], "ARN": arn}
    groups[gid] = group
    for u in users:
        u.user_group_ids.append(gid)
    tags = self._get_param("Tags", []) or []
    if tags:
        backend.tagging_service.tag_resource(arn, tags)
    return ActionResult(group)


def describe_user_groups(self):
    groups = _user_groups(self.elasticache_backend)
    gid = self._get_param("UserGroupId")
    if gid:
        if gid not in groups:
            raise _Fault("UserGroupNotFound", f"User group {gid} not found.")
        return ActionResult({"UserGroups": [groups[gid]]})
    return ActionResult({"UserGroups": list(groups.values())})


def delete_user_group(self):
    groups = _user_groups(self.elasticache_backend)
    gid = self._get_param("UserGroupId")
    if gid not in groups:
        raise _Fault("UserGroupNotFound", f"User group {gid} not found.")
    group = groups.pop(gid)
    for uid in group["UserIds"]:
        user = self.elasticache_backend.users.get(uid)
        if user is not None and gid in user.user_group_ids:
            user.user_group_ids.remove(gid)
    return ActionResult(dict(group, Status="deleting"))


def patch():
    from re import compile as re_compile

    ReplicationGroup.__init__ = rg_init
    ElastiCacheBackend.create_replication_group = create_replication_group
    _backend_init = ElastiCacheBackend.__init__

    def backend_init(self, *args, **kwargs):
        _backend_init(self, *args, **kwargs)
        self.arn_regex = re_compile(_tags_regex)

    ElastiCacheBackend.__init__ = backend_init
    ElastiCacheResponse.create_user_group = create_user_group
    ElastiCacheResponse.describe_user_groups = describe_user_groups
    ElastiCacheResponse.delete_user_group = delete_user_group
    print(
        "[moto_server.py] patched ElastiCache CreateReplicationGroup: NumCacheClusters members, each a cache cluster "
        "with the group's settings (moto 5 makes one member and no cache cluster; the provider reads the first member)",
        flush=True,
    )
    print(
        "[moto_server.py] emulated ElastiCache CreateUserGroup, DescribeUserGroups and DeleteUserGroup, and tags on "
        "user groups (moto 5 has none): users must exist with the group's engine and one must be named default",
        flush=True,
    )
