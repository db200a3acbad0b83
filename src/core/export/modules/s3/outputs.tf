output "id" {
  description = "The bucket name."
  value       = aws_s3_bucket.this.id
}

output "arn" {
  description = "The bucket ARN."
  value       = aws_s3_bucket.this.arn
}

output "kms_key_arn" {
  description = "The key encrypting the bucket (replication needs it)."
  value       = module.key.arn
}
