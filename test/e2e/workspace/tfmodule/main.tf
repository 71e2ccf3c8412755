# Session store: TLS comes from var.tls, whose default (variables.tf) terraform.tfvars overrides.
resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "Checkout sessions"
  engine                     = "valkey"
  engine_version             = "8.0"
  node_type                  = "cache.r7g.large"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
  subnet_group_name          = aws_elasticache_subnet_group.sessions.name
  transit_encryption_enabled = var.tls
  auth_token                 = var.auth_token
  at_rest_encryption_enabled = true
  snapshot_retention_limit   = 7
}

resource "aws_elasticache_subnet_group" "sessions" {
  name       = "sessions"
  subnet_ids = var.subnet_ids
}
