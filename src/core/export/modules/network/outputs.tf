output "vpc_id" {
  description = "The VPC id."
  value       = aws_vpc.this.id
}

output "cidr" {
  description = "The VPC CIDR block."
  value       = aws_vpc.this.cidr_block
}

output "subnet_ids" {
  description = "Subnet ids by the design's subnet id."
  value       = { for k, s in aws_subnet.this : k => s.id }
}

output "route_table_ids" {
  description = "Every route table of the VPC (public, private and data), for peering routes."
  value       = concat(aws_route_table.public[*].id, [for t in aws_route_table.private : t.id], aws_route_table.data[*].id)
}
