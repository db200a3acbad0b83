output "albs" {
  description = "Load balancers by design id: ARN, DNS name and hosted zone (DNS and accelerators use them)."
  value = {
    "usw2-alb" = {
      arn      = module.alb_usw2-alb.arn
      dns_name = module.alb_usw2-alb.dns_name
      zone_id  = module.alb_usw2-alb.zone_id
    }
  }
}

output "ecs_services" {
  description = "ECS services by design id: cluster and service name (the DR runbook scales them)."
  value = {
    "usw2-api" = {
      cluster = data.terraform_remote_state.platform.outputs.modules.cluster_us_west_2.name
      service = module.ecs_usw2-api.name
    }
  }
}
