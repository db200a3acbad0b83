data "aws_region" "current" {}

resource "aws_security_group" "this" {
  name_prefix = "${var.name}-svc-"
  description = "Tasks of ${var.name}"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-svc" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "from_alb" {
  #checkov:skip=CKV_AWS_260:Only the load balancer's security group may connect; no CIDR is open.
  # A plan-time flag: the group id itself is unknown until apply.
  count = var.behind_alb ? 1 : 0

  security_group_id            = aws_security_group.this.id
  description                  = "Load balancer to the container port"
  ip_protocol                  = "tcp"
  from_port                    = var.port
  to_port                      = var.port
  referenced_security_group_id = var.alb_security_group_id
}

# The load balancer's half of the same flow, beside the ingress (as in
# modules/asg): egress on the sender, ingress on the receiver.
resource "aws_vpc_security_group_egress_rule" "alb_to_service" {
  count = var.behind_alb ? 1 : 0

  security_group_id            = var.alb_security_group_id
  description                  = "Load balancer to the tasks of ${var.name}"
  ip_protocol                  = "tcp"
  from_port                    = var.port
  to_port                      = var.port
  referenced_security_group_id = aws_security_group.this.id
}

# Databases of peered VPCs, by their subnets' CIDRs (see modules/asg).
resource "aws_vpc_security_group_egress_rule" "peer_databases" {
  for_each = var.peer_database_cidrs

  security_group_id = aws_security_group.this.id
  description       = "Tasks to the database ${each.value.database} of a peered VPC"
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = each.value.cidr
}

resource "aws_vpc_security_group_egress_rule" "https" {
  security_group_id = aws_security_group.this.id
  description       = "Tasks to HTTPS (image registries, AWS APIs) through NAT"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/ecs/${var.name}"
  retention_in_days = 365
  kms_key_id        = var.logs_key_arn

  tags = var.tags
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(var.cpu)
  memory                   = tostring(var.memory_mb)
  # By ARN: the roles live in the iam stack, named per region.
  execution_role_arn = var.execution_role_arn
  task_role_arn      = var.task_role_arn

  # A read-only root file system: an image that writes must use a volume.
  container_definitions = jsonencode([{
    name                   = "app"
    image                  = var.image
    essential              = true
    readonlyRootFilesystem = true
    portMappings           = [{ containerPort = var.port, protocol = "tcp" }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this.name
        awslogs-region        = data.aws_region.current.name
        awslogs-stream-prefix = "app"
      }
    }
  }])

  tags = var.tags
}

resource "aws_ecs_service" "this" {
  name             = var.name
  cluster          = var.cluster_arn
  task_definition  = aws_ecs_task_definition.this.arn
  desired_count    = var.desired_count
  launch_type      = "FARGATE"
  platform_version = "LATEST"
  propagate_tags   = "SERVICE"

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.this.id]
    assign_public_ip = false
  }

  dynamic "load_balancer" {
    for_each = var.behind_alb ? [var.target_group_arn] : []
    content {
      target_group_arn = load_balancer.value
      container_name   = "app"
      container_port   = var.port
    }
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  # After creation the count belongs to Application Auto Scaling (between
  # min and max) and to the DR runbook, which raises it on failover.
  lifecycle {
    ignore_changes = [desired_count]
  }

  tags = var.tags
}

resource "aws_appautoscaling_target" "this" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${var.cluster_name}/${aws_ecs_service.this.name}"
  min_capacity       = var.min_count
  max_capacity       = var.max_count

  tags = var.tags
}

# Target tracking: AWS creates and owns the CloudWatch alarms of the policy.
resource "aws_appautoscaling_policy" "cpu" {
  count = var.cpu_target_percent == null ? 0 : 1

  name               = "${var.name}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this.service_namespace
  scalable_dimension = aws_appautoscaling_target.this.scalable_dimension
  resource_id        = aws_appautoscaling_target.this.resource_id

  target_tracking_scaling_policy_configuration {
    target_value = var.cpu_target_percent

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}
