output "arn" {
  description = "The key ARN (resources of this region encrypt with it)."
  value       = aws_kms_key.this.arn
}

output "alias_arn" {
  description = "The alias ARN."
  value       = aws_kms_alias.this.arn
}
