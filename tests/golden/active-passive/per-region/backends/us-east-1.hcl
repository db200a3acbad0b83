bucket       = "shop-prod-tfstate-us-east-1"
key          = "shop/prod/us-east-1/terraform.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true
