/**
 * A sized option as a deployable CloudFormation template or Terraform configuration, secure by default: a subnet
 * group, a security group that admits only the application's security group, TLS required, encryption at rest,
 * AUTH through users whose password lives in Secrets Manager, failover and Multi-AZ where there are replicas, and
 * daily backups. Pure text generation: the report inserts it, the tests lint it with cachelint itself.
 *
 * Property names: ../shared/reference/aws-facts.md §2a (cfn-lint schemas) and §2b (CloudFormation ↔ Terraform).
 */
import type { SizingOption, Workload } from './types';

export type SnippetFormat = 'cloudformation' | 'terraform';

/**
 * Engine versions written into snippets: the newest cfn-lint accepts for each engine that also supports TLS
 * `required` mode and online changes (aws-facts.md §2 "cfn-lint's allowed EngineVersion values"; §4 in-transit
 * migration needs Valkey 7.2+ / Redis OSS 7+). Parameter group families follow the major version (§3 versions).
 */
interface EngineFacts { version: string; major: string; family: string; port: number; label: string }
const ENGINES: Record<Workload['engine'], EngineFacts> = {
  valkey: { version: '8.0', major: '8', family: 'valkey8', port: 6379, label: 'Valkey' },
  redis: { version: '7.1', major: '7', family: 'redis7', port: 6379, label: 'Redis OSS' },
  memcached: { version: '1.6.22', major: '1.6', family: 'memcached1.6', port: 11211, label: 'Memcached' },
};

/** Backups kept (days): SnapshotRetentionLimit defaults to 0, i.e. no automatic backups (aws-facts.md §2b). */
const BACKUP_DAYS = 7;
const BACKUP_WINDOW = '03:00-05:00';
const MAINTENANCE_WINDOW = 'sun:05:00-sun:07:00';
/** Users' passwords: 16–128 printable characters with few specials allowed (aws-facts.md §2b AUTH), so letters and digits. */
const PASSWORD_LENGTH = 32;

interface Shape {
  service: SizingOption['service'];
  engine: Workload['engine'];
  nodeType: string;
  shards: number;
  replicas: number;
  clusterMode: boolean;
  dataTiering: boolean;
  storageGB: number;
  ecpuPerSecond: number;
  summary: string;
}

function shapeOf(option: SizingOption, workload: Workload): Shape {
  const shards = Math.max(1, option.shards ?? 1);
  const replicas = Math.max(0, option.replicasPerShard ?? 0);
  const nodeType = option.nodeType ?? (option.service === 'memorydb' ? 'db.r7g.large' : 'cache.r7g.large');
  const engine = workload.engine;
  const clusterMode = option.clusterMode ? option.clusterMode === 'enabled' : shards > 1;
  const dataTiering = option.dataTiering ?? /\.r6gd\./.test(nodeType);
  const storageGB = Math.max(1, Math.ceil(option.serverless?.storageGB ?? option.usableGiB));
  // CacheUsageLimits.ECPUPerSecond accepts 1,000…15,000,000 (aws-facts.md §3 Serverless).
  const ecpuPerSecond = Math.min(15_000_000, Math.max(1000, Math.ceil(option.serverless?.ecpuPerSecond ?? 1000)));
  const label = ENGINES[engine].label;
  const summary = option.service === 'elasticache-serverless'
    ? `ElastiCache Serverless (${label}), up to ${storageGB} GB and ${ecpuPerSecond} ECPU/s`
    : `${option.service === 'memorydb' ? 'MemoryDB' : 'ElastiCache'} (${label}) ${nodeType}, ${shards} shard${shards === 1 ? '' : 's'} × ${replicas} replica${replicas === 1 ? '' : 's'}`;
  return { service: option.service, engine, nodeType, shards, replicas, clusterMode, dataTiering, storageGB, ecpuPerSecond, summary };
}

/** The option as a complete template (CloudFormation YAML) or configuration (Terraform). */
export function snippetFor(option: SizingOption, workload: Workload, format: SnippetFormat): string {
  const shape = shapeOf(option, workload);
  return format === 'cloudformation' ? cloudFormation(shape, workload) : terraform(shape, workload);
}

