/**
 * The four community modules called from Terraform JSON (`.tf.json`): the same resources and findings as HCL, at
 * the JSON value of a bad input or at the module's name for an input left to a default; other modules opaque.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from '../rules/table';
import { at, roundTrip } from '../rules/iac-support';
import { CP, CP_MDB, TAM, TAM_MDB, modJson } from './community-support';

const TLS = 'transit-encryption-disabled';
const REST = 'at-rest-encryption-disabled';
const BACKUP = 'backups-disabled';
const MINOR = 'minor-version-upgrade-disabled';

const c = {
  tamTls: modJson(TAM, { node_type: 'cache.r7g.large', transit_encryption_enabled: false }),
  tamVar: modJson(TAM, { node_type: 'cache.r7g.large', transit_encryption_enabled: '${var.tls}' }),
  cpDefaults: modJson(CP, { vpc_id: 'vpc-1', instance_type: 'cache.r7g.large', snapshot_retention_limit: 7 }),
  cpZero: modJson(CP, { vpc_id: 'vpc-1', instance_type: 'cache.r7g.large', at_rest_encryption_enabled: true, snapshot_retention_limit: 0 }),
  tamMdbTls: modJson(TAM_MDB, { name: 'm', tls_enabled: false, snapshot_retention_limit: 7 }),
  cpMdbMinor: modJson(CP_MDB, { auto_minor_version_upgrade: false, snapshot_retention_limit: 7 }),
  cpMdbDefaults: modJson(CP_MDB, { tls_enabled: true }),
};
const withVar = (code: string, def: boolean) => code.replace('{\n  "module"', `{\n  "variable": {\n    "tls": {\n      "type": "bool",\n      "default": ${def}\n    }\n  },\n  "module"`);

ruleTable(TLS, {
  valid: [
    { name: 'terraform-aws-modules: left to the module (on)', path: 'main.tf.json', code: modJson(TAM, { node_type: 'cache.r7g.large' }) },
    { name: 'cloudposse memorydb: tls_enabled true', path: 'main.tf.json', code: c.cpMdbDefaults },
    { name: 'terraform-aws-modules: "${var.tls}" defaulting to true', path: 'main.tf.json', code: withVar(c.tamVar, true) },
    { name: 'a local module', path: 'main.tf.json', code: modJson('./modules/cache', { transit_encryption_enabled: false }) },
  ],
  invalid: [
    { name: 'terraform-aws-modules: false', path: 'main.tf.json', code: c.tamTls, errors: [at(TLS, c.tamTls, 'false')] },
    { name: 'terraform-aws-modules: "${var.tls}" defaulting to false', path: 'main.tf.json', code: withVar(c.tamVar, false), errors: [at(TLS, withVar(c.tamVar, false), '"${var.tls}"')] },
    { name: 'terraform-aws-modules memory-db: tls_enabled false', path: 'main.tf.json', code: c.tamMdbTls, errors: [at(TLS, c.tamMdbTls, 'false')] },
  ],
});

ruleTable(REST, {
  valid: [{ name: 'cloudposse: written true', path: 'main.tf.json', code: c.cpZero }],
  invalid: [{ name: 'cloudposse: left to the module (off), at the module name', path: 'main.tf.json', code: c.cpDefaults, errors: [at(REST, c.cpDefaults, '"cache"')] }],
});

ruleTable(BACKUP, {
  valid: [{ name: 'cloudposse: 7 days', path: 'main.tf.json', code: c.cpDefaults }],
  invalid: [
    { name: 'cloudposse: 0', path: 'main.tf.json', code: c.cpZero, errors: [at(BACKUP, c.cpZero, '0\n')] },
    { name: 'cloudposse memorydb: left out (0), at the module name', path: 'main.tf.json', code: c.cpMdbDefaults, errors: [at(BACKUP, c.cpMdbDefaults, '"cache"')] },
  ],
});

ruleTable(MINOR, {
  valid: [{ name: 'cloudposse memorydb: left to the module (on)', path: 'main.tf.json', code: c.cpMdbDefaults }],
  invalid: [{ name: 'cloudposse memorydb: false', path: 'main.tf.json', code: c.cpMdbMinor, errors: [at(MINOR, c.cpMdbMinor, 'false')] }],
});

test('JSON fixes: an input replaced, an input added to the module object', async () => {
  const a = await roundTrip('main.tf.json', c.cpDefaults, REST, 'Set at_rest_encryption_enabled to true (replaces the replication group)', /"snapshot_retention_limit": 7,\n\s+"at_rest_encryption_enabled": true\n/);
  assert.doesNotThrow(() => JSON.parse(a));
  const b = await roundTrip('main.tf.json', c.tamMdbTls, TLS, 'Set tls_enabled to true', /"tls_enabled": true,/);
  assert.doesNotThrow(() => JSON.parse(b));
});
