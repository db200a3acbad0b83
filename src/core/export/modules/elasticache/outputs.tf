output "replication_group_id" {
  description = "The replication group id: the host name an IAM authentication token is signed for."
  value       = aws_elasticache_replication_group.this.id
}

output "primary_endpoint" {
  description = "The primary endpoint address (writes and reads)."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "reader_endpoint" {
  description = "The reader endpoint address (reads spread over the replicas)."
  value       = aws_elasticache_replication_group.this.reader_endpoint_address
}

output "port" {
  description = "The port the cache listens on (TLS only)."
  value       = aws_elasticache_replication_group.this.port
}

output "user" {
  description = "The user the applications connect as, with an IAM authentication token as its password."
  value       = aws_elasticache_user.app.user_name
}

output "security_group_id" {
  description = "The cache's security group."
  value       = aws_security_group.this.id
}
