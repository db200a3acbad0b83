data "aws_caller_identity" "current" {}

resource "aws_kms_key" "state" {
  description             = "Terraform state in saas-prod-tfstate"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "AccountAdministers", Effect = "Allow", Principal = { AWS = format("arn:aws:iam::%s:root", data.aws_caller_identity.current.account_id) }, Action = "kms:*", Resource = "*" }] })
}

resource "aws_kms_alias" "state" {
  name          = "alias/saas-prod-state-us-east-1"
  target_key_id = aws_kms_key.state.key_id
}

resource "aws_s3_bucket" "state" {
  #checkov:skip=CKV_AWS_18:Access logs of the state bucket would need a second bucket; CloudTrail records state access.
  #checkov:skip=CKV_AWS_144:In the per-region layout each region's root keeps its state in its own region; a replica of a state elsewhere would not let its root plan while its region is down.
  #checkov:skip=CKV2_AWS_61:State versions are kept on purpose; add expiry of old versions if storage grows.
  #checkov:skip=CKV2_AWS_62:Nothing needs to react to state changes.
  bucket = "saas-prod-tfstate"
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.state.arn
    }

    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket                  = aws_s3_bucket.state.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

output "state_bucket" {
  description = "The bucket the stacks that are not a region keep their state in."
  value       = aws_s3_bucket.state.id
}
