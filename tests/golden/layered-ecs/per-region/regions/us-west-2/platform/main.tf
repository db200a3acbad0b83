data "aws_caller_identity" "current" {}

module "cluster_us_west_2" {
  source = "../../../modules/ecs_cluster"
  name   = "saas-prod-ecs"
  tags = {
    "DisplayName" = "ecs"
  }
}

module "vpc_usw2-main" {
  source = "../../../modules/network"
  name   = "saas-prod-usw2-main"
  cidr   = "10.1.0.0/16"
  nat    = "per_az"
  subnets = {
    "usw2-pub-a" = {
      cidr  = "10.1.0.0/24"
      az_id = "usw2-az1"
      tier  = "public"
      name  = "usw2-pub-a"
    }
    "usw2-pub-b" = {
      cidr  = "10.1.1.0/24"
      az_id = "usw2-az2"
      tier  = "public"
      name  = "usw2-pub-b"
    }
    "usw2-app-a" = {
      cidr  = "10.1.10.0/24"
      az_id = "usw2-az1"
      tier  = "private"
      name  = "usw2-app-a"
    }
    "usw2-app-b" = {
      cidr  = "10.1.11.0/24"
      az_id = "usw2-az2"
      tier  = "private"
      name  = "usw2-app-b"
    }
    "usw2-db-a" = {
      cidr  = "10.1.20.0/24"
      az_id = "usw2-az1"
      tier  = "data"
      name  = "usw2-db-a"
    }
    "usw2-db-b" = {
      cidr  = "10.1.21.0/24"
      az_id = "usw2-az2"
      tier  = "data"
      name  = "usw2-db-b"
    }
  }
  flow_log_role_arn = format("arn:aws:iam::%s:role/saas-prod-vpc-flow-logs-us-west-2", data.aws_caller_identity.current.account_id)
  tags = {
    "DisplayName" = "main"
  }
}

module "elasticache_usw2-cache" {
  source               = "../../../modules/elasticache"
  replication_group_id = "saas-prod-sessions"
  engine               = "redis"
  engine_version       = "7.1"
  node_type            = "cache.r7g.large"
  nodes                = 2
  multi_az             = true
  app_user_id          = "saas-prod-sessions-app"
  default_user_id      = "saas-prod-sessions-default"
  user_group_id        = "saas-prod-sessions-users"
  vpc_id               = module.vpc_usw2-main.vpc_id
  subnet_ids = [
    module.vpc_usw2-main.subnet_ids["usw2-db-a"],
    module.vpc_usw2-main.subnet_ids["usw2-db-b"]
  ]
  tags = {
    "DisplayName" = "sessions"
  }
}

module "aurora_usw2-core" {
  source                     = "../../../modules/aurora"
  cluster_identifier         = "saas-prod-core-us-west-2"
  engine                     = "aurora-postgresql"
  engine_version             = "16.4"
  auto_minor_version_upgrade = false
  instance_class             = "db.r6g.large"
  instances                  = 1
  backup_retention_days      = 7
  global_cluster_identifier  = "saas-prod-core"
  secondary                  = true
  source_region              = "us-east-1"
  vpc_id                     = module.vpc_usw2-main.vpc_id
  subnet_ids = [
    module.vpc_usw2-main.subnet_ids["usw2-db-a"],
    module.vpc_usw2-main.subnet_ids["usw2-db-b"]
  ]
  port = 5432
  tags = {
    "DisplayName" = "core"
  }
}
