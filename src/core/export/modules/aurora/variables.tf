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

variable "backup_retention_days" {
  description = "Days of automated backups (1-35)."
  type        = number
}

variable "database_name" {
  description = "The database created in the cluster, or null for none; ignored on a secondary, which has the writer's."
  type        = string
  default     = null
}

variable "secondary" {
  description = "A secondary member of a global cluster: no credentials (they come from the primary)."
  type        = bool
  default     = false
}

variable "source_region" {
  description = "Region of the global cluster's writer; used by secondaries only."
  type        = string
  default     = null
}

variable "vpc_id" {
  description = "The VPC of the cluster."
  type        = string
}

variable "subnet_ids" {
  description = "Subnets of the DB subnet group (two AZs at least)."
  type        = list(string)
}

variable "auto_minor_version_upgrade" {
  description = "Let AWS apply minor engine upgrades: true when engine_version names only the major version, false when it pins a minor one (an upgrade would make the next plan a downgrade)."
  type        = bool
}

variable "port" {
  description = "The port the engine listens on (5432 PostgreSQL, 3306 MySQL and MariaDB)."
  type        = number
}

variable "app_security_groups" {
  description = "Security groups of the applications in the same VPC allowed to connect, by the application's design id (a key known when planning)."
  type        = map(string)
  default     = {}
}

variable "peer_app_cidrs" {
  description = "Subnets of applications in peered VPCs allowed to connect, by a stable key: the application's design id and one of its subnet CIDRs."
  type = map(object({
    application = string
    cidr        = string
  }))
  default = {}
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
