variable "bucket" {
  description = "The bucket name (globally unique)."
  type        = string
}

variable "versioning" {
  description = "Keep object versions (required on both sides of replication)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
