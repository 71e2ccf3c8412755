/**
 * One table for the spelling of every resource type and property the rules read, in both formats.
 * Source: ../shared/reference/aws-facts.md §2 (cfn-lint schemas and the Terraform AWS provider docs).
 * Adding a property a new rule needs is one line here; the format normalisers pick it up.
 */
import type { ResourceKind } from './iac';

export interface ResourceSchema {
  kind: ResourceKind;
  cfnType?: string;
  tfType?: string;
  /** canonical name → [CloudFormation name, Terraform name]; a side is undefined where that format lacks it. */
  properties: Record<string, [cfn: string | undefined, tf: string | undefined]>;
}

const common = {
  engine: ['Engine', 'engine'],
  engineVersion: ['EngineVersion', 'engine_version'],
  nodeType: ['CacheNodeType', 'node_type'],
  parameterGroupName: ['CacheParameterGroupName', 'parameter_group_name'],
  subnetGroupName: ['CacheSubnetGroupName', 'subnet_group_name'],
  snapshotRetentionLimit: ['SnapshotRetentionLimit', 'snapshot_retention_limit'],
  snapshotWindow: ['SnapshotWindow', 'snapshot_window'],
  autoMinorVersionUpgrade: ['AutoMinorVersionUpgrade', 'auto_minor_version_upgrade'],
  port: ['Port', 'port'],
  maintenanceWindow: ['PreferredMaintenanceWindow', 'maintenance_window'],
  transitEncryptionEnabled: ['TransitEncryptionEnabled', 'transit_encryption_enabled'],
} as const satisfies ResourceSchema['properties'];

