data "terraform_remote_state" "us_east_1" {
  backend = "s3"
  config = {
    bucket = "game-prod-tfstate-us-east-1"
    key    = "game/prod/us-east-1/terraform.tfstate"
    region = "us-east-1"
  }
}

data "terraform_remote_state" "eu_west_1" {
  backend = "s3"
  config = {
    bucket = "game-prod-tfstate-eu-west-1"
    key    = "game/prod/eu-west-1/terraform.tfstate"
    region = "eu-west-1"
  }
}

data "terraform_remote_state" "ap_southeast_1" {
  backend = "s3"
  config = {
    bucket = "game-prod-tfstate-ap-southeast-1"
    key    = "game/prod/ap-southeast-1/terraform.tfstate"
    region = "ap-southeast-1"
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
    endpoint_id                    = data.terraform_remote_state.us_east_1.outputs.albs["use1-alb"].arn
    weight                         = 128
    client_ip_preservation_enabled = true
  }
}

resource "aws_globalaccelerator_endpoint_group" "edge_euw1" {
  listener_arn            = aws_globalaccelerator_listener.edge.id
  endpoint_group_region   = "eu-west-1"
  traffic_dial_percentage = 100

  endpoint_configuration {
    endpoint_id                    = data.terraform_remote_state.eu_west_1.outputs.albs["euw1-alb"].arn
    weight                         = 128
    client_ip_preservation_enabled = true
  }
}

resource "aws_globalaccelerator_endpoint_group" "edge_apse1" {
  listener_arn            = aws_globalaccelerator_listener.edge.id
  endpoint_group_region   = "ap-southeast-1"
  traffic_dial_percentage = 100

  endpoint_configuration {
    endpoint_id                    = data.terraform_remote_state.ap_southeast_1.outputs.albs["apse1-alb"].arn
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
  fqdn              = data.terraform_remote_state.us_east_1.outputs.albs["use1-alb"].dns_name
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
    name                   = data.terraform_remote_state.us_east_1.outputs.albs["use1-alb"].dns_name
    zone_id                = data.terraform_remote_state.us_east_1.outputs.albs["use1-alb"].zone_id
    evaluate_target_health = true
  }

  latency_routing_policy {
    region = "us-east-1"
  }
}

resource "aws_route53_health_check" "api_euw1-alb" {
  fqdn              = data.terraform_remote_state.eu_west_1.outputs.albs["euw1-alb"].dns_name
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
    name                   = data.terraform_remote_state.eu_west_1.outputs.albs["euw1-alb"].dns_name
    zone_id                = data.terraform_remote_state.eu_west_1.outputs.albs["euw1-alb"].zone_id
    evaluate_target_health = true
  }

  latency_routing_policy {
    region = "eu-west-1"
  }
}

resource "aws_route53_health_check" "api_apse1-alb" {
  fqdn              = data.terraform_remote_state.ap_southeast_1.outputs.albs["apse1-alb"].dns_name
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
    name                   = data.terraform_remote_state.ap_southeast_1.outputs.albs["apse1-alb"].dns_name
    zone_id                = data.terraform_remote_state.ap_southeast_1.outputs.albs["apse1-alb"].zone_id
    evaluate_target_health = true
  }

  latency_routing_policy {
    region = "ap-southeast-1"
  }
}

resource "aws_vpc_peering_connection" "use1-euw1" {
  provider    = aws.us_east_1
  vpc_id      = data.terraform_remote_state.us_east_1.outputs.vpcs["use1-main"].vpc_id
  peer_vpc_id = data.terraform_remote_state.eu_west_1.outputs.vpcs["euw1-main"].vpc_id
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
  for_each                  = data.terraform_remote_state.us_east_1.outputs.vpcs["use1-main"].route_table_ids
  route_table_id            = each.value
  destination_cidr_block    = data.terraform_remote_state.eu_west_1.outputs.vpcs["euw1-main"].cidr
  vpc_peering_connection_id = aws_vpc_peering_connection_accepter.use1-euw1.id
}

resource "aws_route" "use1-euw1_b" {
  provider                  = aws.eu_west_1
  for_each                  = data.terraform_remote_state.eu_west_1.outputs.vpcs["euw1-main"].route_table_ids
  route_table_id            = each.value
  destination_cidr_block    = data.terraform_remote_state.us_east_1.outputs.vpcs["use1-main"].cidr
  vpc_peering_connection_id = aws_vpc_peering_connection_accepter.use1-euw1.id
}

resource "aws_vpc_peering_connection" "use1-apse1" {
  provider    = aws.us_east_1
  vpc_id      = data.terraform_remote_state.us_east_1.outputs.vpcs["use1-main"].vpc_id
  peer_vpc_id = data.terraform_remote_state.ap_southeast_1.outputs.vpcs["apse1-main"].vpc_id
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
  for_each                  = data.terraform_remote_state.us_east_1.outputs.vpcs["use1-main"].route_table_ids
  route_table_id            = each.value
  destination_cidr_block    = data.terraform_remote_state.ap_southeast_1.outputs.vpcs["apse1-main"].cidr
  vpc_peering_connection_id = aws_vpc_peering_connection_accepter.use1-apse1.id
}

resource "aws_route" "use1-apse1_b" {
  provider                  = aws.ap_southeast_1
  for_each                  = data.terraform_remote_state.ap_southeast_1.outputs.vpcs["apse1-main"].route_table_ids
  route_table_id            = each.value
  destination_cidr_block    = data.terraform_remote_state.us_east_1.outputs.vpcs["use1-main"].cidr
  vpc_peering_connection_id = aws_vpc_peering_connection_accepter.use1-apse1.id
}

resource "aws_vpc_peering_connection" "euw1-apse1" {
  provider    = aws.eu_west_1
  vpc_id      = data.terraform_remote_state.eu_west_1.outputs.vpcs["euw1-main"].vpc_id
  peer_vpc_id = data.terraform_remote_state.ap_southeast_1.outputs.vpcs["apse1-main"].vpc_id
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
  for_each                  = data.terraform_remote_state.eu_west_1.outputs.vpcs["euw1-main"].route_table_ids
  route_table_id            = each.value
  destination_cidr_block    = data.terraform_remote_state.ap_southeast_1.outputs.vpcs["apse1-main"].cidr
  vpc_peering_connection_id = aws_vpc_peering_connection_accepter.euw1-apse1.id
}

resource "aws_route" "euw1-apse1_b" {
  provider                  = aws.ap_southeast_1
  for_each                  = data.terraform_remote_state.ap_southeast_1.outputs.vpcs["apse1-main"].route_table_ids
  route_table_id            = each.value
  destination_cidr_block    = data.terraform_remote_state.eu_west_1.outputs.vpcs["euw1-main"].cidr
  vpc_peering_connection_id = aws_vpc_peering_connection_accepter.euw1-apse1.id
}
