provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = {
      "Project"     = "saas"
      "Environment" = "prod"
      "ManagedBy"   = "topoform"
      "owner"       = "platform"
    }
  }
}
