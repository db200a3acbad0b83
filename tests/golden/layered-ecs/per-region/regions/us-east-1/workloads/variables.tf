variable "certificate_arn" {
  description = "ARN of the ACM certificate (in us-east-1) the HTTPS listeners of this region present."
  type        = string

  validation {
    condition     = startswith(var.certificate_arn, "arn:")
    error_message = "Set certificate_arn in regions/us-east-1/workloads/terraform.auto.tfvars to the ARN of an ACM certificate in us-east-1."
  }
}
