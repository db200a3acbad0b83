bucket       = "media-prod-tfstate"
key          = "media/prod/all/terraform.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true
