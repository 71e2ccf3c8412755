/**
 * Deterministic Terraform shaped like a real root module: variables with validation, locals, module calls, data
 * sources, dynamic blocks, for_each and count, heredoc policies, and cache resources mixed with IAM, Lambda and
 * security groups. Each cache variant declares the findings it must produce.
 */
import { fitLines, tally, type Expected, type Generated } from './generated';

const TLS = 'transit-encryption-disabled';

const HEADER = `terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

variable "environment" {
  type        = string
  default     = "dev"
  description = "Deployment stage"
  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "allowed_cidrs" {
  type    = list(string)
  default = ["10.0.0.0/16", "10.1.0.0/16"]
}

variable "auth_token" {
  type      = string
  sensitive = true
}

variable "enable_functions" {
  type    = bool
  default = true
}

locals {
  is_prod = var.environment == "prod"
  common_tags = {
    Environment = var.environment
    ManagedBy   = "terraform"
  }
  shards = {
    for name in ["alpha", "beta"] : name => {
      replicas = local.is_prod ? 2 : 1
    }
  }
}

data "aws_availability_zones" "available" {
  state = "available"
}

data "aws_caller_identity" "current" {}
`;

/** The cache of service `i`, one of eight variants, with the number of findings it must produce. */
function cache(i: number, n: string): { text: string; endpoint: string; findings: number } {
  const group = (comment: string, extra: string, findings: number) => ({
    findings,
    endpoint: `aws_elasticache_replication_group.${n}.primary_endpoint_address`,
    text: `# ${comment}
resource "aws_elasticache_replication_group" "${n}" {
  replication_group_id       = "${n.replace(/_/g, '-')}-\${var.environment}"
  description                = "Cache for service ${i}"
  engine                     = "${i % 2 ? 'valkey' : 'redis'}"
  engine_version             = "${i % 2 ? '7.2' : '7.1'}"
  node_type                  = var.${n}_node_type
  num_cache_clusters         = local.is_prod ? 3 : 1
  automatic_failover_enabled = local.is_prod
  subnet_group_name          = aws_elasticache_subnet_group.${n}.name
  security_group_ids         = [aws_security_group.${n}_cache.id]
  snapshot_retention_limit   = ${(i % 4) + 1}
  maintenance_window         = "sun:05:00-sun:06:00"
${extra}
  tags = merge(local.common_tags, { Service = "svc-${i}" })

  lifecycle {
    ignore_changes = [num_cache_clusters]
  }
}
`,
  });
  switch (i % 8) {
    case 0: return group('TLS on, AUTH token from a sensitive variable', '  transit_encryption_enabled = true\n  at_rest_encryption_enabled = true\n  auth_token                 = var.auth_token', 0);
    case 1: return group('TLS explicitly off', '  transit_encryption_enabled = false', 1);
    case 2: return group('TLS left to its default (off)', '  at_rest_encryption_enabled = true', 1);
    case 3: {
      const g = group('TLS from a variable whose default is false', `  transit_encryption_enabled = var.${n}_tls`, 1);
      return { ...g, text: `variable "${n}_tls" {\n  type    = bool\n  default = false\n}\n\n${g.text}` };
    }
    case 4: return {
      findings: 0,
      endpoint: `aws_elasticache_replication_group.${n}["alpha"].primary_endpoint_address`,
      text: `# One group per shard set; TLS comes from the module's input, unknown here
resource "aws_elasticache_replication_group" "${n}" {
  for_each                   = local.shards
  replication_group_id       = "${n.replace(/_/g, '-')}-\${each.key}"
  description                = "Shard set \${each.key} of service ${i}"
  engine                     = "valkey"
  node_type                  = var.${n}_node_type
  num_cache_clusters         = each.value.replicas + 1
  transit_encryption_enabled = module.${n}_policy.tls_required
  subnet_group_name          = aws_elasticache_subnet_group.${n}.name
  tags                       = local.common_tags
}

module "${n}_policy" {
  source      = "./modules/cache-policy"
  service     = "svc-${i}"
  environment = var.environment
  zones       = slice(data.aws_availability_zones.available.names, 0, 2)
}
`,
    };
    case 5: return {
      findings: 1,
      endpoint: `aws_elasticache_cluster.${n}.configuration_endpoint`,
      text: `# Memcached without TLS
resource "aws_elasticache_cluster" "${n}" {
  cluster_id           = "${n.replace(/_/g, '-')}"
  engine               = "memcached"
  node_type            = var.${n}_node_type
  num_cache_nodes      = 2
  az_mode              = "cross-az"
  parameter_group_name = "default.memcached1.6"
  subnet_group_name    = aws_elasticache_subnet_group.${n}.name
  security_group_ids   = [aws_security_group.${n}_cache.id]
  tags                 = local.common_tags
}

# A read replica that joins a group inherits the group's TLS setting
resource "aws_elasticache_cluster" "${n}_replica" {
  count                = local.is_prod ? 1 : 0
  cluster_id           = "${n.replace(/_/g, '-')}-replica"
  replication_group_id = "shared-\${var.environment}"
}
`,
    };
    case 6: return {
      findings: 1,
      endpoint: `aws_memorydb_cluster.${n}.cluster_endpoint[0].address`,
      text: `# MemoryDB with TLS off
resource "aws_memorydb_cluster" "${n}" {
  name                   = "${n.replace(/_/g, '-')}-\${var.environment}"
  node_type              = "db.r7g.large"
  acl_name               = "open-access"
  tls_enabled            = false
  num_shards             = 2
  num_replicas_per_shard = 1
  subnet_group_name      = aws_elasticache_subnet_group.${n}.name
  security_group_ids     = [aws_security_group.${n}_cache.id]
  tags                   = local.common_tags
}
`,
    };
    default: return {
      findings: 0,
      endpoint: `aws_elasticache_serverless_cache.${n}.endpoint[0].address`,
      text: `# Serverless: always TLS
resource "aws_elasticache_serverless_cache" "${n}" {
  name                 = "${n.replace(/_/g, '-')}-\${var.environment}"
  engine               = "valkey"
  major_engine_version = "8"
  cache_usage_limits {
    data_storage {
      maximum = 10
      unit    = "GB"
    }
    ecpu_per_second {
      maximum = 5000
    }
  }
  security_group_ids = [aws_security_group.${n}_cache.id]
  subnet_ids         = var.private_subnet_ids
}
`,
    };
  }
}

