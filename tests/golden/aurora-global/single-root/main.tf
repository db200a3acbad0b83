data "aws_caller_identity" "current" {}

resource "aws_iam_role" "flow_us_east_1" {
  name               = "media-prod-vpc-flow-logs-us-east-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "vpc-flow-logs.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "flow_us_east_1" {
  name   = "flow-logs"
  role   = aws_iam_role.flow_us_east_1.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"], Resource = [format("arn:aws:logs:us-east-1:%s:log-group:/vpc/media-prod-use1-main/flow-*", data.aws_caller_identity.current.account_id), format("arn:aws:logs:us-east-1:%s:log-group:/vpc/media-prod-use1-main/flow-*:*", data.aws_caller_identity.current.account_id)] }] })
}

resource "aws_iam_role" "flow_eu_west_1" {
  name               = "media-prod-vpc-flow-logs-eu-west-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "vpc-flow-logs.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "flow_eu_west_1" {
  name   = "flow-logs"
  role   = aws_iam_role.flow_eu_west_1.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"], Resource = [format("arn:aws:logs:eu-west-1:%s:log-group:/vpc/media-prod-euw1-main/flow-*", data.aws_caller_identity.current.account_id), format("arn:aws:logs:eu-west-1:%s:log-group:/vpc/media-prod-euw1-main/flow-*:*", data.aws_caller_identity.current.account_id)] }] })
}

resource "aws_iam_role" "use1-app_us_east_1" {
  name               = "media-prod-app-us-east-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy_attachment" "use1-app_us_east_1_ssm" {
  role       = aws_iam_role.use1-app_us_east_1.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "use1-app_us_east_1" {
  name = "media-prod-app-us-east-1"
  role = aws_iam_role.use1-app_us_east_1.name
}

resource "aws_iam_role" "euw1-app_eu_west_1" {
  name               = "media-prod-app-eu-west-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy_attachment" "euw1-app_eu_west_1_ssm" {
  role       = aws_iam_role.euw1-app_eu_west_1.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "euw1-app_eu_west_1" {
  name = "media-prod-app-eu-west-1"
  role = aws_iam_role.euw1-app_eu_west_1.name
}

resource "aws_rds_global_cluster" "g_orders" {
  global_cluster_identifier = "media-prod-orders"
  engine                    = "aurora-postgresql"
  engine_version            = "16.4"
  storage_encrypted         = true
  deletion_protection       = true
}

module "vpc_use1-main" {
  source = "./modules/network"
  name   = "media-prod-use1-main"
  cidr   = "10.0.0.0/16"
  nat    = "per_az"
  subnets = {
    "use1-pub-a" = {
      cidr  = "10.0.0.0/24"
      az_id = "use1-az1"
      tier  = "public"
      name  = "use1-pub-a"
    }
    "use1-pub-b" = {
      cidr  = "10.0.1.0/24"
      az_id = "use1-az2"
      tier  = "public"
      name  = "use1-pub-b"
    }
    "use1-app-a" = {
      cidr  = "10.0.10.0/24"
      az_id = "use1-az1"
      tier  = "private"
      name  = "use1-app-a"
    }
    "use1-app-b" = {
      cidr  = "10.0.11.0/24"
      az_id = "use1-az2"
      tier  = "private"
      name  = "use1-app-b"
    }
    "use1-db-a" = {
      cidr  = "10.0.20.0/24"
      az_id = "use1-az1"
      tier  = "data"
      name  = "use1-db-a"
    }
    "use1-db-b" = {
      cidr  = "10.0.21.0/24"
      az_id = "use1-az2"
      tier  = "data"
      name  = "use1-db-b"
    }
  }
  flow_log_role_arn = aws_iam_role.flow_us_east_1.arn
  tags = {
    "DisplayName" = "main"
  }
  providers = {
    aws = aws.us_east_1
  }
}

module "alb_use1-alb" {
  source   = "./modules/alb"
  name     = "media-prod-web"
  vpc_id   = module.vpc_use1-main.vpc_id
  vpc_cidr = module.vpc_use1-main.cidr
  subnet_ids = [
    module.vpc_use1-main.subnet_ids["use1-pub-a"],
    module.vpc_use1-main.subnet_ids["use1-pub-b"]
  ]
  internal        = false
  port            = 443
  protocol        = "HTTPS"
  certificate_arn = var.certificate_arn["us-east-1"]
  health_check = {
    path                = "/health"
    interval            = 30
    timeout             = 5
    healthy_threshold   = 3
    unhealthy_threshold = 3
  }
  tags = {
    "DisplayName" = "web"
  }
  providers = {
    aws = aws.us_east_1
  }
}

module "asg_use1-app" {
  source                = "./modules/asg"
  name                  = "media-prod-app"
  instance_profile_name = aws_iam_instance_profile.use1-app_us_east_1.name
  vpc_id                = module.vpc_use1-main.vpc_id
  subnet_ids = [
    module.vpc_use1-main.subnet_ids["use1-app-a"],
    module.vpc_use1-main.subnet_ids["use1-app-b"]
  ]
  min_size              = 2
  desired_capacity      = 2
  max_size              = 8
  instance_type         = "t3.medium"
  image                 = "ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
  target_group_arn      = module.alb_use1-alb.target_group_arn
  behind_alb            = true
  alb_security_group_id = module.alb_use1-alb.security_group_id
  peer_database_cidrs = {
    "euw1-orders/euw1-db-a" = {
      database = "euw1-orders"
      cidr     = "10.1.20.0/24"
      port     = 5432
    }
    "euw1-orders/euw1-db-b" = {
      database = "euw1-orders"
      cidr     = "10.1.21.0/24"
      port     = 5432
    }
  }
  tags = {
    "DisplayName" = "app"
  }
  providers = {
    aws = aws.us_east_1
  }
}

module "aurora_use1-orders" {
  source                     = "./modules/aurora"
  cluster_identifier         = "media-prod-orders-us-east-1"
  engine                     = "aurora-postgresql"
  engine_version             = "16.4"
  auto_minor_version_upgrade = false
  instance_class             = "db.r6g.large"
  instances                  = 2
  backup_retention_days      = 7
  global_cluster_identifier  = aws_rds_global_cluster.g_orders.id
  secondary                  = false
  vpc_id                     = module.vpc_use1-main.vpc_id
  subnet_ids = [
    module.vpc_use1-main.subnet_ids["use1-db-a"],
    module.vpc_use1-main.subnet_ids["use1-db-b"]
  ]
  port = 5432
  app_security_groups = {
    "use1-app" = module.asg_use1-app.security_group_id
  }
  peer_app_cidrs = {
    "euw1-app/euw1-app-a" = {
      application = "euw1-app"
      cidr        = "10.1.10.0/24"
    }
    "euw1-app/euw1-app-b" = {
      application = "euw1-app"
      cidr        = "10.1.11.0/24"
    }
  }
  tags = {
    "DisplayName" = "orders"
  }
  providers = {
    aws = aws.us_east_1
  }
}

module "s3_use1-assets" {
  source     = "./modules/s3"
  bucket     = "media-prod-assets-use1"
  versioning = true
  tags = {
    "DisplayName" = "assets"
  }
  providers = {
    aws = aws.us_east_1
  }
}

module "vpc_euw1-main" {
  source = "./modules/network"
  name   = "media-prod-euw1-main"
  cidr   = "10.1.0.0/16"
  nat    = "per_az"
  subnets = {
    "euw1-pub-a" = {
      cidr  = "10.1.0.0/24"
      az_id = "euw1-az1"
      tier  = "public"
      name  = "euw1-pub-a"
    }
    "euw1-pub-b" = {
      cidr  = "10.1.1.0/24"
      az_id = "euw1-az2"
      tier  = "public"
      name  = "euw1-pub-b"
    }
    "euw1-app-a" = {
      cidr  = "10.1.10.0/24"
      az_id = "euw1-az1"
      tier  = "private"
      name  = "euw1-app-a"
    }
    "euw1-app-b" = {
      cidr  = "10.1.11.0/24"
      az_id = "euw1-az2"
      tier  = "private"
      name  = "euw1-app-b"
    }
    "euw1-db-a" = {
      cidr  = "10.1.20.0/24"
      az_id = "euw1-az1"
      tier  = "data"
      name  = "euw1-db-a"
    }
    "euw1-db-b" = {
      cidr  = "10.1.21.0/24"
      az_id = "euw1-az2"
      tier  = "data"
      name  = "euw1-db-b"
    }
  }
  flow_log_role_arn = aws_iam_role.flow_eu_west_1.arn
  tags = {
    "DisplayName" = "main"
  }
  providers = {
    aws = aws.eu_west_1
  }
}

module "alb_euw1-alb" {
  source   = "./modules/alb"
  name     = "media-prod-web"
  vpc_id   = module.vpc_euw1-main.vpc_id
  vpc_cidr = module.vpc_euw1-main.cidr
  subnet_ids = [
    module.vpc_euw1-main.subnet_ids["euw1-pub-a"],
    module.vpc_euw1-main.subnet_ids["euw1-pub-b"]
  ]
  internal        = false
  port            = 443
  protocol        = "HTTPS"
  certificate_arn = var.certificate_arn["eu-west-1"]
  health_check = {
    path                = "/health"
    interval            = 30
    timeout             = 5
    healthy_threshold   = 3
    unhealthy_threshold = 3
  }
  tags = {
    "DisplayName" = "web"
  }
  providers = {
    aws = aws.eu_west_1
  }
}

module "asg_euw1-app" {
  source                = "./modules/asg"
  name                  = "media-prod-app"
  instance_profile_name = aws_iam_instance_profile.euw1-app_eu_west_1.name
  vpc_id                = module.vpc_euw1-main.vpc_id
  subnet_ids = [
    module.vpc_euw1-main.subnet_ids["euw1-app-a"],
    module.vpc_euw1-main.subnet_ids["euw1-app-b"]
  ]
  min_size              = 1
  desired_capacity      = 1
  max_size              = 8
  instance_type         = "t3.medium"
  image                 = "ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
  target_group_arn      = module.alb_euw1-alb.target_group_arn
  behind_alb            = true
  alb_security_group_id = module.alb_euw1-alb.security_group_id
  peer_database_cidrs = {
    "use1-orders/use1-db-a" = {
      database = "use1-orders"
      cidr     = "10.0.20.0/24"
      port     = 5432
    }
    "use1-orders/use1-db-b" = {
      database = "use1-orders"
      cidr     = "10.0.21.0/24"
      port     = 5432
    }
  }
  tags = {
    "DisplayName" = "app"
  }
  providers = {
    aws = aws.eu_west_1
  }
}

module "aurora_euw1-orders" {
  source                     = "./modules/aurora"
  cluster_identifier         = "media-prod-orders-eu-west-1"
  engine                     = "aurora-postgresql"
  engine_version             = "16.4"
  auto_minor_version_upgrade = false
  instance_class             = "db.r6g.large"
  instances                  = 1
  backup_retention_days      = 7
  global_cluster_identifier  = module.aurora_use1-orders.global_cluster_identifier
  secondary                  = true
  source_region              = "us-east-1"
  vpc_id                     = module.vpc_euw1-main.vpc_id
  subnet_ids = [
    module.vpc_euw1-main.subnet_ids["euw1-db-a"],
    module.vpc_euw1-main.subnet_ids["euw1-db-b"]
  ]
  port = 5432
  app_security_groups = {
    "euw1-app" = module.asg_euw1-app.security_group_id
  }
  peer_app_cidrs = {
    "use1-app/use1-app-a" = {
      application = "use1-app"
      cidr        = "10.0.10.0/24"
    }
    "use1-app/use1-app-b" = {
      application = "use1-app"
      cidr        = "10.0.11.0/24"
    }
  }
  tags = {
    "DisplayName" = "orders"
  }
  providers = {
    aws = aws.eu_west_1
  }
}

module "s3_euw1-assets" {
  source     = "./modules/s3"
  bucket     = "media-prod-assets-euw1"
  versioning = true
  tags = {
    "DisplayName" = "assets"
  }
  providers = {
    aws = aws.eu_west_1
  }
}

resource "aws_route53_zone" "this" {
  #checkov:skip=CKV2_AWS_38:DNSSEC signing needs a KMS key in us-east-1 and a DS record at the registrar; enable it once the zone is delegated.
  #checkov:skip=CKV2_AWS_39:Query logging needs a CloudWatch log group in us-east-1; an account-level choice.
  name    = "example.com"
  comment = "Managed by Topoform"
}

resource "aws_route53_health_check" "app_use1-alb" {
  fqdn              = module.alb_use1-alb.dns_name
  port              = 443
  type              = "HTTPS"
  request_interval  = 10
  failure_threshold = 3
  tags = {
    "Name" = "media use1-alb"
  }
  resource_path = "/health"
}

resource "aws_route53_record" "app_use1-alb" {
  zone_id         = aws_route53_zone.this.zone_id
  name            = "media"
  type            = "A"
  set_identifier  = "use1-alb"
  health_check_id = aws_route53_health_check.app_use1-alb.id

  alias {
    name                   = module.alb_use1-alb.dns_name
    zone_id                = module.alb_use1-alb.zone_id
    evaluate_target_health = true
  }

  failover_routing_policy {
    type = "PRIMARY"
  }
}

resource "aws_route53_record" "app_euw1-alb" {
  zone_id        = aws_route53_zone.this.zone_id
  name           = "media"
  type           = "A"
  set_identifier = "euw1-alb"

  alias {
    name                   = module.alb_euw1-alb.dns_name
    zone_id                = module.alb_euw1-alb.zone_id
    evaluate_target_health = true
  }

  failover_routing_policy {
    type = "SECONDARY"
  }
}

resource "aws_vpc_peering_connection" "use1-euw1" {
  provider    = aws.us_east_1
  vpc_id      = module.vpc_use1-main.vpc_id
  peer_vpc_id = module.vpc_euw1-main.vpc_id
  peer_region = "eu-west-1"
  auto_accept = false
  tags = {
    "Name" = "use1-euw1"
  }
}

resource "aws_vpc_peering_connection_accepter" "use1-euw1" {
  provider                  = aws.eu_west_1
  vpc_peering_connection_id = aws_vpc_peering_connection.use1-euw1.id
  auto_accept               = true
  tags = {
    "Name" = "use1-euw1"
  }
}

resource "aws_route" "use1-euw1_a" {
  provider                  = aws.us_east_1
  for_each                  = module.vpc_use1-main.route_table_ids
  route_table_id            = each.value
  destination_cidr_block    = module.vpc_euw1-main.cidr
  vpc_peering_connection_id = aws_vpc_peering_connection_accepter.use1-euw1.id
}

resource "aws_route" "use1-euw1_b" {
  provider                  = aws.eu_west_1
  for_each                  = module.vpc_euw1-main.route_table_ids
  route_table_id            = each.value
  destination_cidr_block    = module.vpc_use1-main.cidr
  vpc_peering_connection_id = aws_vpc_peering_connection_accepter.use1-euw1.id
}

resource "aws_iam_role" "use1-assets_replication" {
  name               = "media-prod-assets-replication-us-east-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "s3.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "use1-assets_replication" {
  role   = aws_iam_role.use1-assets_replication.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource = module.s3_use1-assets.arn }, { Effect = "Allow", Action = ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource = format("%s/*", module.s3_use1-assets.arn) }, { Effect = "Allow", Action = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource = format("%s/*", module.s3_euw1-assets.arn) }, { Effect = "Allow", Action = ["kms:Decrypt"], Resource = module.s3_use1-assets.kms_key_arn }, { Effect = "Allow", Action = ["kms:Encrypt", "kms:GenerateDataKey"], Resource = module.s3_euw1-assets.kms_key_arn }] })
}

resource "aws_s3_bucket_replication_configuration" "use1-assets_replication" {
  provider = aws.us_east_1
  role     = aws_iam_role.use1-assets_replication.arn
  bucket   = module.s3_use1-assets.id
  depends_on = [
    module.s3_use1-assets,
    module.s3_euw1-assets
  ]

  rule {
    id     = "to-euw1-assets"
    status = "Enabled"

    filter {}

    delete_marker_replication {
      status = "Enabled"
    }

    source_selection_criteria {
      sse_kms_encrypted_objects {
        status = "Enabled"
      }
    }

    destination {
      bucket        = module.s3_euw1-assets.arn
      storage_class = "STANDARD"

      encryption_configuration {
        replica_kms_key_id = module.s3_euw1-assets.kms_key_arn
      }
    }
  }
}
