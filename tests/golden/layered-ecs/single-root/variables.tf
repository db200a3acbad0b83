variable "certificate_arn" {
  description = "ARNs of the ACM certificates the HTTPS listeners present, by region code."
  type        = map(string)
}
