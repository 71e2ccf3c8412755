/**
 * The resource table against the cfn-lint us_east_1 schemas (snapshot knowledge/data/cfn-schema-names.json, made by
 * scripts/cfn-schema-names.py): every CloudFormation spelling exists at its depth, createOnly matches the schema's
 * createOnlyProperties, enums match, every writable property of every modelled type is in the table, and every
 * property has the spellings its formats need.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  RESOURCE_TYPES, RESOURCE_SCHEMAS, propertySpec, replacesResource, schemaFor, valueTypeIn, writtenName, type PropertySpec, type ResourceSpec,
} from '../../../server/src/model/iac-schema';

interface CfnNode { type?: string; enum?: string[]; default?: unknown; properties?: Record<string, CfnNode>; items?: CfnNode }
interface CfnType { properties: Record<string, CfnNode>; createOnlyProperties?: string[]; conditionalCreateOnlyProperties?: string[]; readOnlyProperties?: string[] }

const SNAPSHOT = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../knowledge/data/cfn-schema-names.json'), 'utf8')) as { types: Record<string, CfnType> };

/** Properties CloudFormation has that cachelint does not model on purpose. */
const NOT_MODELLED = new Set(['Tags']);

const TYPE_OF: Record<string, PropertySpec['type'][]> = {
  boolean: ['bool'], integer: ['int'], string: ['string', 'bool'], array: ['list'], object: ['object', 'map'], 'object|string': ['map'],
};

function cfnChildren(node: CfnNode): Record<string, CfnNode> | undefined {
  return node.properties ?? node.items?.properties;
}

/** Every CloudFormation spelling of a level, checked against the schema node beside it. */
function checkLevel(where: string, specs: Readonly<Record<string, PropertySpec>>, schema: Record<string, CfnNode>, cfnPath: string, type: CfnType) {
  for (const [canonical, spec] of Object.entries(specs)) {
    if (!spec.cfn) continue;
    const node = schema[spec.cfn];
    assert.ok(node, `${where}.${canonical}: ${spec.cfn} is not in the schema`);
    const pointer = `${cfnPath}/${spec.cfn}`;
    assert.ok(TYPE_OF[node.type ?? 'object']?.includes(spec.type), `${where}.${canonical}: schema type ${node.type}, table ${spec.type}`);
    if (node.enum) assert.deepEqual([...(spec.enum ?? [])].sort(), node.enum, `${where}.${canonical}: enum`);
    if (node.type === 'array' && node.items?.type) assert.equal(spec.items, node.items.type === 'integer' ? 'int' : node.items.type, `${where}.${canonical}: items`);
    const createOnly = type.createOnlyProperties?.includes(pointer) ? true : type.conditionalCreateOnlyProperties?.includes(pointer) ? 'conditional' : false;
    if (cfnPath === '/properties') assert.equal(replacesResource(spec, 'cfn'), createOnly, `${where}.${canonical}: createOnly`);
    const children = cfnChildren(node);
    if (spec.children && children) checkLevel(`${where}.${canonical}`, spec.children, children, `${pointer}`, type);
  }
}

function writable(type: CfnType, name: string, node: CfnNode): boolean {
  const ro = new Set(type.readOnlyProperties ?? []);
  if (ro.has(`/properties/${name}`) || NOT_MODELLED.has(name)) return false;
  // An object all of whose members are read-only (an endpoint) is read-only too.
  const kids = node.properties ? Object.keys(node.properties) : [];
  return !(kids.length && kids.every((k) => ro.has(`/properties/${name}/${k}`)));
}

const cfnTypes = RESOURCE_TYPES.filter((r): r is ResourceSpec & { cfnType: string } => r.cfnType !== undefined);

test('the table covers the fifteen CloudFormation types and every Terraform type issue 7 lists', () => {
  assert.deepEqual(cfnTypes.map((r) => r.cfnType).sort(), Object.keys(SNAPSHOT.types).sort());
  assert.deepEqual(RESOURCE_TYPES.flatMap((r) => (r.tfType ? [r.tfType] : [])).sort(), [
    'aws_elasticache_cluster', 'aws_elasticache_global_replication_group', 'aws_elasticache_parameter_group', 'aws_elasticache_replication_group',
    'aws_elasticache_serverless_cache', 'aws_elasticache_subnet_group', 'aws_elasticache_user', 'aws_elasticache_user_group',
    'aws_memorydb_acl', 'aws_memorydb_cluster', 'aws_memorydb_parameter_group', 'aws_memorydb_subnet_group', 'aws_memorydb_user',
    'aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule',
  ]);
});

for (const r of cfnTypes) {
  test(`${r.cfnType}: names, types, enums and createOnly match the cfn-lint schema`, () => {
    const type = SNAPSHOT.types[r.cfnType];
    checkLevel(r.cfnType, r.properties, type.properties, '/properties', type);
  });

  test(`${r.cfnType}: every writable schema property is in the table`, () => {
    const type = SNAPSHOT.types[r.cfnType];
    const spelled = new Set(Object.values(r.properties).map((p) => p.cfn));
    const missing = Object.entries(type.properties).filter(([name, node]) => writable(type, name, node) && !spelled.has(name)).map(([n]) => n);
    assert.deepEqual(missing, []);
  });
}