/** The application around the cache: a role and a function for every third service. */
function app(i: number, n: string, endpoint: string): string {
  if (i % 3 !== 2) return '';
  return `
resource "aws_iam_role" "${n}" {
  name               = "svc-${i}-\${var.environment}"
  assume_role_policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": { "Service": "lambda.amazonaws.com" },
          "Action": "sts:AssumeRole"
        }
      ]
    }
  EOF
}

resource "aws_iam_role_policy" "${n}_cache" {
  role = aws_iam_role.${n}.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["elasticache:Connect", "elasticache:DescribeReplicationGroups"]
      Resource = "arn:aws:elasticache:*:\${data.aws_caller_identity.current.account_id}:replicationgroup:svc-${i}-*"
    }]
  })
}

resource "aws_lambda_function" "${n}" {
  count         = var.enable_functions ? 1 : 0
  function_name = "svc-${i}-\${var.environment}"
  role          = aws_iam_role.${n}.arn
  runtime       = "python3.12"
  handler       = "index.handler"
  filename      = "\${path.module}/build/svc-${i}.zip"
  timeout       = 30
  memory_size   = local.is_prod ? 1024 : 256

  environment {
    variables = {
      CACHE_HOST = ${endpoint}
      STAGE      = var.environment
    }
  }

  vpc_config {
    subnet_ids         = var.private_subnet_ids
    security_group_ids = [aws_security_group.${n}_client.id]
  }
}
`;
}

function service(i: number): { text: string; expected: Expected } {
  const n = `svc_${i}`;
  const c = cache(i, n);
  const text = `
variable "${n}_node_type" {
  type        = string
  default     = "${i % 8 === 6 ? 'db.r7g.large' : 'cache.r7g.large'}"
  description = "Node type of service ${i}"
}

resource "aws_security_group" "${n}_client" {
  name_prefix = "svc-${i}-client-"
  vpc_id      = var.vpc_id
  tags        = merge(local.common_tags, { Name = "svc-${i}-client" })
}

resource "aws_security_group" "${n}_cache" {
  name_prefix = "svc-${i}-cache-"
  description = "Cache of service ${i}"
  vpc_id      = var.vpc_id

  dynamic "ingress" {
    for_each = var.allowed_cidrs
    content {
      description = "Redis from \${ingress.value}"
      from_port   = 6379
      to_port     = 6379
      protocol    = "tcp"
      cidr_blocks = [ingress.value]
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_elasticache_subnet_group" "${n}" {
  name       = "svc-${i}-\${var.environment}"
  subnet_ids = var.private_subnet_ids
}

${c.text}${app(i, n, c.endpoint)}
output "${n}_endpoint" {
  description = "Endpoint of service ${i}"
  value       = ${c.endpoint}
}
`;
  return { text, expected: c.findings ? { [TLS]: c.findings } : {} };
}

export function terraform(services: number): Generated {
  const parts = [HEADER, 'variable "vpc_id" {\n  type = string\n}\n\nvariable "private_subnet_ids" {\n  type = list(string)\n}\n'];
  const expected: Expected = {};
  for (let i = 0; i < services; i++) {
    const s = service(i);
    parts.push(s.text);
    tally(expected, s.expected);
  }
  return { text: parts.join(''), expected };
}

export function terraformOfLines(lines: number): Generated {
  return fitLines(lines, terraform);
}