export const RESOURCE_SCHEMAS: ResourceSchema[] = [
  {
    kind: 'replicationGroup', cfnType: 'AWS::ElastiCache::ReplicationGroup', tfType: 'aws_elasticache_replication_group',
    properties: {
      ...common,
      description: ['ReplicationGroupDescription', 'description'],
      replicationGroupId: ['ReplicationGroupId', 'replication_group_id'],
      transitEncryptionMode: ['TransitEncryptionMode', 'transit_encryption_mode'],
      atRestEncryptionEnabled: ['AtRestEncryptionEnabled', 'at_rest_encryption_enabled'],
      kmsKeyId: ['KmsKeyId', 'kms_key_id'],
      authToken: ['AuthToken', 'auth_token'],
      userGroupIds: ['UserGroupIds', 'user_group_ids'],
      automaticFailoverEnabled: ['AutomaticFailoverEnabled', 'automatic_failover_enabled'],
      multiAzEnabled: ['MultiAZEnabled', 'multi_az_enabled'],
      numCacheClusters: ['NumCacheClusters', 'num_cache_clusters'],
      numNodeGroups: ['NumNodeGroups', 'num_node_groups'],
      replicasPerNodeGroup: ['ReplicasPerNodeGroup', 'replicas_per_node_group'],
      nodeGroupConfiguration: ['NodeGroupConfiguration', 'node_group_configuration'],
      clusterMode: ['ClusterMode', 'cluster_mode'],
      securityGroupIds: ['SecurityGroupIds', 'security_group_ids'],
      dataTieringEnabled: ['DataTieringEnabled', 'data_tiering_enabled'],
      globalReplicationGroupId: ['GlobalReplicationGroupId', 'global_replication_group_id'],
    },
  },
  {
    kind: 'cacheCluster', cfnType: 'AWS::ElastiCache::CacheCluster', tfType: 'aws_elasticache_cluster',
    properties: {
      ...common,
      clusterName: ['ClusterName', 'cluster_id'],
      numCacheNodes: ['NumCacheNodes', 'num_cache_nodes'],
      azMode: ['AZMode', 'az_mode'],
      securityGroupIds: ['VpcSecurityGroupIds', 'security_group_ids'],
      replicationGroupId: [undefined, 'replication_group_id'],
    },
  },
  {
    kind: 'serverlessCache', cfnType: 'AWS::ElastiCache::ServerlessCache', tfType: 'aws_elasticache_serverless_cache',
    properties: {
      engine: ['Engine', 'engine'],
      majorEngineVersion: ['MajorEngineVersion', 'major_engine_version'],
      name: ['ServerlessCacheName', 'name'],
      cacheUsageLimits: ['CacheUsageLimits', 'cache_usage_limits'],
      snapshotRetentionLimit: ['SnapshotRetentionLimit', 'snapshot_retention_limit'],
      dailySnapshotTime: ['DailySnapshotTime', 'daily_snapshot_time'],
      kmsKeyId: ['KmsKeyId', 'kms_key_id'],
      userGroupId: ['UserGroupId', 'user_group_id'],
      securityGroupIds: ['SecurityGroupIds', 'security_group_ids'],
      subnetIds: ['SubnetIds', 'subnet_ids'],
    },
  },
  {
    kind: 'globalReplicationGroup', cfnType: 'AWS::ElastiCache::GlobalReplicationGroup', tfType: 'aws_elasticache_global_replication_group',
    properties: {
      automaticFailoverEnabled: ['AutomaticFailoverEnabled', 'automatic_failover_enabled'],
      nodeType: ['CacheNodeType', 'cache_node_type'],
      engineVersion: ['EngineVersion', 'engine_version'],
      members: ['Members', undefined],
      primaryReplicationGroupId: [undefined, 'primary_replication_group_id'],
    },
  },
  {
    kind: 'memorydbCluster', cfnType: 'AWS::MemoryDB::Cluster', tfType: 'aws_memorydb_cluster',
    properties: {
      name: ['ClusterName', 'name'],
      nodeType: ['NodeType', 'node_type'],
      engine: ['Engine', 'engine'],
      engineVersion: ['EngineVersion', 'engine_version'],
      aclName: ['ACLName', 'acl_name'],
      tlsEnabled: ['TLSEnabled', 'tls_enabled'],
      kmsKeyId: ['KmsKeyId', 'kms_key_arn'],
      numShards: ['NumShards', 'num_shards'],
      numReplicasPerShard: ['NumReplicasPerShard', 'num_replicas_per_shard'],
      snapshotRetentionLimit: ['SnapshotRetentionLimit', 'snapshot_retention_limit'],
      snapshotWindow: ['SnapshotWindow', 'snapshot_window'],
      subnetGroupName: ['SubnetGroupName', 'subnet_group_name'],
      securityGroupIds: ['SecurityGroupIds', 'security_group_ids'],
      parameterGroupName: ['ParameterGroupName', 'parameter_group_name'],
      autoMinorVersionUpgrade: ['AutoMinorVersionUpgrade', 'auto_minor_version_upgrade'],
      dataTiering: ['DataTiering', 'data_tiering'],
      port: ['Port', 'port'],
    },
  },
  {
    kind: 'elasticacheUser', cfnType: 'AWS::ElastiCache::User', tfType: 'aws_elasticache_user',
    properties: {
      userId: ['UserId', 'user_id'],
      userName: ['UserName', 'user_name'],
      engine: ['Engine', 'engine'],
      accessString: ['AccessString', 'access_string'],
      authenticationMode: ['AuthenticationMode', 'authentication_mode'],
      noPasswordRequired: ['NoPasswordRequired', 'no_password_required'],
      passwords: ['Passwords', 'passwords'],
    },
  },
  {
    kind: 'elasticacheUserGroup', cfnType: 'AWS::ElastiCache::UserGroup', tfType: 'aws_elasticache_user_group',
    properties: {
      userGroupId: ['UserGroupId', 'user_group_id'],
      engine: ['Engine', 'engine'],
      userIds: ['UserIds', 'user_ids'],
    },
  },
  {
    kind: 'memorydbUser', cfnType: 'AWS::MemoryDB::User', tfType: 'aws_memorydb_user',
    properties: {
      userName: ['UserName', 'user_name'],
      accessString: ['AccessString', 'access_string'],
      authenticationMode: ['AuthenticationMode', 'authentication_mode'],
    },
  },
  {
    kind: 'memorydbAcl', cfnType: 'AWS::MemoryDB::ACL', tfType: 'aws_memorydb_acl',
    properties: { name: ['ACLName', 'name'], userNames: ['UserNames', 'user_names'] },
  },
  {
    kind: 'parameterGroup', cfnType: 'AWS::ElastiCache::ParameterGroup', tfType: 'aws_elasticache_parameter_group',
    properties: {
      family: ['CacheParameterGroupFamily', 'family'],
      description: ['Description', 'description'],
      parameters: ['Properties', 'parameter'],
    },
  },
  {
    kind: 'memorydbParameterGroup', cfnType: 'AWS::MemoryDB::ParameterGroup', tfType: 'aws_memorydb_parameter_group',
    properties: { family: ['Family', 'family'], parameters: ['Parameters', 'parameter'] },
  },
  {
    kind: 'subnetGroup', cfnType: 'AWS::ElastiCache::SubnetGroup', tfType: 'aws_elasticache_subnet_group',
    properties: { name: ['CacheSubnetGroupName', 'name'], subnetIds: ['SubnetIds', 'subnet_ids'] },
  },
  {
    kind: 'memorydbSubnetGroup', cfnType: 'AWS::MemoryDB::SubnetGroup', tfType: 'aws_memorydb_subnet_group',
    properties: { name: ['SubnetGroupName', 'name'], subnetIds: ['SubnetIds', 'subnet_ids'] },
  },
  {
    kind: 'securityGroup', cfnType: 'AWS::EC2::SecurityGroup', tfType: 'aws_security_group',
    properties: { ingress: ['SecurityGroupIngress', 'ingress'], vpcId: ['VpcId', 'vpc_id'] },
  },
  {
    kind: 'securityGroupIngress', cfnType: 'AWS::EC2::SecurityGroupIngress', tfType: 'aws_vpc_security_group_ingress_rule',
    properties: {
      groupId: ['GroupId', 'security_group_id'],
      cidrIpv4: ['CidrIp', 'cidr_ipv4'],
      cidrIpv6: ['CidrIpv6', 'cidr_ipv6'],
      fromPort: ['FromPort', 'from_port'],
      toPort: ['ToPort', 'to_port'],
      ipProtocol: ['IpProtocol', 'ip_protocol'],
    },
  },
];

