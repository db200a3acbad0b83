data "aws_caller_identity" "current" {}

module "vpc_euw1-main" {
  source = "../../modules/network"
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
  flow_log_role_arn = format("arn:aws:iam::%s:role/media-prod-vpc-flow-logs-eu-west-1", data.aws_caller_identity.current.account_id)
  tags = {
    "DisplayName" = "main"
  }
}

module "alb_euw1-alb" {
  source   = "../../modules/alb"
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

module "asg_euw1-app" {
  source                = "../../modules/asg"
  name                  = "media-prod-app"
  instance_profile_name = "media-prod-app-eu-west-1"
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
}

module "aurora_euw1-orders" {
  source                     = "../../modules/aurora"
  cluster_identifier         = "media-prod-orders-eu-west-1"
  engine                     = "aurora-postgresql"
  engine_version             = "16.4"
  auto_minor_version_upgrade = false
  instance_class             = "db.r6g.large"
  instances                  = 1
  backup_retention_days      = 7
  global_cluster_identifier  = "media-prod-orders"
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
}

module "s3_euw1-assets" {
  source     = "../../modules/s3"
  bucket     = "media-prod-assets-euw1"
  versioning = true
  tags = {
    "DisplayName" = "assets"
  }
}
