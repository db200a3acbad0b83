output "arn" {
  description = "The cluster ARN."
  value       = aws_rds_cluster.this.arn
}

output "cluster_identifier" {
  description = "The cluster identifier (the DR runbook fails over to it)."
  value       = aws_rds_cluster.this.cluster_identifier
}

output "endpoint" {
  description = "The writer endpoint."
  value       = aws_rds_cluster.this.endpoint
}
