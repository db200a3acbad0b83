output "arn" {
  description = "The load balancer ARN (Global Accelerator endpoints use it)."
  value       = aws_lb.this.arn
}

output "dns_name" {
  description = "The load balancer DNS name (Route 53 aliases point at it)."
  value       = aws_lb.this.dns_name
}

output "zone_id" {
  description = "The load balancer's hosted zone id, for alias records."
  value       = aws_lb.this.zone_id
}

output "target_group_arn" {
  description = "The target group auto-scaling groups register into."
  value       = aws_lb_target_group.this.arn
}

output "security_group_id" {
  description = "The load balancer's security group; targets allow traffic from it."
  value       = aws_security_group.this.id
}

output "service_target_group_arns" {
  description = "The target group of each ECS service behind the load balancer, by design id."
  value       = { for k, tg in aws_lb_target_group.service : k => tg.arn }
}
