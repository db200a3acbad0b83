output "urls" {
  description = "The address users open, by DNS record id (every record set of a record shares its name)."
  value = {
    "api" = format("https://%s", aws_route53_record.api_use1-alb.fqdn)
  }
}

output "name_servers" {
  description = "The zone's name servers: delegate the domain to them at its registrar."
  value       = aws_route53_zone.this.name_servers
}
