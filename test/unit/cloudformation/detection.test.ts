/** Which files are templates, and how broken or hostile input is handled: skipped, or errors without a throw. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, summarize, onlyIacRules } from '../../support/analyze';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

const RG_FALSE = 'Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      TransitEncryptionEnabled: false\n';

describe('CloudFormation detection', () => {
  const notTemplates: [string, string][] = [
    ['deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: redis\nspec:\n  replicas: 1\n'],
    ['docker-compose.yml', 'services:\n  redis:\n    image: redis:7\n    ports: ["6379:6379"]\n'],
    ['package.json', '{\n  "name": "x",\n  "version": "1.0.0",\n  "dependencies": {"ioredis": "5.0.0"}\n}\n'],
    ['tsconfig.json', '{\n  // comments are not JSON\n  "compilerOptions": {"strict": true}\n}\n'],
    ['resources.yaml', 'Resources:\n  Thing:\n    Type: Some::Other::Thing\n'],
    ['list.yaml', '- AWS::ElastiCache::ReplicationGroup\n- b\n'],
    ['empty.yaml', ''],
    ['scalar.json', '42'],
    ['broken-k8s.yaml', 'apiVersion: v1\nkind: [Pod\n'],
    ['binaryish.yaml', '\u0001\u0002\u0003\u00ff\u00fe garbage : : : [ {\u0007'],
  ];
  for (const [path, text] of notTemplates) {
    it(`skips ${path}`, async () => {
      assert.equal(await analyzeSource(path, text), undefined);
    });
  }

  it('reads only the first document of a multi-document stream', async () => {
    const result = await analyzeSource('t.yaml', `${RG_FALSE}---\n${RG_FALSE}`);
    assert.deepEqual(result?.errors, []);
    assert.deepEqual(summarize(result), ['transit-encryption-disabled@5:33']);
  });

  it('skips a stream whose first document is not a template', async () => {
    assert.equal(await analyzeSource('t.yaml', `kind: ConfigMap\n---\n${RG_FALSE}`), undefined);
  });

  it('reports malformed YAML with a line and still reads what it can', async () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"\n${RG_FALSE}  Broken: [unclosed\n`;
    const result = await analyzeSource('t.yaml', text);
    assert.ok(result);
    assert.equal(result.format, 'cloudformation');
    assert.deepEqual(summarize(result), ['transit-encryption-disabled@6:33']);
    assert.ok(result.errors.length > 0);
    assert.match(result.errors[0].message, /^YAML syntax error: .+ at line \d+, column \d+$/);
    assert.ok(result.errors[0].range);
  });

  it('reports malformed JSON that is meant to be a template', async () => {
    const text = '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "Cache": {"Type": "AWS::ElastiCache::ReplicationGroup",\n}\n';
    const result = await analyzeSource('t.json', text);
    assert.ok(result);
    assert.ok(result.errors.length > 0);
    assert.match(result.errors[0].message, /^JSON syntax error: /);
  });

  it('reports a template whose top level is not even a mapping', async () => {
    const result = await analyzeSource('t.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\n- Resources\n');
    assert.ok(result);
    assert.deepEqual(result.findings, []);
    assert.ok(result.errors.length > 0);
  });

  it('reports files with NUL bytes as binary instead of parsing them', async () => {
    const result = await analyzeSource('t.yaml', `AWSTemplateFormatVersion: x\u0000\u0000`);
    assert.match(result?.errors[0].message ?? '', /binary/);
  });

  it('survives absurd flow nesting', async () => {
    const text = `AWSTemplateFormatVersion: x\nResources:\n  A: ${'['.repeat(50000)}${']'.repeat(50000)}\n`;
    const result = await analyzeSource('t.yaml', text);
    assert.ok(result);
    assert.ok(result.errors.some((e) => /nested too deeply/.test(e.message)));
  });

  it('survives absurd block nesting inside a resource', async () => {
    const text = `${RG_FALSE}      Tags:\n        ${'- '.repeat(20000)}x\n`;
    const result = await analyzeSource('t.yaml', text);
    assert.ok(result);
    assert.deepEqual(summarize(result), ['transit-encryption-disabled@5:33']);
  });

  it('keeps deep but valid JSON values as unknown past the depth limit', async () => {
    const deep = `${'{"a":'.repeat(200)}1${'}'.repeat(200)}`;
    const text = `{"Resources": {"C": {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": {"Tags": ${deep}, "TransitEncryptionEnabled": true}}}}`;
    const result = await analyzeSource('t.json', text);
    assert.deepEqual(result?.errors, []);
    assert.deepEqual(summarize(result), []);
  });

  it('offers # as comment syntax for YAML and none for JSON', async () => {
    const y = await analyzeSource('t.yaml', RG_FALSE);
    const j = await analyzeSource('t.json', JSON.stringify({ Resources: { C: { Type: 'AWS::ElastiCache::ReplicationGroup' } } }));
    assert.deepEqual((y as { comments?: unknown }).comments, { line: '#' });
    assert.deepEqual((j as { comments?: unknown }).comments, {});
  });

  it('honours a cachelint-disable-next-line comment in YAML', async () => {
    const text = RG_FALSE.replace('      TransitEncryptionEnabled', '      # cachelint-disable-next-line transit-encryption-disabled\n      TransitEncryptionEnabled');
    assert.deepEqual(summarize(await analyzeSource('t.yaml', text)), []);
  });
});