/** The editor language of a snippet, for a new untitled document. */
export function snippetLanguage(format: SnippetFormat): 'yaml' | 'terraform' {
  return format === 'cloudformation' ? 'yaml' : 'terraform';
}

const multiRegionNote = (w: Workload, comment: string) => w.multiRegion
  ? [`${comment} Multi-region: deploy this in each Region, then join them in a Global Datastore`, `${comment} (AWS::ElastiCache::GlobalReplicationGroup / aws_elasticache_global_replication_group).`]
  : [];

// ---------------------------------------------------------------------------------------------------------------
// CloudFormation

function cloudFormation(s: Shape, w: Workload): string {
  const e = ENGINES[s.engine];
  const out: string[] = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    `Description: '${s.summary} (sized by cachelint)'`,
    ...multiRegionNote(w, '#'),
    'Parameters:',
    '  CacheName:',
    '    Type: String',
    '    Default: app-cache',
    "    AllowedPattern: '^[a-z][a-z0-9-]{0,30}$'",
    '  VpcId:',
    '    Type: AWS::EC2::VPC::Id',
    '  SubnetIds:',
    '    Type: List<AWS::EC2::Subnet::Id>',
    '    Description: Private subnets in at least two Availability Zones',
    '  AppSecurityGroupId:',
    '    Type: AWS::EC2::SecurityGroup::Id',
    '    Description: Security group of the application; the only source the cache admits',
    'Resources:',
    '  CacheSecurityGroup:',
    '    Type: AWS::EC2::SecurityGroup',
    '    Properties:',
    `      GroupDescription: !Sub '\${CacheName}: ${e.label} port from the application only'`,
    '      VpcId: !Ref VpcId',
    '      SecurityGroupIngress:',
    '        - IpProtocol: tcp',
    `          FromPort: ${e.port}`,
    `          ToPort: ${e.port}`,
    '          SourceSecurityGroupId: !Ref AppSecurityGroupId',
  ];
  const hasAuth = s.engine !== 'memcached';
  if (hasAuth) out.push(...cfnSecret());
  if (s.service === 'elasticache-serverless') out.push(...cfnServerless(s, e));
  else if (s.service === 'memorydb') out.push(...cfnMemoryDb(s));
  else if (s.engine === 'memcached') out.push(...cfnMemcached(s, e));
  else out.push(...cfnReplicationGroup(s, e));
  return out.join('\n') + '\n';
}

function cfnSecret(): string[] {
  return [
    '  CacheSecret:',
    '    Type: AWS::SecretsManager::Secret',
    '    Properties:',
    "      Description: !Sub '${CacheName}: password of the application user'",
    '      GenerateSecretString:',
    '        SecretStringTemplate: \'{"username": "app"}\'',
    '        GenerateStringKey: password',
    `        PasswordLength: ${PASSWORD_LENGTH}`,
    '        ExcludePunctuation: true',
  ];
}

const CFN_PASSWORD = "!Sub '{{resolve:secretsmanager:${CacheSecret}:SecretString:password}}'";

/** ElastiCache RBAC: a group must hold a user named "default"; ours is switched off, the application gets its own. */
function cfnUsers(engine: string): string[] {
  return [
    '  CacheDefaultUser:',
    '    Type: AWS::ElastiCache::User',
    '    Properties:',
    "      UserId: !Sub '${CacheName}-default'",
    '      UserName: default',
    `      Engine: ${engine}`,
    "      AccessString: 'off -@all'",
    '      AuthenticationMode:',
    '        Type: password',
    '        Passwords:',
    `          - ${CFN_PASSWORD}`,
    '  CacheAppUser:',
    '    Type: AWS::ElastiCache::User',
    '    Properties:',
    "      UserId: !Sub '${CacheName}-app'",
    '      UserName: app',
    `      Engine: ${engine}`,
    "      AccessString: 'on ~* +@all -@dangerous'",
    '      AuthenticationMode:',
    '        Type: password',
    '        Passwords:',
    `          - ${CFN_PASSWORD}`,
    '  CacheUserGroup:',
    '    Type: AWS::ElastiCache::UserGroup',
    '    Properties:',
    "      UserGroupId: !Sub '${CacheName}-users'",
    `      Engine: ${engine}`,
    '      UserIds:',
    '        - !Ref CacheDefaultUser',
    '        - !Ref CacheAppUser',
  ];
}

