output "name" {
  description = "The table name."
  value       = aws_dynamodb_table.this.name
}

output "arn" {
  description = "The table ARN in its home region."
  value       = aws_dynamodb_table.this.arn
}

output "kms_key_arn" {
  description = "The key encrypting the table in its home region."
  value       = module.key.arn
}
