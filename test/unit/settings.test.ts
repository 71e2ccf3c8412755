import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, resolveSettings } from '../../server/src/engine/settings';

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
    '.cachelint.json: "enable" must be true or false',
    '.cachelint.json: rule "missing-ttl" has severity "loud"; use off, hint, info, warning or error',
    '.cachelint.json: "ignore" must be a list of glob strings',
    '.cachelint.json: context.clusterMode must be "enabled", "disabled" or "auto"',
    '.cachelint.json: unknown context key "colour"',
    '.cachelint.json: "maxFileSizeKb" must be a positive number',
    'editor: settings must be an object, got number',
  ]);
});

test('"auto" and null leave inference in charge', () => {
  const { settings } = resolveSettings([{ source: 's', value: { context: { clusterMode: 'auto', tls: null } } }]);
  assert.deepEqual(settings.context, {});
});

test('an unknown rule id is named with its source, in every host alike', () => {
  const { settings, problems } = resolveSettings([{ source: '.cachelint.json', value: { rules: { 'keys-comand': 'off', 'keys-command': 'off' } } }]);
  assert.deepEqual(settings.rules, { 'keys-command': 'off' });
  assert.deepEqual(problems, ['.cachelint.json: unknown rule "keys-comand"']);
});