function cfnSubnetGroup(): string[] {
  return [
    '  CacheSubnetGroup:',
    '    Type: AWS::ElastiCache::SubnetGroup',
    '    Properties:',
    "      Description: !Sub '${CacheName}: private subnets'",
    '      SubnetIds: !Ref SubnetIds',
  ];
}

function cfnReplicationGroup(s: Shape, e: EngineFacts): string[] {
  // Cluster mode enabled always fails over automatically (cfn-lint E3026); disabled needs a replica to fail over to.
  const failover = s.clusterMode || s.replicas > 0;
  const topology = s.clusterMode
    ? ['      ClusterMode: enabled', `      CacheParameterGroupName: default.${e.family}.cluster.on`, `      NumNodeGroups: ${s.shards}`, `      ReplicasPerNodeGroup: ${s.replicas}`]
    : ['      ClusterMode: disabled', `      CacheParameterGroupName: default.${e.family}`, `      NumCacheClusters: ${1 + s.replicas}`];
  return [
    ...cfnUsers(s.engine),
    ...cfnSubnetGroup(),
    '  Cache:',
    '    Type: AWS::ElastiCache::ReplicationGroup',
    '    Properties:',
    '      ReplicationGroupId: !Ref CacheName',
    `      ReplicationGroupDescription: '${s.summary}'`,
    `      Engine: ${s.engine}`,
    `      EngineVersion: '${e.version}'`,
    `      CacheNodeType: ${s.nodeType}`,
    ...topology,
    ...(s.dataTiering ? ['      DataTieringEnabled: true'] : []),
    `      AutomaticFailoverEnabled: ${failover}`,
    `      MultiAZEnabled: ${s.replicas > 0}`,
    `      Port: ${e.port}`,
    '      TransitEncryptionEnabled: true',
    '      TransitEncryptionMode: required',
    '      AtRestEncryptionEnabled: true',
    '      UserGroupIds:',
    '        - !Ref CacheUserGroup',
    '      CacheSubnetGroupName: !Ref CacheSubnetGroup',
    '      SecurityGroupIds:',
    '        - !GetAtt CacheSecurityGroup.GroupId',
    `      SnapshotRetentionLimit: ${BACKUP_DAYS}`,
    `      SnapshotWindow: '${BACKUP_WINDOW}'`,
    `      PreferredMaintenanceWindow: '${MAINTENANCE_WINDOW}'`,
    '      AutoMinorVersionUpgrade: true',
  ];
}

/** Memcached has no replication, no AUTH users and no backups; TLS is set at creation (aws-facts.md §2b). */
function cfnMemcached(s: Shape, e: EngineFacts): string[] {
  const nodes = s.shards;
  return [
    ...cfnSubnetGroup(),
    '  Cache:',
    '    Type: AWS::ElastiCache::CacheCluster',
    '    Properties:',
    '      ClusterName: !Ref CacheName',
    '      Engine: memcached',
    `      EngineVersion: '${e.version}'`,
    `      CacheNodeType: ${s.nodeType}`,
    `      NumCacheNodes: ${nodes}`,
    `      AZMode: ${nodes > 1 ? 'cross-az' : 'single-az'}`,
    `      Port: ${e.port}`,
    '      TransitEncryptionEnabled: true',
    '      CacheSubnetGroupName: !Ref CacheSubnetGroup',
    '      VpcSecurityGroupIds:',
    '        - !GetAtt CacheSecurityGroup.GroupId',
    `      PreferredMaintenanceWindow: '${MAINTENANCE_WINDOW}'`,
  ];
}

/** Serverless always encrypts in transit and at rest, and replicates across AZs (aws-facts.md §2a, §4). */
function cfnServerless(s: Shape, e: EngineFacts): string[] {
  const auth = s.engine !== 'memcached';
  return [
    ...(auth ? cfnUsers(s.engine) : []),
    '  Cache:',
    '    Type: AWS::ElastiCache::ServerlessCache',
    '    Properties:',
    '      ServerlessCacheName: !Ref CacheName',
    `      Description: '${s.summary}'`,
    `      Engine: ${s.engine}`,
    `      MajorEngineVersion: '${e.major}'`,
    '      CacheUsageLimits:',
    '        DataStorage:',
    `          Maximum: ${s.storageGB}`,
    '          Unit: GB',
    '        ECPUPerSecond:',
    `          Maximum: ${s.ecpuPerSecond}`,
    ...(auth ? ['      UserGroupId: !Ref CacheUserGroup'] : []),
    '      SubnetIds: !Ref SubnetIds',
    '      SecurityGroupIds:',
    '        - !GetAtt CacheSecurityGroup.GroupId',
    `      SnapshotRetentionLimit: ${BACKUP_DAYS}`,
    "      DailySnapshotTime: '03:00'",
  ];
}

