resource "aws_rds_global_cluster" "g_core" {
  global_cluster_identifier = "saas-prod-core"
  engine                    = "aurora-postgresql"
  engine_version            = "16.4"
  storage_encrypted         = true
  deletion_protection       = true
}
