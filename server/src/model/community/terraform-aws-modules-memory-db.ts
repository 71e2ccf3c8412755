/**
 * terraform-aws-modules/memory-db/aws, read from main.tf at commit 25e8f4c6c00ddbd1b01b454679cf2493613b15c7 and
 * variables.tf at commit 0c85871d29325a7a5198aebe9dd84737f837f671. Every cluster input defaults to `null`, so the
 * provider's defaults apply (TLS on, snapshot retention 0, minor upgrades on); what the module adds is an ACL,
 * parameter group and subnet group of its own (`create_acl`, `create_parameter_group`, `create_subnet_group`, all
 * true by default).
 */
import type { CommunityModule, ModuleBuild } from './types';

const INPUTS: Record<string, string> = {
  name: 'name',
  description: 'description',
  engine: 'engine',
  engine_version: 'engineVersion',
  auto_minor_version_upgrade: 'autoMinorVersionUpgrade',
  port: 'port',
  node_type: 'nodeType',
  num_shards: 'numShards',
  num_replicas_per_shard: 'numReplicasPerShard',
  data_tiering: 'dataTiering',
  kms_key_arn: 'kmsKeyId',
  tls_enabled: 'tlsEnabled',
  security_group_ids: 'securityGroupIds',
  maintenance_window: 'maintenanceWindow',
  sns_topic_arn: 'snsTopicArn',
  snapshot_name: 'snapshotName',
  snapshot_arns: 'snapshotArns',
  snapshot_retention_limit: 'snapshotRetentionLimit',
  snapshot_window: 'snapshotWindow',
  final_snapshot_name: 'finalSnapshotName',
  acl_name: 'aclName',
  parameter_group_name: 'parameterGroupName',
  subnet_group_name: 'subnetGroupName',
};

export const terraformAwsModulesMemoryDb: CommunityModule = {
  registry: 'terraform-aws-modules/memory-db/aws',
  repository: 'terraform-aws-modules/terraform-aws-memory-db',
  version: 'main.tf 25e8f4c6, variables.tf 0c85871d',
  build(call) {
    if (call.flag('create', true) === false) return [];
    const inputs = { ...INPUTS };
    const computed: Record<string, string | { resource: string }> = {};
    const out: ModuleBuild[] = [];
    // `x_name = var.create && var.create_x ? aws_memorydb_x.this[0].id : var.x_name` (main.tf locals)
    for (const [flag, input, canonical] of [['create_acl', 'acl_name', 'aclName'], ['create_parameter_group', 'parameter_group_name', 'parameterGroupName'], ['create_subnet_group', 'subnet_group_name', 'subnetGroupName']] as const) {
      if (call.flag(flag, true) === false) continue;
      delete (inputs as Record<string, string>)[input];
      computed[canonical] = `the module's own (${flag})`;
    }
    // aws_memorydb_parameter_group.this: `parameter_group_family` and the `parameter_group_parameters` list.
    const parameters = call.flag('create_parameter_group', true);
    if (parameters !== false) {
      computed.parameterGroupName = { resource: 'aws_memorydb_parameter_group' };
      const b: ModuleBuild = { type: 'aws_memorydb_parameter_group', inputs: { parameter_group_family: 'family', parameter_group_description: 'description', parameter_group_parameters: 'parameters' } };
      if (parameters === 'unknown') b.condition = 'create_parameter_group';
      out.push(b);
    }
    out.push({ type: 'aws_memorydb_cluster', inputs, computed });
    return out;
  },
};