/** MemoryDB: the ACL names its users; TLS is creation-only and on; data is Multi-AZ through the transaction log. */
function cfnMemoryDb(s: Shape): string[] {
  return [
    '  CacheAppUser:',
    '    Type: AWS::MemoryDB::User',
    '    Properties:',
    "      UserName: !Sub '${CacheName}-app'",
    "      AccessString: 'on ~* +@all -@dangerous'",
    '      AuthenticationMode:',
    '        Type: password',
    '        Passwords:',
    `          - ${CFN_PASSWORD}`,
    '  CacheAcl:',
    '    Type: AWS::MemoryDB::ACL',
    '    Properties:',
    "      ACLName: !Sub '${CacheName}-acl'",
    '      UserNames:',
    '        - !Ref CacheAppUser',
    '  CacheSubnetGroup:',
    '    Type: AWS::MemoryDB::SubnetGroup',
    '    Properties:',
    "      SubnetGroupName: !Sub '${CacheName}-subnets'",
    '      SubnetIds: !Ref SubnetIds',
    '  Cache:',
    '    Type: AWS::MemoryDB::Cluster',
    '    Properties:',
    '      ClusterName: !Ref CacheName',
    `      Description: '${s.summary}'`,
    `      Engine: ${s.engine === 'redis' ? 'redis' : 'valkey'}`,
    `      NodeType: ${s.nodeType}`,
    `      NumShards: ${s.shards}`,
    `      NumReplicasPerShard: ${s.replicas}`,
    ...(s.dataTiering ? ["      DataTiering: 'true'"] : []),
    '      ACLName: !Ref CacheAcl',
    '      TLSEnabled: true',
    '      SubnetGroupName: !Ref CacheSubnetGroup',
    '      SecurityGroupIds:',
    '        - !GetAtt CacheSecurityGroup.GroupId',
    `      SnapshotRetentionLimit: ${BACKUP_DAYS}`,
    `      SnapshotWindow: '${BACKUP_WINDOW}'`,
    `      MaintenanceWindow: '${MAINTENANCE_WINDOW}'`,
    '      AutoMinorVersionUpgrade: true',
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Terraform (laid out as `terraform fmt` writes it: `=` aligned within each run of single-line arguments)

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

function terraform(s: Shape, w: Workload): string {
  const e = ENGINES[s.engine];
  const lines: Line[] = [
    `# ${s.summary} (sized by cachelint)`,
    ...multiRegionNote(w, '#'),
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
  const hasAuth = s.engine !== 'memcached';
  if (hasAuth) lines.push(...tfSecret());
  if (s.service === 'elasticache-serverless') lines.push(...tfServerless(s, e));
  else if (s.service === 'memorydb') lines.push(...tfMemoryDb(s));
  else if (s.engine === 'memcached') lines.push(...tfMemcached(s, e));
  else lines.push(...tfReplicationGroup(s, e));
  while (lines[lines.length - 1] === '') lines.pop();
  return hcl(lines);
}

function tfSecret(): Line[] {
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
    ['  secret_string', 'random_password.cache.result'],
    '}',
    '',
  ];
}

const TF_PASSWORD = '[aws_secretsmanager_secret_version.cache.secret_string]';

function tfUsers(engine: string): Line[] {
  return [
    'resource "aws_elasticache_user" "default" {',
    ['  user_id', q('${var.cache_name}-default')],
    ['  user_name', q('default')],
    ['  engine', q(engine)],
    ['  access_string', q('off -@all')],
    '',
    '  authentication_mode {',
    ['    type', q('password')],
    ['    passwords', TF_PASSWORD],
    '  }',
    '}',
    '',
    'resource "aws_elasticache_user" "app" {',
    ['  user_id', q('${var.cache_name}-app')],
    ['  user_name', q('app')],
    ['  engine', q(engine)],
    ['  access_string', q('on ~* +@all -@dangerous')],
    '',
    '  authentication_mode {',
    ['    type', q('password')],
    ['    passwords', TF_PASSWORD],
    '  }',
    '}',
    '',
    'resource "aws_elasticache_user_group" "cache" {',
    ['  user_group_id', q('${var.cache_name}-users')],
    ['  engine', q(engine)],
    ['  user_ids', '[aws_elasticache_user.default.user_id, aws_elasticache_user.app.user_id]'],
    '}',
    '',
  ];
}

function tfSubnetGroup(): Line[] {
  return [
    'resource "aws_elasticache_subnet_group" "cache" {',
    ['  name', q('${var.cache_name}-subnets')],
    ['  subnet_ids', 'var.subnet_ids'],
    '}',
    '',
  ];
}

function tfReplicationGroup(s: Shape, e: EngineFacts): Line[] {
  const failover = s.clusterMode || s.replicas > 0;
  const topology: Line[] = s.clusterMode
    ? [['  cluster_mode', q('enabled')], ['  parameter_group_name', q(`default.${e.family}.cluster.on`)], ['  num_node_groups', String(s.shards)], ['  replicas_per_node_group', String(s.replicas)]]
    : [['  cluster_mode', q('disabled')], ['  parameter_group_name', q(`default.${e.family}`)], ['  num_cache_clusters', String(1 + s.replicas)]];
  return [
    ...tfUsers(s.engine),
    ...tfSubnetGroup(),
    'resource "aws_elasticache_replication_group" "cache" {',
    ['  replication_group_id', 'var.cache_name'],
    ['  description', q(s.summary)],
    ['  engine', q(s.engine)],
    ['  engine_version', q(e.version)],
    ['  node_type', q(s.nodeType)],
    ...topology,
    ...(s.dataTiering ? [['  data_tiering_enabled', 'true'] as Line] : []),
    ['  automatic_failover_enabled', String(failover)],
    ['  multi_az_enabled', String(s.replicas > 0)],
    ['  port', String(e.port)],
    ['  transit_encryption_enabled', 'true'],
    ['  transit_encryption_mode', q('required')],
    ['  at_rest_encryption_enabled', 'true'],
    ['  user_group_ids', '[aws_elasticache_user_group.cache.user_group_id]'],
    ['  subnet_group_name', 'aws_elasticache_subnet_group.cache.name'],
    ['  security_group_ids', '[aws_security_group.cache.id]'],
    ['  snapshot_retention_limit', String(BACKUP_DAYS)],
    ['  snapshot_window', q(BACKUP_WINDOW)],
    ['  maintenance_window', q(MAINTENANCE_WINDOW)],
    ['  auto_minor_version_upgrade', 'true'],
    '}',
  ];
}

function tfMemcached(s: Shape, e: EngineFacts): Line[] {
  return [
    ...tfSubnetGroup(),
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

function tfServerless(s: Shape, e: EngineFacts): Line[] {
  const auth = s.engine !== 'memcached';
  return [
    ...(auth ? tfUsers(s.engine) : []),
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
    '    ecpu_per_second {',
    ['      maximum', String(s.ecpuPerSecond)],
    '    }',
    '  }',
    '}',
  ];
}

function tfMemoryDb(s: Shape): Line[] {
  return [
    'resource "aws_memorydb_user" "app" {',
    ['  user_name', q('${var.cache_name}-app')],
    ['  access_string', q('on ~* +@all -@dangerous')],
    '',
    '  authentication_mode {',
    ['    type', q('password')],
    ['    passwords', TF_PASSWORD],
    '  }',
    '}',
    '',
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
    ['  subnet_group_name', 'aws_memorydb_subnet_group.cache.name'],
    ['  security_group_ids', '[aws_security_group.cache.id]'],
    ['  snapshot_retention_limit', String(BACKUP_DAYS)],
    ['  snapshot_window', q(BACKUP_WINDOW)],
    ['  maintenance_window', q(MAINTENANCE_WINDOW)],
    ['  auto_minor_version_upgrade', 'true'],
    '}',
  ];
}
