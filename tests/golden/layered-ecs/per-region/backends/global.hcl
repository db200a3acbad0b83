bucket       = "saas-prod-tfstate"
key          = "saas/prod/global/terraform.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true
