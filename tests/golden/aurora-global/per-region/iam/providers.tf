provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = {
      "Project"     = "media"
      "Environment" = "prod"
      "ManagedBy"   = "topoform"
      "owner"       = "platform"
    }
  }
}
