locals {
  public  = { for k, s in var.subnets : k => s if s.tier == "public" }
  private = { for k, s in var.subnets : k => s if s.tier == "private" }
  data    = { for k, s in var.subnets : k => s if s.tier == "data" }

  # One NAT gateway per AZ that has a public subnet, or one for the VPC.
  public_by_az = { for k, s in local.public : s.az_id => k... }
  nat_azs      = var.nat == "per_az" ? { for az, keys in local.public_by_az : az => keys[0] } : (var.nat == "single" && length(local.public) > 0 ? { single = sort(keys(local.public))[0] } : {})
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = merge(var.tags, { Name = var.name })
}

# Deny everything on the default security group; resources use their own.
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, { Name = "${var.name}-default" })
}

resource "aws_subnet" "this" {
  for_each = var.subnets

  vpc_id               = aws_vpc.this.id
  cidr_block           = each.value.cidr
  availability_zone_id = each.value.az_id

  tags = merge(var.tags, { Name = "${var.name}-${each.value.name}", Tier = each.value.tier })
}

resource "aws_internet_gateway" "this" {
  count = length(local.public) > 0 ? 1 : 0

  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, { Name = var.name })
}

resource "aws_route_table" "public" {
  count = length(local.public) > 0 ? 1 : 0

  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, { Name = "${var.name}-public" })
}

resource "aws_route" "public_internet" {
  count = length(local.public) > 0 ? 1 : 0

  route_table_id         = aws_route_table.public[0].id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this[0].id
}

resource "aws_route_table_association" "public" {
  for_each = local.public

  subnet_id      = aws_subnet.this[each.key].id
  route_table_id = aws_route_table.public[0].id
}

resource "aws_eip" "nat" {
  for_each = local.nat_azs

  domain = "vpc"

  tags = merge(var.tags, { Name = "${var.name}-nat-${each.key}" })
}

resource "aws_nat_gateway" "this" {
  for_each = local.nat_azs

  allocation_id = aws_eip.nat[each.key].id
  subnet_id     = aws_subnet.this[each.value].id

  tags = merge(var.tags, { Name = "${var.name}-${each.key}" })

  depends_on = [aws_internet_gateway.this]
}

# One route table per private subnet, so each can use the NAT gateway of its AZ.
resource "aws_route_table" "private" {
  for_each = local.private

  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, { Name = "${var.name}-${each.value.name}" })
}

resource "aws_route" "private_nat" {
  for_each = length(local.nat_azs) > 0 ? local.private : {}

  route_table_id         = aws_route_table.private[each.key].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = var.nat == "per_az" ? aws_nat_gateway.this[contains(keys(local.nat_azs), each.value.az_id) ? each.value.az_id : sort(keys(local.nat_azs))[0]].id : aws_nat_gateway.this["single"].id
}

resource "aws_route_table_association" "private" {
  for_each = local.private

  subnet_id      = aws_subnet.this[each.key].id
  route_table_id = aws_route_table.private[each.key].id
}

# Data subnets have no route to the internet at all.
resource "aws_route_table" "data" {
  count = length(local.data) > 0 ? 1 : 0

  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, { Name = "${var.name}-data" })
}

resource "aws_route_table_association" "data" {
  for_each = local.data

  subnet_id      = aws_subnet.this[each.key].id
  route_table_id = aws_route_table.data[0].id
}

resource "aws_flow_log" "this" {
  vpc_id               = aws_vpc.this.id
  traffic_type         = "ALL"
  log_destination_type = "cloud-watch-logs"
  log_destination      = aws_cloudwatch_log_group.flow.arn
  iam_role_arn         = var.flow_log_role_arn
}

resource "aws_cloudwatch_log_group" "flow" {
  name_prefix       = "/vpc/${var.name}/flow-"
  retention_in_days = 365
  kms_key_id        = module.logs_key.arn

  tags = var.tags
}

data "aws_region" "current" {}

module "logs_key" {
  source = "../kms"

  alias             = "alias/${replace(var.name, "/[^A-Za-z0-9_-]/", "-")}-flow-logs-${data.aws_region.current.name}"
  description       = "${var.name} flow logs"
  service_principal = "logs.${data.aws_region.current.name}.amazonaws.com"
  tags              = var.tags
}
