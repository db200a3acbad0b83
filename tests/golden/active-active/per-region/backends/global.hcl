bucket       = "game-prod-tfstate"
key          = "game/prod/global/terraform.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true
