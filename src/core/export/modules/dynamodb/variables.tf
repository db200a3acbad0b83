variable "name" {
  description = "Table name, the same in every replica region."
  type        = string
}

variable "hash_key" {
  description = "The partition key: name and type (S, N or B)."
  type = object({
    name = string
    type = string
  })
}

variable "range_key" {
  description = "The sort key, or null."
  type = object({
    name = string
    type = string
  })
  default = null
}

variable "billing_mode" {
  description = "PAY_PER_REQUEST or PROVISIONED."
  type        = string
  default     = "PAY_PER_REQUEST"
}

variable "ttl_attribute" {
  description = "The item attribute holding an expiry time in epoch seconds (Time to Live), or null for none."
  type        = string
  default     = null
}

variable "replicas" {
  description = "The global table's replicas: region code => ARN of the KMS key in that region that encrypts the replica."
  type        = map(string)
  default     = {}
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
