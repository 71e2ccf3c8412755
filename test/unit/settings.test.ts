import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, resolveSettings, severitySettingOf } from '../../server/src/engine/settings';
import { ruleById } from '../../server/src/rules';

test('layers merge over the defaults, later layers winning', () => {
  const { settings, problems } = resolveSettings([
    { source: 'repo', value: { rules: { 'missing-ttl': 'off', 'keys-command': 'error' }, ignore: ['gen/**'], maxFileSizeKb: 10, context: { clusterMode: 'enabled' } } },
    { source: 'editor', value: { rules: { 'keys-command': 'Warn' }, ignore: ['tmp/**'], context: { serverless: true } } },
  ]);
  assert.deepEqual(problems, []);
  assert.deepEqual(settings.rules, { 'missing-ttl': 'off', 'keys-command': 'warning' });
  assert.deepEqual(settings.ignore, ['gen/**', 'tmp/**']);
  assert.equal(settings.maxFileSizeKb, 10);
  assert.equal(settings.defaultTtlSeconds, DEFAULT_SETTINGS.defaultTtlSeconds);
  assert.deepEqual(settings.context, { clusterMode: 'enabled', serverless: true });
});

test('bad values are dropped with a message naming the source, never thrown', () => {
  const { settings, problems } = resolveSettings([
    { source: '.cachelint.json', value: { enable: 'yes', rules: { 'missing-ttl': 'loud' }, ignore: 'gen', maxFileSizeKb: -1, context: { clusterMode: 'maybe', colour: 1 } } },
    { source: 'editor', value: 42 },
  ]);
  assert.equal(settings.enable, true);
  assert.deepEqual(settings.rules, {});
  assert.equal(settings.maxFileSizeKb, DEFAULT_SETTINGS.maxFileSizeKb);
  assert.deepEqual(problems, [
    '.cachelint.json: "enable" must be true or false, got the string "yes"',
    '.cachelint.json: rule "missing-ttl" has severity "loud"; use off, hint, info, warning or error',
    '.cachelint.json: "ignore" must be a list of glob strings, got the string "gen"',
    '.cachelint.json: "context.clusterMode" must be "enabled", "disabled" or "auto", got the string "maybe"',
    '.cachelint.json: unknown key "colour" in "context"; known: clusterMode, serverless, memorydb, tls',
    '.cachelint.json: "maxFileSizeKb" must be a whole number of KB from 1 to 102,400, got -1',
    'editor: settings must be a JSON object like {"rules": {…}}, got 42',
  ]);
});

test('"auto" and null leave inference in charge', () => {
  const { settings } = resolveSettings([{ source: 's', value: { context: { clusterMode: 'auto', tls: null } } }]);
  assert.deepEqual(settings.context, {});
});

test('an unknown rule id is named with its source, in every host alike', () => {
  const { settings, problems } = resolveSettings([{ source: '.cachelint.json', value: { rules: { 'keys-comand': 'off', 'keys-command': 'off' } } }]);
  assert.deepEqual(settings.rules, { 'keys-command': 'off' });
  assert.deepEqual(problems, ['.cachelint.json: unknown rule "keys-comand" in "rules" (did you mean "keys-command"?)']);
});

test('unknown top-level keys are named, with the key they were probably meant to be', () => {
  const { settings, problems } = resolveSettings([{ source: '/repo/.cachelint.json', value: { rulez: { 'missing-ttl': 'off' }, Ignore: ['x'], colour: 'red' } }]);
  assert.deepEqual(settings.rules, {});
  assert.deepEqual(problems, [
    '/repo/.cachelint.json: unknown setting "rulez" (did you mean "rules"?); known settings: enable, rules, ignore, context, maxFileSizeKb, defaultTtlSeconds, clients',
    '/repo/.cachelint.json: unknown setting "Ignore" (did you mean "ignore"?); known settings: enable, rules, ignore, context, maxFileSizeKb, defaultTtlSeconds, clients',
    '/repo/.cachelint.json: unknown setting "colour"; known settings: enable, rules, ignore, context, maxFileSizeKb, defaultTtlSeconds, clients',
  ]);
});

test('"$schema" (how editors attach a JSON schema) is not an unknown setting', () => {
  assert.deepEqual(resolveSettings([{ source: 'c.json', value: { $schema: './cachelint.schema.json', rules: {} } }]).problems, []);
});

test('a config that is null, an array or a scalar is a problem, worded by what it is', () => {
  const problem = (value: unknown) => resolveSettings([{ source: 'c.json', value }]).problems;
  assert.deepEqual(problem(null), ['c.json: settings must be a JSON object like {"rules": {…}}, got null']);
  assert.deepEqual(problem([]), ['c.json: settings must be a JSON object like {"rules": {…}}, got an array']);
  assert.deepEqual(problem('rules'), ['c.json: settings must be a JSON object like {"rules": {…}}, got the string "rules"']);
  assert.deepEqual(problem({}), []);
});

test('whole-number settings are bounded: no fractions, no absurd TTLs, the default stays in force', () => {
  const run = (defaultTtlSeconds: unknown) => resolveSettings([{ source: 'c.json', value: { defaultTtlSeconds } }]);
  for (const [value, shown] of [[1e300, '1e+300'], [1.5, '1.5'], [0, '0'], [31_536_001, '31536001'], ['3600', 'the string "3600"'], [Number.NaN, 'NaN']] as const) {
    const { settings, problems } = run(value);
    assert.equal(settings.defaultTtlSeconds, 3600, String(value));
    assert.deepEqual(problems, [`c.json: "defaultTtlSeconds" must be a whole number of seconds from 1 to 31,536,000, got ${shown}`]);
  }
  assert.equal(run(1).settings.defaultTtlSeconds, 1);
  assert.equal(run(31_536_000).settings.defaultTtlSeconds, 31_536_000);
  assert.deepEqual(run(31_536_000).problems, []);
});

test('an opt-in rule is off until a severity is set for it; other rules keep their own default', () => {
  const kms = ruleById('kms-customer-key-missing')!.meta;
  const ttl = ruleById('missing-ttl')!.meta;
  assert.equal(kms.optIn, true);
  assert.equal(severitySettingOf(DEFAULT_SETTINGS, kms), 'off');
  assert.equal(severitySettingOf(DEFAULT_SETTINGS, ttl), undefined);
  const on = resolveSettings([{ source: 'repo', value: { rules: { 'kms-customer-key-missing': 'hint' } } }]).settings;
  assert.equal(severitySettingOf(on, kms), 'hint');
  const warn = resolveSettings([{ source: 'repo', value: { rules: { 'kms-customer-key-missing': 'warn' } } }]).settings;
  assert.equal(severitySettingOf(warn, kms), 'warning');
});
