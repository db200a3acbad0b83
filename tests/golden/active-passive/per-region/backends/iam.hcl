bucket       = "shop-prod-tfstate"
key          = "shop/prod/iam/terraform.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true
