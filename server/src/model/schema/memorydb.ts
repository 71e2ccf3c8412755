/**
 * MemoryDB resources: clusters, ACLs, users, parameter and subnet groups. Spellings and defaults: cfn-lint
 * us_east_1 schemas and the Terraform memorydb_cluster doc aws-facts.md §2b cites; the ACL, user, parameter-group
 * and subnet-group Terraform names are the ones aws-facts.md §2b lists.
 */
import type { ResourceSpec } from './types';
import { cfnDoc, SRC, tfDoc } from './sources';

export const memorydbCluster: ResourceSpec = {
  kind: 'memorydbCluster', cfnType: 'AWS::MemoryDB::Cluster', tfType: 'aws_memorydb_cluster',
  description: 'A MemoryDB cluster: a durable, Multi-AZ Valkey/Redis OSS-compatible database with a transaction log.',
  docUrl: cfnDoc('memorydb-cluster'), tfDocUrl: tfDoc('memorydb_cluster'), engines: ['redis', 'valkey'],
  properties: {
    name: { cfn: 'ClusterName', tf: 'name', type: 'string', replaces: { cfn: true, tf: true }, description: 'The cluster\'s name.' },
    description: { cfn: 'Description', tf: 'description', type: 'string', description: 'The cluster\'s description.' },
    nodeType: { cfn: 'NodeType', tf: 'node_type', type: 'string', description: 'The node type (db.r7g.large …).' },
    engine: { cfn: 'Engine', tf: 'engine', type: 'string', enum: ['redis', 'valkey'], description: 'The engine: redis or valkey.' },
    engineVersion: { cfn: 'EngineVersion', tf: 'engine_version', type: 'string', description: 'The engine version; no downgrades.' },
    aclName: { refers: { kinds: ['memorydbAcl'] }, cfn: 'ACLName', tf: 'acl_name', type: 'string', description: 'The access control list; `open-access` lets any client in without a password.' },
    tlsEnabled: {
      cfn: 'TLSEnabled', tf: 'tls_enabled', type: 'bool', replaces: { cfn: true, tf: true }, defaults: [{ value: true, source: SRC.memorydbTls }],
      description: 'TLS to the nodes; fixed at creation. When false the ACL must be open-access.',
    },
    kmsKeyId: { refers: { kinds: [], types: ['AWS::KMS::Key', 'AWS::KMS::Alias', 'aws_kms_key', 'aws_kms_alias'] }, cfn: 'KmsKeyId', tf: 'kms_key_arn', type: 'string', replaces: { cfn: true, tf: true }, description: 'Customer managed KMS key for data at rest.' },
    numShards: { cfn: 'NumShards', tf: 'num_shards', type: 'int', defaults: [{ value: 1, sides: ['tf'], source: SRC.tfMemorydb }], description: 'Shards.' },
    numReplicasPerShard: {
      cfn: 'NumReplicasPerShard', tf: 'num_replicas_per_shard', type: 'int', defaults: [{ value: 1, sides: ['tf'], source: SRC.tfMemorydb }],
      description: 'Replicas in each shard, at most 5.',
    },
    snapshotRetentionLimit: {
      cfn: 'SnapshotRetentionLimit', tf: 'snapshot_retention_limit', type: 'int', defaults: [{ value: 0, sides: ['tf'], source: SRC.tfMemorydb }],
      description: 'Days automatic snapshots are kept; 0 turns them off.',
    },
    snapshotWindow: { cfn: 'SnapshotWindow', tf: 'snapshot_window', type: 'string', description: 'Daily UTC snapshot window.' },
    snapshotArns: { cfn: 'SnapshotArns', tf: 'snapshot_arns', type: 'list', items: 'string', replaces: { cfn: true, tf: true }, description: 'RDB files in S3 to seed the cluster from.' },
    snapshotName: { cfn: 'SnapshotName', tf: 'snapshot_name', type: 'string', replaces: { cfn: true, tf: true }, description: 'A snapshot to restore into the new cluster.' },
    finalSnapshotName: { cfn: 'FinalSnapshotName', tf: 'final_snapshot_name', type: 'string', description: 'Name of the snapshot taken on deletion.' },
    subnetGroupName: { refers: { kinds: ['memorydbSubnetGroup'] },
      cfn: 'SubnetGroupName', tf: 'subnet_group_name', type: 'string', replaces: { cfn: true, tf: true },
      description: 'The subnet group; Terraform\'s default is a group of the default VPC\'s subnets.',
    },
    securityGroupIds: { refers: { kinds: ['securityGroup'] }, cfn: 'SecurityGroupIds', tf: 'security_group_ids', type: 'list', items: 'string', description: 'VPC security groups attached to the nodes.' },
    parameterGroupName: { refers: { kinds: ['memorydbParameterGroup'] }, cfn: 'ParameterGroupName', tf: 'parameter_group_name', type: 'string', description: 'The parameter group.' },
    maintenanceWindow: { cfn: 'MaintenanceWindow', tf: 'maintenance_window', type: 'string', description: 'Weekly UTC maintenance window.' },
    autoMinorVersionUpgrade: {
      cfn: 'AutoMinorVersionUpgrade', tf: 'auto_minor_version_upgrade', type: 'bool', replaces: { tf: true },
      defaults: [{ value: true, sides: ['tf'], source: SRC.tfMemorydb }], description: 'Apply minor engine upgrades automatically.',
    },
    dataTiering: {
      cfn: 'DataTiering', tf: 'data_tiering', type: 'bool', enum: ['false', 'true'], replaces: { cfn: true, tf: true },
      description: 'Data tiering to SSD (r6gd nodes); CloudFormation writes it as the string "true" or "false".',
    },
    port: {
      cfn: 'Port', tf: 'port', type: 'int', replaces: { cfn: true, tf: true }, defaults: [{ value: 6379, sides: ['tf'], source: SRC.tfMemorydb }],
      description: 'The port the nodes accept connections on.',
    },
    snsTopicArn: { cfn: 'SnsTopicArn', tf: 'sns_topic_arn', type: 'string', description: 'SNS topic for cluster events.' },
    snsTopicStatus: { cfn: 'SnsTopicStatus', type: 'string', description: 'Whether the SNS topic is active.' },
    multiRegionClusterName: { cfn: 'MultiRegionClusterName', type: 'string', replaces: { cfn: true }, description: 'The multi-Region cluster this one belongs to.' },
    ipDiscovery: { cfn: 'IpDiscovery', type: 'string', enum: ['ipv4', 'ipv6'], description: 'The IP version the discovery protocol advertises.' },
    networkType: { cfn: 'NetworkType', type: 'string', enum: ['dual_stack', 'ipv4', 'ipv6'], replaces: { cfn: true }, description: 'The IP versions clients connect over.' },
  },
};

