data "aws_caller_identity" "current" {}

resource "aws_iam_role" "flow_us_east_1" {
  name               = "game-prod-vpc-flow-logs-us-east-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "vpc-flow-logs.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "flow_us_east_1" {
  name   = "flow-logs"
  role   = aws_iam_role.flow_us_east_1.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"], Resource = [format("arn:aws:logs:us-east-1:%s:log-group:/vpc/game-prod-use1-main/flow-*", data.aws_caller_identity.current.account_id), format("arn:aws:logs:us-east-1:%s:log-group:/vpc/game-prod-use1-main/flow-*:*", data.aws_caller_identity.current.account_id)] }] })
}

resource "aws_iam_role" "flow_eu_west_1" {
  name               = "game-prod-vpc-flow-logs-eu-west-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "vpc-flow-logs.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "flow_eu_west_1" {
  name   = "flow-logs"
  role   = aws_iam_role.flow_eu_west_1.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"], Resource = [format("arn:aws:logs:eu-west-1:%s:log-group:/vpc/game-prod-euw1-main/flow-*", data.aws_caller_identity.current.account_id), format("arn:aws:logs:eu-west-1:%s:log-group:/vpc/game-prod-euw1-main/flow-*:*", data.aws_caller_identity.current.account_id)] }] })
}

resource "aws_iam_role" "flow_ap_southeast_1" {
  name               = "game-prod-vpc-flow-logs-ap-southeast-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "vpc-flow-logs.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "flow_ap_southeast_1" {
  name   = "flow-logs"
  role   = aws_iam_role.flow_ap_southeast_1.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"], Resource = [format("arn:aws:logs:ap-southeast-1:%s:log-group:/vpc/game-prod-apse1-main/flow-*", data.aws_caller_identity.current.account_id), format("arn:aws:logs:ap-southeast-1:%s:log-group:/vpc/game-prod-apse1-main/flow-*:*", data.aws_caller_identity.current.account_id)] }] })
}

resource "aws_iam_role" "use1-app_us_east_1" {
  name               = "game-prod-app-us-east-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy_attachment" "use1-app_us_east_1_ssm" {
  role       = aws_iam_role.use1-app_us_east_1.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "use1-app_us_east_1" {
  name = "game-prod-app-us-east-1"
  role = aws_iam_role.use1-app_us_east_1.name
}

resource "aws_iam_role" "euw1-app_eu_west_1" {
  name               = "game-prod-app-eu-west-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy_attachment" "euw1-app_eu_west_1_ssm" {
  role       = aws_iam_role.euw1-app_eu_west_1.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "euw1-app_eu_west_1" {
  name = "game-prod-app-eu-west-1"
  role = aws_iam_role.euw1-app_eu_west_1.name
}

resource "aws_iam_role" "apse1-app_ap_southeast_1" {
  name               = "game-prod-app-ap-southeast-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy_attachment" "apse1-app_ap_southeast_1_ssm" {
  role       = aws_iam_role.apse1-app_ap_southeast_1.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "apse1-app_ap_southeast_1" {
  name = "game-prod-app-ap-southeast-1"
  role = aws_iam_role.apse1-app_ap_southeast_1.name
}

module "vpc_use1-main" {
  source = "./modules/network"
  name   = "game-prod-use1-main"
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
  name     = "game-prod-web"
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
  name                  = "game-prod-app"
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
  tags = {
    "DisplayName" = "app"
  }
  providers = {
    aws = aws.us_east_1
  }
}

module "dynamodb_sessions" {
  source = "./modules/dynamodb"
  name   = "game-prod-sessions"
  hash_key = {
    name = "id"
    type = "S"
  }
  billing_mode = "PAY_PER_REQUEST"
  replicas = {
    "eu-west-1"      = module.dynamodb_sessions_key_eu_west_1.arn
    "ap-southeast-1" = module.dynamodb_sessions_key_ap_southeast_1.arn
  }
  tags = {
    "DisplayName" = "sessions"
  }
  providers = {
    aws = aws.us_east_1
  }
}

module "dynamodb_sessions_key_eu_west_1" {
  source = "./modules/kms"
  providers = {
    aws = aws.eu_west_1
  }
  alias       = "alias/game-prod-sessions-dynamodb-eu-west-1"
  description = "game-prod-sessions replica in eu-west-1"
  tags = {
    "DisplayName" = "sessions"
  }
}

module "dynamodb_sessions_key_ap_southeast_1" {
  source = "./modules/kms"
  providers = {
    aws = aws.ap_southeast_1
  }
  alias       = "alias/game-prod-sessions-dynamodb-ap-southeast-1"
  description = "game-prod-sessions replica in ap-southeast-1"
  tags = {
    "DisplayName" = "sessions"
  }
}

module "vpc_euw1-main" {
  source = "./modules/network"
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
  name                  = "game-prod-app"
  instance_profile_name = aws_iam_instance_profile.euw1-app_eu_west_1.name
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
  providers = {
    aws = aws.eu_west_1
  }
}

module "vpc_apse1-main" {
  source = "./modules/network"
  name   = "game-prod-apse1-main"
  cidr   = "10.2.0.0/16"
  nat    = "per_az"
  subnets = {
    "apse1-pub-a" = {
      cidr  = "10.2.0.0/24"
      az_id = "apse1-az1"
      tier  = "public"
      name  = "apse1-pub-a"
    }
    "apse1-pub-b" = {
      cidr  = "10.2.1.0/24"
      az_id = "apse1-az2"
      tier  = "public"
      name  = "apse1-pub-b"
    }
    "apse1-app-a" = {
      cidr  = "10.2.10.0/24"
      az_id = "apse1-az1"
      tier  = "private"
      name  = "apse1-app-a"
    }
    "apse1-app-b" = {
      cidr  = "10.2.11.0/24"
      az_id = "apse1-az2"
      tier  = "private"
      name  = "apse1-app-b"
    }
    "apse1-db-a" = {
      cidr  = "10.2.20.0/24"
      az_id = "apse1-az1"
      tier  = "data"
      name  = "apse1-db-a"
    }
    "apse1-db-b" = {
      cidr  = "10.2.21.0/24"
      az_id = "apse1-az2"
      tier  = "data"
      name  = "apse1-db-b"
    }
  }
  flow_log_role_arn = aws_iam_role.flow_ap_southeast_1.arn
  tags = {
    "DisplayName" = "main"
  }
  providers = {
    aws = aws.ap_southeast_1
  }
}

module "alb_apse1-alb" {
  source   = "./modules/alb"
  name     = "game-prod-web"
  vpc_id   = module.vpc_apse1-main.vpc_id
  vpc_cidr = module.vpc_apse1-main.cidr
  subnet_ids = [
    module.vpc_apse1-main.subnet_ids["apse1-pub-a"],
    module.vpc_apse1-main.subnet_ids["apse1-pub-b"]
  ]
  internal        = false
  port            = 443
  protocol        = "HTTPS"
  certificate_arn = var.certificate_arn["ap-southeast-1"]
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
    aws = aws.ap_southeast_1
  }
}

module "asg_apse1-app" {
  source                = "./modules/asg"
  name                  = "game-prod-app"
  instance_profile_name = aws_iam_instance_profile.apse1-app_ap_southeast_1.name
  vpc_id                = module.vpc_apse1-main.vpc_id
  subnet_ids = [
    module.vpc_apse1-main.subnet_ids["apse1-app-a"],
    module.vpc_apse1-main.subnet_ids["apse1-app-b"]
  ]
  min_size              = 2
  desired_capacity      = 2
  max_size              = 8
  instance_type         = "t3.medium"
  image                 = "ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
  target_group_arn      = module.alb_apse1-alb.target_group_arn
  behind_alb            = true
  alb_security_group_id = module.alb_apse1-alb.security_group_id
  tags = {
    "DisplayName" = "app"
  }
  providers = {
    aws = aws.ap_southeast_1
  }
}

resource "aws_globalaccelerator_accelerator" "edge" {
  #checkov:skip=CKV_AWS_75:Flow logs need an S3 bucket the design does not have.
  name            = "game-prod-edge"
  ip_address_type = "IPV4"
  enabled         = true
}

resource "aws_globalaccelerator_listener" "edge" {
  accelerator_arn = aws_globalaccelerator_accelerator.edge.id
  protocol        = "TCP"

  port_range {
    from_port = 443
    to_port   = 443
  }
}

resource "aws_globalaccelerator_endpoint_group" "edge_use1" {
  listener_arn            = aws_globalaccelerator_listener.edge.id
  endpoint_group_region   = "us-east-1"
  traffic_dial_percentage = 100

  endpoint_configuration {
    endpoint_id                    = module.alb_use1-alb.arn
    weight                         = 128
    client_ip_preservation_enabled = true
  }
}

resource "aws_globalaccelerator_endpoint_group" "edge_euw1" {
  listener_arn            = aws_globalaccelerator_listener.edge.id
  endpoint_group_region   = "eu-west-1"
  traffic_dial_percentage = 100

  endpoint_configuration {
    endpoint_id                    = module.alb_euw1-alb.arn
    weight                         = 128
    client_ip_preservation_enabled = true
  }
}

resource "aws_globalaccelerator_endpoint_group" "edge_apse1" {
  listener_arn            = aws_globalaccelerator_listener.edge.id
  endpoint_group_region   = "ap-southeast-1"
  traffic_dial_percentage = 100

  endpoint_configuration {
    endpoint_id                    = module.alb_apse1-alb.arn
    weight                         = 128
    client_ip_preservation_enabled = true
  }
}

resource "aws_route53_zone" "this" {
  #checkov:skip=CKV2_AWS_38:DNSSEC signing needs a KMS key in us-east-1 and a DS record at the registrar; enable it once the zone is delegated.
  #checkov:skip=CKV2_AWS_39:Query logging needs a CloudWatch log group in us-east-1; an account-level choice.
  name    = "example.com"
  comment = "Managed by Topoform"
}

resource "aws_route53_health_check" "api_use1-alb" {
  fqdn              = module.alb_use1-alb.dns_name
  port              = 443
  type              = "HTTPS"
  request_interval  = 10
  failure_threshold = 3
  tags = {
    "Name" = "api use1-alb"
  }
  resource_path = "/health"
}

resource "aws_route53_record" "api_use1-alb" {
  zone_id         = aws_route53_zone.this.zone_id
  name            = "api"
  type            = "A"
  set_identifier  = "use1-alb"
  health_check_id = aws_route53_health_check.api_use1-alb.id

  alias {
    name                   = module.alb_use1-alb.dns_name
    zone_id                = module.alb_use1-alb.zone_id
    evaluate_target_health = true
  }

  latency_routing_policy {
    region = "us-east-1"
  }
}

resource "aws_route53_health_check" "api_euw1-alb" {
  fqdn              = module.alb_euw1-alb.dns_name
  port              = 443
  type              = "HTTPS"
  request_interval  = 10
  failure_threshold = 3
  tags = {
    "Name" = "api euw1-alb"
  }
  resource_path = "/health"
}

resource "aws_route53_record" "api_euw1-alb" {
  zone_id         = aws_route53_zone.this.zone_id
  name            = "api"
  type            = "A"
  set_identifier  = "euw1-alb"
  health_check_id = aws_route53_health_check.api_euw1-alb.id

  alias {
    name                   = module.alb_euw1-alb.dns_name
    zone_id                = module.alb_euw1-alb.zone_id
    evaluate_target_health = true
  }

  latency_routing_policy {
    region = "eu-west-1"
  }
}

resource "aws_route53_health_check" "api_apse1-alb" {
  fqdn              = module.alb_apse1-alb.dns_name
  port              = 443
  type              = "HTTPS"
  request_interval  = 10
  failure_threshold = 3
  tags = {
    "Name" = "api apse1-alb"
  }
  resource_path = "/health"
}

resource "aws_route53_record" "api_apse1-alb" {
  zone_id         = aws_route53_zone.this.zone_id
  name            = "api"
  type            = "A"
  set_identifier  = "apse1-alb"
  health_check_id = aws_route53_health_check.api_apse1-alb.id

  alias {
    name                   = module.alb_apse1-alb.dns_name
    zone_id                = module.alb_apse1-alb.zone_id
    evaluate_target_health = true
  }

  latency_routing_policy {
    region = "ap-southeast-1"
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

resource "aws_vpc_peering_connection" "use1-apse1" {
  provider    = aws.us_east_1
  vpc_id      = module.vpc_use1-main.vpc_id
  peer_vpc_id = module.vpc_apse1-main.vpc_id
  peer_region = "ap-southeast-1"
  auto_accept = false
  tags = {
    "Name" = "use1-apse1"
  }
}

resource "aws_vpc_peering_connection_accepter" "use1-apse1" {
  provider                  = aws.ap_southeast_1
  vpc_peering_connection_id = aws_vpc_peering_connection.use1-apse1.id
  auto_accept               = true
  tags = {
    "Name" = "use1-apse1"
  }
}

resource "aws_route" "use1-apse1_a" {
  provider                  = aws.us_east_1
  for_each                  = module.vpc_use1-main.route_table_ids
  route_table_id            = each.value
  destination_cidr_block    = module.vpc_apse1-main.cidr
  vpc_peering_connection_id = aws_vpc_peering_connection_accepter.use1-apse1.id
}

resource "aws_route" "use1-apse1_b" {
  provider                  = aws.ap_southeast_1
  for_each                  = module.vpc_apse1-main.route_table_ids
  route_table_id            = each.value
  destination_cidr_block    = module.vpc_use1-main.cidr
  vpc_peering_connection_id = aws_vpc_peering_connection_accepter.use1-apse1.id
}

resource "aws_vpc_peering_connection" "euw1-apse1" {
  provider    = aws.eu_west_1
  vpc_id      = module.vpc_euw1-main.vpc_id
  peer_vpc_id = module.vpc_apse1-main.vpc_id
  peer_region = "ap-southeast-1"
  auto_accept = false
  tags = {
    "Name" = "euw1-apse1"
  }
}

resource "aws_vpc_peering_connection_accepter" "euw1-apse1" {
  provider                  = aws.ap_southeast_1
  vpc_peering_connection_id = aws_vpc_peering_connection.euw1-apse1.id
  auto_accept               = true
  tags = {
    "Name" = "euw1-apse1"
  }
}

resource "aws_route" "euw1-apse1_a" {
  provider                  = aws.eu_west_1
  for_each                  = module.vpc_euw1-main.route_table_ids
  route_table_id            = each.value
  destination_cidr_block    = module.vpc_apse1-main.cidr
  vpc_peering_connection_id = aws_vpc_peering_connection_accepter.euw1-apse1.id
}

resource "aws_route" "euw1-apse1_b" {
  provider                  = aws.ap_southeast_1
  for_each                  = module.vpc_apse1-main.route_table_ids
  route_table_id            = each.value
  destination_cidr_block    = module.vpc_euw1-main.cidr
  vpc_peering_connection_id = aws_vpc_peering_connection_accepter.euw1-apse1.id
}
