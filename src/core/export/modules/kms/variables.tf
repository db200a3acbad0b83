variable "alias" {
  description = "The key's alias, alias/<project>-<environment>-<name>-<purpose>-<region>: operators find the key by it."
  type        = string

  validation {
    condition     = can(regex("^alias/[A-Za-z0-9/_-]+$", var.alias)) && !startswith(var.alias, "alias/aws/") && length(var.alias) <= 256
    error_message = "alias must start with alias/ (not alias/aws/) and hold at most 256 characters of A-Z a-z 0-9 / _ -."
  }
}

variable "description" {
  description = "What the key encrypts."
  type        = string
}

variable "service_principal" {
  description = "A service principal allowed to use the key (logs.<region>.amazonaws.com for log groups), or null."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags added to the key."
  type        = map(string)
  default     = {}
}