test('every property has a description, a spelling in each format the resource has (or a default that needs none), and unique spellings', () => {
  const walk = (where: string, specs: Readonly<Record<string, PropertySpec>>, r: ResourceSpec) => {
    const seen = { cfn: new Map<string, string>(), tf: new Map<string, string>() };
    for (const [canonical, spec] of Object.entries(specs)) {
      assert.ok(spec.description.length > 5, `${where}.${canonical}: description`);
      const spelledSomewhere = (r.cfnType && spec.cfn) || (r.tfType && spec.tf) || spec.defaults?.some((d) => d.fixed);
      assert.ok(spelledSomewhere, `${where}.${canonical}: no spelling in any format of the resource`);
      for (const side of ['cfn', 'tf'] as const) {
        const name = spec[side];
        if (!name) continue;
        assert.equal(seen[side].get(name), undefined, `${where}: ${name} spells both ${seen[side].get(name)} and ${canonical}`);
        seen[side].set(name, canonical);
        assert.match(name, side === 'cfn' ? /^[A-Z][A-Za-z0-9]*$/ : /^[a-z][a-z0-9_]*$/, `${where}.${canonical}: ${side} spelling ${name}`);
      }
      for (const d of spec.defaults ?? []) assert.ok(d.source.length > 10, `${where}.${canonical}: default without a source`);
      if (spec.children) walk(`${where}.${canonical}`, spec.children, r);
    }
  };
  for (const r of RESOURCE_TYPES) {
    assert.match(r.docUrl, /^https:\/\/docs\.aws\.amazon\.com\//, r.kind);
    walk(r.cfnType ?? r.tfType!, r.properties, r);
  }
});

test('nested spellings and shapes: CacheUsageLimits.DataStorage.Maximum ↔ cache_usage_limits.data_storage.maximum', () => {
  const cfn = { type: 'AWS::ElastiCache::ServerlessCache' }, tf = { type: 'aws_elasticache_serverless_cache' };
  assert.equal(writtenName(cfn, 'cacheUsageLimits.dataStorage.maximum'), 'CacheUsageLimits.DataStorage.Maximum');
  assert.equal(writtenName(tf, 'cacheUsageLimits.dataStorage.maximum'), 'cache_usage_limits.data_storage.maximum');
  assert.equal(writtenName(tf, 'cacheUsageLimits.ecpuPerSecond.maximum'), 'cache_usage_limits.ecpu_per_second.maximum');
  // Minimum is in the CloudFormation schema; the Terraform doc cited names no minimum, so it stays canonical there.
  assert.equal(writtenName(tf, 'cacheUsageLimits.dataStorage.minimum'), 'cache_usage_limits.data_storage.minimum');
  assert.equal(propertySpec('aws_elasticache_serverless_cache', 'cacheUsageLimits.dataStorage.minimum')?.tf, undefined);
  assert.equal(writtenName({ type: 'aws_memorydb_cluster' }, 'tlsEnabled'), 'tls_enabled');
  assert.equal(writtenName({ type: 'AWS::MemoryDB::Cluster' }, 'kmsKeyId'), 'KmsKeyId');
  assert.equal(writtenName({ type: 'aws_memorydb_cluster' }, 'kmsKeyId'), 'kms_key_arn');
  const cidr = propertySpec('AWS::EC2::SecurityGroup', 'ingress.cidrIpv4')!;
  assert.deepEqual([cidr.cfn, valueTypeIn(cidr, 'cfn'), cidr.tf, valueTypeIn(cidr, 'tf')], ['CidrIp', 'string', 'cidr_blocks', 'list']);
  assert.equal(schemaFor('tf', 'aws_security_group_rule')?.schema.kind, 'securityGroupRule');
  assert.equal(schemaFor('cfn', 'AWS::ElastiCache::SecurityGroup'), undefined);
});

test('replacement per format: CloudFormation from the schema, Terraform only where the docs cited say so', () => {
  const spec = (type: string, p: string) => propertySpec(type, p)!;
  assert.equal(replacesResource(spec('AWS::ElastiCache::ReplicationGroup', 'atRestEncryptionEnabled'), 'cfn'), true);
  assert.equal(replacesResource(spec('AWS::ElastiCache::ReplicationGroup', 'transitEncryptionEnabled'), 'cfn'), false);
  assert.equal(replacesResource(spec('aws_elasticache_replication_group', 'transitEncryptionEnabled'), 'tf'), 'conditional');
  assert.equal(replacesResource(spec('aws_memorydb_cluster', 'tlsEnabled'), 'tf'), true);
  assert.equal(replacesResource(spec('aws_elasticache_replication_group', 'multiAzEnabled'), 'tf'), 'unknown');
  assert.equal(replacesResource(spec('AWS::ElastiCache::ReplicationGroup', 'authToken'), 'cfn'), 'conditional');
});

test('the flat view keeps the names the fuzz generators read', () => {
  const rg = RESOURCE_SCHEMAS.find((s) => s.kind === 'replicationGroup')!;
  assert.deepEqual(rg.properties.transitEncryptionEnabled, ['TransitEncryptionEnabled', 'transit_encryption_enabled']);
  assert.deepEqual(RESOURCE_SCHEMAS.find((s) => s.kind === 'cacheCluster')!.properties.securityGroupIds, ['VpcSecurityGroupIds', 'security_group_ids']);
});
