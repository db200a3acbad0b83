data "aws_region" "current" {}

locals {
  replica = var.replicate_source_db != null
  logs    = var.engine == "postgres" ? ["postgresql", "upgrade"] : ["error", "general", "slowquery"]
}

# A key of this region: a cross-region replica cannot use its source's key
# (RDS-08). Performance Insights uses it even when the design leaves the
# storage unencrypted (RDS-12 warns about that).
module "key" {
  source = "../kms"

  alias       = "alias/${replace(var.identifier, "/[^A-Za-z0-9_-]/", "-")}-rds-${data.aws_region.current.name}"
  description = "${var.identifier} storage"
  tags        = var.tags
}

resource "aws_db_subnet_group" "this" {
  name       = var.identifier
  subnet_ids = var.subnet_ids

  tags = var.tags
}

resource "aws_security_group" "this" {
  name_prefix = "${var.identifier}-db-"
  description = "Database ${var.identifier}"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.identifier}-db" })

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
  description                  = "Application ${each.key} to the database ${var.identifier}"
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

resource "aws_db_instance" "this" {
  #checkov:skip=CKV_AWS_118:Enhanced monitoring needs a monitoring role; Performance Insights is on instead.
  #checkov:skip=CKV_AWS_157:Multi-AZ follows the design; DR replicas may run in one AZ.
  #checkov:skip=CKV2_AWS_8:Automated backups are on; an AWS Backup plan is an account-level choice.
  #checkov:skip=CKV_AWS_226:Minor upgrades follow the design: on when it gives only a major version, off when it pins a minor one (an automatic upgrade would make the next plan a downgrade).
  identifier     = var.identifier
  engine         = local.replica ? null : var.engine
  engine_version = local.replica ? null : var.engine_version
  instance_class = var.instance_class
  port           = var.port

  allocated_storage     = var.storage_gb
  max_allocated_storage = var.max_storage_gb
  storage_type          = "gp3"
  storage_encrypted     = var.encrypted
  kms_key_id            = var.encrypted ? module.key.arn : null

  replicate_source_db         = var.replicate_source_db
  username                    = local.replica ? null : "dbadmin"
  manage_master_user_password = local.replica ? null : true

  multi_az               = var.multi_az
  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.this.id]
  publicly_accessible    = false

  backup_retention_period = var.backup_retention_days
  copy_tags_to_snapshot   = true
  deletion_protection     = true
  # RDS takes no final snapshot of a read replica (DeleteDBInstance rejects
  # FinalDBSnapshotIdentifier for one), so a replica skips it; every other
  # instance keeps one under a fixed name.
  skip_final_snapshot                 = local.replica
  final_snapshot_identifier           = local.replica ? null : "${var.identifier}-final"
  auto_minor_version_upgrade          = var.auto_minor_version_upgrade
  iam_database_authentication_enabled = var.engine != "mariadb"
  enabled_cloudwatch_logs_exports     = local.logs
  performance_insights_enabled        = true
  performance_insights_kms_key_id     = module.key.arn

  tags = var.tags
}
