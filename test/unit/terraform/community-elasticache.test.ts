/**
 * terraform-aws-modules/elasticache and cloudposse/elasticache-redis calls read as the replication group (or cache
 * cluster, or serverless cache) each builds: a bad input is reported on its line with the module's input name, an
 * input left out takes the module's default (TLS and at-rest encryption on in the first; at-rest off, cache.t2.micro
 * and no backups in the second), and the existing rules read them unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from '../rules/table';
import { at, findings } from '../rules/iac-support';
import { summarize } from '../../support/analyze';
import { CP, TAM, mod } from './community-support';

const TLS = 'transit-encryption-disabled';
const PREF = 'transit-encryption-preferred';
const REST = 'at-rest-encryption-disabled';
const BACKUP = 'backups-disabled';
const MINOR = 'minor-version-upgrade-disabled';
const GEN = 'previous-generation-node-type';

const GOOD_TAM = ['replication_group_id = "orders"', 'node_type = "cache.r7g.large"', 'snapshot_retention_limit = 7'];
const GOOD_CP = ['vpc_id = "vpc-1"', 'instance_type = "cache.r7g.large"', 'at_rest_encryption_enabled = true', 'snapshot_retention_limit = 7'];

const c = {
  tamTlsOff: mod(TAM, [...GOOD_TAM, 'transit_encryption_enabled = false']),
  tamRestOff: mod(TAM, [...GOOD_TAM, 'at_rest_encryption_enabled = false']),
  tamNoBackups: mod(TAM, ['replication_group_id = "orders"', 'node_type = "cache.r7g.large"', 'snapshot_retention_limit = 0']),
  tamBackupsDefault: mod(TAM, ['replication_group_id = "orders"', 'node_type = "cache.r7g.large"']),
  tamMinor: mod(TAM, [...GOOD_TAM, 'auto_minor_version_upgrade = false']),
  tamOldNode: mod(TAM, ['replication_group_id = "orders"', 'node_type = "cache.m4.large"', 'snapshot_retention_limit = 7']),
  tamPreferred: mod(TAM, [...GOOD_TAM, 'transit_encryption_mode = "preferred"']),
  tamTlsString: mod(TAM, [...GOOD_TAM, 'transit_encryption_enabled = "false"']),
  tamMemcached: mod(TAM, ['create_replication_group = false', 'create_cluster = true', 'cluster_id = "sessions"', 'engine = "memcached"', 'node_type = "cache.r7g.large"', 'transit_encryption_enabled = false']),
  tamCount: mod(TAM, ['count = var.enabled ? 1 : 0', ...GOOD_TAM, 'transit_encryption_enabled = false'], 'variable "enabled" {\n  type = bool\n}\n'),
  tamVarTls: mod(TAM, [...GOOD_TAM, 'transit_encryption_enabled = var.tls'], 'variable "tls" {\n  type    = bool\n  default = false\n}\n'),
  tamCond: mod(TAM, ['replication_group_id = "orders"', 'node_type = "cache.r7g.large"', 'snapshot_retention_limit = var.prod ? 7 : 0'], 'variable "prod" {\n  type = bool\n}\n'),
  cpDefaults: mod(CP, ['vpc_id = "vpc-1"']),
  cpTlsOff: mod(CP, [...GOOD_CP, 'transit_encryption_enabled = false']),
  cpRestOff: mod(CP, ['vpc_id = "vpc-1"', 'instance_type = "cache.r7g.large"', 'at_rest_encryption_enabled = false', 'snapshot_retention_limit = 7']),
  cpNoBackups: mod(CP, ['vpc_id = "vpc-1"', 'instance_type = "cache.r7g.large"', 'at_rest_encryption_enabled = true', 'snapshot_retention_limit = 0']),
  cpOldNode: mod(CP, ['vpc_id = "vpc-1"', 'instance_type = "cache.t2.micro"', 'at_rest_encryption_enabled = true', 'snapshot_retention_limit = 7']),
  cpMinor: mod(CP, [...GOOD_CP, 'engine_version = "7.1"', 'auto_minor_version_upgrade = false']),
  cpServerless: mod(CP, ['vpc_id = "vpc-1"', 'serverless_enabled = true']),
  cpGit: mod('git::https://github.com/cloudposse/terraform-aws-elasticache-redis.git?ref=1.4.1', ['vpc_id = "vpc-1"', 'instance_type = "cache.r7g.large"', 'at_rest_encryption_enabled = true', 'snapshot_retention_limit = 7', 'transit_encryption_enabled = false'], '', 'cache', undefined),
};

ruleTable(TLS, {
  valid: [
    { name: 'terraform-aws-modules: TLS left to the module, which turns it on', path: 'main.tf', code: mod(TAM, GOOD_TAM) },
    { name: 'terraform-aws-modules: TLS written true', path: 'main.tf', code: mod(TAM, [...GOOD_TAM, 'transit_encryption_enabled = true']) },
    { name: 'terraform-aws-modules: TLS from a variable without default: unknown, silent', path: 'main.tf', code: mod(TAM, [...GOOD_TAM, 'transit_encryption_enabled = var.tls'], 'variable "tls" {\n  type = bool\n}\n') },
    { name: 'terraform-aws-modules: create = false builds nothing', path: 'main.tf', code: mod(TAM, ['create = false', ...GOOD_TAM, 'transit_encryption_enabled = false']) },
    { name: 'terraform-aws-modules: a global datastore call builds other blocks (not read)', path: 'main.tf', code: mod(TAM, ['create_primary_global_replication_group = true', ...GOOD_TAM, 'transit_encryption_enabled = false']) },
    { name: 'cloudposse: TLS left to the module, which turns it on', path: 'main.tf', code: c.cpDefaults },
    { name: 'cloudposse: enabled = false builds nothing', path: 'main.tf', code: mod(CP, ['enabled = false', ...GOOD_CP, 'transit_encryption_enabled = false']) },
    { name: 'cloudposse: a global datastore secondary follows its primary', path: 'main.tf', code: mod(CP, [...GOOD_CP, 'global_replication_group_id = "ldgnf-orders"', 'transit_encryption_enabled = false']) },
    { name: 'a submodule of terraform-aws-modules is another module: opaque', path: 'main.tf', code: mod(`${TAM}//modules/serverless-cache`, ['transit_encryption_enabled = false']) },
    { name: 'an unknown registry module with the same inputs: opaque', path: 'main.tf', code: mod('acme/elasticache/aws', ['transit_encryption_enabled = false']) },
    { name: 'a local module with the same inputs: opaque', path: 'main.tf', code: mod('./modules/redis', ['transit_encryption_enabled = false'], '', 'cache', undefined) },
    { name: 'a git source of another repository: opaque', path: 'main.tf', code: mod('git::https://github.com/acme/terraform-aws-elasticache-redis.git?ref=v1', ['transit_encryption_enabled = false'], '', 'cache', undefined) },
  ],
  invalid: [
    { name: 'terraform-aws-modules: transit_encryption_enabled = false, at the value', path: 'main.tf', code: c.tamTlsOff, errors: [at(TLS, c.tamTlsOff, 'false')], severities: ['error'] },
    { name: 'terraform-aws-modules: "false" as a string', path: 'main.tf', code: c.tamTlsString, errors: [at(TLS, c.tamTlsString, '"false"')] },
    { name: 'terraform-aws-modules: from a variable defaulting to false, at the reference', path: 'main.tf', code: c.tamVarTls, errors: [at(TLS, c.tamVarTls, 'var.tls')] },
    { name: 'terraform-aws-modules: a stand-alone Memcached cluster with TLS off', path: 'main.tf', code: c.tamMemcached, errors: [at(TLS, c.tamMemcached, 'false', 0, 1)] },
    { name: 'terraform-aws-modules: count on the module: one finding', path: 'main.tf', code: c.tamCount, errors: [at(TLS, c.tamCount, 'false\n')] },
    { name: 'cloudposse: transit_encryption_enabled = false', path: 'main.tf', code: c.cpTlsOff, errors: [at(TLS, c.cpTlsOff, 'false')] },
    { name: 'cloudposse: a git:: source of the module\'s repository', path: 'main.tf', code: c.cpGit, errors: [at(TLS, c.cpGit, 'false')] },
  ],
});

ruleTable(PREF, {
  valid: [{ name: 'terraform-aws-modules: mode required', path: 'main.tf', code: mod(TAM, [...GOOD_TAM, 'transit_encryption_mode = "required"']) }],
  invalid: [{ name: 'terraform-aws-modules: transit_encryption_mode = "preferred"', path: 'main.tf', code: c.tamPreferred, errors: [at(PREF, c.tamPreferred, '"preferred"')] }],
});

ruleTable(REST, {
  valid: [
    { name: 'terraform-aws-modules: at-rest left to the module, which turns it on', path: 'main.tf', code: mod(TAM, GOOD_TAM) },
    { name: 'cloudposse: at-rest written true', path: 'main.tf', code: mod(CP, GOOD_CP) },
    { name: 'cloudposse: a serverless cache is always encrypted at rest', path: 'main.tf', code: c.cpServerless },
  ],
  invalid: [
    { name: 'terraform-aws-modules: at_rest_encryption_enabled = false', path: 'main.tf', code: c.tamRestOff, errors: [at(REST, c.tamRestOff, 'false')] },
    { name: 'cloudposse: left to the module, which leaves it off: at the label', path: 'main.tf', code: c.cpDefaults, errors: [at(REST, c.cpDefaults, '"cache"')] },
    { name: 'cloudposse: at_rest_encryption_enabled = false', path: 'main.tf', code: c.cpRestOff, errors: [at(REST, c.cpRestOff, 'false')] },
  ],
});

ruleTable(BACKUP, {
  valid: [
    { name: 'terraform-aws-modules: 7 days', path: 'main.tf', code: mod(TAM, GOOD_TAM) },
    { name: 'cloudposse: 7 days', path: 'main.tf', code: mod(CP, GOOD_CP) },
    { name: 'terraform-aws-modules: a stand-alone Memcached cluster has no snapshots', path: 'main.tf', code: c.tamMemcached },
  ],
  invalid: [
    { name: 'terraform-aws-modules: snapshot_retention_limit = 0', path: 'main.tf', code: c.tamNoBackups, errors: [at(BACKUP, c.tamNoBackups, '0\n')] },
    { name: 'terraform-aws-modules: a conditional on an undecided variable: info at the 0 branch', path: 'main.tf', code: c.tamCond, errors: [at(BACKUP, c.tamCond, '0\n')], severities: ['info'] },
    { name: 'terraform-aws-modules: left out, the module passes null: the provider default 0, at the label', path: 'main.tf', code: c.tamBackupsDefault, errors: [at(BACKUP, c.tamBackupsDefault, '"cache"')] },
    { name: 'cloudposse: snapshot_retention_limit = 0', path: 'main.tf', code: c.cpNoBackups, errors: [at(BACKUP, c.cpNoBackups, '0\n')] },
    { name: 'cloudposse: left to the module (0), at the label', path: 'main.tf', code: c.cpDefaults, errors: [at(BACKUP, c.cpDefaults, '"cache"')] },
    { name: 'cloudposse: a serverless cache left to the module (0)', path: 'main.tf', code: c.cpServerless, errors: [at(BACKUP, c.cpServerless, '"cache"')] },
  ],
});

ruleTable(MINOR, {
  valid: [
    { name: 'terraform-aws-modules: left out (provider default true)', path: 'main.tf', code: mod(TAM, GOOD_TAM) },
    { name: 'cloudposse: written true', path: 'main.tf', code: mod(CP, [...GOOD_CP, 'auto_minor_version_upgrade = true']) },
  ],
  invalid: [
    { name: 'terraform-aws-modules: auto_minor_version_upgrade = false', path: 'main.tf', code: c.tamMinor, errors: [at(MINOR, c.tamMinor, 'false')] },
    { name: 'cloudposse: auto_minor_version_upgrade = false', path: 'main.tf', code: c.cpMinor, errors: [at(MINOR, c.cpMinor, 'false')] },
  ],
});

ruleTable(GEN, {
  valid: [
    { name: 'terraform-aws-modules: cache.r7g.large', path: 'main.tf', code: mod(TAM, GOOD_TAM) },
    { name: 'cloudposse: instance_type cache.r7g.large', path: 'main.tf', code: mod(CP, GOOD_CP) },
  ],
  invalid: [
    { name: 'terraform-aws-modules: node_type = "cache.m4.large"', path: 'main.tf', code: c.tamOldNode, errors: [at(GEN, c.tamOldNode, '"cache.m4')] },
    { name: 'cloudposse: instance_type = "cache.t2.micro"', path: 'main.tf', code: c.cpOldNode, errors: [at(GEN, c.cpOldNode, '"cache.t2')] },
    { name: 'cloudposse: left to the module, whose default is cache.t2.micro: at the label', path: 'main.tf', code: c.cpDefaults, errors: [at(GEN, c.cpDefaults, '"cache"')] },
  ],
});

test('messages use the module\'s input names and say when the value is the module\'s default', async () => {
  const [tls] = (await findings('main.tf', c.tamTlsOff, TLS)).findings;
  assert.match(tls.message, /^Replication group 'module\.cache' does not encrypt traffic in transit: transit_encryption_enabled is false, /);
  const [rest] = (await findings('main.tf', c.cpDefaults, REST)).findings;
  assert.equal(rest.message, "Replication group 'module.cache' does not encrypt data at rest: at_rest_encryption_enabled is not set, and the module defaults it to false, so its data written to disk and its backups are stored unencrypted.");
  const [gen] = (await findings('main.tf', c.cpDefaults, GEN)).findings;
  assert.match(gen.message, /\(instance_type is not set, and the module defaults it to "cache\.t2\.micro"\)/);
  const [old] = (await findings('main.tf', c.cpOldNode, GEN)).findings;
  assert.match(old.message, /older node type: cache\.t2\.micro is/);
  const [backups] = (await findings('main.tf', c.cpDefaults, BACKUP)).findings;
  assert.match(backups.message, /snapshot_retention_limit is not set, and the module defaults it to 0/);
  const [memcached] = (await findings('main.tf', c.tamMemcached, TLS)).findings;
  assert.match(memcached.message, /^Cache cluster 'module\.cache' does not encrypt traffic in transit: transit_encryption_enabled is false/);
});

test('a stand-alone Redis OSS cluster of terraform-aws-modules: the module drops transit_encryption_enabled', async () => {
  const code = mod(TAM, ['create_replication_group = false', 'create_cluster = true', 'cluster_id = "c"', 'node_type = "cache.r7g.large"', 'snapshot_retention_limit = 1', 'transit_encryption_enabled = true']);
  const r = await findings('main.tf', code, TLS);
  assert.deepEqual(summarize(r), [at(TLS, code, '"cache"')]);
  assert.match(r.findings[0].message, /: transit_encryption_enabled is false: the module passes transit_encryption_enabled to a cache cluster only for Memcached, /);
});
