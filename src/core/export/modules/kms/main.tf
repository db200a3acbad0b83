data "aws_caller_identity" "current" {}

# A single-region key: KMS keys never leave their region, so every region
# that stores the data gets its own key.
resource "aws_kms_key" "this" {
  description             = var.description
  enable_key_rotation     = true
  deletion_window_in_days = 30

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([{
      Sid       = "AccountAdministers"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
      }], var.service_principal == null ? [] : [{
      # A service that encrypts with the key on the account's behalf (CloudWatch Logs).
      Sid       = "ServiceEncrypts"
      Effect    = "Allow"
      Principal = { Service = var.service_principal }
      Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
      Resource  = "*"
    }])
  })

  tags = var.tags
}

resource "aws_kms_alias" "this" {
  name          = var.alias
  target_key_id = aws_kms_key.this.key_id
}
