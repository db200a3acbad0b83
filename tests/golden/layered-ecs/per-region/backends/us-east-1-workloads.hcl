bucket       = "saas-prod-tfstate-us-east-1"
key          = "saas/prod/us-east-1/workloads/terraform.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true
