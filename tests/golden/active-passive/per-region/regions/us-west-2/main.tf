data "aws_caller_identity" "current" {}

module "vpc_usw2-main" {
  source = "../../modules/network"
  name   = "shop-prod-usw2-main"
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
  flow_log_role_arn = format("arn:aws:iam::%s:role/shop-prod-vpc-flow-logs-us-west-2", data.aws_caller_identity.current.account_id)
  tags = {
    "DisplayName" = "main"
  }
}

module "alb_usw2-alb" {
  source   = "../../modules/alb"
  name     = "shop-prod-web"
  vpc_id   = module.vpc_usw2-main.vpc_id
  vpc_cidr = module.vpc_usw2-main.cidr
  subnet_ids = [
    module.vpc_usw2-main.subnet_ids["usw2-pub-a"],
    module.vpc_usw2-main.subnet_ids["usw2-pub-b"]
  ]
  internal        = false
  port            = 443
  protocol        = "HTTPS"
  certificate_arn = var.certificate_arn
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
}

module "asg_usw2-app" {
  source                = "../../modules/asg"
  name                  = "shop-prod-app"
  instance_profile_name = "shop-prod-app-us-west-2"
  vpc_id                = module.vpc_usw2-main.vpc_id
  subnet_ids = [
    module.vpc_usw2-main.subnet_ids["usw2-app-a"],
    module.vpc_usw2-main.subnet_ids["usw2-app-b"]
  ]
  min_size              = 1
  desired_capacity      = 1
  max_size              = 6
  instance_type         = "t3.medium"
  image                 = "ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
  target_group_arn      = module.alb_usw2-alb.target_group_arn
  behind_alb            = true
  alb_security_group_id = module.alb_usw2-alb.security_group_id
  tags = {
    "DisplayName" = "app"
  }
}

module "rds_usw2-db" {
  source                     = "../../modules/rds"
  identifier                 = "shop-prod-db"
  engine                     = "postgres"
  engine_version             = "16.4"
  auto_minor_version_upgrade = false
  instance_class             = "db.r6g.large"
  storage_gb                 = 100
  multi_az                   = false
  backup_retention_days      = 7
  encrypted                  = true
  replicate_source_db        = format("arn:aws:rds:us-east-1:%s:db:shop-prod-db", data.aws_caller_identity.current.account_id)
  vpc_id                     = module.vpc_usw2-main.vpc_id
  subnet_ids = [
    module.vpc_usw2-main.subnet_ids["usw2-db-a"],
    module.vpc_usw2-main.subnet_ids["usw2-db-b"]
  ]
  port = 5432
  app_security_groups = {
    "usw2-app" = module.asg_usw2-app.security_group_id
  }
  tags = {
    "DisplayName" = "db"
  }
}
