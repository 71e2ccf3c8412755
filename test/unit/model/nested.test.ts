/**
 * Nested values are named canonically in every format, so one path reads the same property in CloudFormation YAML,
 * HCL and Terraform JSON: `cacheUsageLimits.dataStorage.maximum`, lists of objects (node groups, inline ingress),
 * and maps whose keys are data (parameter names) left as written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { propertyAt } from '../../../server/src/model/effective';
import type { IacValue } from '../../../server/src/model/iac';
import { at, cfn, textAt, tf } from './support';

const literal = (v: IacValue | undefined) => (v?.kind === 'literal' ? v.value : `<${v?.kind}>`);

const CFN_SERVERLESS = [
  'Resources:',
  '  Cache:',
  '    Type: AWS::ElastiCache::ServerlessCache',
  '    Properties:',
  '      Engine: valkey',
  '      CacheUsageLimits:',
  '        DataStorage:',
  '          Maximum: 100',
  '          Unit: GB',
  '        ECPUPerSecond:',
  '          Maximum: 5000',
  '',
].join('\n');

const HCL_SERVERLESS = [
  'resource "aws_elasticache_serverless_cache" "c" {',
  '  engine = "valkey"',
  '  cache_usage_limits {',
  '    data_storage {',
  '      maximum = 100',
  '      unit    = "GB"',
  '    }',
  '    ecpu_per_second {',
  '      maximum = 5000',
  '    }',
  '  }',
  '}',
  '',
].join('\n');

const JSON_SERVERLESS = JSON.stringify({
  resource: { aws_elasticache_serverless_cache: { c: { engine: 'valkey', cache_usage_limits: [{ data_storage: [{ maximum: 100, unit: 'GB' }], ecpu_per_second: { maximum: 5000 } }] } } },
}, null, 2);

test('CloudFormation: CacheUsageLimits.DataStorage.Maximum reads as cacheUsageLimits.dataStorage.maximum, with its ranges', () => {
  const [r] = cfn(CFN_SERVERLESS);
  const max = propertyAt(r, 'cacheUsageLimits.dataStorage.maximum')!;
  assert.deepEqual([max.name, max.writtenName, literal(max.value), at(max.keyRange), at(max.value.range)], ['maximum', 'Maximum', 100, '8:11-8:18', '8:20-8:23']);
  assert.equal(literal(propertyAt(r, 'cacheUsageLimits.dataStorage.unit')?.value), 'GB');
  const ecpu = propertyAt(r, 'cacheUsageLimits.ecpuPerSecond.maximum')!;
  assert.deepEqual([literal(ecpu.value), at(ecpu.value.range)], [5000, '11:20-11:24']);
  const limits = r.properties.get('cacheUsageLimits')!.value;
  assert.ok(limits.kind === 'object');
  assert.deepEqual([...limits.entries.keys()], ['dataStorage', 'ecpuPerSecond']);
  // The file's own spelling still answers, for readers written before nested names were canonical.
  assert.equal(limits.entries.get('DataStorage'), limits.entries.get('dataStorage'));
});

test('HCL: the same path through nested blocks, with its ranges', async () => {
  const [r] = await tf(HCL_SERVERLESS);
  const max = propertyAt(r, 'cacheUsageLimits.dataStorage.maximum')!;
  assert.deepEqual([max.name, max.writtenName, literal(max.value), at(max.keyRange), at(max.value.range)], ['maximum', 'maximum', 100, '5:7-5:14', '5:17-5:20']);
  const ecpu = propertyAt(r, 'cacheUsageLimits.ecpuPerSecond.maximum')!;
  assert.deepEqual([literal(ecpu.value), at(ecpu.value.range)], [5000, '9:17-9:21']);
  const limits = r.properties.get('cacheUsageLimits')!;
  assert.deepEqual([limits.writtenName, at(limits.keyRange)], ['cache_usage_limits', '3:3-3:21']);
});

test('Terraform JSON: the same path through arrays of one object and plain objects', async () => {
  const [r] = await tf(JSON_SERVERLESS, 'main.tf.json');
  const max = propertyAt(r, 'cacheUsageLimits.dataStorage.maximum')!;
  assert.deepEqual([max.writtenName, literal(max.value), textAt(JSON_SERVERLESS, max.value.range)], ['maximum', 100, '100']);
  const ecpu = propertyAt(r, 'cacheUsageLimits.ecpuPerSecond.maximum')!;
  assert.deepEqual([literal(ecpu.value), textAt(JSON_SERVERLESS, ecpu.value.range)], [5000, '5000']);
});

test('lists of objects: node groups in CloudFormation and repeated node_group_configuration blocks', async () => {
  const [c] = cfn('Resources:\n  G:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      NodeGroupConfiguration:\n        - NodeGroupId: "0001"\n          ReplicaCount: 2\n        - NodeGroupId: "0002"\n          ReplicaCount: 1\n');
  const [t] = await tf('resource "aws_elasticache_replication_group" "g" {\n  node_group_configuration {\n    node_group_id = "0001"\n    replica_count = 2\n  }\n  node_group_configuration {\n    node_group_id = "0002"\n    replica_count = 1\n  }\n}\n');
  for (const r of [c, t]) {
    const groups = r.properties.get('nodeGroupConfiguration')!.value;
    assert.ok(groups.kind === 'list', r.type);
    const rows = groups.items.map((g) => (g.kind === 'object' ? [...g.entries].map(([k, p]) => `${k}=${literal(p.value)}`) : []));
    assert.deepEqual(rows, [['nodeGroupId=0001', 'replicaCount=2'], ['nodeGroupId=0002', 'replicaCount=1']], r.type);
  }
  // Several blocks: no one of them is "the" value below, so a path through them is unknown, not absent.
  assert.equal(propertyAt(t, 'nodeGroupConfiguration.replicaCount')?.value.kind, 'unknown');
});

test('inline ingress: CloudFormation SecurityGroupIngress items and Terraform ingress blocks share canonical names', async () => {
  const [c] = cfn('Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: cache\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 6379\n          ToPort: 6379\n          CidrIp: 0.0.0.0/0\n');
  const [t] = await tf('resource "aws_security_group" "sg" {\n  ingress {\n    from_port   = 6379\n    to_port     = 6379\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n');
  const ci = c.properties.get('ingress')!.value;
  assert.ok(ci.kind === 'list' && ci.items[0].kind === 'object');
  assert.deepEqual([...ci.items[0].entries.keys()], ['ipProtocol', 'fromPort', 'toPort', 'cidrIpv4']);
  assert.equal(literal(ci.items[0].entries.get('cidrIpv4')!.value), '0.0.0.0/0');
  const ti = t.properties.get('ingress')!.value;
  assert.ok(ti.kind === 'object');
  assert.deepEqual([...ti.entries.keys()], ['fromPort', 'toPort', 'ipProtocol', 'cidrIpv4']);
  const cidrs = ti.entries.get('cidrIpv4')!.value;
  assert.ok(cidrs.kind === 'list');
  assert.deepEqual([cidrs.items.map(literal), at(cidrs.range)], [['0.0.0.0/0'], '6:19-6:32']);
});

test('a parameter group\'s parameter names are data: CloudFormation keys stay as written, Terraform blocks get name/value', async () => {
  const [c] = cfn('Resources:\n  P:\n    Type: AWS::ElastiCache::ParameterGroup\n    Properties:\n      CacheParameterGroupFamily: valkey8\n      Description: p\n      Properties:\n        maxmemory-policy: noeviction\n        reserved-memory-percent: "10"\n');
  const params = c.properties.get('parameters')!.value;
  assert.ok(params.kind === 'object');
  assert.deepEqual([...params.entries].map(([k, p]) => `${k}=${literal(p.value)}`), ['maxmemory-policy=noeviction', 'reserved-memory-percent=10']);
  const [t] = await tf('resource "aws_elasticache_parameter_group" "p" {\n  family = "valkey8"\n  parameter {\n    name  = "maxmemory-policy"\n    value = "noeviction"\n  }\n}\n');
  const block = t.properties.get('parameters')!.value;
  assert.ok(block.kind === 'object');
  assert.deepEqual([...block.entries].map(([k, p]) => `${k}=${literal(p.value)}`), ['name=maxmemory-policy', 'value=noeviction']);
});

test('a nested value behind an intrinsic is unknown below it, not absent', () => {
  const [r] = cfn('Conditions:\n  Big: !Equals [a, a]\nResources:\n  Cache:\n    Type: AWS::ElastiCache::ServerlessCache\n    Properties:\n      Engine: valkey\n      CacheUsageLimits: !If [Big, {DataStorage: {Maximum: 10, Unit: GB}}, !Ref AWS::NoValue]\n');
  // Since conditions are values (issue 7) the !If is a choice at every depth: 10 when Big is true, unset otherwise.
  const p = propertyAt(r, 'cacheUsageLimits.dataStorage.maximum')!;
  assert.ok(p.value.kind === 'choice');
  assert.deepEqual([p.value.condition.name, p.value.then?.kind === 'literal' && p.value.then.value, p.value.else], ['Big', 10, undefined]);
  assert.equal(propertyAt(r, 'description'), undefined);
});
