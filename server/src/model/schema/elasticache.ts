/**
 * ElastiCache resources: replication groups, cache clusters, serverless caches, Global Datastores, parameter and
 * subnet groups, users and user groups. Spellings: cfn-lint us_east_1 schemas (checked by
 * test/unit/model/schema.test.ts against knowledge/data/cfn-schema-names.json) and the Terraform docs aws-facts.md §2
 * cites. Terraform spellings the cited docs do not give are left out.
 */
import type { PropertySpec, ResourceSpec } from './types';
import { cfnDoc, SRC, tfDoc } from './sources';

const ENGINES_RG = ['redis', 'valkey'] as const;

/** Shared by replication groups and cache clusters. */
const logDelivery: PropertySpec = {
  cfn: 'LogDeliveryConfigurations', tf: 'log_delivery_configuration', type: 'list', items: 'object',
  description: 'Where slow-log and engine-log go (CloudWatch Logs or Kinesis Data Firehose); at most two.',
  children: {
    destinationType: { cfn: 'DestinationType', tf: 'destination_type', type: 'string', enum: ['cloudwatch-logs', 'kinesis-firehose'], description: 'The kind of destination.' },
    logFormat: { cfn: 'LogFormat', tf: 'log_format', type: 'string', enum: ['json', 'text'], description: 'The log format.' },
    logType: { cfn: 'LogType', tf: 'log_type', type: 'string', enum: ['engine-log', 'slow-log'], description: 'Which log is delivered.' },
    destination: { tf: 'destination', type: 'string', description: 'The log group or delivery stream name (CloudFormation nests it in DestinationDetails).' },
    destinationDetails: {
      cfn: 'DestinationDetails', type: 'object', description: 'The log group or delivery stream (Terraform: destination).',
      children: {
        cloudWatchLogsDetails: { cfn: 'CloudWatchLogsDetails', type: 'object', description: 'CloudWatch Logs destination.', children: { logGroup: { cfn: 'LogGroup', type: 'string', description: 'The log group name.' } } },
        kinesisFirehoseDetails: { cfn: 'KinesisFirehoseDetails', type: 'object', description: 'Kinesis Data Firehose destination.', children: { deliveryStream: { cfn: 'DeliveryStream', type: 'string', description: 'The delivery stream name.' } } },
      },
    },
  },
};

