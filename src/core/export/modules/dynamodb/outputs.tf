output "name" {
  description = "The table name."
  value       = aws_dynamodb_table.this.name
}

output "arn" {
  description = "The table ARN in its home region."
  value       = aws_dynamodb_table.this.arn
}
