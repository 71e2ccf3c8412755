/** Generated, realistic-looking inputs of a given size for the benchmark (deterministic, no randomness). */

export function cloudFormationYaml(resources: number): string {
  const out = ["AWSTemplateFormatVersion: '2010-09-09'", 'Parameters:', '  Env:', '    Type: String', '    Default: dev', 'Resources:'];
  for (let i = 0; i < resources; i++) {
    out.push(
      `  Cache${i}:`, '    Type: AWS::ElastiCache::ReplicationGroup', '    Properties:',
      `      ReplicationGroupDescription: !Sub 'cache ${i} in \${Env}'`, '      Engine: valkey', '      CacheNodeType: cache.r7g.large',
      '      NumCacheClusters: 2', '      AutomaticFailoverEnabled: true', `      TransitEncryptionEnabled: ${i % 3 === 0 ? 'false' : 'true'}`,
      '      SecurityGroupIds:', `        - !GetAtt Sg${i}.GroupId`,
      `  Sg${i}:`, '    Type: AWS::EC2::SecurityGroup', '    Properties:', `      GroupDescription: cache ${i}`, '      VpcId: !ImportValue vpc-id',
    );
  }
  return out.join('\n') + '\n';
}

export function cloudFormationJson(resources: number): string {
  const r: Record<string, unknown> = {};
  for (let i = 0; i < resources; i++) {
    r[`Cache${i}`] = { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: { ReplicationGroupDescription: `cache ${i}`, Engine: 'redis', CacheNodeType: 'cache.m7g.large', NumCacheClusters: 2, TransitEncryptionEnabled: i % 2 === 0, SecurityGroupIds: [{ 'Fn::GetAtt': [`Sg${i}`, 'GroupId'] }] } };
    r[`Sg${i}`] = { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: `cache ${i}`, VpcId: { 'Fn::ImportValue': 'vpc-id' } } };
  }
  return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: r }, null, 2) + '\n';
}

export function terraform(resources: number): string {
  const out = ['variable "env" {', '  type    = string', '  default = "dev"', '}', ''];
  for (let i = 0; i < resources; i++) {
    out.push(
      `resource "aws_elasticache_replication_group" "cache_${i}" {`,
      `  replication_group_id       = "cache-${i}-\${var.env}"`, `  description                = "cache ${i}"`, '  engine                     = "valkey"',
      '  node_type                  = "cache.r7g.large"', '  num_cache_clusters         = 2', '  automatic_failover_enabled = true',
      `  transit_encryption_enabled = ${i % 3 === 0 ? 'false' : 'true'}`, `  security_group_ids         = [aws_security_group.sg_${i}.id]`, '}', '',
      `resource "aws_security_group" "sg_${i}" {`, `  name   = "cache-${i}"`, '  vpc_id = var.vpc_id', '}', '',
    );
  }
  return out.join('\n');
}

export function python(functions: number): string {
  const out = ['import json', 'import redis', 'from redis.cluster import RedisCluster', '', 'r = redis.Redis(host="cache", ssl=True)', 'rc = RedisCluster(host="cluster")', ''];
  for (let i = 0; i < functions; i++) {
    out.push(
      `def handler_${i}(user_id, payload):`, `    key = f"user:{user_id}:item${i}"`, '    data = json.dumps(payload)',
      `    r.set(key, data${i % 2 ? ', ex=300' : ''})`, '    r.hset(f"h:{user_id}", "field", data)', `    r.expire(f"h:{user_id}", 60)`,
      `    values = rc.mget(f"{{user:{user_id}}}:a${i}", f"{{user:{user_id}}}:b${i}")`, '    config = {"a": 1}', '    for k in config.keys():',
      '        print(k)', '    return values', '',
    );
  }
  return out.join('\n');
}

export function typescript(functions: number): string {
  const out = ["import Redis, { Cluster } from 'ioredis';", '', "const redis = new Redis('rediss://cache:6379');", "const cluster = new Cluster([{ host: 'c', port: 6379 }]);", ''];
  for (let i = 0; i < functions; i++) {
    out.push(
      `export async function handler${i}(userId: string, payload: unknown): Promise<unknown> {`, `  const key = \`user:\${userId}:item${i}\`;`,
      `  await redis.set(key, JSON.stringify(payload)${i % 2 ? ", 'EX', 300" : ''});`, '  await redis.hset(`h:${userId}`, "field", "v");', '  await redis.expire(`h:${userId}`, 60);',
      `  const values = await cluster.mget(\`{user:\${userId}}:a${i}\`, \`{user:\${userId}}:b${i}\`);`, '  const headers = new Map<string, string>();',
      '  for (const k of headers.keys()) console.log(k);', '  return values;', '}', '',
    );
  }
  return out.join('\n');
}

/** Application code that never touches the cache: most files in a real workspace. */
export function pythonWithoutCache(functions: number): string {
  const out = ['import json', 'import logging', '', 'log = logging.getLogger(__name__)', ''];
  for (let i = 0; i < functions; i++) {
    out.push(
      `def handler_${i}(user_id, payload):`, `    key = f"user:{user_id}:item${i}"`, '    data = json.dumps(payload)', '    config = {"a": 1}',
      '    for k in config.keys():', '        log.info("%s %s", k, key)', `    result = [x * ${i} for x in range(10) if x % 2]`, '    return data, result', '',
    );
  }
  return out.join('\n');
}
