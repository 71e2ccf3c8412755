/**
 * terraform-aws-modules/elasticache/aws, read at v1.4.0 (commit 6b1b5aa4576942bad13a6c8a8420e958a7327fad); the
 * CHANGELOG to v1.6.1 and docs/UPGRADE-2.0.md change no default this table holds, so a `~> 2.0` pin reads the same.
 * By default a call builds a replication group (`create_replication_group = true`, `create_cluster = false`), a
 * subnet group and a security group; `create_cluster = true` with `create_replication_group = false` builds a
 * stand-alone cache cluster instead (Memcached, or a single-node Redis OSS cluster).
 */
import type { CommunityModule, ModuleBuild, ModuleCall, ModuleDefault } from './types';

const BASE = 'https://github.com/terraform-aws-modules/terraform-aws-elasticache/blob/6b1b5aa4576942bad13a6c8a8420e958a7327fad';
const VARIABLES = `${BASE}/variables.tf`;
const MAIN = `${BASE}/main.tf`;

/** Arguments both resources take straight from an input of the same name (main.tf, both resource blocks). */
const COMMON: Record<string, string> = {
  apply_immediately: 'applyImmediately',
  auto_minor_version_upgrade: 'autoMinorVersionUpgrade',
  engine: 'engine',
  engine_version: 'engineVersion',
  final_snapshot_identifier: 'finalSnapshotIdentifier',
  maintenance_window: 'maintenanceWindow',
  network_type: 'networkType',
  ip_discovery: 'ipDiscovery',
  node_type: 'nodeType',
  notification_topic_arn: 'notificationTopicArn',
  port: 'port',
  snapshot_arns: 'snapshotArns',
  snapshot_name: 'snapshotName',
  snapshot_retention_limit: 'snapshotRetentionLimit',
  snapshot_window: 'snapshotWindow',
  transit_encryption_enabled: 'transitEncryptionEnabled',
};

const GROUP_INPUTS: Record<string, string> = {
  ...COMMON,
  at_rest_encryption_enabled: 'atRestEncryptionEnabled',
  auth_token: 'authToken',
  auth_token_update_strategy: 'authTokenUpdateStrategy',
  automatic_failover_enabled: 'automaticFailoverEnabled',
  cluster_mode: 'clusterMode',
  data_tiering_enabled: 'dataTieringEnabled',
  description: 'description',
  global_replication_group_id: 'globalReplicationGroupId',
  // `kms_key_id = var.at_rest_encryption_enabled ? var.kms_key_arn : null` (main.tf)
  kms_key_arn: 'kmsKeyId',
  multi_az_enabled: 'multiAzEnabled',
  num_cache_clusters: 'numCacheClusters',
  num_node_groups: 'numNodeGroups',
  preferred_cache_cluster_azs: 'preferredCacheClusterAzs',
  replicas_per_node_group: 'replicasPerNodeGroup',
  replication_group_id: 'replicationGroupId',
  security_group_names: 'cacheSecurityGroupNames',
  transit_encryption_mode: 'transitEncryptionMode',
  user_group_ids: 'userGroupIds',
  parameter_group_name: 'parameterGroupName',
  subnet_group_name: 'subnetGroupName',
  security_group_ids: 'securityGroupIds',
};

const CLUSTER_INPUTS: Record<string, string> = {
  ...COMMON,
  availability_zone: 'availabilityZone',
  az_mode: 'azMode',
  cluster_id: 'clusterName',
  num_cache_nodes: 'numCacheNodes',
  preferred_availability_zones: 'preferredAvailabilityZones',
  replication_group_id: 'replicationGroupId',
  parameter_group_name: 'parameterGroupName',
  subnet_group_name: 'subnetGroupName',
  security_group_ids: 'securityGroupIds',
};

/** variables.tf defaults that are not `null` (a `null` default leaves the provider's default in place). */
const DEFAULTS: Record<string, ModuleDefault> = {
  engine: { value: 'redis', url: VARIABLES },
  transitEncryptionEnabled: { value: true, url: VARIABLES },
};

const GROUP_DEFAULTS: Record<string, ModuleDefault> = {
  ...DEFAULTS,
  atRestEncryptionEnabled: { value: true, url: VARIABLES },
  multiAzEnabled: { value: false, url: VARIABLES },
};

