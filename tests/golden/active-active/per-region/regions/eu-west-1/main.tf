data "aws_caller_identity" "current" {}

module "vpc_euw1-main" {
  source = "../../modules/network"
  name   = "game-prod-euw1-main"
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
  flow_log_role_arn = format("arn:aws:iam::%s:role/game-prod-vpc-flow-logs-eu-west-1", data.aws_caller_identity.current.account_id)
  tags = {
    "DisplayName" = "main"
  }
}

module "alb_euw1-alb" {
  source   = "../../modules/alb"
  name     = "game-prod-web"
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
  name                  = "game-prod-app"
  instance_profile_name = "game-prod-app-eu-west-1"
  vpc_id                = module.vpc_euw1-main.vpc_id
  subnet_ids = [
    module.vpc_euw1-main.subnet_ids["euw1-app-a"],
    module.vpc_euw1-main.subnet_ids["euw1-app-b"]
  ]
  min_size              = 2
  desired_capacity      = 2
  max_size              = 8
  instance_type         = "t3.medium"
  image                 = "ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
  target_group_arn      = module.alb_euw1-alb.target_group_arn
  behind_alb            = true
  alb_security_group_id = module.alb_euw1-alb.security_group_id
  tags = {
    "DisplayName" = "app"
  }
}
