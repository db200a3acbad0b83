output "vpcs" {
  description = "VPCs by design id: id, CIDR and route tables (peering adds routes to them)."
  value = {
    "usw2-main" = {
      vpc_id          = module.vpc_usw2-main.vpc_id
      cidr            = module.vpc_usw2-main.cidr
      route_table_ids = module.vpc_usw2-main.route_table_ids
    }
  }
}

output "aurora_clusters" {
  description = "Aurora cluster identifiers by design id."
  value = {
    "usw2-core" = module.aurora_usw2-core.cluster_identifier
  }
}

output "caches" {
  description = "Caches by design id: replication group id, endpoints, port (TLS) and the user applications connect as with an IAM authentication token."
  value = {
    "usw2-cache" = {
      replication_group_id = module.elasticache_usw2-cache.replication_group_id
      primary_endpoint     = module.elasticache_usw2-cache.primary_endpoint
      reader_endpoint      = module.elasticache_usw2-cache.reader_endpoint
      port                 = module.elasticache_usw2-cache.port
      user                 = module.elasticache_usw2-cache.user
    }
  }
}

output "modules" {
  description = "What the workloads root of this region reads, by module: exactly the attributes it uses (it reads this state through terraform_remote_state; nothing reads the other way)."
  value = {
    aurora_usw2-core = {
      security_group_id = module.aurora_usw2-core.security_group_id
    }
    cluster_us_west_2 = {
      arn          = module.cluster_us_west_2.arn
      logs_key_arn = module.cluster_us_west_2.logs_key_arn
      name         = module.cluster_us_west_2.name
    }
    elasticache_usw2-cache = {
      port              = module.elasticache_usw2-cache.port
      security_group_id = module.elasticache_usw2-cache.security_group_id
    }
    vpc_usw2-main = {
      cidr       = module.vpc_usw2-main.cidr
      subnet_ids = module.vpc_usw2-main.subnet_ids
      vpc_id     = module.vpc_usw2-main.vpc_id
    }
  }
}
