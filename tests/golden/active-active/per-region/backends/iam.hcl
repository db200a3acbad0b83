bucket       = "game-prod-tfstate"
key          = "game/prod/iam/terraform.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true
