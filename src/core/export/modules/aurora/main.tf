locals {
  logs = var.engine == "aurora-postgresql" ? ["postgresql"] : ["audit", "error", "general", "slowquery"]
}

# A key of this region: each member of a global cluster needs its own region's key.
module "key" {
  source = "../kms"

  # The cluster identifier already ends with the region code.
  alias       = "alias/${replace(var.cluster_identifier, "/[^A-Za-z0-9_-]/", "-")}-aurora"
  description = "${var.cluster_identifier} storage"
  tags        = var.tags
}

resource "aws_db_subnet_group" "this" {
  name       = var.cluster_identifier
  subnet_ids = var.subnet_ids

  tags = var.tags
}

resource "aws_security_group" "this" {
  name_prefix = "${var.cluster_identifier}-db-"
  description = "Aurora cluster ${var.cluster_identifier}"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.cluster_identifier}-db" })

  lifecycle {
    create_before_destroy = true
  }
}

# Applications of the same VPC, both halves of each flow: ingress on the
# database's group and egress on the application's (security groups are
# stateful per connection, but a new connection needs both).
resource "aws_vpc_security_group_ingress_rule" "from_app" {
  for_each = var.app_security_groups

  security_group_id            = aws_security_group.this.id
  description                  = "Application ${each.key} to the database port"
  ip_protocol                  = "tcp"
  from_port                    = var.port
  to_port                      = var.port
  referenced_security_group_id = each.value
}

resource "aws_vpc_security_group_egress_rule" "app_to_db" {
  for_each = var.app_security_groups

  security_group_id            = each.value
  description                  = "Application ${each.key} to the database ${var.cluster_identifier}"
  ip_protocol                  = "tcp"
  from_port                    = var.port
  to_port                      = var.port
  referenced_security_group_id = aws_security_group.this.id
}

# Applications of peered VPCs, by their subnets' CIDRs (a group cannot be
# referenced across a cross-region peering); their egress is in modules/asg.
resource "aws_vpc_security_group_ingress_rule" "from_peer_apps" {
  for_each = var.peer_app_cidrs

  security_group_id = aws_security_group.this.id
  description       = "Application ${each.value.application} of a peered VPC to the database port"
  ip_protocol       = "tcp"
  from_port         = var.port
  to_port           = var.port
  cidr_ipv4         = each.value.cidr
}

resource "aws_rds_cluster" "this" {
  #checkov:skip=CKV2_AWS_27:Query logging needs a cluster parameter group tuned to the workload.
  #checkov:skip=CKV2_AWS_8:Automated backups are on; an AWS Backup plan is an account-level choice.
  cluster_identifier        = var.cluster_identifier
  engine                    = var.engine
  engine_version            = var.engine_version
  global_cluster_identifier = var.global_cluster_identifier
  port                      = var.port
  # A secondary joins from the writer's region; the provider needs it for an
  # encrypted cross-region member (it signs the request in that region).
  source_region = var.secondary ? var.source_region : null

  master_username             = var.secondary ? null : "dbadmin"
  manage_master_user_password = var.secondary ? null : true

  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.this.id]
  storage_encrypted      = true
  kms_key_id             = module.key.arn

  # The writer names the database; a secondary gets the writer's (AGD-06).
  database_name = var.secondary ? null : var.database_name

  backup_retention_period             = var.backup_retention_days
  copy_tags_to_snapshot               = true
  deletion_protection                 = true
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "${var.cluster_identifier}-final"
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = local.logs

  tags = var.tags

  lifecycle {
    # Upgrades of a global cluster go through the global cluster.
    # source_region only signs the request that creates a secondary; the
    # provider keeps it in state alone and would replace the cluster (its
    # data) when a failover or a change of primary makes the member the
    # writer, or the old writer a secondary. database_name likewise only
    # names the database created with the cluster (ForceNew): after a change
    # of primary the new writer has the database through replication and
    # the old writer, now a secondary, names none in the design.
    ignore_changes = [engine_version, source_region, database_name]
  }
}

resource "aws_rds_cluster_instance" "this" {
  #checkov:skip=CKV_AWS_118:Enhanced monitoring needs a monitoring role; Performance Insights is on instead.
  #checkov:skip=CKV_AWS_226:Minor upgrades follow the design: on when it gives only a major version, off when it pins a minor one (an automatic upgrade would make the next plan a downgrade).
  for_each = toset([for i in range(var.instances) : tostring(i)])

  identifier                      = "${var.cluster_identifier}-${each.key}"
  cluster_identifier              = aws_rds_cluster.this.id
  engine                          = var.engine
  engine_version                  = var.engine_version
  instance_class                  = var.instance_class
  db_subnet_group_name            = aws_db_subnet_group.this.name
  publicly_accessible             = false
  auto_minor_version_upgrade      = var.auto_minor_version_upgrade
  performance_insights_enabled    = true
  performance_insights_kms_key_id = module.key.arn

  tags = var.tags

  lifecycle {
    ignore_changes = [engine_version]
  }
}
