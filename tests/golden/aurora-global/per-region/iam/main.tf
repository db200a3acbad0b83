data "aws_caller_identity" "current" {}

resource "aws_iam_role" "flow_us_east_1" {
  name               = "media-prod-vpc-flow-logs-us-east-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "vpc-flow-logs.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "flow_us_east_1" {
  name   = "flow-logs"
  role   = aws_iam_role.flow_us_east_1.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"], Resource = [format("arn:aws:logs:us-east-1:%s:log-group:/vpc/media-prod-use1-main/flow-*", data.aws_caller_identity.current.account_id), format("arn:aws:logs:us-east-1:%s:log-group:/vpc/media-prod-use1-main/flow-*:*", data.aws_caller_identity.current.account_id)] }] })
}

resource "aws_iam_role" "flow_eu_west_1" {
  name               = "media-prod-vpc-flow-logs-eu-west-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "vpc-flow-logs.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "flow_eu_west_1" {
  name   = "flow-logs"
  role   = aws_iam_role.flow_eu_west_1.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"], Resource = [format("arn:aws:logs:eu-west-1:%s:log-group:/vpc/media-prod-euw1-main/flow-*", data.aws_caller_identity.current.account_id), format("arn:aws:logs:eu-west-1:%s:log-group:/vpc/media-prod-euw1-main/flow-*:*", data.aws_caller_identity.current.account_id)] }] })
}

resource "aws_iam_role" "use1-app_us_east_1" {
  name               = "media-prod-app-us-east-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy_attachment" "use1-app_us_east_1_ssm" {
  role       = aws_iam_role.use1-app_us_east_1.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "use1-app_us_east_1" {
  name = "media-prod-app-us-east-1"
  role = aws_iam_role.use1-app_us_east_1.name
}

resource "aws_iam_role" "euw1-app_eu_west_1" {
  name               = "media-prod-app-eu-west-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy_attachment" "euw1-app_eu_west_1_ssm" {
  role       = aws_iam_role.euw1-app_eu_west_1.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "euw1-app_eu_west_1" {
  name = "media-prod-app-eu-west-1"
  role = aws_iam_role.euw1-app_eu_west_1.name
}

output "flow_log_roles" {
  description = "VPC flow-log role ARNs by region code (region roots build the ARN from the name; this is for people)."
  value = {
    "us-east-1" = aws_iam_role.flow_us_east_1.arn
    "eu-west-1" = aws_iam_role.flow_eu_west_1.arn
  }
}

output "instance_profiles" {
  description = "Instance profile ARNs by name (region roots name the profiles; this is for people)."
  value = {
    "media-prod-app-us-east-1" = aws_iam_instance_profile.use1-app_us_east_1.arn
    "media-prod-app-eu-west-1" = aws_iam_instance_profile.euw1-app_eu_west_1.arn
  }
}
