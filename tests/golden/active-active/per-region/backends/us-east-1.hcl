bucket       = "game-prod-tfstate-us-east-1"
key          = "game/prod/us-east-1/terraform.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true
