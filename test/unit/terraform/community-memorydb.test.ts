/**
 * terraform-aws-modules/memory-db and cloudposse/memorydb calls read as the MemoryDB cluster each builds: the first
 * passes `null` for every input it is not given (the provider's defaults: TLS on, retention 0), the second has
 * defaults of its own (TLS on, db.r6g.large, minor upgrades on) and leaves retention to the provider.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTable } from '../rules/table';
import { at, findings } from '../rules/iac-support';
import { CP_MDB, TAM_MDB, mod } from './community-support';

const TLS = 'transit-encryption-disabled';
const BACKUP = 'backups-disabled';
const MINOR = 'minor-version-upgrade-disabled';

const GOOD = ['name = "orders"', 'node_type = "db.r7g.large"', 'snapshot_retention_limit = 7'];

const c = {
  tamTlsOff: mod(TAM_MDB, [...GOOD, 'tls_enabled = false']),
  tamDefaults: mod(TAM_MDB, ['name = "orders"', 'node_type = "db.r7g.large"']),
  tamNoBackups: mod(TAM_MDB, ['name = "orders"', 'snapshot_retention_limit = 0']),
  tamMinor: mod(TAM_MDB, [...GOOD, 'auto_minor_version_upgrade = false']),
  tamVar: mod(TAM_MDB, [...GOOD, 'tls_enabled = var.tls'], 'variable "tls" {\n  default = false\n}\n'),
  cpTlsOff: mod(CP_MDB, ['snapshot_retention_limit = 7', 'tls_enabled = false']),
  cpDefaults: mod(CP_MDB, ['name = "orders"']),
  cpNoBackups: mod(CP_MDB, ['snapshot_retention_limit = 0']),
  cpMinor: mod(CP_MDB, ['snapshot_retention_limit = 7', 'auto_minor_version_upgrade = false']),
  cpForEach: mod(CP_MDB, ['for_each = toset(["a", "b"])', 'name = each.key', 'tls_enabled = false']),
};

ruleTable(TLS, {
  valid: [
    { name: 'terraform-aws-modules: tls_enabled left out (null: the provider turns it on)', path: 'main.tf', code: c.tamDefaults },
    { name: 'terraform-aws-modules: create = false', path: 'main.tf', code: mod(TAM_MDB, ['create = false', 'tls_enabled = false']) },
    { name: 'cloudposse: left to the module, which turns it on', path: 'main.tf', code: c.cpDefaults },
    { name: 'cloudposse: tls_enabled = true', path: 'main.tf', code: mod(CP_MDB, ['tls_enabled = true']) },
    { name: 'cloudposse: enabled = false', path: 'main.tf', code: mod(CP_MDB, ['enabled = false', 'tls_enabled = false']) },
    { name: 'a look-alike module of another namespace', path: 'main.tf', code: mod('acme/memorydb/aws', ['tls_enabled = false']) },
  ],
  invalid: [
    { name: 'terraform-aws-modules: tls_enabled = false', path: 'main.tf', code: c.tamTlsOff, errors: [at(TLS, c.tamTlsOff, 'false')] },
    { name: 'terraform-aws-modules: from a variable defaulting to false', path: 'main.tf', code: c.tamVar, errors: [at(TLS, c.tamVar, 'var.tls')] },
    { name: 'cloudposse: tls_enabled = false', path: 'main.tf', code: c.cpTlsOff, errors: [at(TLS, c.cpTlsOff, 'false')] },
    { name: 'cloudposse: for_each on the module: reported once', path: 'main.tf', code: c.cpForEach, errors: [at(TLS, c.cpForEach, 'false')] },
  ],
});

ruleTable(BACKUP, {
  valid: [
    { name: 'terraform-aws-modules: 7 days', path: 'main.tf', code: mod(TAM_MDB, GOOD) },
    { name: 'cloudposse: 7 days', path: 'main.tf', code: c.cpTlsOff },
  ],
  invalid: [
    { name: 'terraform-aws-modules: snapshot_retention_limit = 0', path: 'main.tf', code: c.tamNoBackups, errors: [at(BACKUP, c.tamNoBackups, '0\n')] },
    { name: 'terraform-aws-modules: left out (provider default 0), at the label', path: 'main.tf', code: c.tamDefaults, errors: [at(BACKUP, c.tamDefaults, '"cache"')] },
    { name: 'cloudposse: snapshot_retention_limit = 0', path: 'main.tf', code: c.cpNoBackups, errors: [at(BACKUP, c.cpNoBackups, '0\n')] },
    { name: 'cloudposse: left out (the module passes null: 0), at the label', path: 'main.tf', code: c.cpDefaults, errors: [at(BACKUP, c.cpDefaults, '"cache"')] },
  ],
});

ruleTable(MINOR, {
  valid: [
    { name: 'terraform-aws-modules: left out', path: 'main.tf', code: mod(TAM_MDB, GOOD) },
    { name: 'cloudposse: left to the module, which turns it on', path: 'main.tf', code: c.cpDefaults },
  ],
  invalid: [
    { name: 'terraform-aws-modules: auto_minor_version_upgrade = false', path: 'main.tf', code: c.tamMinor, errors: [at(MINOR, c.tamMinor, 'false')] },
    { name: 'cloudposse: auto_minor_version_upgrade = false', path: 'main.tf', code: c.cpMinor, errors: [at(MINOR, c.cpMinor, 'false')] },
  ],
});

test('MemoryDB messages say tls_enabled, the module input', async () => {
  const [f] = (await findings('main.tf', c.cpTlsOff, TLS)).findings;
  assert.match(f.message, /^MemoryDB cluster 'module\.cache' does not encrypt traffic in transit: tls_enabled is false, /);
  const [b] = (await findings('main.tf', c.tamDefaults, BACKUP)).findings;
  assert.match(b.message, /snapshot_retention_limit is not set, and it defaults to 0/);
});
