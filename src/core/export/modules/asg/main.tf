locals {
  from_ssm = startswith(var.image, "ssm:")
}

data "aws_ssm_parameter" "ami" {
  count = local.from_ssm ? 1 : 0

  name = trimprefix(var.image, "ssm:")
}

resource "aws_security_group" "this" {
  name_prefix = "${var.name}-app-"
  description = "Instances of ${var.name}"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-app" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "from_alb" {
  #checkov:skip=CKV_AWS_260:Only the load balancer's security group may connect; no CIDR is open.
  # A plan-time flag: the group id itself is unknown until apply.
  count = var.behind_alb ? 1 : 0

  security_group_id            = aws_security_group.this.id
  description                  = "Load balancer to the application port"
  ip_protocol                  = "tcp"
  from_port                    = var.app_port
  to_port                      = var.app_port
  referenced_security_group_id = var.alb_security_group_id
}

# The load balancer's half of the same flow: security groups are stateful per
# connection, but a new connection needs egress on the sender and ingress on
# the receiver. Declared here, beside the ingress, so the pair lives together.
resource "aws_vpc_security_group_egress_rule" "alb_to_app" {
  count = var.behind_alb ? 1 : 0

  security_group_id            = var.alb_security_group_id
  description                  = "Load balancer to the instances of ${var.name}"
  ip_protocol                  = "tcp"
  from_port                    = var.app_port
  to_port                      = var.app_port
  referenced_security_group_id = aws_security_group.this.id
}

# Databases of peered VPCs, by their subnets' CIDRs: a security group cannot
# reference a group across a cross-region peering. The databases admit these
# instances' subnets in return (their modules' peer_app_cidrs).
resource "aws_vpc_security_group_egress_rule" "peer_databases" {
  for_each = var.peer_database_cidrs

  security_group_id = aws_security_group.this.id
  description       = "Instances to the database ${each.value.database} of a peered VPC"
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = each.value.cidr
}

resource "aws_vpc_security_group_egress_rule" "https" {
  security_group_id = aws_security_group.this.id
  description       = "Instances to HTTPS (package mirrors, AWS APIs) through NAT"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

# A launch template's name takes only [0-9A-Za-z()./_-]; a group's name may
# hold more (`+`, `@`, `=`, `,`), so the template's is the group's made safe.
resource "aws_launch_template" "this" {
  name_prefix   = "${replace(var.name, "/[^0-9A-Za-z()./_-]/", "-")}-"
  image_id      = local.from_ssm ? data.aws_ssm_parameter.ami[0].value : var.image
  instance_type = var.instance_type

  vpc_security_group_ids = [aws_security_group.this.id]

  # By name: the profile lives in the iam stack (IAM's control plane is in
  # us-east-1), and a name needs no IAM call when this region plans.
  iam_instance_profile {
    name = var.instance_profile_name
  }

  # IMDSv2 only.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      encrypted   = true
      volume_size = 20
      volume_type = "gp3"
    }
  }

  monitoring {
    enabled = true
  }

  tag_specifications {
    resource_type = "instance"
    tags          = merge(var.tags, { Name = var.name })
  }

  tags = var.tags
}

resource "aws_autoscaling_group" "this" {
  name                      = var.name
  min_size                  = var.min_size
  desired_capacity          = var.desired_capacity
  max_size                  = var.max_size
  vpc_zone_identifier       = var.subnet_ids
  target_group_arns         = var.target_group_arn == null ? [] : [var.target_group_arn]
  health_check_type         = var.target_group_arn == null ? "EC2" : "ELB"
  health_check_grace_period = 300

  launch_template {
    id      = aws_launch_template.this.id
    version = aws_launch_template.this.latest_version
  }

  dynamic "tag" {
    for_each = var.tags
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }
}

# Target tracking on average CPU: AWS creates and owns the CloudWatch alarms
# of the policy, so none are declared here.
resource "aws_autoscaling_policy" "cpu" {
  count = var.cpu_target_percent == null ? 0 : 1

  name                   = "${var.name}-cpu"
  autoscaling_group_name = aws_autoscaling_group.this.name
  policy_type            = "TargetTrackingScaling"

  target_tracking_configuration {
    target_value = var.cpu_target_percent

    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
  }
}
