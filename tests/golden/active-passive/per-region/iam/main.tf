data "aws_caller_identity" "current" {}

resource "aws_iam_role" "flow_us_east_1" {
  name               = "shop-prod-vpc-flow-logs-us-east-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "vpc-flow-logs.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "flow_us_east_1" {
  name   = "flow-logs"
  role   = aws_iam_role.flow_us_east_1.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"], Resource = [format("arn:aws:logs:us-east-1:%s:log-group:/vpc/shop-prod-use1-main/flow-*", data.aws_caller_identity.current.account_id), format("arn:aws:logs:us-east-1:%s:log-group:/vpc/shop-prod-use1-main/flow-*:*", data.aws_caller_identity.current.account_id)] }] })
}

resource "aws_iam_role" "flow_us_west_2" {
  name               = "shop-prod-vpc-flow-logs-us-west-2"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "vpc-flow-logs.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "flow_us_west_2" {
  name   = "flow-logs"
  role   = aws_iam_role.flow_us_west_2.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"], Resource = [format("arn:aws:logs:us-west-2:%s:log-group:/vpc/shop-prod-usw2-main/flow-*", data.aws_caller_identity.current.account_id), format("arn:aws:logs:us-west-2:%s:log-group:/vpc/shop-prod-usw2-main/flow-*:*", data.aws_caller_identity.current.account_id)] }] })
}

resource "aws_iam_role" "use1-app_us_east_1" {
  name               = "shop-prod-app-us-east-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy_attachment" "use1-app_us_east_1_ssm" {
  role       = aws_iam_role.use1-app_us_east_1.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "use1-app_us_east_1" {
  name = "shop-prod-app-us-east-1"
  role = aws_iam_role.use1-app_us_east_1.name
}

resource "aws_iam_role" "usw2-app_us_west_2" {
  name               = "shop-prod-app-us-west-2"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy_attachment" "usw2-app_us_west_2_ssm" {
  role       = aws_iam_role.usw2-app_us_west_2.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "usw2-app_us_west_2" {
  name = "shop-prod-app-us-west-2"
  role = aws_iam_role.usw2-app_us_west_2.name
}

output "flow_log_roles" {
  description = "VPC flow-log role ARNs by region code (region roots build the ARN from the name; this is for people)."
  value = {
    "us-east-1" = aws_iam_role.flow_us_east_1.arn
    "us-west-2" = aws_iam_role.flow_us_west_2.arn
  }
}

output "instance_profiles" {
  description = "Instance profile ARNs by name (region roots name the profiles; this is for people)."
  value = {
    "shop-prod-app-us-east-1" = aws_iam_instance_profile.use1-app_us_east_1.arn
    "shop-prod-app-us-west-2" = aws_iam_instance_profile.usw2-app_us_west_2.arn
  }
}
