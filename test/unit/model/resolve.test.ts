/**
 * resolve(): a cache's subnet group, security groups, parameter group, user groups and KMS key, by logical id or
 * Terraform address (across the module's files), by `!Sub '${X}'`, and by literal name; and look-alikes that
 * must not resolve (a reference to another kind, to nothing declared, a name of another kind, another case).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveProperty, type Resolution } from '../../../server/src/model/resolve';
import type { IacModel } from '../../../server/src/model/iac';
import { parseInModule, readDir } from './module-support';
import { Grammars } from '../../../server/src/engine/grammars';
import { LineIndex } from '../../../server/src/engine/text';
import { nodeGrammarSource } from '../../../server/src/host/nodeGrammars';
import { cloudformation } from '../../../server/src/formats/cloudformation';

const TF = path.join(__dirname, '../../fixtures/terraform/module-refs');

/** One word per resolution: `resource:<type>.<name>@<file>`, `declared:<address>`, `external:<name>`, `unknown`, `absent`. */
function show(r: Resolution): string {
  switch (r.kind) {
    case 'resource': return `resource:${r.resource.type}.${r.resource.name}${r.path ? '@' + path.basename(r.path) : ''} by ${r.by}`;
    case 'declared': return `declared:${r.address}${r.path ? '@' + path.basename(r.path) : ''}`;
    case 'external': return `external:${r.name}`;
    default: return r.kind;
  }
}

function table(model: IacModel, name: string, props: string[]): Record<string, string[]> {
  const resource = model.resources.find((r) => r.name === name)!;
  return Object.fromEntries(props.map((p) => [p, (resolveProperty(model, resource, p) ?? []).map(show)]));
}

const PROPS = ['subnetGroupName', 'securityGroupIds', 'parameterGroupName', 'userGroupIds', 'kmsKeyId'];

test('Terraform: references by address resolve across the module files, each to its exact target', async () => {
  const { model } = await parseInModule(readDir(TF), 'main.tf');
  assert.deepEqual(table(model, 'by_address', PROPS), {
    subnetGroupName: ['resource:aws_elasticache_subnet_group.cache@network.tf by reference'],
    securityGroupIds: ['resource:aws_security_group.cache@network.tf by reference', 'external:sg-0123456789abcdef0', 'unknown'],
    parameterGroupName: ['resource:aws_elasticache_parameter_group.lru@params.tf.json by reference'],
    userGroupIds: ['resource:aws_elasticache_user_group.app@params.tf.json by reference'],
    kmsKeyId: ['declared:aws_kms_key.cache@network.tf'],
  });
});

test('Terraform: literal names (and a variable\'s default from another file) resolve to the resource of that name', async () => {
  const { model } = await parseInModule(readDir(TF), 'main.tf');
  assert.deepEqual(table(model, 'by_name', PROPS), {
    subnetGroupName: ['resource:aws_elasticache_subnet_group.cache@network.tf by name'],
    securityGroupIds: ['absent'],
    parameterGroupName: ['resource:aws_elasticache_parameter_group.lru@params.tf.json by name'],
    userGroupIds: ['resource:aws_elasticache_user_group.app@params.tf.json by name'],
    kmsKeyId: ['external:arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
  });
});

test('Terraform look-alikes: another kind of the same name, an undeclared address, a name in another case, a non-key resource', async () => {
  const { model } = await parseInModule(readDir(TF), 'main.tf');
  assert.deepEqual(table(model, 'look_alikes', PROPS), {
    subnetGroupName: ['unknown'],
    securityGroupIds: ['unknown'],
    parameterGroupName: ['external:default.redis7'],
    userGroupIds: ['external:Cache-Subnets'],
    kmsKeyId: ['unknown'],
  });
  const r = model.resources.find((x) => x.name === 'look_alikes')!;
  const why = (p: string) => (resolveProperty(model, r, p)![0] as { why: string }).why;
  assert.equal(why('subnetGroupName'), 'it refers to aws_memorydb_subnet_group.cache, a aws_memorydb_subnet_group, which is not what it takes');
  assert.equal(why('securityGroupIds'), 'it refers to aws_security_group.cache2, which no file of the module declares');
  assert.equal(why('kmsKeyId'), 'it refers to aws_s3_bucket.logs, a aws_s3_bucket, which is not what it takes');
});

test('Terraform: without the other files, nothing resolves by address and names stay external', async () => {
  const files = readDir(TF).filter((f) => path.basename(f.path) === 'main.tf');
  const { model } = await parseInModule(files, 'main.tf');
  assert.deepEqual(table(model, 'by_address', ['subnetGroupName', 'kmsKeyId']), { subnetGroupName: ['unknown'], kmsKeyId: ['unknown'] });
  // The variable is declared nowhere it was shown: its value, and so the group it names, is unknown.
  assert.deepEqual(table(model, 'by_name', ['subnetGroupName', 'parameterGroupName']), { subnetGroupName: ['external:cache-subnets'], parameterGroupName: ['unknown'] });
});

test('Terraform: a name that a variable without a value may hold is unknown, not external', async () => {
  const files = readDir(TF).map((f) => (path.basename(f.path) === 'network.tf'
    ? { ...f, text: f.text.replace('name       = "cache-subnets"\n  subnet_ids = ["subnet-1", "subnet-2"]\n}\n\nresource "aws_memorydb', 'name       = var.subnet_group\n  subnet_ids = ["subnet-1", "subnet-2"]\n}\n\nresource "aws_memorydb') }
    : f));
  const { model } = await parseInModule(files, 'main.tf');
  const r = model.resources.find((x) => x.name === 'by_name')!;
  const [res] = resolveProperty(model, r, 'subnetGroupName')!;
  assert.deepEqual(res, { kind: 'unknown', why: "'cache-subnets' may name cache, whose name cannot be known" });
});

test('CloudFormation: !Ref, !GetAtt and !Sub resolve by logical id; literal names and parameter defaults by name; look-alikes do not', async () => {
  const text = fs.readFileSync(path.join(__dirname, 'fixtures/refs.yaml'), 'utf8');
  const parsed = cloudformation.parse({ path: 'refs.yaml', text }, new LineIndex(text), new Grammars(nodeGrammarSource()))!;
  const model = parsed.model;
  const props = ['subnetGroupName', 'securityGroupIds', 'parameterGroupName', 'kmsKeyId'];
  assert.deepEqual(table(model, 'ByRef', props), {
    subnetGroupName: ['resource:AWS::ElastiCache::SubnetGroup.Subnets by reference'],
    securityGroupIds: ['resource:AWS::EC2::SecurityGroup.CacheSG by reference', 'resource:AWS::EC2::SecurityGroup.CacheSG by reference', 'external:sg-0123456789abcdef0'],
    parameterGroupName: ['resource:AWS::ElastiCache::ParameterGroup.Params by reference'],
    kmsKeyId: ['declared:Key'],
  });
  assert.deepEqual(table(model, 'ByName', props), {
    subnetGroupName: ['resource:AWS::ElastiCache::SubnetGroup.Subnets by name'],
    // `${CacheSG.GroupId}-x` is a computed string, not a reference.
    securityGroupIds: ['unknown'],
    // The parameter's default names a group, but CloudFormation names ParameterGroups itself: nothing can match.
    parameterGroupName: ['external:app-subnets'],
    kmsKeyId: ['absent'],
  });
  assert.deepEqual(table(model, 'LookAlikes', props), {
    subnetGroupName: ['unknown'],
    securityGroupIds: ['unknown'],
    parameterGroupName: ['external:default.redis7'],
    kmsKeyId: ['external:alias/aws/elasticache'],
  });
});
