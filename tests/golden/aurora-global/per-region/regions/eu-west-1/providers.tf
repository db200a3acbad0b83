provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      "Project"     = "media"
      "Environment" = "prod"
      "ManagedBy"   = "topoform"
      "owner"       = "platform"
    }
  }
}
