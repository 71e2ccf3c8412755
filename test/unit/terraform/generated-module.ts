/**
 * A deterministic Terraform module of about `targetLines` lines shaped like real ones: variables with object types
 * and validations, locals with for expressions, modules, data sources, dynamic blocks, for_each/count, tfvars-like
 * maps, heredocs, long lists, blocks nested four deep, and mostly resources cachelint does not model, with the
 * cache resources mixed in. It also returns the findings the file must yield, written down as each mistake is
 * emitted, so a test can check the analyser against an oracle that does not parse HCL.
 */

export interface GeneratedModule {
  text: string;
  /** `ruleId@line:column` (1-based), sorted as `summarize` sorts. */
  expected: string[];
}

const TLS = 'transit-encryption-disabled';

export function generateModule(targetLines: number): GeneratedModule {
  const out: string[] = [];
  const expected: string[] = [];
  /** Records a finding at `column` (1-based) of the next line pushed. */
  const expectNext = (column: number) => expected.push(`${TLS}@${out.length + 1}:${column}`);
  const push = (...lines: string[]) => out.push(...lines);

  push(
    'terraform {',
    '  required_version = ">= 1.5"',
    '  required_providers {',
    '    aws = {',
    '      source  = "hashicorp/aws"',
    '      version = "~> 5.40"',
    '    }',
    '  }',
    '}',
    '',
    'provider "aws" {',
    '  region = var.region',
    '  default_tags {',
    '    tags = local.common_tags',
    '  }',
    '}',
    '',
    'variable "region" {',
    '  type    = string',
    '  default = "eu-west-1"',
    '}',
    '',
    'variable "tls_off" {',
    '  description = "Kept false for a legacy client"',
    '  type        = bool',
    '  default     = false',
    '}',
    '',
    'variable "tls_unknown" {',
    '  type = bool',
    '}',
    '',
    'locals {',
    '  env         = terraform.workspace',
    '  tls         = true',
    '  no_tls      = false',
    '  common_tags = { team = "platform", env = local.env, cost = "shared" }',
    '}',
    '',
  );

  for (let i = 0; out.length < targetLines; i++) {
    push(
      `variable "shard_${i}" {`,
      '  description = <<-EOT',
      `    Settings of shard ${i}. Node types per environment, the number of replicas, and the`,
      '    maintenance window. Changing the node type resizes the cluster online.',
      '  EOT',
      '  type = object({',
      '    node_types = map(string)',
      '    replicas   = number',
      '    window     = optional(string, "sun:05:00-sun:06:00")',
      '  })',
      '  default = {',
      '    node_types = {',
      '      dev  = "cache.t4g.small"',
      '      test = "cache.t4g.medium"',
      '      prod = "cache.r7g.large"',
      '    }',
      `    replicas = ${1 + (i % 3)}`,
      '  }',
      '  validation {',
      `    condition     = var.shard_${i}.replicas >= 1 && var.shard_${i}.replicas <= 5`,
      '    error_message = "Between one and five replicas."',
      '  }',
      '}',
      '',
      'locals {',
      `  subnets_${i} = [for az in data.aws_availability_zones.all.names : cidrsubnet("10.${i % 250}.0.0/16", 8, index(data.aws_availability_zones.all.names, az))]`,
      `  ports_${i}   = { redis = 6379, memcached = 11211, admin = ${8000 + i} }`,
      `  names_${i}   = { for k, v in var.shard_${i}.node_types : k => "shard-${i}-\${k}" if v != "" }`,
      '}',
      '',
      `module "network_${i}" {`,
      '  source  = "terraform-aws-modules/vpc/aws"',
      '  version = "5.8.1"',
      `  name    = "shard-${i}"`,
      `  cidr    = "10.${i % 250}.0.0/16"`,
      '  azs     = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]',
      '  private_subnets = [',
      ...Array.from({ length: 12 }, (_, k) => `    "10.${i % 250}.${k}.0/24",`),
      '  ]',
      '  enable_nat_gateway = true',
      '  tags               = local.common_tags',
      '}',
      '',
      `data "aws_iam_policy_document" "assume_${i}" {`,
      '  statement {',
      '    actions = ["sts:AssumeRole"]',
      '    principals {',
      '      type        = "Service"',
      '      identifiers = ["ec2.amazonaws.com"]',
      '    }',
      '    condition {',
      '      test     = "StringEquals"',
      '      variable = "aws:SourceAccount"',
      '      values   = [data.aws_caller_identity.current.account_id]',
      '    }',
      '  }',
      '}',
      '',
      `resource "aws_iam_role" "app_${i}" {`,
      `  name               = "app-${i}"`,
      `  assume_role_policy = data.aws_iam_policy_document.assume_${i}.json`,
      '  inline_policy {',
      `    name   = "cache-${i}"`,
      '    policy = <<EOF',
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Effect": "Allow",',
      '      "Action": ["elasticache:Connect", "elasticache:DescribeReplicationGroups"],',
      `      "Resource": "arn:aws:elasticache:*:*:replicationgroup:shard-${i}-*"`,
      '    }',
      '  ]',
      '}',
      'EOF',
      '  }',
      '}',
      '',
      `resource "aws_instance" "app_${i}" {`,
      `  count         = ${1 + (i % 2)}`,
      '  ami           = data.aws_ami.al2023.id',
      '  instance_type = "m7g.large"',
      `  subnet_id     = module.network_${i}.private_subnets[count.index]`,
      '  user_data     = <<-EOT',
      '    #!/bin/bash',
      '    dnf install -y valkey',
      `    echo "shard ${i}" > /etc/motd`,
      '  EOT',
      '  root_block_device {',
      '    volume_size = 40',
      '    encrypted   = true',
      '  }',
      '  lifecycle {',
      '    ignore_changes = [ami]',
      '  }',
      `  tags = merge(local.common_tags, { Name = "app-${i}-\${count.index}" })`,
      '}',
      '',
      `resource "aws_security_group" "cache_${i}" {`,
      `  name_prefix = "cache-${i}-"`,
      `  vpc_id      = module.network_${i}.vpc_id`,
      '  dynamic "ingress" {',
      `    for_each = local.ports_${i}`,
      '    content {',
      '      description = ingress.key',
      '      from_port   = ingress.value',
      '      to_port     = ingress.value',
      '      protocol    = "tcp"',
      `      cidr_blocks = module.network_${i}.private_subnets_cidr_blocks`,
      '    }',
      '  }',
      '  egress {',
      '    from_port   = 0',
      '    to_port     = 0',
      '    protocol    = "-1"',
      '    cidr_blocks = ["0.0.0.0/0"]',
      '  }',
      '}',
      '',
      `resource "aws_vpc_security_group_ingress_rule" "app_${i}" {`,
      `  security_group_id            = aws_security_group.cache_${i}.id`,
      `  referenced_security_group_id = aws_security_group.app_${i}.id`,
      '  from_port                    = 6379',
      '  to_port                      = 6379',
      '  ip_protocol                  = "tcp"',
      '}',
      '',
      `resource "aws_elasticache_subnet_group" "shard_${i}" {`,
      `  name       = "shard-${i}"`,
      `  subnet_ids = module.network_${i}.private_subnets`,
      '}',
      '',
      `resource "aws_elasticache_parameter_group" "shard_${i}" {`,
      `  name   = "shard-${i}"`,
      '  family = "valkey8"',
      ...['maxmemory-policy', 'notify-keyspace-events', 'timeout', 'tcp-keepalive'].flatMap((p, k) => [
        '  parameter {', `    name  = "${p}"`, `    value = "${['allkeys-lru', 'Ex', '300', '60'][k]}"`, '  }',
      ]),
      '}',
      '',
      `resource "aws_lb_listener" "app_${i}" {`,
      `  load_balancer_arn = aws_lb.app_${i}.arn`,
      '  port              = 443',
      '  protocol          = "HTTPS"',
      '  default_action {',
      '    type = "forward"',
      '    forward {',
      '      target_group {',
      `        arn    = aws_lb_target_group.app_${i}.arn`,
      '        weight = 100',
      '      }',
      '      stickiness {',
      '        enabled  = true',
      '        duration = 600',
      '      }',
      '    }',
      '  }',
      '}',
      '',
      `resource "aws_cloudwatch_dashboard" "shard_${i}" {`,
      `  dashboard_name = "shard-${i}"`,
      '  dashboard_body = jsonencode({',
      '    widgets = [',
      ...Array.from({ length: 4 }, (_, k) => `      { type = "metric", x = ${k * 6}, y = 0, width = 6, height = 6, properties = { metrics = [["AWS/ElastiCache", "CPUUtilization", "ReplicationGroupId", "shard-${i}"]], period = 300, stat = "Average", title = "cpu ${k}" } },`),
      '    ]',
      '  })',
      '}',
      '',
    );

    // The cache resources of this shard: which mistake, if any, rotates with i.
    const variant = i % 6;
    push(
      '# The shard\'s replication group.',
      `resource "aws_elasticache_replication_group" "shard_${i}" {`,
      ...(variant === 3 ? [`  for_each = local.names_${i}`] : []),
      `  replication_group_id       = "shard-${i}-\${local.env}"`,
      `  description                = "Shard ${i}"`,
      '  engine                     = "valkey"',
      '  engine_version             = "8.0"',
      `  node_type                  = var.shard_${i}.node_types[local.env]`,
      `  num_cache_clusters         = var.shard_${i}.replicas + 1`,
      '  automatic_failover_enabled = true',
      `  parameter_group_name       = aws_elasticache_parameter_group.shard_${i}.name`,
      `  subnet_group_name          = aws_elasticache_subnet_group.shard_${i}.name`,
      `  security_group_ids         = [aws_security_group.cache_${i}.id]`,
    );
    if (variant === 0) { expectNext(32); push('  transit_encryption_enabled = false'); }
    else if (variant === 1) { expectNext(32); push('  transit_encryption_enabled = var.tls_off'); }
    else if (variant === 2) push('  transit_encryption_enabled = local.tls');
    else if (variant === 3) { expectNext(32); push('  transit_encryption_enabled = local.no_tls'); }
    else if (variant === 4) push('  transit_encryption_enabled = var.tls_unknown');
    else push('  transit_encryption_enabled = true');
    push(
      '',
      '  log_delivery_configuration {',
      `    destination      = "shard-${i}-slow-log"`,
      '    destination_type = "cloudwatch-logs"',
      '    log_format       = "json"',
      '    log_type         = "slow-log"',
      '  }',
      '',
      '  lifecycle {',
      '    ignore_changes = [num_cache_clusters]',
      '  }',
      '}',
      '',
    );
    if (i % 4 === 1) {
      // Absent on a standalone cluster: reported on the labels.
      expectNext(10);
      push(
        `resource "aws_elasticache_cluster" "memcached_${i}" {`,
        `  cluster_id      = "memcached-${i}"`,
        '  engine          = "memcached"',
        '  node_type       = "cache.t4g.small"',
        '  num_cache_nodes = 2',
        '}',
        '',
      );
    } else {
      push(
        `resource "aws_elasticache_cluster" "replica_${i}" {`,
        `  cluster_id           = "replica-${i}"`,
        `  replication_group_id = aws_elasticache_replication_group.shard_${i}.id`,
        '}',
        '',
      );
    }
    if (i % 5 === 2) {
      push(
        `resource "aws_memorydb_cluster" "ledger_${i}" {`,
        `  name        = "ledger-${i}"`,
        '  acl_name    = "open-access"',
        '  node_type   = "db.r7g.large"',
      );
      expectNext(17);
      push('  tls_enabled = false', '}', '');
    }
    if (i % 7 === 0) {
      // Suppressed on purpose: must not be found.
      push(
        `# cachelint-disable-next-line ${TLS} -- a test fixture cache`,
        `resource "aws_elasticache_cluster" "scratch_${i}" {`,
        '  engine = "redis"',
        '}',
        '',
      );
    }
    push(
      `resource "aws_elasticache_serverless_cache" "events_${i}" {`,
      '  engine = "valkey"',
      `  name   = "events-${i}"`,
      '  cache_usage_limits {',
      '    data_storage {',
      '      maximum = 10',
      '      unit    = "GB"',
      '    }',
      '  }',
      '}',
      '',
      `output "shard_${i}_endpoint" {`,
      `  value = aws_elasticache_replication_group.shard_${i}.primary_endpoint_address`,
      '}',
      '',
    );
  }
  expected.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return { text: out.join('\n') + '\n', expected };
}
