output "vpcs" {
  description = "VPCs by design id: id, CIDR and route tables (peering adds routes to them)."
  value = {
    "use1-main" = {
      vpc_id          = module.vpc_use1-main.vpc_id
      cidr            = module.vpc_use1-main.cidr
      route_table_ids = module.vpc_use1-main.route_table_ids
    }
  }
}

output "albs" {
  description = "Load balancers by design id: ARN, DNS name and hosted zone (DNS and accelerators use them)."
  value = {
    "use1-alb" = {
      arn      = module.alb_use1-alb.arn
      dns_name = module.alb_use1-alb.dns_name
      zone_id  = module.alb_use1-alb.zone_id
    }
  }
}

output "asgs" {
  description = "Auto Scaling group names by design id (the DR runbook scales them)."
  value = {
    "use1-app" = module.asg_use1-app.name
  }
}

output "rds_arns" {
  description = "RDS instance ARNs by design id (cross-region replicas name their source by ARN)."
  value       = {}
}

output "rds_identifiers" {
  description = "RDS instance identifiers by design id (the DR runbook promotes replicas)."
  value       = {}
}

output "aurora_clusters" {
  description = "Aurora cluster identifiers by design id."
  value = {
    "use1-orders" = module.aurora_use1-orders.cluster_identifier
  }
}

output "buckets" {
  description = "S3 buckets by design id: name, ARN and KMS key (replication uses them)."
  value = {
    "use1-assets" = {
      id          = module.s3_use1-assets.id
      arn         = module.s3_use1-assets.arn
      kms_key_arn = module.s3_use1-assets.kms_key_arn
    }
  }
}

output "caches" {
  description = "Caches by design id: replication group id, endpoints, port (TLS) and the user applications connect as with an IAM authentication token."
  value       = {}
}
