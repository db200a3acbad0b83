variable "name" {
  description = "Load balancer and target group name (at most 32 characters)."
  type        = string
}

variable "vpc_id" {
  description = "The VPC the load balancer and its targets live in."
  type        = string
}

variable "vpc_cidr" {
  description = "The VPC CIDR, the only source an internal load balancer accepts."
  type        = string
}

variable "subnet_ids" {
  description = "One subnet per AZ, at least two AZs."
  type        = list(string)
}

variable "internal" {
  description = "Internal (VPC only) instead of internet-facing."
  type        = bool
  default     = false
}

variable "accelerator_ingress" {
  description = "A Global Accelerator endpoint: an internal load balancer then also admits clients from anywhere on its port (the accelerator preserves their addresses)."
  type        = bool
  default     = false
}

variable "port" {
  description = "Listener port."
  type        = number
  default     = 443
}

variable "protocol" {
  description = "Listener protocol: HTTP or HTTPS."
  type        = string
  default     = "HTTPS"
}

variable "certificate_arn" {
  description = "ACM certificate for the HTTPS listener, in this region. Required when protocol is HTTPS."
  type        = string
  default     = null
}

variable "health_check" {
  description = "Target group health check."
  type = object({
    path                = string
    interval            = number
    timeout             = number
    healthy_threshold   = number
    unhealthy_threshold = number
  })
}

variable "service_targets" {
  description = "ECS services behind the load balancer, by design id: the target group name (at most 32 characters), the container port, and the service's share of the listener's traffic when more than one target group shares it."
  type = map(object({
    name   = string
    port   = number
    weight = number
  }))
  default = {}
}

variable "group_weight" {
  description = "The share of the listener's traffic for the Auto Scaling groups' target group when services share the load balancer, or null when no group is behind it."
  type        = number
  default     = null
}

variable "access_logs_bucket" {
  description = "S3 bucket for access logs, or null for none."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