export const replicationGroup: ResourceSpec = {
  kind: 'replicationGroup', cfnType: 'AWS::ElastiCache::ReplicationGroup', tfType: 'aws_elasticache_replication_group',
  description: 'A Valkey or Redis OSS replication group: one primary and up to five replicas per shard, cluster mode on or off.',
  docUrl: cfnDoc('elasticache-replicationgroup'), tfDocUrl: tfDoc('elasticache_replication_group'), engines: ENGINES_RG,
  nameProperty: 'replicationGroupId',
  properties: {
    description: { cfn: 'ReplicationGroupDescription', tf: 'description', type: 'string', description: 'The group\'s description (required).' },
    replicationGroupId: { cfn: 'ReplicationGroupId', tf: 'replication_group_id', type: 'string', replaces: { cfn: true }, description: 'The group\'s identifier, stored lower-case.' },
    engine: {
      cfn: 'Engine', tf: 'engine', type: 'string', enum: ['redis', 'valkey'],
      defaults: [{ value: 'redis', sides: ['tf'], source: SRC.tfEngine }],
      description: 'The engine: valkey or redis (Redis OSS).',
    },
    engineVersion: { cfn: 'EngineVersion', tf: 'engine_version', type: 'string', description: 'The engine version; upgrades only, no downgrade.' },
    nodeType: { cfn: 'CacheNodeType', tf: 'node_type', type: 'string', description: 'The node type of every node (cache.r7g.large …).' },
    parameterGroupName: { refers: { kinds: ['parameterGroup'] }, cfn: 'CacheParameterGroupName', tf: 'parameter_group_name', type: 'string', description: 'The parameter group; the engine\'s default group when absent.' },
    subnetGroupName: { refers: { kinds: ['subnetGroup'] }, cfn: 'CacheSubnetGroupName', tf: 'subnet_group_name', type: 'string', replaces: { cfn: true }, description: 'The cache subnet group: which VPC and subnets the nodes live in.' },
    securityGroupIds: { refers: { kinds: ['securityGroup'] }, cfn: 'SecurityGroupIds', tf: 'security_group_ids', type: 'list', items: 'string', description: 'VPC security groups attached to the nodes.' },
    cacheSecurityGroupNames: { cfn: 'CacheSecurityGroupNames', tf: 'security_group_names', type: 'list', items: 'string', description: 'Security groups by name.' },
    snapshotRetentionLimit: {
      cfn: 'SnapshotRetentionLimit', tf: 'snapshot_retention_limit', type: 'int', defaults: [{ value: 0, source: SRC.apiSnapshots }],
      description: 'Days automatic backups are kept; 0 turns backups off.',
    },
    snapshotWindow: { cfn: 'SnapshotWindow', tf: 'snapshot_window', type: 'string', description: 'Daily UTC window for the backup (at least 60 minutes), e.g. 05:00-09:00.' },
    snapshotArns: { cfn: 'SnapshotArns', tf: 'snapshot_arns', type: 'list', items: 'string', replaces: { cfn: true }, description: 'RDB files in S3 to seed the group from.' },
    snapshotName: { cfn: 'SnapshotName', tf: 'snapshot_name', type: 'string', replaces: { cfn: true, tf: true }, description: 'A snapshot to restore into the new group.' },
    snapshottingClusterId: { cfn: 'SnapshottingClusterId', type: 'string', description: 'The cluster backups are taken from.' },
    finalSnapshotIdentifier: { tf: 'final_snapshot_identifier', type: 'string', description: 'Name of the snapshot taken on deletion; none when absent.' },
    autoMinorVersionUpgrade: {
      cfn: 'AutoMinorVersionUpgrade', tf: 'auto_minor_version_upgrade', type: 'bool', defaults: [{ value: true, sides: ['tf'], source: SRC.tfMinor }],
      description: 'Apply minor engine upgrades in the maintenance window (Valkey, Redis OSS 6+).',
    },
    port: {
      cfn: 'Port', tf: 'port', type: 'int', replaces: { cfn: true }, defaults: [{ value: 6379, source: SRC.port }],
      description: 'The port the nodes accept connections on.',
    },
    maintenanceWindow: { cfn: 'PreferredMaintenanceWindow', tf: 'maintenance_window', type: 'string', description: 'Weekly UTC maintenance window, ddd:hh24:mi-ddd:hh24:mi.' },
    notificationTopicArn: { cfn: 'NotificationTopicArn', tf: 'notification_topic_arn', type: 'string', description: 'SNS topic for ElastiCache events.' },
    transitEncryptionEnabled: {
      cfn: 'TransitEncryptionEnabled', tf: 'transit_encryption_enabled', type: 'bool', replaces: { tf: 'conditional' },
      defaults: [{ value: false, source: SRC.apiTransit }],
      description: 'TLS between clients and nodes and between nodes. Terraform replaces the group when it changes below engine 7.0.5.',
    },
    transitEncryptionMode: {
      cfn: 'TransitEncryptionMode', tf: 'transit_encryption_mode', type: 'string', enum: ['preferred', 'required'],
      description: 'preferred accepts TLS and plaintext (a migration step); required accepts TLS only.',
    },
    atRestEncryptionEnabled: {
      cfn: 'AtRestEncryptionEnabled', tf: 'at_rest_encryption_enabled', type: 'bool', replaces: { cfn: true, tf: true },
      defaults: [{ value: true, engines: ['valkey'], source: SRC.apiAtRest }, { value: false, engines: ['redis'], source: SRC.apiAtRest }],
      description: 'Encrypt data on disk and in backups; fixed at creation.',
    },
    kmsKeyId: { refers: { kinds: [], types: ['AWS::KMS::Key', 'AWS::KMS::Alias', 'aws_kms_key', 'aws_kms_alias'] }, cfn: 'KmsKeyId', tf: 'kms_key_id', type: 'string', replaces: { cfn: true }, description: 'Customer managed KMS key for at-rest encryption; the service key when absent.' },
    authToken: {
      cfn: 'AuthToken', tf: 'auth_token', type: 'string', secret: true, replaces: { cfn: 'conditional' },
      description: 'The AUTH password (16–128 printable ASCII); only with in-transit encryption.',
    },
    authTokenUpdateStrategy: { tf: 'auth_token_update_strategy', type: 'string', enum: ['SET', 'ROTATE', 'DELETE'], description: 'How a changed auth_token is applied.' },
    userGroupIds: { refers: { kinds: ['elasticacheUserGroup'] }, cfn: 'UserGroupIds', tf: 'user_group_ids', type: 'list', items: 'string', description: 'The RBAC user group (at most one is effective).' },
    automaticFailoverEnabled: {
      cfn: 'AutomaticFailoverEnabled', tf: 'automatic_failover_enabled', type: 'bool', defaults: [{ value: false, source: SRC.apiFailover }],
      description: 'Promote a replica when the primary fails; required with cluster mode enabled, needs at least two nodes.',
    },
    multiAzEnabled: {
      cfn: 'MultiAZEnabled', tf: 'multi_az_enabled', type: 'bool', defaults: [{ value: false, sides: ['tf'], source: SRC.tfMultiAz }],
      description: 'Place replicas in other Availability Zones and fail over across them; needs automatic failover.',
    },
    numCacheClusters: {
      cfn: 'NumCacheClusters', tf: 'num_cache_clusters', type: 'int', defaults: [{ value: 1, sides: ['tf'], source: SRC.tfNumCacheClusters }],
      description: 'Nodes (primary and replicas) of a group without shards: 1–6.',
    },
    numNodeGroups: { cfn: 'NumNodeGroups', tf: 'num_node_groups', type: 'int', defaults: [{ value: 1, source: SRC.apiShards }], description: 'Shards (node groups).' },
    replicasPerNodeGroup: { cfn: 'ReplicasPerNodeGroup', tf: 'replicas_per_node_group', type: 'int', replaces: { cfn: true }, description: 'Replicas in each shard: 0–5.' },
    nodeGroupConfiguration: {
      cfn: 'NodeGroupConfiguration', tf: 'node_group_configuration', type: 'list', items: 'object', replaces: { cfn: 'conditional' },
      description: 'Per-shard layout: Availability Zones, replica count, slots.',
      children: {
        nodeGroupId: { cfn: 'NodeGroupId', tf: 'node_group_id', type: 'string', description: 'The shard\'s 1–4 character id.' },
        primaryAvailabilityZone: { cfn: 'PrimaryAvailabilityZone', tf: 'primary_availability_zone', type: 'string', description: 'The primary\'s Availability Zone.' },
        replicaAvailabilityZones: { cfn: 'ReplicaAvailabilityZones', tf: 'replica_availability_zones', type: 'list', items: 'string', description: 'The replicas\' Availability Zones.' },
        replicaCount: { cfn: 'ReplicaCount', tf: 'replica_count', type: 'int', description: 'Replicas in this shard.' },
        slots: { cfn: 'Slots', type: 'string', description: 'The hash slots of this shard, e.g. 0-5460.' },
      },
    },
    // Terraform provider v3 also spelt a `cluster_mode { … }` block: see TF_LEGACY_BLOCKS.
    clusterMode: { cfn: 'ClusterMode', tf: 'cluster_mode', type: 'string', enum: ['compatible', 'disabled', 'enabled'], description: 'Cluster mode; disabled → enabled passes through compatible.' },
    dataTieringEnabled: { cfn: 'DataTieringEnabled', tf: 'data_tiering_enabled', type: 'bool', replaces: { cfn: true }, description: 'Data tiering to SSD; r6gd nodes only, and required there.' },
    globalReplicationGroupId: { refers: { kinds: ['globalReplicationGroup'] }, cfn: 'GlobalReplicationGroupId', tf: 'global_replication_group_id', type: 'string', replaces: { cfn: true }, description: 'Joins a Global Datastore as a secondary.' },
    ipDiscovery: { cfn: 'IpDiscovery', tf: 'ip_discovery', type: 'string', enum: ['ipv4', 'ipv6'], description: 'The IP version the discovery protocol advertises.' },
    networkType: { cfn: 'NetworkType', tf: 'network_type', type: 'string', enum: ['dual_stack', 'ipv4', 'ipv6'], replaces: { cfn: true }, description: 'The IP versions clients connect over.' },
    preferredCacheClusterAzs: { cfn: 'PreferredCacheClusterAZs', tf: 'preferred_cache_cluster_azs', type: 'list', items: 'string', replaces: { cfn: true }, description: 'Availability Zones of the nodes, primary first.' },
    primaryClusterId: { cfn: 'PrimaryClusterId', type: 'string', description: 'An existing cluster to become the primary.' },
    logDeliveryConfigurations: logDelivery,
    applyImmediately: { tf: 'apply_immediately', type: 'bool', description: 'Apply changes now rather than in the maintenance window.' },
  },
};

