/**
 * cloudposse/elasticache-redis/aws, read from variables.tf at commit e8190ca7f9396fbac0a06d9e48798cc69b00da25 (1.x,
 * with serverless support) and the matching main.tf. Its defaults differ from the provider's in ways rules must
 * see: at-rest encryption off, TLS on, engine version 4.0.10, node type cache.t2.micro (previous generation), one
 * node. A call builds a replication group, or a serverless cache when `serverless_enabled = true`; a
 * parameter group and a security group of its own either way.
 */
import type { CommunityModule, ModuleBuild, ModuleCall, ModuleDefault } from './types';

const REPO = 'https://github.com/cloudposse/terraform-aws-elasticache-redis/blob';
const VARIABLES = `${REPO}/e8190ca7f9396fbac0a06d9e48798cc69b00da25/variables.tf`;
const MAIN = `${REPO}/main/main.tf`;

/** Input → replication-group argument, as main.tf's `aws_elasticache_replication_group.default` passes it. */
const GROUP_INPUTS: Record<string, string> = {
  // auth_token = var.transit_encryption_enabled ? var.auth_token : null
  auth_token: 'authToken',
  auth_token_update_strategy: 'authTokenUpdateStrategy',
  replication_group_id: 'replicationGroupId',
  description: 'description',
  instance_type: 'nodeType',
  cluster_size: 'numCacheClusters',
  port: 'port',
  automatic_failover_enabled: 'automaticFailoverEnabled',
  multi_az_enabled: 'multiAzEnabled',
  elasticache_subnet_group_name: 'subnetGroupName',
  network_type: 'networkType',
  maintenance_window: 'maintenanceWindow',
  notification_topic_arn: 'notificationTopicArn',
  engine: 'engine',
  engine_version: 'engineVersion',
  at_rest_encryption_enabled: 'atRestEncryptionEnabled',
  transit_encryption_enabled: 'transitEncryptionEnabled',
  transit_encryption_mode: 'transitEncryptionMode',
  kms_key_id: 'kmsKeyId',
  snapshot_name: 'snapshotName',
  snapshot_arns: 'snapshotArns',
  snapshot_window: 'snapshotWindow',
  snapshot_retention_limit: 'snapshotRetentionLimit',
  final_snapshot_identifier: 'finalSnapshotIdentifier',
  apply_immediately: 'applyImmediately',
  data_tiering_enabled: 'dataTieringEnabled',
  auto_minor_version_upgrade: 'autoMinorVersionUpgrade',
  global_replication_group_id: 'globalReplicationGroupId',
  cluster_mode_num_node_groups: 'numNodeGroups',
  cluster_mode_replicas_per_node_group: 'replicasPerNodeGroup',
  user_group_ids: 'userGroupIds',
  parameter_group_name: 'parameterGroupName',
};

/** variables.tf defaults that are not `null`. */
const GROUP_DEFAULTS: Record<string, ModuleDefault> = {
  nodeType: { value: 'cache.t2.micro', url: VARIABLES },
  numCacheClusters: { value: 1, url: VARIABLES },
  port: { value: 6379, url: VARIABLES },
  automaticFailoverEnabled: { value: false, url: VARIABLES },
  multiAzEnabled: { value: false, url: VARIABLES },
  networkType: { value: 'ipv4', url: VARIABLES },
  maintenanceWindow: { value: 'wed:03:00-wed:04:00', url: VARIABLES },
  engine: { value: 'redis', url: VARIABLES },
  engineVersion: { value: '4.0.10', url: VARIABLES },
  atRestEncryptionEnabled: { value: false, url: VARIABLES },
  transitEncryptionEnabled: { value: true, url: VARIABLES },
  snapshotWindow: { value: '06:30-07:30', url: VARIABLES },
  snapshotRetentionLimit: { value: 0, url: VARIABLES },
  applyImmediately: { value: true, url: VARIABLES },
  dataTieringEnabled: { value: false, url: VARIABLES },
};