export type FormatSide = 'cfn' | 'tf';

export interface ResolvedSchema {
  schema: ResourceSchema;
  /** written name → canonical name */
  canonicalByWritten: Map<string, string>;
  /** canonical name → written name in this format */
  writtenByCanonical: Map<string, string>;
}

function buildIndex(side: FormatSide): Map<string, ResolvedSchema> {
  const byType = new Map<string, ResolvedSchema>();
  for (const schema of RESOURCE_SCHEMAS) {
    const type = side === 'cfn' ? schema.cfnType : schema.tfType;
    if (!type) continue;
    const canonicalByWritten = new Map<string, string>();
    const writtenByCanonical = new Map<string, string>();
    for (const [canonical, names] of Object.entries(schema.properties)) {
      const written = names[side === 'cfn' ? 0 : 1];
      if (!written) continue;
      canonicalByWritten.set(written, canonical);
      writtenByCanonical.set(canonical, written);
    }
    byType.set(type, { schema, canonicalByWritten, writtenByCanonical });
  }
  return byType;
}

const indexes: Record<FormatSide, Map<string, ResolvedSchema>> = { cfn: buildIndex('cfn'), tf: buildIndex('tf') };

/** The schema for a resource type as written in a format, or undefined when cachelint does not model it. */
export function schemaFor(side: FormatSide, type: string): ResolvedSchema | undefined {
  return indexes[side].get(type);
}

/** What a template input is called in a format, for messages and fix titles. */
export function inputNoun(format: 'cloudformation' | 'terraform'): string {
  return format === 'cloudformation' ? 'parameter' : 'variable';
}

/** How a canonical property is spelt in a model's format: `TransitEncryptionEnabled` / `transit_encryption_enabled`. */
export function writtenName(format: 'cloudformation' | 'terraform', resourceType: string, canonical: string): string {
  return schemaFor(format === 'cloudformation' ? 'cfn' : 'tf', resourceType)?.writtenByCanonical.get(canonical) ?? canonical;
}