/** What the module builds itself and wires in unless told not to (main.tf, the subnet/security/parameter groups). */
function computed(call: ModuleCall): Record<string, string | { resource: string }> {
  const out: Record<string, string | { resource: string }> = {};
  if (call.flag('create_subnet_group', true) !== false) out.subnetGroupName = "the module's own subnet group (create_subnet_group)";
  if (call.flag('create_security_group', true) !== false) out.securityGroupIds = "the module's own security group (create_security_group)";
  if (call.flag('create_parameter_group', false) !== false) out.parameterGroupName = { resource: 'aws_elasticache_parameter_group' };
  return out;
}

/** `create_parameter_group = true`: aws_elasticache_parameter_group.this from the `parameter_group_*` and `parameters` inputs. */
function parameterGroup(): ModuleBuild {
  const inputs = { parameter_group_family: 'family', parameter_group_name: 'name', parameter_group_description: 'description', parameters: 'parameters' };
  return { type: 'aws_elasticache_parameter_group', inputs };
}

function replicationGroup(call: ModuleCall): ModuleBuild {
  const inputs = { ...GROUP_INPUTS };
  const forced: Record<string, ModuleDefault> = {};
  const clusterMode = call.flag('cluster_mode_enabled', false);
  // automatic_failover_enabled = var.multi_az_enabled || var.cluster_mode_enabled ? true : var.automatic_failover_enabled
  const multiAz = call.flag('multi_az_enabled', false);
  if (multiAz === true || clusterMode === true) {
    forced.automaticFailoverEnabled = { value: true, url: MAIN, why: `the module turns it on because ${multiAz === true ? 'multi_az_enabled' : 'cluster_mode_enabled'} is true` };
  }
  // num_cache_clusters = var.cluster_mode_enabled ? null : ...; num_node_groups = var.cluster_mode_enabled ? ... : null
  if (clusterMode === true) delete (inputs as Record<string, string>).num_cache_clusters;
  else if (clusterMode === false) delete (inputs as Record<string, string>).num_node_groups;
  const c = computed(call);
  // kms_key_id is dropped when at-rest encryption is off.
  if (call.flag('at_rest_encryption_enabled', true) === false) delete (inputs as Record<string, string>).kms_key_arn;
  return { type: 'aws_elasticache_replication_group', inputs, defaults: GROUP_DEFAULTS, forced, computed: c };
}

function cacheCluster(call: ModuleCall): ModuleBuild {
  const inputs = { ...CLUSTER_INPUTS };
  const defaults: Record<string, ModuleDefault> = { engine: DEFAULTS.engine };
  const forced: Record<string, ModuleDefault> = {};
  // transit_encryption_enabled = var.engine == "memcached" ? var.transit_encryption_enabled : null: the input
  // reaches a Memcached cluster only; any other engine gets the provider's default, whatever the call says.
  const engine = call.has('engine') ? call.literal('engine') : 'redis';
  if (engine === 'memcached') defaults.transitEncryptionEnabled = DEFAULTS.transitEncryptionEnabled;
  else if (typeof engine === 'string') forced.transitEncryptionEnabled = { value: false, url: MAIN, why: 'the module passes transit_encryption_enabled to a cache cluster only for Memcached' };
  return { type: 'aws_elasticache_cluster', inputs, defaults, forced, computed: computed(call) };
}

export const terraformAwsModulesElasticache: CommunityModule = {
  registry: 'terraform-aws-modules/elasticache/aws',
  repository: 'terraform-aws-modules/terraform-aws-elasticache',
  version: 'v1.4.0',
  build(call) {
    if (call.flag('create', true) === false) return [];
    const group = call.flag('create_replication_group', true);
    const cluster = call.flag('create_cluster', false);
    const out: ModuleBuild[] = [];
    // The global-datastore variants (create_primary/secondary_global_replication_group) build other blocks.
    const global = call.flag('create_primary_global_replication_group', false) !== false || call.flag('create_secondary_global_replication_group', false) !== false;
    const parameters = call.flag('create_parameter_group', false);
    if (parameters !== false && (group !== false || cluster !== false)) {
      const b = parameterGroup();
      if (parameters === 'unknown') b.condition = 'create_parameter_group';
      out.push(b);
    }
    if (group !== false && !global) {
      const b = replicationGroup(call);
      if (group === 'unknown') b.condition = 'create_replication_group';
      out.push(b);
    }
    // A cluster beside a group the module builds joins it and follows its settings: only a stand-alone one is read.
    if (cluster !== false && group === false) {
      const b = cacheCluster(call);
      if (cluster === 'unknown') b.condition = 'create_cluster';
      out.push(b);
    }
    return out;
  },
};
