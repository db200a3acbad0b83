data "aws_caller_identity" "current" {}

module "vpc_use1-main" {
  source = "../../modules/network"
  name   = "shop-prod-use1-main"
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
  flow_log_role_arn = format("arn:aws:iam::%s:role/shop-prod-vpc-flow-logs-us-east-1", data.aws_caller_identity.current.account_id)
  tags = {
    "DisplayName" = "main"
  }
}

module "alb_use1-alb" {
  source   = "../../modules/alb"
  name     = "shop-prod-web"
  vpc_id   = module.vpc_use1-main.vpc_id
  vpc_cidr = module.vpc_use1-main.cidr
  subnet_ids = [
    module.vpc_use1-main.subnet_ids["use1-pub-a"],
    module.vpc_use1-main.subnet_ids["use1-pub-b"]
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

module "asg_use1-app" {
  source                = "../../modules/asg"
  name                  = "shop-prod-app"
  instance_profile_name = "shop-prod-app-us-east-1"
  vpc_id                = module.vpc_use1-main.vpc_id
  subnet_ids = [
    module.vpc_use1-main.subnet_ids["use1-app-a"],
    module.vpc_use1-main.subnet_ids["use1-app-b"]
  ]
  min_size              = 2
  desired_capacity      = 2
  max_size              = 6
  instance_type         = "t3.medium"
  image                 = "ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
  target_group_arn      = module.alb_use1-alb.target_group_arn
  behind_alb            = true
  alb_security_group_id = module.alb_use1-alb.security_group_id
  tags = {
    "DisplayName" = "app"
  }
}

module "rds_use1-db" {
  source                     = "../../modules/rds"
  identifier                 = "shop-prod-db"
  engine                     = "postgres"
  engine_version             = "16.4"
  auto_minor_version_upgrade = false
  instance_class             = "db.r6g.large"
  storage_gb                 = 100
  multi_az                   = true
  backup_retention_days      = 7
  encrypted                  = true
  vpc_id                     = module.vpc_use1-main.vpc_id
  subnet_ids = [
    module.vpc_use1-main.subnet_ids["use1-db-a"],
    module.vpc_use1-main.subnet_ids["use1-db-b"]
  ]
  port = 5432
  app_security_groups = {
    "use1-app" = module.asg_use1-app.security_group_id
  }
  tags = {
    "DisplayName" = "db"
  }
}
