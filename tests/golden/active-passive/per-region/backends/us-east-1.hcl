bucket       = "shop-prod-tfstate"
key          = "shop/prod/us-east-1/terraform.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true
