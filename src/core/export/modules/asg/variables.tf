variable "name" {
  description = "Auto Scaling group name."
  type        = string
}

variable "instance_profile_name" {
  description = "Name of the IAM instance profile the instances run with; created by the iam stack, unique in the account (it includes the region)."
  type        = string
}

variable "vpc_id" {
  description = "The VPC of the instances."
  type        = string
}

variable "subnet_ids" {
  description = "Subnets the instances launch into."
  type        = list(string)
}

variable "min_size" {
  description = "Minimum number of instances."
  type        = number
}

variable "desired_capacity" {
  description = "Desired number of instances."
  type        = number
}

variable "max_size" {
  description = "Maximum number of instances."
  type        = number
}

variable "instance_type" {
  description = "EC2 instance type."
  type        = string
}

variable "image" {
  description = "An AMI id, or ssm: followed by the name of an SSM parameter holding one."
  type        = string
}

variable "target_group_arn" {
  description = "Target group to register into, or null."
  type        = string
  default     = null
}

variable "behind_alb" {
  description = "Whether the group sits behind a load balancer (known when planning, unlike the ids)."
  type        = bool
  default     = false
}

variable "alb_security_group_id" {
  description = "Security group of the load balancer allowed to reach the instances, or null."
  type        = string
  default     = null
}

variable "peer_database_cidrs" {
  description = "Databases of peered VPCs the instances may reach, by a stable key: the database's design id, one of its subnet CIDRs and its port."
  type = map(object({
    database = string
    cidr     = string
    port     = number
  }))
  default = {}
}

variable "cpu_target_percent" {
  description = "Average CPU a target-tracking policy keeps the group near, or null for no policy."
  type        = number
  default     = null
}

variable "app_port" {
  description = "Port the application listens on."
  type        = number
  default     = 80
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
