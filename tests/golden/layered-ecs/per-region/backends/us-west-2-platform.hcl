bucket       = "saas-prod-tfstate-us-west-2"
key          = "saas/prod/us-west-2/platform/terraform.tfstate"
region       = "us-west-2"
encrypt      = true
use_lockfile = true