export const cacheCluster: ResourceSpec = {
  kind: 'cacheCluster', cfnType: 'AWS::ElastiCache::CacheCluster', tfType: 'aws_elasticache_cluster',
  description: 'A cache cluster: Memcached nodes, or a single Valkey/Redis OSS node (or a replica joining a replication group in Terraform).',
  docUrl: cfnDoc('elasticache-cachecluster'), tfDocUrl: tfDoc('elasticache_cluster'), engines: ['memcached', 'redis', 'valkey'],
  properties: {
    clusterName: { cfn: 'ClusterName', tf: 'cluster_id', type: 'string', replaces: { cfn: true, tf: true }, description: 'The cluster\'s identifier, stored lower-case.' },
    replicationGroupId: { refers: { kinds: ['replicationGroup'] }, tf: 'replication_group_id', type: 'string', description: 'Joins a replication group as a read replica, inheriting its settings.' },
    engine: { cfn: 'Engine', tf: 'engine', type: 'string', enum: ['memcached', 'redis', 'valkey'], replaces: { cfn: true }, description: 'The engine: memcached, valkey or redis.' },
    engineVersion: { cfn: 'EngineVersion', tf: 'engine_version', type: 'string', description: 'The engine version.' },
    nodeType: { cfn: 'CacheNodeType', tf: 'node_type', type: 'string', replaces: { tf: 'conditional' }, description: 'The node type; Terraform replaces a Memcached cluster when it changes.' },
    numCacheNodes: { cfn: 'NumCacheNodes', tf: 'num_cache_nodes', type: 'int', description: 'Nodes: 1 for Valkey/Redis OSS, 1–20 for Memcached (TF docs).' },
    parameterGroupName: { refers: { kinds: ['parameterGroup'] }, cfn: 'CacheParameterGroupName', tf: 'parameter_group_name', type: 'string', description: 'The parameter group.' },
    subnetGroupName: { refers: { kinds: ['subnetGroup'] }, cfn: 'CacheSubnetGroupName', tf: 'subnet_group_name', type: 'string', replaces: { cfn: true, tf: true }, description: 'The cache subnet group.' },
    securityGroupIds: { refers: { kinds: ['securityGroup'] }, cfn: 'VpcSecurityGroupIds', tf: 'security_group_ids', type: 'list', items: 'string', description: 'VPC security groups attached to the nodes.' },
    cacheSecurityGroupNames: { cfn: 'CacheSecurityGroupNames', tf: 'security_group_names', type: 'list', items: 'string', replaces: { tf: true }, description: 'Security groups by name (EC2-Classic).' },
    azMode: {
      cfn: 'AZMode', tf: 'az_mode', type: 'string', enum: ['cross-az', 'single-az'], defaults: [{ value: 'single-az', engines: ['memcached'], sides: ['tf'], source: SRC.tfAzMode }],
      description: 'Memcached: nodes in one Availability Zone or spread across several.',
    },
    availabilityZone: { cfn: 'PreferredAvailabilityZone', tf: 'availability_zone', type: 'string', replaces: { tf: true }, description: 'The Availability Zone of a single-AZ cluster.' },
    preferredAvailabilityZones: { cfn: 'PreferredAvailabilityZones', tf: 'preferred_availability_zones', type: 'list', items: 'string', replaces: { cfn: 'conditional' }, description: 'Memcached: the Availability Zone of each node.' },
    port: {
      cfn: 'Port', tf: 'port', type: 'int', replaces: { cfn: true, tf: true },
      defaults: [{ value: 11211, engines: ['memcached'], source: SRC.port }, { value: 6379, engines: ['redis', 'valkey'], source: SRC.port }],
      description: 'The port the nodes accept connections on.',
    },
    snapshotRetentionLimit: {
      cfn: 'SnapshotRetentionLimit', tf: 'snapshot_retention_limit', type: 'int',
      defaults: [{ value: 0, engines: ['redis', 'valkey'], source: SRC.clusterSnapshots, inferred: true }],
      description: 'Valkey/Redis OSS: days automatic backups are kept; 0 turns backups off.',
    },
    snapshotWindow: { cfn: 'SnapshotWindow', tf: 'snapshot_window', type: 'string', description: 'Daily UTC backup window.' },
    snapshotArns: { cfn: 'SnapshotArns', tf: 'snapshot_arns', type: 'list', items: 'string', replaces: { cfn: true, tf: true }, description: 'An RDB file in S3 to seed the node from.' },
    snapshotName: { cfn: 'SnapshotName', tf: 'snapshot_name', type: 'string', replaces: { cfn: true, tf: true }, description: 'A snapshot to restore into the new cluster.' },
    finalSnapshotIdentifier: { tf: 'final_snapshot_identifier', type: 'string', description: 'Name of the snapshot taken on deletion.' },
    autoMinorVersionUpgrade: { cfn: 'AutoMinorVersionUpgrade', tf: 'auto_minor_version_upgrade', type: 'bool', description: 'Apply minor engine upgrades in the maintenance window.' },
    maintenanceWindow: { cfn: 'PreferredMaintenanceWindow', tf: 'maintenance_window', type: 'string', description: 'Weekly UTC maintenance window.' },
    notificationTopicArn: { cfn: 'NotificationTopicArn', tf: 'notification_topic_arn', type: 'string', description: 'SNS topic for ElastiCache events.' },
    transitEncryptionEnabled: {
      cfn: 'TransitEncryptionEnabled', tf: 'transit_encryption_enabled', type: 'bool', replaces: { tf: 'conditional' },
      defaults: [{ value: false, source: SRC.clusterTransit, inferred: true }],
      description: 'TLS to the nodes: Memcached 1.6.12+, Valkey 7.2+, Redis OSS 3.2.6/4.0.10+; Memcached only at creation.',
    },
    ipDiscovery: { cfn: 'IpDiscovery', type: 'string', enum: ['ipv4', 'ipv6'], replaces: { cfn: 'conditional' }, description: 'The IP version the discovery protocol advertises.' },
    networkType: { cfn: 'NetworkType', type: 'string', enum: ['dual_stack', 'ipv4', 'ipv6'], replaces: { cfn: true }, description: 'The IP versions clients connect over.' },
    logDeliveryConfigurations: { ...logDelivery, tf: undefined },
    applyImmediately: { tf: 'apply_immediately', type: 'bool', description: 'Apply changes now rather than in the maintenance window.' },
  },
};

