data "aws_region" "current" {}

# The table's key in its home region; each replica brings a key of its own
# region (DDB-06), created by the root that calls this module.
module "key" {
  source = "../kms"

  alias       = "alias/${replace(var.name, "/[^A-Za-z0-9_-]/", "-")}-dynamodb-${data.aws_region.current.name}"
  description = "${var.name} table"
  tags        = var.tags
}

resource "aws_dynamodb_table" "this" {
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

  # Items expire once the epoch-seconds Number in this attribute has passed.
  dynamic "ttl" {
    for_each = var.ttl_attribute == null ? [] : [var.ttl_attribute]
    content {
      attribute_name = ttl.value
      enabled        = true
    }
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = module.key.arn
  }

  dynamic "replica" {
    for_each = var.replicas
    content {
      region_name            = replica.key
      kms_key_arn            = replica.value
      point_in_time_recovery = true
      propagate_tags         = true
    }
  }

  tags = var.tags
}
