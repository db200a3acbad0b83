variable "certificate_arn" {
  description = "ARN of the ACM certificate (in us-west-2) the HTTPS listeners of this region present."
  type        = string
}
