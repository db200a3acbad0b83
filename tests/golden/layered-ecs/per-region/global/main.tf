data "terraform_remote_state" "us_east_1_workloads" {
  backend = "s3"
  config = {
    bucket = "saas-prod-tfstate-us-east-1"
    key    = "saas/prod/us-east-1/workloads/terraform.tfstate"
    region = "us-east-1"
  }
}

data "terraform_remote_state" "us_west_2_workloads" {
  backend = "s3"
  config = {
    bucket = "saas-prod-tfstate-us-west-2"
    key    = "saas/prod/us-west-2/workloads/terraform.tfstate"
    region = "us-west-2"
  }
}

resource "aws_route53_zone" "this" {
  #checkov:skip=CKV2_AWS_38:DNSSEC signing needs a KMS key in us-east-1 and a DS record at the registrar; enable it once the zone is delegated.
  #checkov:skip=CKV2_AWS_39:Query logging needs a CloudWatch log group in us-east-1; an account-level choice.
  name    = "example.com"
  comment = "Managed by Topoform"
}

resource "aws_route53_health_check" "api_use1-alb" {
  fqdn              = data.terraform_remote_state.us_east_1_workloads.outputs.albs["use1-alb"].dns_name
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
    name                   = data.terraform_remote_state.us_east_1_workloads.outputs.albs["use1-alb"].dns_name
    zone_id                = data.terraform_remote_state.us_east_1_workloads.outputs.albs["use1-alb"].zone_id
    evaluate_target_health = true
  }

  failover_routing_policy {
    type = "PRIMARY"
  }
}

resource "aws_route53_record" "api_usw2-alb" {
  zone_id        = aws_route53_zone.this.zone_id
  name           = "api"
  type           = "A"
  set_identifier = "usw2-alb"

  alias {
    name                   = data.terraform_remote_state.us_west_2_workloads.outputs.albs["usw2-alb"].dns_name
    zone_id                = data.terraform_remote_state.us_west_2_workloads.outputs.albs["usw2-alb"].zone_id
    evaluate_target_health = true
  }

  failover_routing_policy {
    type = "SECONDARY"
  }
}
