variable "identifier" {
  description = "DB instance identifier (lowercase, at most 63 characters)."
  type        = string
}

variable "engine" {
  description = "postgres, mysql or mariadb."
  type        = string
}

variable "engine_version" {
  description = "Engine version."
  type        = string
}

variable "instance_class" {
  description = "Instance class, e.g. db.r6g.large."
  type        = string
}

variable "storage_gb" {
  description = "Allocated storage in GiB."
  type        = number
}

variable "max_storage_gb" {
  description = "Storage autoscaling ceiling in GiB (above storage_gb), or null for no autoscaling."
  type        = number
  default     = null
}

variable "multi_az" {
  description = "Run a synchronous standby in another AZ."
  type        = bool
}

variable "backup_retention_days" {
  description = "Days of automated backups (0-35)."
  type        = number
}

variable "replicate_source_db" {
  description = "ARN of the source instance when this is a read replica, else null."
  type        = string
  default     = null
}

variable "vpc_id" {
  description = "The VPC of the database."
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

variable "encrypted" {
  description = "Encrypt storage with a key of this region; a replica matches its source (RDS-08)."
  type        = bool
  default     = true
}
