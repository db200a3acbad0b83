data "aws_region" "current" {}

# One key for the region's ECS logs: ECS Exec sessions and every service's
# container logs. CloudWatch Logs encrypts with it on the account's behalf.
module "logs_key" {
  source = "../kms"

  alias             = "alias/${replace(var.name, "/[^A-Za-z0-9_-]/", "-")}-ecs-logs-${data.aws_region.current.name}"
  description       = "${var.name} ECS logs"
  service_principal = "logs.${data.aws_region.current.name}.amazonaws.com"
  tags              = var.tags
}

resource "aws_cloudwatch_log_group" "exec" {
  name              = "/ecs/${var.name}/exec"
  retention_in_days = 365
  kms_key_id        = module.logs_key.arn

  tags = var.tags
}

resource "aws_ecs_cluster" "this" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  # ECS Exec is off on the services; should an operator turn it on, its
  # sessions are encrypted with the key and logged to the encrypted group.
  configuration {
    execute_command_configuration {
      kms_key_id = module.logs_key.arn
      logging    = "OVERRIDE"

      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = aws_cloudwatch_log_group.exec.name
      }
    }
  }

  tags = var.tags
}
