output "name" {
  description = "The service name (the DR runbook scales it)."
  value       = aws_ecs_service.this.name
}

output "security_group_id" {
  description = "The tasks' security group; databases allow traffic from it."
  value       = aws_security_group.this.id
}
