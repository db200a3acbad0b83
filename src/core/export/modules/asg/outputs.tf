output "name" {
  description = "The Auto Scaling group name (the DR runbook scales it)."
  value       = aws_autoscaling_group.this.name
}

output "security_group_id" {
  description = "The instances' security group; databases allow traffic from it."
  value       = aws_security_group.this.id
}
