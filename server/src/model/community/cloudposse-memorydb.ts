/**
 * cloudposse/memorydb/aws, read from variables.tf at commit a08ec682491174780848aeb8230f068575a38e80 and main.tf at
 * commit 21f5f8e9d9bd8c82bc20ec7e208b98a67f82233d. Defaults of its own: node type db.r6g.large, one shard with one
 * replica, TLS on, engine version 6.x, minor upgrades on, port 6379; it always builds an ACL with an admin user,
 * a subnet group when `subnet_ids` is given and a parameter group when `parameters` is.
 */
import type { CommunityModule, ModuleDefault } from './types';

const VARIABLES = 'https://github.com/cloudposse/terraform-aws-memorydb/blob/a08ec682491174780848aeb8230f068575a38e80/variables.tf';

const INPUTS: Record<string, string> = {
  node_type: 'nodeType',
  num_shards: 'numShards',
  num_replicas_per_shard: 'numReplicasPerShard',
  tls_enabled: 'tlsEnabled',
  engine_version: 'engineVersion',
  auto_minor_version_upgrade: 'autoMinorVersionUpgrade',
  security_group_ids: 'securityGroupIds',
  port: 'port',
  maintenance_window: 'maintenanceWindow',
  snapshot_window: 'snapshotWindow',
  snapshot_retention_limit: 'snapshotRetentionLimit',
  snapshot_arns: 'snapshotArns',
  sns_topic_arn: 'snsTopicArn',
};

const DEFAULTS: Record<string, ModuleDefault> = {
  nodeType: { value: 'db.r6g.large', url: VARIABLES },
  numShards: { value: 1, url: VARIABLES },
  numReplicasPerShard: { value: 1, url: VARIABLES },
  tlsEnabled: { value: true, url: VARIABLES },
  engineVersion: { value: '6.x', url: VARIABLES },
  autoMinorVersionUpgrade: { value: true, url: VARIABLES },
  port: { value: 6379, url: VARIABLES },
};

export const cloudposseMemorydb: CommunityModule = {
  registry: 'cloudposse/memorydb/aws',
  repository: 'cloudposse/terraform-aws-memorydb',
  version: 'variables.tf a08ec682, main.tf 21f5f8e9',
  build(call) {
    if (call.flag('enabled', true) === false) return [];
    // acl_name = join("", aws_memorydb_acl.default.*.id); subnet and parameter groups only when given their inputs.
    const computed: Record<string, string> = { aclName: "the module's own ACL with its admin user" };
    if (call.has('subnet_ids')) computed.subnetGroupName = "the module's own subnet group (subnet_ids)";
    if (call.has('parameters')) computed.parameterGroupName = "the module's own parameter group (parameters)";
    return [{ type: 'aws_memorydb_cluster', inputs: INPUTS, defaults: DEFAULTS, computed }];
  },
};
