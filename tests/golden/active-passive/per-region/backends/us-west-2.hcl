bucket       = "shop-prod-tfstate"
key          = "shop/prod/us-west-2/terraform.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true
