bucket       = "shop-prod-tfstate-us-west-2"
key          = "shop/prod/us-west-2/terraform.tfstate"
region       = "us-west-2"
encrypt      = true
use_lockfile = true
