bucket       = "media-prod-tfstate"
key          = "media/prod/iam/terraform.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true
