resource "aws_security_group" "this" {
  name_prefix = "${var.name}-alb-"
  description = "Load balancer ${var.name}"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-alb" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "listener" {
  #checkov:skip=CKV_AWS_260:The listener of an internet-facing load balancer is open to the internet by design.
  security_group_id = aws_security_group.this.id
  description       = "Clients to the ${var.protocol} listener"
  ip_protocol       = "tcp"
  from_port         = var.port
  to_port           = var.port
  cidr_ipv4         = var.internal ? var.vpc_cidr : "0.0.0.0/0"
}

# A Global Accelerator endpoint keeps the client's address (client IP
# preservation), so an internal load balancer behind an accelerator sees
# connections from the internet, not from its VPC, on its own listener port
# (the endpoint group's port_override maps the accelerator's port to it).
resource "aws_vpc_security_group_ingress_rule" "accelerator" {
  #checkov:skip=CKV_AWS_260:Clients reach this load balancer only through the Global Accelerator, which keeps their addresses.
  count             = var.internal && var.accelerator_ingress ? 1 : 0
  security_group_id = aws_security_group.this.id
  description       = "Global Accelerator clients to the ${var.protocol} listener"
  ip_protocol       = "tcp"
  from_port         = var.port
  to_port           = var.port
  cidr_ipv4         = "0.0.0.0/0"
}

# No egress here: each Auto Scaling group and ECS service behind this load
# balancer opens the load balancer's egress to its own security group
# (modules/asg alb_to_app, modules/ecs alb_to_service), so the load balancer
# reaches its targets and nothing else in the VPC.

resource "aws_lb" "this" {
  #checkov:skip=CKV2_AWS_28:A WAF web ACL is an account-level choice; attach one if the workload needs it.
  #checkov:skip=CKV_AWS_91:Access logging needs a log bucket the design does not have; set access_logs_bucket to enable it.
  name                       = var.name
  load_balancer_type         = "application"
  internal                   = var.internal
  subnets                    = var.subnet_ids
  security_groups            = [aws_security_group.this.id]
  drop_invalid_header_fields = true
  enable_deletion_protection = true

  dynamic "access_logs" {
    for_each = var.access_logs_bucket == null ? [] : [var.access_logs_bucket]
    content {
      bucket  = access_logs.value
      enabled = true
    }
  }

  tags = var.tags
}

resource "aws_lb_target_group" "this" {
  name     = var.name
  port     = 80
  protocol = "HTTP"
  vpc_id   = var.vpc_id

  health_check {
    path                = var.health_check.path
    interval            = var.health_check.interval
    timeout             = var.health_check.timeout
    healthy_threshold   = var.health_check.healthy_threshold
    unhealthy_threshold = var.health_check.unhealthy_threshold
    matcher             = "200-399"
  }

  tags = var.tags
}

# One target group of type ip per ECS service behind this load balancer
# (Fargate tasks register by IP), on the service's container port.
resource "aws_lb_target_group" "service" {
  for_each = var.service_targets

  name        = each.value.name
  port        = each.value.port
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = var.vpc_id

  health_check {
    path                = var.health_check.path
    interval            = var.health_check.interval
    timeout             = var.health_check.timeout
    healthy_threshold   = var.health_check.healthy_threshold
    unhealthy_threshold = var.health_check.unhealthy_threshold
    matcher             = "200-399"
  }

  tags = var.tags
}

locals {
  # What the listener forwards to: the groups' target group alone when no
  # service is behind it (as before services existed); else each service's
  # target group and, when groups share the listener, theirs, with weights.
  forward = length(var.service_targets) == 0 ? [{ arn = aws_lb_target_group.this.arn, weight = 1 }] : concat(
    var.group_weight == null ? [] : [{ arn = aws_lb_target_group.this.arn, weight = var.group_weight }],
    [for k, t in var.service_targets : { arn = aws_lb_target_group.service[k].arn, weight = t.weight }],
  )
}

resource "aws_lb_listener" "this" {
  load_balancer_arn = aws_lb.this.arn
  port              = var.port
  protocol          = var.protocol
  ssl_policy        = var.protocol == "HTTPS" ? "ELBSecurityPolicy-TLS13-1-2-2021-06" : null
  certificate_arn   = var.protocol == "HTTPS" ? var.certificate_arn : null

  default_action {
    type             = "forward"
    target_group_arn = length(local.forward) == 1 ? local.forward[0].arn : null

    # Weighted forwarding, only with more than one target group.
    dynamic "forward" {
      for_each = length(local.forward) > 1 ? [local.forward] : []
      content {
        dynamic "target_group" {
          for_each = forward.value
          content {
            arn    = target_group.value.arn
            weight = target_group.value.weight
          }
        }
      }
    }
  }

  tags = var.tags
}
