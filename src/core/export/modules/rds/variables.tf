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

variable "encrypted" {
  description = "Encrypt storage with a key of this region; a replica matches its source (RDS-08)."
  type        = bool
  default     = true
}