export const serverlessCache: ResourceSpec = {
  kind: 'serverlessCache', cfnType: 'AWS::ElastiCache::ServerlessCache', tfType: 'aws_elasticache_serverless_cache',
  description: 'An ElastiCache Serverless cache: no nodes to size, billed for data stored and ECPUs, always TLS.',
  docUrl: cfnDoc('elasticache-serverlesscache'), tfDocUrl: tfDoc('elasticache_serverless_cache'), engines: ['memcached', 'redis', 'valkey'],
  properties: {
    name: { cfn: 'ServerlessCacheName', tf: 'name', type: 'string', replaces: { cfn: true }, description: 'The cache\'s name (required).' },
    description: { cfn: 'Description', tf: 'description', type: 'string', description: 'The cache\'s description.' },
    engine: { cfn: 'Engine', tf: 'engine', type: 'string', enum: ['memcached', 'redis', 'valkey'], description: 'The engine (required).' },
    majorEngineVersion: { cfn: 'MajorEngineVersion', tf: 'major_engine_version', type: 'string', description: 'The major engine version.' },
    cacheUsageLimits: {
      cfn: 'CacheUsageLimits', tf: 'cache_usage_limits', type: 'object', description: 'Upper (and lower) limits on data stored and ECPUs per second.',
      children: {
        dataStorage: {
          cfn: 'DataStorage', tf: 'data_storage', type: 'object', description: 'The data storage limit.',
          children: {
            maximum: { cfn: 'Maximum', tf: 'maximum', type: 'int', description: 'At most this much data (1–5,000 GB); at the limit the cache evicts.' },
            minimum: { cfn: 'Minimum', type: 'int', description: 'At least this much is billed.' },
            unit: { cfn: 'Unit', tf: 'unit', type: 'string', enum: ['GB'], description: 'The unit: GB.' },
          },
        },
        ecpuPerSecond: {
          cfn: 'ECPUPerSecond', tf: 'ecpu_per_second', type: 'object', description: 'The ECPU-per-second limit.',
          children: {
            maximum: { cfn: 'Maximum', tf: 'maximum', type: 'int', description: 'At most this many ECPUs per second (1,000–15,000,000).' },
            minimum: { cfn: 'Minimum', type: 'int', description: 'At least this many are provisioned.' },
          },
        },
      },
    },
    transitEncryptionEnabled: {
      type: 'bool', defaults: [{ value: true, source: SRC.serverlessTls, fixed: true }],
      description: 'Not a property: every serverless cache uses TLS.',
    },
    snapshotRetentionLimit: {
      cfn: 'SnapshotRetentionLimit', tf: 'snapshot_retention_limit', type: 'int',
      defaults: [{ value: 0, engines: ['redis', 'valkey'], source: SRC.serverlessSnapshots, inferred: true }],
      description: 'Days snapshots are kept (Valkey/Redis OSS).',
    },
    dailySnapshotTime: { cfn: 'DailySnapshotTime', tf: 'daily_snapshot_time', type: 'string', description: 'The daily time the snapshot is taken.' },
    snapshotArnsToRestore: { cfn: 'SnapshotArnsToRestore', tf: 'snapshot_arns', type: 'list', items: 'string', replaces: { cfn: true }, description: 'Snapshots to create the cache from.' },
    finalSnapshotName: { cfn: 'FinalSnapshotName', type: 'string', description: 'Name of the snapshot taken on deletion.' },
    kmsKeyId: { refers: { kinds: [], types: ['AWS::KMS::Key', 'AWS::KMS::Alias', 'aws_kms_key', 'aws_kms_alias'] }, cfn: 'KmsKeyId', tf: 'kms_key_id', type: 'string', replaces: { cfn: true }, description: 'Customer managed KMS key for data at rest; a service key when absent.' },
    userGroupId: { refers: { kinds: ['elasticacheUserGroup'] }, cfn: 'UserGroupId', tf: 'user_group_id', type: 'string', description: 'The RBAC user group (Valkey/Redis OSS).' },
    securityGroupIds: { refers: { kinds: ['securityGroup'] }, cfn: 'SecurityGroupIds', tf: 'security_group_ids', type: 'list', items: 'string', description: 'Security groups of the VPC endpoint; the VPC\'s default group when absent.' },
    subnetIds: { cfn: 'SubnetIds', tf: 'subnet_ids', type: 'list', items: 'string', replaces: { cfn: true }, description: 'Subnets of the VPC endpoint, all in one VPC.' },
  },
};

