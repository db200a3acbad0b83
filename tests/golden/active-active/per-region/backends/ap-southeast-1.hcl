bucket       = "game-prod-tfstate-ap-southeast-1"
key          = "game/prod/ap-southeast-1/terraform.tfstate"
region       = "ap-southeast-1"
encrypt      = true
use_lockfile = true
