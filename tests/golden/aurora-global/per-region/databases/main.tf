resource "aws_rds_global_cluster" "g_orders" {
  global_cluster_identifier = "media-prod-orders"
  engine                    = "aurora-postgresql"
  engine_version            = "16.4"
  storage_encrypted         = true
  deletion_protection       = true
}
