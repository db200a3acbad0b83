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

output "security_group_id" {
  description = "The database's security group: in the layered layout the workloads root admits its applications to it."
  value       = aws_security_group.this.id
}
