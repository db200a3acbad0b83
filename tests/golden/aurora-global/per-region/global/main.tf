data "terraform_remote_state" "us_east_1" {
  backend = "s3"
  config = {
    bucket = "media-prod-tfstate-us-east-1"
    key    = "media/prod/us-east-1/terraform.tfstate"
    region = "us-east-1"
  }
}

data "terraform_remote_state" "eu_west_1" {
  backend = "s3"
  config = {
    bucket = "media-prod-tfstate-eu-west-1"
    key    = "media/prod/eu-west-1/terraform.tfstate"
    region = "eu-west-1"
  }
}

resource "aws_route53_zone" "this" {
  #checkov:skip=CKV2_AWS_38:DNSSEC signing needs a KMS key in us-east-1 and a DS record at the registrar; enable it once the zone is delegated.
  #checkov:skip=CKV2_AWS_39:Query logging needs a CloudWatch log group in us-east-1; an account-level choice.
  name    = "example.com"
  comment = "Managed by Topoform"
}

resource "aws_route53_health_check" "app_use1-alb" {
  fqdn              = data.terraform_remote_state.us_east_1.outputs.albs["use1-alb"].dns_name
  port              = 443
  type              = "HTTPS"
  request_interval  = 10
  failure_threshold = 3
  tags = {
    "Name" = "media use1-alb"
  }
  resource_path = "/health"
}

resource "aws_route53_record" "app_use1-alb" {
  zone_id         = aws_route53_zone.this.zone_id
  name            = "media"
  type            = "A"
  set_identifier  = "use1-alb"
  health_check_id = aws_route53_health_check.app_use1-alb.id

  alias {
    name                   = data.terraform_remote_state.us_east_1.outputs.albs["use1-alb"].dns_name
    zone_id                = data.terraform_remote_state.us_east_1.outputs.albs["use1-alb"].zone_id
    evaluate_target_health = true
  }

  failover_routing_policy {
    type = "PRIMARY"
  }
}

resource "aws_route53_record" "app_euw1-alb" {
  zone_id        = aws_route53_zone.this.zone_id
  name           = "media"
  type           = "A"
  set_identifier = "euw1-alb"

  alias {
    name                   = data.terraform_remote_state.eu_west_1.outputs.albs["euw1-alb"].dns_name
    zone_id                = data.terraform_remote_state.eu_west_1.outputs.albs["euw1-alb"].zone_id
    evaluate_target_health = true
  }

  failover_routing_policy {
    type = "SECONDARY"
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

resource "aws_iam_role" "use1-assets_replication" {
  name               = "media-prod-assets-replication-us-east-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "s3.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "use1-assets_replication" {
  role   = aws_iam_role.use1-assets_replication.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource = data.terraform_remote_state.us_east_1.outputs.buckets["use1-assets"].arn }, { Effect = "Allow", Action = ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource = format("%s/*", data.terraform_remote_state.us_east_1.outputs.buckets["use1-assets"].arn) }, { Effect = "Allow", Action = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource = format("%s/*", data.terraform_remote_state.eu_west_1.outputs.buckets["euw1-assets"].arn) }, { Effect = "Allow", Action = ["kms:Decrypt"], Resource = data.terraform_remote_state.us_east_1.outputs.buckets["use1-assets"].kms_key_arn }, { Effect = "Allow", Action = ["kms:Encrypt", "kms:GenerateDataKey"], Resource = data.terraform_remote_state.eu_west_1.outputs.buckets["euw1-assets"].kms_key_arn }] })
}

resource "aws_s3_bucket_replication_configuration" "use1-assets_replication" {
  provider = aws.us_east_1
  role     = aws_iam_role.use1-assets_replication.arn
  bucket   = data.terraform_remote_state.us_east_1.outputs.buckets["use1-assets"].id

  rule {
    id     = "to-euw1-assets"
    status = "Enabled"

    filter {}

    delete_marker_replication {
      status = "Enabled"
    }

    source_selection_criteria {
      sse_kms_encrypted_objects {
        status = "Enabled"
      }
    }

    destination {
      bucket        = data.terraform_remote_state.eu_west_1.outputs.buckets["euw1-assets"].arn
      storage_class = "STANDARD"

      encryption_configuration {
        replica_kms_key_id = data.terraform_remote_state.eu_west_1.outputs.buckets["euw1-assets"].kms_key_arn
      }
    }
  }
}
