# Order lookups cache for the checkout service.
resource "aws_elasticache_replication_group" "orders" {
  replication_group_id       = "orders"
  description                = "Order lookups"
  engine                     = "valkey"
  node_type                  = "cache.r7g.large"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
  at_rest_encryption_enabled = true
  subnet_group_name          = "orders-private"
  snapshot_retention_limit   = 7
  user_group_ids             = ["checkout-users"]
}
