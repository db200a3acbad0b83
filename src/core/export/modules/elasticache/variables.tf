variable "replication_group_id" {
  description = "Replication group id: lowercase letters, digits and hyphens, starting with a letter, at most 40 characters."
  type        = string
}

variable "engine" {
  description = "redis or valkey."
  type        = string

  validation {
    condition     = contains(["redis", "valkey"], var.engine)
    error_message = "engine must be redis or valkey."
  }
}

variable "engine_version" {
  description = "Engine version (major.minor, e.g. 7.1 for Redis OSS, 8.0 for Valkey). IAM authentication needs Redis OSS 7.0 or Valkey 7.2 and later."
  type        = string
}

variable "node_type" {
  description = "Node type, e.g. cache.r7g.large."
  type        = string
}

variable "nodes" {
  description = "Nodes in the group, the primary included (1-6)."
  type        = number

  validation {
    condition     = var.nodes >= 1 && var.nodes <= 6
    error_message = "nodes must be between 1 and 6."
  }
}

variable "multi_az" {
  description = "Fail over automatically to a replica in another AZ (needs two nodes or more)."
  type        = bool
}

variable "snapshot_retention_days" {
  description = "Days of daily snapshots kept (0 turns them off)."
  type        = number
  default     = 7
}

variable "app_user_id" {
  description = "Id and name of the IAM-authenticated user the applications connect as (IAM authentication needs the two equal)."
  type        = string
}

variable "default_user_id" {
  description = "Id of this group's disabled `default` user (every user group must hold a user named default; this one can run nothing)."
  type        = string
}

variable "user_group_id" {
  description = "Id of the user group holding the two users."
  type        = string
}

variable "vpc_id" {
  description = "The VPC of the cache."
  type        = string
}

variable "subnet_ids" {
  description = "Subnets of the cache subnet group (private, two AZs at least for multi-AZ)."
  type        = list(string)
}

variable "app_security_groups" {
  description = "Security groups of the applications in the same VPC allowed to connect, by the application's design id (a key known when planning)."
  type        = map(string)
  default     = {}
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
