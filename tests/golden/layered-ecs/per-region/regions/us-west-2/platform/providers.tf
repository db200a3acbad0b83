provider "aws" {
  region = "us-west-2"

  default_tags {
    tags = {
      "Project"     = "saas"
      "Environment" = "prod"
      "ManagedBy"   = "topoform"
      "owner"       = "platform"
    }
  }
}
