data "aws_region" "current" {}

module "key" {
  source = "../kms"

  alias       = "alias/${replace(var.bucket, "/[^A-Za-z0-9_-]/", "-")}-s3-${data.aws_region.current.name}"
  description = "${var.bucket} objects"
  tags        = var.tags
}

resource "aws_s3_bucket" "this" {
  #checkov:skip=CKV_AWS_18:Access logging needs a separate log bucket the design does not have.
  #checkov:skip=CKV_AWS_144:Cross-region replication is configured in the global stack when the design asks for it.
  #checkov:skip=CKV2_AWS_62:Event notifications depend on the workload.
  #checkov:skip=CKV2_AWS_61:Lifecycle rules depend on the workload's retention needs.
  bucket = var.bucket

  tags = var.tags
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = var.versioning ? "Enabled" : "Suspended"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = module.key.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket = aws_s3_bucket.this.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}
