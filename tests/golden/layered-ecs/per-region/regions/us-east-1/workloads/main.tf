data "terraform_remote_state" "platform" {
  backend = "s3"
  config = {
    bucket = "saas-prod-tfstate-us-east-1"
    key    = "saas/prod/us-east-1/platform/terraform.tfstate"
    region = "us-east-1"
  }
}

data "aws_caller_identity" "current" {}

module "alb_use1-alb" {
  source   = "../../../modules/alb"
  name     = "saas-prod-web"
  vpc_id   = data.terraform_remote_state.platform.outputs.modules.vpc_use1-main.vpc_id
  vpc_cidr = data.terraform_remote_state.platform.outputs.modules.vpc_use1-main.cidr
  subnet_ids = [
    data.terraform_remote_state.platform.outputs.modules.vpc_use1-main.subnet_ids["use1-pub-a"],
    data.terraform_remote_state.platform.outputs.modules.vpc_use1-main.subnet_ids["use1-pub-b"]
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
  service_targets = {
    "use1-api" = {
      name   = "saas-prod-api"
      port   = 80
      weight = 1
    }
  }
  tags = {
    "DisplayName" = "web"
  }
}

module "ecs_use1-api" {
  source             = "../../../modules/ecs"
  name               = "saas-prod-api"
  cluster_arn        = data.terraform_remote_state.platform.outputs.modules.cluster_us_east_1.arn
  cluster_name       = data.terraform_remote_state.platform.outputs.modules.cluster_us_east_1.name
  logs_key_arn       = data.terraform_remote_state.platform.outputs.modules.cluster_us_east_1.logs_key_arn
  execution_role_arn = format("arn:aws:iam::%s:role/saas-prod-api-exec-us-east-1", data.aws_caller_identity.current.account_id)
  task_role_arn      = format("arn:aws:iam::%s:role/saas-prod-api-task-us-east-1", data.aws_caller_identity.current.account_id)
  vpc_id             = data.terraform_remote_state.platform.outputs.modules.vpc_use1-main.vpc_id
  subnet_ids = [
    data.terraform_remote_state.platform.outputs.modules.vpc_use1-main.subnet_ids["use1-app-a"],
    data.terraform_remote_state.platform.outputs.modules.vpc_use1-main.subnet_ids["use1-app-b"]
  ]
  image                 = "public.ecr.aws/nginx/nginx:1.27"
  cpu                   = 1024
  memory_mb             = 2048
  port                  = 80
  min_count             = 2
  desired_count         = 2
  max_count             = 10
  cpu_target_percent    = 70
  behind_alb            = true
  target_group_arn      = module.alb_use1-alb.service_target_group_arns["use1-api"]
  alb_security_group_id = module.alb_use1-alb.security_group_id
  tags = {
    "DisplayName" = "api"
  }
}

resource "aws_vpc_security_group_ingress_rule" "elasticache_use1-cache_from_use1-api" {
  security_group_id            = data.terraform_remote_state.platform.outputs.modules.elasticache_use1-cache.security_group_id
  description                  = "Application use1-api to the cache port"
  ip_protocol                  = "tcp"
  from_port                    = data.terraform_remote_state.platform.outputs.modules.elasticache_use1-cache.port
  to_port                      = data.terraform_remote_state.platform.outputs.modules.elasticache_use1-cache.port
  referenced_security_group_id = module.ecs_use1-api.security_group_id
}

resource "aws_vpc_security_group_egress_rule" "use1-api_to_elasticache_use1-cache" {
  security_group_id            = module.ecs_use1-api.security_group_id
  description                  = "Application use1-api to the cache saas-prod-sessions"
  ip_protocol                  = "tcp"
  from_port                    = data.terraform_remote_state.platform.outputs.modules.elasticache_use1-cache.port
  to_port                      = data.terraform_remote_state.platform.outputs.modules.elasticache_use1-cache.port
  referenced_security_group_id = data.terraform_remote_state.platform.outputs.modules.elasticache_use1-cache.security_group_id
}

resource "aws_vpc_security_group_ingress_rule" "aurora_use1-core_from_use1-api" {
  security_group_id            = data.terraform_remote_state.platform.outputs.modules.aurora_use1-core.security_group_id
  description                  = "Application use1-api to the database port"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = module.ecs_use1-api.security_group_id
}

resource "aws_vpc_security_group_egress_rule" "use1-api_to_aurora_use1-core" {
  security_group_id            = module.ecs_use1-api.security_group_id
  description                  = "Application use1-api to the database saas-prod-core-us-east-1"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = data.terraform_remote_state.platform.outputs.modules.aurora_use1-core.security_group_id
}
