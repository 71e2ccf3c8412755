terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

variable "environment" {
  type    = string
  default = "staging"
}

variable "feature_cache_tls" {
  type    = bool
  default = false
}

variable "carts_auth_token" {
  type      = string
  sensitive = true
}

resource "aws_elasticache_subnet_group" "cache" {
  name       = "orders-cache-${var.environment}"
  subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

# Deliberate mistake: TLS explicitly off (and so no AUTH, which needs TLS).
resource "aws_elasticache_replication_group" "orders" {
  replication_group_id       = "orders-${var.environment}"
  description                = "Order lookups"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = "cache.r7g.large"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
  at_rest_encryption_enabled = true
  subnet_group_name          = aws_elasticache_subnet_group.cache.name
  snapshot_retention_limit   = 7
  transit_encryption_enabled = false
}

# Deliberate mistake: TLS from a variable that defaults to false (and so no AUTH).
resource "aws_elasticache_replication_group" "features" {
  replication_group_id       = "features-${var.environment}"
  description                = "Feature flags"
  engine                     = "valkey"
  node_type                  = "cache.m7g.large"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
  subnet_group_name          = aws_elasticache_subnet_group.cache.name
  snapshot_retention_limit   = 7
  transit_encryption_enabled = var.feature_cache_tls
}

# Compliant.
resource "aws_elasticache_replication_group" "carts" {
  replication_group_id       = "carts-${var.environment}"
  description                = "Shopping carts"
  engine                     = "valkey"
  node_type                  = "cache.r7g.large"
  num_node_groups            = 2
  replicas_per_node_group    = 1
  automatic_failover_enabled = true
  multi_az_enabled           = true
  transit_encryption_enabled = true
  auth_token                 = var.carts_auth_token
  at_rest_encryption_enabled = true
  subnet_group_name          = aws_elasticache_subnet_group.cache.name
  snapshot_retention_limit   = 7
}
