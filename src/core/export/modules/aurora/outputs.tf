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

output "global_cluster_identifier" {
  description = "The global cluster, once this cluster and its instances exist: a secondary that joins through this output waits for the writer, which it must."
  value       = aws_rds_cluster.this.global_cluster_identifier
  depends_on  = [aws_rds_cluster_instance.this]
}

output "security_group_id" {
  description = "The database's security group: in the layered layout the workloads root admits its applications to it."
  value       = aws_security_group.this.id
}
