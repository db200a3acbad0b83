output "name" {
  description = "The cluster name (services' scaling targets and the DR runbook name it)."
  value       = aws_ecs_cluster.this.name
}

output "arn" {
  description = "The cluster ARN services run in."
  value       = aws_ecs_cluster.this.arn
}

output "logs_key_arn" {
  description = "The KMS key the services' log groups are encrypted with."
  value       = module.logs_key.arn
}
