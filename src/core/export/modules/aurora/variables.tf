variable "cluster_identifier" {
  description = "Cluster identifier, unique across regions for global clusters."
  type        = string
}

variable "engine" {
  description = "aurora-postgresql or aurora-mysql."
  type        = string
}

variable "engine_version" {
  description = "Engine version."
  type        = string
}

variable "instance_class" {
  description = "Instance class of every instance."
  type        = string
}

variable "instances" {
  description = "How many instances the cluster runs."
  type        = number
}

variable "global_cluster_identifier" {
  description = "The global cluster this cluster joins, or null."
  type        = string
  default     = null
}

variable "secondary" {
  description = "A secondary member of a global cluster: no credentials (they come from the primary)."
  type        = bool
  default     = false
}

variable "vpc_id" {
  description = "The VPC of the cluster."
  type        = string
}

variable "subnet_ids" {
  description = "Subnets of the DB subnet group (two AZs at least)."
  type        = list(string)
}

variable "app_security_group_ids" {
  description = "Security groups of the applications allowed to connect."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
