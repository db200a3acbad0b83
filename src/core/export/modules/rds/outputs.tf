output "arn" {
  description = "The instance ARN (cross-region replicas name their source by it)."
  value       = aws_db_instance.this.arn
}

output "identifier" {
  description = "The instance identifier (the DR runbook promotes replicas by it)."
  value       = aws_db_instance.this.identifier
}

output "endpoint" {
  description = "The connection endpoint."
  value       = aws_db_instance.this.endpoint
}
