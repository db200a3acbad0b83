resource "aws_dynamodb_table" "this" {
  #checkov:skip=CKV_AWS_119:Tables use the AWS-managed DynamoDB key, which every replica region has; a customer key per replica region is not in the design.
  name           = var.name
  billing_mode   = var.billing_mode
  hash_key       = var.hash_key.name
  range_key      = var.range_key == null ? null : var.range_key.name
  read_capacity  = var.billing_mode == "PROVISIONED" ? 5 : null
  write_capacity = var.billing_mode == "PROVISIONED" ? 5 : null

  # Global tables need streams of new and old images.
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  deletion_protection_enabled = true

  attribute {
    name = var.hash_key.name
    type = var.hash_key.type
  }

  dynamic "attribute" {
    for_each = var.range_key == null ? [] : [var.range_key]
    content {
      name = attribute.value.name
      type = attribute.value.type
    }
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }

  dynamic "replica" {
    for_each = toset(var.replica_regions)
    content {
      region_name            = replica.value
      point_in_time_recovery = true
      propagate_tags         = true
    }
  }

  tags = var.tags
}