export const globalReplicationGroup: ResourceSpec = {
  kind: 'globalReplicationGroup', cfnType: 'AWS::ElastiCache::GlobalReplicationGroup', tfType: 'aws_elasticache_global_replication_group',
  description: 'A Global Datastore: a primary replication group replicated to up to two other Regions.',
  docUrl: cfnDoc('elasticache-globalreplicationgroup'), tfDocUrl: tfDoc('elasticache_global_replication_group'),
  properties: {
    idSuffix: { cfn: 'GlobalReplicationGroupIdSuffix', tf: 'global_replication_group_id_suffix', type: 'string', description: 'Suffix of the Global Datastore\'s name.' },
    description: { cfn: 'GlobalReplicationGroupDescription', type: 'string', description: 'The Global Datastore\'s description.' },
    members: {
      cfn: 'Members', type: 'list', items: 'object', description: 'The member groups and their roles (at least one).',
      children: {
        replicationGroupId: { cfn: 'ReplicationGroupId', type: 'string', description: 'A member replication group.' },
        replicationGroupRegion: { cfn: 'ReplicationGroupRegion', type: 'string', description: 'Its Region.' },
        role: { cfn: 'Role', type: 'string', enum: ['PRIMARY', 'SECONDARY'], description: 'PRIMARY or SECONDARY.' },
      },
    },
    primaryReplicationGroupId: { refers: { kinds: ['replicationGroup'] }, tf: 'primary_replication_group_id', type: 'string', description: 'The primary replication group.' },
    automaticFailoverEnabled: { cfn: 'AutomaticFailoverEnabled', tf: 'automatic_failover_enabled', type: 'bool', description: 'Automatic failover of the members.' },
    nodeType: { cfn: 'CacheNodeType', tf: 'cache_node_type', type: 'string', description: 'The node type of every member.' },
    engine: { cfn: 'Engine', type: 'string', description: 'The engine of every member.' },
    engineVersion: { cfn: 'EngineVersion', tf: 'engine_version', type: 'string', description: 'The engine version of every member.' },
    parameterGroupName: { refers: { kinds: ['parameterGroup'] }, cfn: 'CacheParameterGroupName', tf: 'parameter_group_name', type: 'string', description: 'The parameter group of every member.' },
    globalNodeGroupCount: { cfn: 'GlobalNodeGroupCount', type: 'int', description: 'Shards of every member.' },
    regionalConfigurations: {
      cfn: 'RegionalConfigurations', type: 'list', items: 'object', description: 'Per-Region resharding layout.',
      children: {
        replicationGroupId: { cfn: 'ReplicationGroupId', type: 'string', description: 'The member group.' },
        replicationGroupRegion: { cfn: 'ReplicationGroupRegion', type: 'string', description: 'Its Region.' },
        reshardingConfigurations: {
          cfn: 'ReshardingConfigurations', type: 'list', items: 'object', description: 'Shards and their Availability Zones.',
          children: {
            nodeGroupId: { cfn: 'NodeGroupId', type: 'string', description: 'The shard.' },
            preferredAvailabilityZones: { cfn: 'PreferredAvailabilityZones', type: 'list', items: 'string', description: 'Its Availability Zones.' },
          },
        },
      },
    },
  },
};

