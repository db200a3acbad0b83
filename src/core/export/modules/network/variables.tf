variable "name" {
  description = "Name prefix for the VPC and everything in it (project-environment-vpc)."
  type        = string
}

variable "cidr" {
  description = "IPv4 CIDR block of the VPC."
  type        = string
}

variable "nat" {
  description = "NAT gateways for private subnets: none, single or per_az."
  type        = string
  default     = "per_az"

  validation {
    condition     = contains(["none", "single", "per_az"], var.nat)
    error_message = "nat must be none, single or per_az."
  }
}

variable "subnets" {
  description = "Subnets by stable key: CIDR, availability-zone id, tier (public, private or data) and display name."
  type = map(object({
    cidr  = string
    az_id = string
    tier  = string
    name  = string
  }))
}

variable "flow_log_role_arn" {
  description = "ARN of the IAM role the VPC flow logs deliver to CloudWatch Logs as; it lives in the iam stack (IAM's control plane is in us-east-1, so no region root creates roles)."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
