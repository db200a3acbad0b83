bucket       = "saas-prod-tfstate"
key          = "saas/prod/iam/terraform.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true