function replicationGroup(call: ModuleCall): ModuleBuild {
  const inputs: Record<string, string> = { ...GROUP_INPUTS };
  const forced: Record<string, ModuleDefault> = {};
  const computed: Record<string, string | { resource: string }> = { securityGroupIds: "the module's own security group" };
  const clusterMode = call.flag('cluster_mode_enabled', false);
  // automatic_failover_enabled = var.cluster_mode_enabled ? true : var.automatic_failover_enabled
  if (clusterMode === true) {
    forced.automaticFailoverEnabled = { value: true, url: MAIN, why: 'the module turns it on because cluster_mode_enabled is true' };
    delete inputs.cluster_size;
  } else if (clusterMode === false) {
    delete inputs.cluster_mode_num_node_groups;
    delete inputs.cluster_mode_replicas_per_node_group;
  }
  if (call.flag('at_rest_encryption_enabled', false) === false) delete inputs.kms_key_id;
  // elasticache_subnet_group_name, else the module's group when subnets are given, else "": the default subnet group.
  const subnetGroup = call.literal('elasticache_subnet_group_name');
  if ((subnetGroup === undefined || subnetGroup === '') && call.has('subnets')) {
    delete inputs.elasticache_subnet_group_name;
    computed.subnetGroupName = "the module's own subnet group (subnets)";
  }
  // parameter_group_name = coalesce(var.parameter_group_name, create ? "<id>-<family>" : "default.<family>")
  if (parameterGroupBuilt(call)) computed.parameterGroupName = { resource: 'aws_elasticache_parameter_group' };
  else if (!call.has('parameter_group_name')) computed.parameterGroupName = "the account's default group for 'family'";
  return { type: 'aws_elasticache_replication_group', inputs, defaults: GROUP_DEFAULTS, forced, computed };
}

/** create_parameter_group = var.global_replication_group_id == null ? var.create_parameter_group : false (true by default). */
function parameterGroupBuilt(call: ModuleCall): boolean {
  return !call.has('global_replication_group_id') && call.flag('create_parameter_group', true) === true;
}

/** aws_elasticache_parameter_group.default: `family` (default redis4.0) and the `parameter` list. */
function parameterGroup(): ModuleBuild {
  return { type: 'aws_elasticache_parameter_group', inputs: { family: 'family', parameter_group_name: 'name', parameter_group_description: 'description', parameter: 'parameters' }, defaults: { family: { value: 'redis4.0', url: VARIABLES } } };
}

function serverlessCache(call: ModuleCall): ModuleBuild {
  const inputs: Record<string, string> = {
    engine: 'engine',
    kms_key_id: 'kmsKeyId',
    subnets: 'subnetIds',
    serverless_snapshot_time: 'dailySnapshotTime',
    description: 'description',
    serverless_major_engine_version: 'majorEngineVersion',
    snapshot_retention_limit: 'snapshotRetentionLimit',
    serverless_user_group_id: 'userGroupId',
    serverless_cache_usage_limits: 'cacheUsageLimits',
  };
  if (call.flag('at_rest_encryption_enabled', false) === false) delete inputs.kms_key_id;
  const defaults: Record<string, ModuleDefault> = {
    engine: GROUP_DEFAULTS.engine,
    dailySnapshotTime: { value: '06:00', url: VARIABLES },
    majorEngineVersion: { value: '7', url: VARIABLES },
    snapshotRetentionLimit: GROUP_DEFAULTS.snapshotRetentionLimit,
  };
  return { type: 'aws_elasticache_serverless_cache', inputs, defaults, computed: { securityGroupIds: "the module's own security group" } };
}

export const cloudposseElasticacheRedis: CommunityModule = {
  registry: 'cloudposse/elasticache-redis/aws',
  repository: 'cloudposse/terraform-aws-elasticache-redis',
  version: 'e8190ca7 (1.x)',
  build(call) {
    // `enabled` is the null-label context's switch (context.tf), true by default.
    const enabled = call.flag('enabled', true);
    if (enabled === false) return [];
    const serverless = call.flag('serverless_enabled', false);
    const out: ModuleBuild[] = [];
    if (parameterGroupBuilt(call)) out.push(parameterGroup());
    if (serverless !== true) out.push(replicationGroup(call));
    if (serverless !== false) out.push(serverlessCache(call));
    if (enabled === 'unknown' || serverless === 'unknown') for (const b of out) b.condition = enabled === 'unknown' ? 'enabled' : 'serverless_enabled';
    return out;
  },
};
