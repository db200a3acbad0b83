# A Redis OSS or Valkey replication group (cluster mode off): a primary and
# up to five replicas, encrypted at rest with a key of its own and in transit
# (TLS required), reachable from the applications of its VPC only.
#
# How applications authenticate: IAM authentication, so there is no password
# anywhere, neither in these files nor in the Terraform state. The group
# admits only the users of its user group: `app_user_id`, an IAM-enabled user
# the applications' roles may connect as (`elasticache:Connect` on the
# replication group and the user, granted in the iam stack), and a user named
# `default` that is switched off (`off -@all`). A client signs a SigV4 token
# for `http://<replication group id>/?Action=connect&User=<user>` (service
# `elasticache`, the cache's region, valid 15 minutes) with its role's
# credentials and sends `AUTH <user> <token>` over TLS; the connection lives
# at most 12 hours, then the client reconnects with a fresh token.
#
# Why not an AUTH token: the provider (hashicorp/aws 5.100) has no
# write-only `auth_token`, so a token would sit in the state in plain text
# even when generated into Secrets Manager. IAM authentication needs Redis
# OSS 7.0 or Valkey 7.2 and later.

data "aws_region" "current" {}

locals {
  port = 6379
}

module "key" {
  source = "../kms"

  alias       = "alias/${var.replication_group_id}-elasticache-${data.aws_region.current.name}"
  description = "${var.replication_group_id} cache data and snapshots"
  tags        = var.tags
}

resource "aws_elasticache_subnet_group" "this" {
  name        = var.replication_group_id
  description = "Cache ${var.replication_group_id}"
  subnet_ids  = var.subnet_ids

  tags = var.tags
}

resource "aws_security_group" "this" {
  name_prefix = "${var.replication_group_id}-cache-"
  description = "Cache ${var.replication_group_id}"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.replication_group_id}-cache" })

  lifecycle {
    create_before_destroy = true
  }
}

# Applications of the same VPC, both halves of each flow: ingress on the
# cache's group and egress on the application's. No other flow reaches a
# cache: not across a peering (a cache serves its own region; see flows.rs
# in Topoform), not from the internet.
resource "aws_vpc_security_group_ingress_rule" "from_app" {
  for_each = var.app_security_groups

  security_group_id            = aws_security_group.this.id
  description                  = "Application ${each.key} to the cache port"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = each.value
}

resource "aws_vpc_security_group_egress_rule" "app_to_cache" {
  for_each = var.app_security_groups

  security_group_id            = each.value
  description                  = "Application ${each.key} to the cache ${var.replication_group_id}"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = aws_security_group.this.id
}

# Every user group must hold a user named `default`; the account's own
# `default` user has no password and every right, so this group holds one
# of its own that is switched off and may run no command.
resource "aws_elasticache_user" "default" {
  user_id       = var.default_user_id
  user_name     = "default"
  engine        = var.engine
  access_string = "off -@all"

  authentication_mode {
    type = "no-password-required"
  }

  tags = var.tags
}

# The applications' user: IAM authentication (its id and name must be equal),
# every key, every command but the dangerous ones (FLUSHALL, CONFIG, KEYS, ...).
resource "aws_elasticache_user" "app" {
  user_id       = var.app_user_id
  user_name     = var.app_user_id
  engine        = var.engine
  access_string = "on ~* +@all -@dangerous"

  authentication_mode {
    type = "iam"
  }

  tags = var.tags
}

resource "aws_elasticache_user_group" "this" {
  user_group_id = var.user_group_id
  engine        = var.engine
  user_ids      = [aws_elasticache_user.default.user_id, aws_elasticache_user.app.user_id]

  tags = var.tags
}

resource "aws_elasticache_replication_group" "this" {
  #checkov:skip=CKV_AWS_31:Clients authenticate as an IAM-enabled user of the group's user group (no password); an AUTH token would sit in the state in plain text.
  replication_group_id = var.replication_group_id
  description          = "Cache ${var.replication_group_id}"
  engine               = var.engine
  engine_version       = var.engine_version
  node_type            = var.node_type
  num_cache_clusters   = var.nodes
  port                 = local.port

  automatic_failover_enabled = var.multi_az
  multi_az_enabled           = var.multi_az

  subnet_group_name  = aws_elasticache_subnet_group.this.name
  security_group_ids = [aws_security_group.this.id]
  user_group_ids     = [aws_elasticache_user_group.this.user_group_id]

  at_rest_encryption_enabled = true
  kms_key_id                 = module.key.arn
  transit_encryption_enabled = true

  snapshot_retention_limit   = var.snapshot_retention_days
  auto_minor_version_upgrade = true
  apply_immediately          = false

  tags = var.tags
}
