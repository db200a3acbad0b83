bucket       = "media-prod-tfstate-eu-west-1"
key          = "media/prod/eu-west-1/terraform.tfstate"
region       = "eu-west-1"
encrypt      = true
use_lockfile = true