export const parameterGroup: ResourceSpec = {
  kind: 'parameterGroup', cfnType: 'AWS::ElastiCache::ParameterGroup', tfType: 'aws_elasticache_parameter_group',
  description: 'An ElastiCache parameter group: engine settings (maxmemory-policy, reserved-memory-percent …) for a family.',
  docUrl: cfnDoc('elasticache-parametergroup'), tfDocUrl: tfDoc('elasticache_parameter_group'),
  nameProperty: 'name',
  properties: {
    name: { tf: 'name', type: 'string', description: 'The group\'s name (CloudFormation names it itself).' },
    family: { cfn: 'CacheParameterGroupFamily', tf: 'family', type: 'string', replaces: { cfn: true }, description: 'The family: valkey8, redis7, memcached1.6 …' },
    description: { cfn: 'Description', tf: 'description', type: 'string', description: 'The group\'s description.' },
    parameters: {
      cfn: 'Properties', tf: 'parameter', type: 'map', tfType: 'list', items: 'object',
      description: 'The parameters: a name → value map in CloudFormation, parameter { name, value } blocks in Terraform.',
      children: {
        name: { tf: 'name', type: 'string', description: 'The parameter\'s name.' },
        value: { tf: 'value', type: 'string', description: 'Its value.' },
      },
    },
  },
};

