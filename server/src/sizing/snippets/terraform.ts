/** An option as a Terraform configuration, laid out as `terraform fmt` writes it. */
import {
  APP_ACCESS, BACKUP_DAYS, BACKUP_WINDOW, DEFAULT_ACCESS, ELASTICACHE_APP_USER, ENGINES, MAINTENANCE_WINDOW,
  NO_MULTI_AZ, NO_REPLICA, PASSWORD_LENGTH, type EngineFacts, type Shape,
} from './shared';

type Line = string | [name: string, value: string];

/** Aligns the `=` of consecutive `[name, value]` lines at the same depth, as terraform fmt does. */
function hcl(lines: Line[]): string {
  const out: string[] = [];
  let run: { indent: string; name: string; value: string }[] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((r) => r.name.length));
    for (const r of run) out.push(`${r.indent}${r.name.padEnd(width)} = ${r.value}`);
    run = [];
  };
  for (const line of lines) {
    if (typeof line === 'string') { flush(); out.push(line); continue; }
    const [rawName, value] = line;
    const indent = rawName.match(/^ */)![0];
    if (run.length && run[0].indent !== indent) flush();
    run.push({ indent, name: rawName.trim(), value });
  }
  flush();
  return out.join('\n') + '\n';
}

const q = (s: string) => JSON.stringify(s);

export function terraform(s: Shape): string {
  const e = ENGINES[s.engine];
  const lines: Line[] = [
    `# ${s.summary} (sized by cachelint)`,
    ...s.comments.map((c) => `# ${c}`),
    'variable "cache_name" {',
    ['  type', 'string'],
    ['  default', q('app-cache')],
    '}',
    '',
    'variable "vpc_id" {',
    ['  type', 'string'],
    '}',
    '',
    'variable "subnet_ids" {',
    ['  type', 'list(string)'],
    ['  description', q('Private subnets in at least two Availability Zones')],
    '}',
    '',
    'variable "app_security_group_id" {',
    ['  type', 'string'],
    ['  description', q('Security group of the application; the only source the cache admits')],
    '}',
    '',
    'resource "aws_security_group" "cache" {',
    ['  name_prefix', q('${var.cache_name}-')],
    ['  description', q(`${e.label} port from the application only`)],
    ['  vpc_id', 'var.vpc_id'],
    '',
    '  ingress {',
    ['    protocol', q('tcp')],
    ['    from_port', String(e.port)],
    ['    to_port', String(e.port)],
    ['    security_groups', '[var.app_security_group_id]'],
    '  }',
    '}',
    '',
  ];
  if (s.service === 'elasticache-serverless') lines.push(...serverless(s, e));
  else if (s.service === 'memorydb') lines.push(...memoryDb(s));
  else if (s.engine === 'memcached') lines.push(...memcached(s, e));
  else lines.push(...replicationGroup(s, e));
  while (lines[lines.length - 1] === '') lines.pop();
  return hcl(lines);
}

/**
 * The application user's password in Secrets Manager, stored as `{"username", "password"}` with the engine user's
 * real name, as the CloudFormation snippet's generated secret is, so a client reads both from one place.
 */
function secret(userName: string): Line[] {
  return [
    'resource "random_password" "cache" {',
    ['  length', String(PASSWORD_LENGTH)],
    ['  special', 'false'],
    '}',
    '',
    'resource "aws_secretsmanager_secret" "cache" {',
    ['  name_prefix', q('${var.cache_name}-app-')],
    ['  description', q('Password of the cache application user')],
    '}',
    '',
    'resource "aws_secretsmanager_secret_version" "cache" {',
    ['  secret_id', 'aws_secretsmanager_secret.cache.id'],
    ['  secret_string', `jsonencode({ username = ${q(userName)}, password = random_password.cache.result })`],
    '}',
    '',
  ];
}

const PASSWORDS = '[random_password.cache.result]';

/** One password-authenticated user; `head` is what differs between ElastiCache and MemoryDB users. */
function user(type: string, name: string, head: Line[], access: string): Line[] {
  return [
    `resource "${type}" "${name}" {`,
    ...head,
    ['  access_string', q(access)],
    '',
    '  authentication_mode {',
    ['    type', q('password')],
    ['    passwords', PASSWORDS],
    '  }',
    '}',
    '',
  ];
}

/** ElastiCache RBAC: a group must hold a user named "default"; ours is switched off, the application gets its own. */
function users(engine: string): Line[] {
  const ec = (id: string, name: string): Line[] => [['  user_id', q(`\${var.cache_name}-${id}`)], ['  user_name', q(name)], ['  engine', q(engine)]];
  return [
    ...secret(ELASTICACHE_APP_USER),
    ...user('aws_elasticache_user', 'default', ec('default', 'default'), DEFAULT_ACCESS),
    ...user('aws_elasticache_user', 'app', ec('app', ELASTICACHE_APP_USER), APP_ACCESS),
    'resource "aws_elasticache_user_group" "cache" {',
    ['  user_group_id', q('${var.cache_name}-users')],
    ['  engine', q(engine)],
    ['  user_ids', '[aws_elasticache_user.default.user_id, aws_elasticache_user.app.user_id]'],
    '}',
    '',
  ];
}

function subnetGroup(): Line[] {
  return [
    'resource "aws_elasticache_subnet_group" "cache" {',
    ['  name', q('${var.cache_name}-subnets')],
    ['  subnet_ids', 'var.subnet_ids'],
    '}',
    '',
  ];
}

