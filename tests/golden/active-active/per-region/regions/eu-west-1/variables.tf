variable "certificate_arn" {
  description = "ARN of the ACM certificate (in eu-west-1) the HTTPS listeners of this region present."
  type        = string
}