const authenticationMode = (types: readonly string[]) => ({
  cfn: 'AuthenticationMode', tf: 'authentication_mode', type: 'object', secret: true, description: 'How the user authenticates.',
  children: {
    type: { cfn: 'Type', tf: 'type', type: 'string', enum: types, description: types.join(' or ') + '.' },
    passwords: { cfn: 'Passwords', tf: 'passwords', type: 'list', items: 'string', secret: true, description: 'One or two passwords.' },
  },
}) as const;

export const memorydbAcl: ResourceSpec = {
  kind: 'memorydbAcl', cfnType: 'AWS::MemoryDB::ACL', tfType: 'aws_memorydb_acl',
  description: 'A MemoryDB access control list: the users a cluster accepts.',
  docUrl: cfnDoc('memorydb-acl'), tfDocUrl: tfDoc('memorydb_acl'),
  nameProperty: 'name',
  properties: {
    name: { cfn: 'ACLName', tf: 'name', type: 'string', replaces: { cfn: true }, description: 'The ACL\'s name.' },
    userNames: { refers: { kinds: ['memorydbUser'] }, cfn: 'UserNames', tf: 'user_names', type: 'list', items: 'string', description: 'The users in the ACL.' },
  },
};

export const memorydbUser: ResourceSpec = {
  kind: 'memorydbUser', cfnType: 'AWS::MemoryDB::User', tfType: 'aws_memorydb_user',
  description: 'A MemoryDB user: a name, an access string, and how it authenticates.',
  docUrl: cfnDoc('memorydb-user'), tfDocUrl: tfDoc('memorydb_user'),
  nameProperty: 'userName',
  properties: {
    userName: { cfn: 'UserName', tf: 'user_name', type: 'string', replaces: { cfn: true }, description: 'The name clients AUTH with.' },
    accessString: { cfn: 'AccessString', tf: 'access_string', type: 'string', secret: true, description: 'The ACL rules: keys and commands the user may use.' },
    authenticationMode: authenticationMode(['iam', 'password']),
  },
};

export const memorydbParameterGroup: ResourceSpec = {
  kind: 'memorydbParameterGroup', cfnType: 'AWS::MemoryDB::ParameterGroup', tfType: 'aws_memorydb_parameter_group',
  description: 'A MemoryDB parameter group: engine settings for a family.',
  docUrl: cfnDoc('memorydb-parametergroup'), tfDocUrl: tfDoc('memorydb_parameter_group'),
  nameProperty: 'name',
  properties: {
    name: { cfn: 'ParameterGroupName', tf: 'name', type: 'string', replaces: { cfn: true }, description: 'The group\'s name.' },
    family: { cfn: 'Family', tf: 'family', type: 'string', replaces: { cfn: true }, description: 'The family (memorydb_valkey7 …).' },
    description: { cfn: 'Description', tf: 'description', type: 'string', replaces: { cfn: true }, description: 'The group\'s description.' },
    parameters: {
      cfn: 'Parameters', tf: 'parameter', type: 'map', tfType: 'list', items: 'object',
      description: 'The parameters: a JSON object in CloudFormation, parameter { name, value } blocks in Terraform.',
      children: {
        name: { tf: 'name', type: 'string', description: 'The parameter\'s name.' },
        value: { tf: 'value', type: 'string', description: 'Its value.' },
      },
    },
  },
};

export const memorydbSubnetGroup: ResourceSpec = {
  kind: 'memorydbSubnetGroup', cfnType: 'AWS::MemoryDB::SubnetGroup', tfType: 'aws_memorydb_subnet_group',
  description: 'A MemoryDB subnet group: the VPC subnets a cluster\'s nodes are placed in.',
  docUrl: cfnDoc('memorydb-subnetgroup'), tfDocUrl: tfDoc('memorydb_subnet_group'),
  nameProperty: 'name',
  properties: {
    name: { cfn: 'SubnetGroupName', tf: 'name', type: 'string', replaces: { cfn: true }, description: 'The group\'s name.' },
    description: { cfn: 'Description', tf: 'description', type: 'string', description: 'The group\'s description.' },
    subnetIds: { cfn: 'SubnetIds', tf: 'subnet_ids', type: 'list', items: 'string', description: 'The subnets.' },
  },
};