/** Where a replication group or MemoryDB cluster runs, its backups and its maintenance: the same arguments in both. */
function placement(subnetGroup: string): Line[] {
  return [
    ['  subnet_group_name', subnetGroup],
    ['  security_group_ids', '[aws_security_group.cache.id]'],
    ['  snapshot_retention_limit', String(BACKUP_DAYS)],
    ['  snapshot_window', q(BACKUP_WINDOW)],
    ['  maintenance_window', q(MAINTENANCE_WINDOW)],
    ['  auto_minor_version_upgrade', 'true'],
  ];
}

function replicationGroup(s: Shape, e: EngineFacts): Line[] {
  const failover = s.clusterMode || s.replicas > 0;
  // What the wizard was told not to have is said where cachelint would report it, so the choice stays visible.
  const noReplica: Line[] = s.replicas === 0 ? [`  # cachelint-disable-next-line automatic-failover-disabled -- ${NO_REPLICA}`] : [];
  const topology: Line[] = s.clusterMode
    ? [['  cluster_mode', q('enabled')], ['  parameter_group_name', q(`default.${e.family}.cluster.on`)], ['  num_node_groups', String(s.shards)], ...noReplica, ['  replicas_per_node_group', String(s.replicas)]]
    : [['  cluster_mode', q('disabled')], ['  parameter_group_name', q(`default.${e.family}`)], ...noReplica, ['  num_cache_clusters', String(1 + s.replicas)]];
  return [
    ...users(s.engine),
    ...subnetGroup(),
    'resource "aws_elasticache_replication_group" "cache" {',
    ['  replication_group_id', 'var.cache_name'],
    ['  description', q(s.summary)],
    ['  engine', q(s.engine)],
    ['  engine_version', q(e.version)],
    ['  node_type', q(s.nodeType)],
    ...topology,
    ...(s.dataTiering ? [['  data_tiering_enabled', 'true'] as Line] : []),
    ['  automatic_failover_enabled', String(failover)],
    ...(!s.multiAz && s.replicas > 0 ? [`  # cachelint-disable-next-line multi-az-disabled -- ${NO_MULTI_AZ}`] : []),
    ['  multi_az_enabled', String(s.multiAz)],
    ['  port', String(e.port)],
    ['  transit_encryption_enabled', 'true'],
    ['  transit_encryption_mode', q('required')],
    ['  at_rest_encryption_enabled', 'true'],
    ['  user_group_ids', '[aws_elasticache_user_group.cache.user_group_id]'],
    ...placement('aws_elasticache_subnet_group.cache.name'),
    '}',
  ];
}

function memcached(s: Shape, e: EngineFacts): Line[] {
  return [
    ...subnetGroup(),
    'resource "aws_elasticache_cluster" "cache" {',
    ['  cluster_id', 'var.cache_name'],
    ['  engine', q('memcached')],
    ['  engine_version', q(e.version)],
    ['  node_type', q(s.nodeType)],
    ['  num_cache_nodes', String(s.shards)],
    ['  az_mode', q(s.shards > 1 ? 'cross-az' : 'single-az')],
    ['  port', String(e.port)],
    ['  transit_encryption_enabled', 'true'],
    ['  subnet_group_name', 'aws_elasticache_subnet_group.cache.name'],
    ['  security_group_ids', '[aws_security_group.cache.id]'],
    ['  maintenance_window', q(MAINTENANCE_WINDOW)],
    '}',
  ];
}

function serverless(s: Shape, e: EngineFacts): Line[] {
  const auth = s.engine !== 'memcached';
  return [
    ...(auth ? users(s.engine) : []),
    'resource "aws_elasticache_serverless_cache" "cache" {',
    ['  name', 'var.cache_name'],
    ['  description', q(s.summary)],
    ['  engine', q(s.engine)],
    ['  major_engine_version', q(e.major)],
    ...(auth ? [['  user_group_id', 'aws_elasticache_user_group.cache.user_group_id'] as Line] : []),
    ['  subnet_ids', 'var.subnet_ids'],
    ['  security_group_ids', '[aws_security_group.cache.id]'],
    ['  snapshot_retention_limit', String(BACKUP_DAYS)],
    ['  daily_snapshot_time', q('03:00')],
    '',
    '  cache_usage_limits {',
    '    data_storage {',
    ['      maximum', String(s.storageGB)],
    ['      unit', q('GB')],
    '    }',
    ...(s.ecpuPerSecond === undefined ? [] : ['    ecpu_per_second {', ['      maximum', String(s.ecpuPerSecond)] as Line, '    }']),
    '  }',
    '}',
  ];
}

function memoryDb(s: Shape): Line[] {
  // The same name the user is created with, so the secret's username signs in.
  const appUser = '${var.cache_name}-app';
  return [
    ...secret(appUser),
    ...user('aws_memorydb_user', 'app', [['  user_name', q(appUser)]], APP_ACCESS),
    'resource "aws_memorydb_acl" "cache" {',
    ['  name', q('${var.cache_name}-acl')],
    ['  user_names', '[aws_memorydb_user.app.user_name]'],
    '}',
    '',
    'resource "aws_memorydb_subnet_group" "cache" {',
    ['  name', q('${var.cache_name}-subnets')],
    ['  subnet_ids', 'var.subnet_ids'],
    '}',
    '',
    'resource "aws_memorydb_cluster" "cache" {',
    ['  name', 'var.cache_name'],
    ['  description', q(s.summary)],
    ['  engine', q(s.engine === 'redis' ? 'redis' : 'valkey')],
    ['  node_type', q(s.nodeType)],
    ['  num_shards', String(s.shards)],
    ['  num_replicas_per_shard', String(s.replicas)],
    ...(s.dataTiering ? [['  data_tiering', 'true'] as Line] : []),
    ['  acl_name', 'aws_memorydb_acl.cache.name'],
    ['  tls_enabled', 'true'],
    ...placement('aws_memorydb_subnet_group.cache.name'),
    '}',
  ];
}
