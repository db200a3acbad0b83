provider "aws" {
  region = "us-west-2"

  default_tags {
    tags = {
      "Project"     = "shop"
      "Environment" = "prod"
      "ManagedBy"   = "topoform"
      "owner"       = "platform"
    }
  }
}
