variable "name" {
  description = "Cluster name (one cluster per region holds the region's services)."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
