/**
 * Where the table's defaults and replacement facts come from, named once. "aws-facts" is
 * ../shared/reference/aws-facts.md (copied facts; it wins over everything else); "cfn-lint" the schemas installed
 * with cfn-lint (snapshot: knowledge/data/cfn-schema-names.json); "tf" the Terraform AWS provider docs it cites.
 */
export const SRC = {
  apiTransit: 'aws-facts.md §2b in-transit TLS: API default false (CreateReplicationGroup); cfn-lint ReplicationGroup schema default false',
  apiAtRest: 'aws-facts.md §2b at-rest encryption: API default true for Valkey, false for Redis OSS (CreateReplicationGroup); TF states the same',
  apiFailover: 'aws-facts.md §2b auto failover: API default false; TF "Defaults to false"; cfn-lint schema default false',
  tfMultiAz: 'aws-facts.md §2b Multi-AZ: TF default false (elasticache_replication_group.html.markdown)',
  tfNumCacheClusters: 'TF elasticache_replication_group.html.markdown: num_cache_clusters "Defaults to 1"',
  apiShards: 'aws-facts.md §2b shards: API default 1; cfn-lint schema default 1',
  apiSnapshots: 'aws-facts.md §2b backups: API default 0 = automatic backups disabled; cfn-lint schema default 0',
  tfEngine: 'aws-facts.md §2b engine: TF default `redis`',
  tfMinor: 'aws-facts.md §2b minor upgrades: TF default true',
  port: 'aws-facts.md §2b port: Redis/Valkey 6379, Memcached 11211 (TF docs: "the default port")',
  tfAzMode: 'TF elasticache_cluster.html.markdown: az_mode "default is single-az"',
  clusterTransit:
    'aws-facts.md §2b gives the API default false for CreateReplicationGroup only; the same default for cache clusters is inferred (transit-encryption-disabled has applied it since its first release)',
  clusterSnapshots: 'RULES.md backups-disabled: "absent = 0"; the API default 0 is stated for replication groups (aws-facts.md §2b)',
  serverlessTls: 'aws-facts.md §4: "All serverless caches have in-transit encryption enabled"',
  serverlessSnapshots: 'RULES.md backups-disabled: "absent = 0" (aws-facts.md states no serverless default)',
  memorydbTls: 'aws-facts.md §2b MemoryDB TLS: TF "defaults to true"; §4: MemoryDB TLSEnabled is create-only (default true)',
  tfMemorydb: 'aws-facts.md §2b MemoryDB rows (TF memorydb_cluster.html.markdown)',
} as const;

export function cfnDoc(page: string): string {
  return `https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-${page}.html`;
}

export function tfDoc(page: string): string {
  return `https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/${page}`;
}
