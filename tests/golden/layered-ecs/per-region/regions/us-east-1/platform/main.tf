data "aws_caller_identity" "current" {}

module "cluster_us_east_1" {
  source = "../../../modules/ecs_cluster"
  name   = "saas-prod-ecs"
  tags = {
    "DisplayName" = "ecs"
  }
}

module "vpc_use1-main" {
  source = "../../../modules/network"
  name   = "saas-prod-use1-main"
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
  flow_log_role_arn = format("arn:aws:iam::%s:role/saas-prod-vpc-flow-logs-us-east-1", data.aws_caller_identity.current.account_id)
  tags = {
    "DisplayName" = "main"
  }
}

module "elasticache_use1-cache" {
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
  vpc_id               = module.vpc_use1-main.vpc_id
  subnet_ids = [
    module.vpc_use1-main.subnet_ids["use1-db-a"],
    module.vpc_use1-main.subnet_ids["use1-db-b"]
  ]
  tags = {
    "DisplayName" = "sessions"
  }
}

module "aurora_use1-core" {
  source                     = "../../../modules/aurora"
  cluster_identifier         = "saas-prod-core-us-east-1"
  engine                     = "aurora-postgresql"
  engine_version             = "16.4"
  auto_minor_version_upgrade = false
  instance_class             = "db.r6g.large"
  instances                  = 2
  backup_retention_days      = 7
  database_name              = "app"
  global_cluster_identifier  = "saas-prod-core"
  secondary                  = false
  vpc_id                     = module.vpc_use1-main.vpc_id
  subnet_ids = [
    module.vpc_use1-main.subnet_ids["use1-db-a"],
    module.vpc_use1-main.subnet_ids["use1-db-b"]
  ]
  port = 5432
  tags = {
    "DisplayName" = "core"
  }
}
