data "aws_caller_identity" "current" {}

resource "aws_iam_role" "flow_us_east_1" {
  name               = "saas-prod-vpc-flow-logs-us-east-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "vpc-flow-logs.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "flow_us_east_1" {
  name   = "flow-logs"
  role   = aws_iam_role.flow_us_east_1.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"], Resource = [format("arn:aws:logs:us-east-1:%s:log-group:/vpc/saas-prod-use1-main/flow-*", data.aws_caller_identity.current.account_id), format("arn:aws:logs:us-east-1:%s:log-group:/vpc/saas-prod-use1-main/flow-*:*", data.aws_caller_identity.current.account_id)] }] })
}

resource "aws_iam_role" "flow_us_west_2" {
  name               = "saas-prod-vpc-flow-logs-us-west-2"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "vpc-flow-logs.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "flow_us_west_2" {
  name   = "flow-logs"
  role   = aws_iam_role.flow_us_west_2.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"], Resource = [format("arn:aws:logs:us-west-2:%s:log-group:/vpc/saas-prod-usw2-main/flow-*", data.aws_caller_identity.current.account_id), format("arn:aws:logs:us-west-2:%s:log-group:/vpc/saas-prod-usw2-main/flow-*:*", data.aws_caller_identity.current.account_id)] }] })
}

resource "aws_iam_role" "use1-api_us_east_1_exec" {
  name               = "saas-prod-api-exec-us-east-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy_attachment" "use1-api_us_east_1_exec" {
  role       = aws_iam_role.use1-api_us_east_1_exec.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role" "use1-api_us_east_1_task" {
  name               = "saas-prod-api-task-us-east-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role" "usw2-api_us_west_2_exec" {
  name               = "saas-prod-api-exec-us-west-2"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy_attachment" "usw2-api_us_west_2_exec" {
  role       = aws_iam_role.usw2-api_us_west_2_exec.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role" "usw2-api_us_west_2_task" {
  name               = "saas-prod-api-task-us-west-2"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "use1-api_us_east_1_task_caches" {
  name   = "elasticache-connect"
  role   = aws_iam_role.use1-api_us_east_1_task.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "ConnectToCaches", Effect = "Allow", Action = "elasticache:Connect", Resource = [format("arn:aws:elasticache:us-east-1:%s:replicationgroup:saas-prod-sessions", data.aws_caller_identity.current.account_id), format("arn:aws:elasticache:us-east-1:%s:user:saas-prod-sessions-app", data.aws_caller_identity.current.account_id)] }] })
}

resource "aws_iam_role_policy" "usw2-api_us_west_2_task_caches" {
  name   = "elasticache-connect"
  role   = aws_iam_role.usw2-api_us_west_2_task.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "ConnectToCaches", Effect = "Allow", Action = "elasticache:Connect", Resource = [format("arn:aws:elasticache:us-west-2:%s:replicationgroup:saas-prod-sessions", data.aws_caller_identity.current.account_id), format("arn:aws:elasticache:us-west-2:%s:user:saas-prod-sessions-app", data.aws_caller_identity.current.account_id)] }] })
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
  value       = {}
}

output "ecs_roles" {
  description = "ECS execution and task role ARNs by name (region roots build the ARN from the name; this is for people)."
  value = {
    "saas-prod-api-exec-us-east-1" = aws_iam_role.use1-api_us_east_1_exec.arn
    "saas-prod-api-task-us-east-1" = aws_iam_role.use1-api_us_east_1_task.arn
    "saas-prod-api-exec-us-west-2" = aws_iam_role.usw2-api_us_west_2_exec.arn
    "saas-prod-api-task-us-west-2" = aws_iam_role.usw2-api_us_west_2_task.arn
  }
}