export const subnetGroup: ResourceSpec = {
  kind: 'subnetGroup', cfnType: 'AWS::ElastiCache::SubnetGroup', tfType: 'aws_elasticache_subnet_group',
  description: 'A cache subnet group: the VPC subnets a cache\'s nodes are placed in.',
  docUrl: cfnDoc('elasticache-subnetgroup'), tfDocUrl: tfDoc('elasticache_subnet_group'),
  nameProperty: 'name',
  properties: {
    name: { cfn: 'CacheSubnetGroupName', tf: 'name', type: 'string', replaces: { cfn: true }, description: 'The group\'s name; `default` is the default VPC\'s group.' },
    description: { cfn: 'Description', tf: 'description', type: 'string', description: 'The group\'s description.' },
    subnetIds: { cfn: 'SubnetIds', tf: 'subnet_ids', type: 'list', items: 'string', description: 'The subnets.' },
  },
};

export const elasticacheUser: ResourceSpec = {
  kind: 'elasticacheUser', cfnType: 'AWS::ElastiCache::User', tfType: 'aws_elasticache_user',
  description: 'An ElastiCache RBAC user: a name, an access string, and how it authenticates.',
  docUrl: cfnDoc('elasticache-user'), tfDocUrl: tfDoc('elasticache_user'), engines: ENGINES_RG,
  nameProperty: 'userId',
  properties: {
    userId: { cfn: 'UserId', tf: 'user_id', type: 'string', replaces: { cfn: true }, description: 'The user\'s id.' },
    userName: { cfn: 'UserName', tf: 'user_name', type: 'string', replaces: { cfn: true }, description: 'The name clients AUTH with.' },
    engine: { cfn: 'Engine', tf: 'engine', type: 'string', enum: ['redis', 'valkey'], description: 'The engine: redis or valkey.' },
    accessString: { cfn: 'AccessString', tf: 'access_string', type: 'string', secret: true, description: 'The ACL rules: keys and commands the user may use.' },
    authenticationMode: {
      cfn: 'AuthenticationMode', tf: 'authentication_mode', type: 'object', secret: true, description: 'How the user authenticates.',
      children: {
        type: { cfn: 'Type', tf: 'type', type: 'string', enum: ['iam', 'no-password-required', 'password'], description: 'password, no-password-required or iam.' },
        passwords: { cfn: 'Passwords', tf: 'passwords', type: 'list', items: 'string', secret: true, description: 'One or two passwords.' },
      },
    },
    noPasswordRequired: { cfn: 'NoPasswordRequired', tf: 'no_password_required', type: 'bool', secret: true, description: 'The user needs no password.' },
    passwords: { cfn: 'Passwords', tf: 'passwords', type: 'list', items: 'string', secret: true, description: 'One or two passwords.' },
  },
};

