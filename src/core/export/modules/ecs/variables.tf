variable "name" {
  description = "Service, task family and log group name."
  type        = string
}

variable "cluster_arn" {
  description = "The region's ECS cluster (modules/ecs_cluster)."
  type        = string
}

variable "cluster_name" {
  description = "The cluster's name, part of the scaling target's resource id."
  type        = string
}

variable "logs_key_arn" {
  description = "KMS key the container log group is encrypted with (the cluster module's)."
  type        = string
}

variable "execution_role_arn" {
  description = "Role ECS pulls the image and writes logs as; created by the iam stack, named per region."
  type        = string
}

variable "task_role_arn" {
  description = "Role the application runs as; created by the iam stack, named per region."
  type        = string
}

variable "vpc_id" {
  description = "The VPC of the tasks."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets the tasks run in (no public IP)."
  type        = list(string)
}

variable "image" {
  description = "Container image reference."
  type        = string
}

variable "cpu" {
  description = "Fargate CPU units of a task."
  type        = number
}

variable "memory_mb" {
  description = "Memory of a task in MiB, valid for its cpu."
  type        = number
}

variable "port" {
  description = "The container port the service listens on."
  type        = number
}

variable "min_count" {
  description = "Fewest tasks (the scaling target's minimum)."
  type        = number
}

variable "desired_count" {
  description = "Tasks to start with."
  type        = number
}

variable "max_count" {
  description = "Most tasks (the scaling target's maximum)."
  type        = number
}

variable "cpu_target_percent" {
  description = "Average CPU a target-tracking policy keeps the service near, or null for a fixed count."
  type        = number
  default     = null
}

variable "behind_alb" {
  description = "Whether the service sits behind a load balancer (known when planning, unlike the ids)."
  type        = bool
  default     = false
}

variable "target_group_arn" {
  description = "The load balancer's target group of this service (type ip), or null."
  type        = string
  default     = null
}

variable "alb_security_group_id" {
  description = "Security group of the load balancer allowed to reach the tasks, or null."
  type        = string
  default     = null
}

variable "peer_database_cidrs" {
  description = "Databases of peered VPCs the tasks may reach, by a stable key: the database's design id, one of its subnet CIDRs and its port."
  type = map(object({
    database = string
    cidr     = string
    port     = number
  }))
  default = {}
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
