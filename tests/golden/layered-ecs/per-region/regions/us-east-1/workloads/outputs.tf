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

output "ecs_services" {
  description = "ECS services by design id: cluster and service name (the DR runbook scales them)."
  value = {
    "use1-api" = {
      cluster = data.terraform_remote_state.platform.outputs.modules.cluster_us_east_1.name
      service = module.ecs_use1-api.name
    }
  }
}
