/**
 * The new fix intents on Terraform JSON (`.tf.json`): nested objects and array items, `"${…}"` expressions,
 * parameter objects, `sensitive`, new variables and resources; the exact text, re-parsed without errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyIntent, parse, resource } from './support';

const PATH = 'main.tf.json';
const VAR_CIDR = { expression: { cloudformation: '!Ref Cidr', terraform: 'var.cidr' } };

const TEXT = JSON.stringify({
  variable: { token: { type: 'string', default: 'abc' } },
  resource: {
    aws_elasticache_serverless_cache: { c: { name: 'c', engine: 'valkey' } },
    aws_security_group: { sg: { name: 'sg', ingress: [{ protocol: 'tcp', cidr_blocks: ['0.0.0.0/0', '10.0.0.0/8'] }] } },
    aws_elasticache_parameter_group: { p: { family: 'valkey8', name: 'p', parameter: [{ name: 'maxmemory-policy', value: 'noeviction' }] } },
    aws_elasticache_replication_group: { rg: { description: 'x', auth_token: '${var.token}' } },
  },
}, null, 2) + '\n';

test('setAt creates nested block objects, one member per line', async () => {
  const out = await applyIntent(PATH, TEXT, (m) => ({ kind: 'setAt', resource: resource(m, 'c'), path: ['cacheUsageLimits', 'dataStorage', 'maximum'], value: 5 }));
  assert.equal(out, TEXT.replace('"engine": "valkey"\n', '"engine": "valkey",\n        "cache_usage_limits": {\n          "data_storage": {\n            "maximum": 5\n          }\n        }\n'));
});

test('setAt on item 0 of a list attribute inside a block array, and on a block written as one object', async () => {
  const out = await applyIntent(PATH, TEXT, (m) => ({ kind: 'setAt', resource: resource(m, 'sg'), path: ['ingress', 0, 'cidrIpv4', 0], value: VAR_CIDR }));
  assert.equal(out, TEXT.replace('"0.0.0.0/0"', '"${var.cidr}"'));
  const single = TEXT.replace(/"ingress": \[\n\s*\{([^}]*)\}\n\s*\]/, (_m, body: string) => `"ingress": {${body}}`);
  assert.notEqual(single, TEXT);
  const one = await applyIntent(PATH, single, (m) => ({ kind: 'setAt', resource: resource(m, 'sg'), path: ['ingress', 0, 'cidrIpv4', 1], value: '10.1.0.0/16' }));
  assert.equal(one, single.replace('"10.0.0.0/8"', '"10.1.0.0/16"'));
  assert.equal(await applyIntent(PATH, TEXT, (m) => ({ kind: 'setAt', resource: resource(m, 'sg'), path: ['ingress', 1, 'cidrIpv4', 0], value: 'x' })), undefined, 'no such rule');
});

test('setParameter: the matching object\'s value, or a new object laid out like the others', async () => {
  const replaced = await applyIntent(PATH, TEXT, (m) => ({ kind: 'setParameter', resource: resource(m, 'p'), name: 'maxmemory-policy', value: 'allkeys-lru' }));
  assert.equal(replaced, TEXT.replace('"noeviction"', '"allkeys-lru"'));
  const added = await applyIntent(PATH, TEXT, (m) => ({ kind: 'setParameter', resource: resource(m, 'p'), name: 'reserved-memory-percent', value: '25' }));
  assert.equal(added, TEXT.replace('"value": "noeviction"\n          }', '"value": "noeviction"\n          },\n          {\n            "name": "reserved-memory-percent",\n            "value": "25"\n          }'));
  const parsed = await parse(PATH, added!);
  assert.deepEqual(parsed.errors, []);
});

test('markInputSecret: sensitive in place of the default; removeProperty drops a member', async () => {
  const parsed = await parse(PATH, TEXT);
  const token = resource(parsed.model, 'rg').properties.get('authToken')!.value;
  assert.ok(token.kind === 'input');
  const out = await applyIntent(PATH, TEXT, () => ({ kind: 'markInputSecret', input: token.input, dropDefault: true }));
  assert.equal(out, TEXT.replace('"default": "abc"', '"sensitive": true'));
  const kept = await applyIntent(PATH, TEXT, () => ({ kind: 'markInputSecret', input: token.input }));
  assert.equal(kept, TEXT.replace('"default": "abc"', '"default": "abc",\n      "sensitive": true'));
  const removed = await applyIntent(PATH, TEXT, (m) => ({ kind: 'removeProperty', resource: resource(m, 'rg'), property: 'authToken' }));
  assert.equal(removed, TEXT.replace('"description": "x",\n        "auth_token": "${var.token}"', '"description": "x"'));
});

test('addInput, addResource and all', async () => {
  const input = await applyIntent(PATH, TEXT, () => ({ kind: 'addInput', name: 'cidr', type: { cloudformation: 'String', terraform: 'string' }, description: 'Allowed range', secret: true }));
  assert.equal(input, TEXT.replace('"default": "abc"\n    }\n', '"default": "abc"\n    },\n    "cidr": {\n      "type": "string",\n      "description": "Allowed range",\n      "sensitive": true\n    }\n'));
  const both = await applyIntent(PATH, TEXT, (m) => ({ kind: 'all', intents: [
    { kind: 'addResource', after: resource(m, 'rg'), resourceKind: 'subnetGroup', name: 'cache', properties: [{ property: 'subnetIds', value: { expression: { cloudformation: '', terraform: 'var.subnet_ids' } } }] },
    { kind: 'setPropertyExpression', resource: resource(m, 'rg'), property: 'subnetGroupName', expression: { cloudformation: '', terraform: 'aws_elasticache_subnet_group.cache.name' } },
  ] }));
  assert.equal(both, TEXT.replace('"auth_token": "${var.token}"\n      }\n    }\n', '"auth_token": "${var.token}",\n        "subnet_group_name": "${aws_elasticache_subnet_group.cache.name}"\n      }\n    },\n    "aws_elasticache_subnet_group": {\n      "cache": {\n        "subnet_ids": "${var.subnet_ids}"\n      }\n    }\n'));
  assert.equal(await applyIntent(PATH, TEXT.replace('"engine": "valkey"', '"engine": "valkey",'), () => ({ kind: 'addInput', name: 'x', type: { cloudformation: '', terraform: 'string' }, description: '' })), undefined, 'a file with JSON errors is not edited');
});
