data "aws_region" "current" {}

locals {
  replica = var.replicate_source_db != null
  port    = var.engine == "postgres" ? 5432 : 3306
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

resource "aws_vpc_security_group_ingress_rule" "from_app" {
  count = length(var.app_security_group_ids)

  security_group_id            = aws_security_group.this.id
  description                  = "Application to the database port"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = var.app_security_group_ids[count.index]
}

resource "aws_db_instance" "this" {
  #checkov:skip=CKV_AWS_118:Enhanced monitoring needs a monitoring role; Performance Insights is on instead.
  #checkov:skip=CKV_AWS_157:Multi-AZ follows the design; DR replicas may run in one AZ.
  #checkov:skip=CKV2_AWS_8:Automated backups are on; an AWS Backup plan is an account-level choice.
  identifier     = var.identifier
  engine         = local.replica ? null : var.engine
  engine_version = local.replica ? null : var.engine_version
  instance_class = var.instance_class

  allocated_storage = var.storage_gb
  storage_type      = "gp3"
  storage_encrypted = var.encrypted
  kms_key_id        = var.encrypted ? module.key.arn : null

  replicate_source_db         = var.replicate_source_db
  username                    = local.replica ? null : "dbadmin"
  manage_master_user_password = local.replica ? null : true

  multi_az               = var.multi_az
  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.this.id]
  publicly_accessible    = false

  backup_retention_period             = var.backup_retention_days
  copy_tags_to_snapshot               = true
  deletion_protection                 = true
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "${var.identifier}-final"
  auto_minor_version_upgrade          = true
  iam_database_authentication_enabled = var.engine != "mariadb"
  enabled_cloudwatch_logs_exports     = local.logs
  performance_insights_enabled        = true
  performance_insights_kms_key_id     = module.key.arn

  tags = var.tags
}