export const elasticacheUserGroup: ResourceSpec = {
  kind: 'elasticacheUserGroup', cfnType: 'AWS::ElastiCache::UserGroup', tfType: 'aws_elasticache_user_group',
  description: 'An ElastiCache RBAC user group: the users a replication group or serverless cache accepts.',
  docUrl: cfnDoc('elasticache-usergroup'), tfDocUrl: tfDoc('elasticache_user_group'), engines: ENGINES_RG,
  nameProperty: 'userGroupId',
  properties: {
    userGroupId: { cfn: 'UserGroupId', tf: 'user_group_id', type: 'string', replaces: { cfn: true }, description: 'The group\'s id.' },
    engine: { cfn: 'Engine', tf: 'engine', type: 'string', enum: ['redis', 'valkey'], tfEnum: ['REDIS'], description: 'The engine (the Terraform docs cited say REDIS).' },
    userIds: { refers: { kinds: ['elasticacheUser'] }, cfn: 'UserIds', tf: 'user_ids', type: 'list', items: 'string', description: 'The users in the group (at least one in CloudFormation).' },
  },
};

/**
 * Terraform arguments that older provider versions nested in a block, by resource type and the block's canonical
 * property: the block's arguments, canonically. Provider v3's `cluster_mode { replicas_per_node_group,
 * num_node_groups }` on a replication group was deprecated in v4 ("use root-level num_node_groups and
 * replicas_per_node_group instead") and removed in v5, where `cluster_mode` became the string above. The nested
 * arguments are spelt as the flat ones and mean the same, so the Terraform readers lift them to the top level.
 */
export const TF_LEGACY_BLOCKS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  aws_elasticache_replication_group: { clusterMode: ['replicasPerNodeGroup', 'numNodeGroups'] },
};
