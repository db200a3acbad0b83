bucket       = "saas-prod-tfstate"
key          = "saas/prod/all/terraform.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true
