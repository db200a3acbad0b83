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
  description = "Every route table of the VPC by a stable key (public, data, or the private subnet's key), for peering routes."
  value = merge(
    { for i, t in aws_route_table.public : "public" => t.id },
    { for k, t in aws_route_table.private : k => t.id },
    { for i, t in aws_route_table.data : "data" => t.id },
  )
}
