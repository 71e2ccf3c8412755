/**
 * The `setInputDefault` fix on CloudFormation: when TransitEncryptionEnabled reads a parameter declared in the
 * template, the parameter's `Default` is changed (or added) instead, as a string quoted the way the template
 * quotes strings, and only when the parameter's constraints allow the new value.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, applyEdits, summarize, applyFirstFixClean, onlyIacRules } from '../../support/analyze';
import { cloudformation } from '../../../server/src/formats/cloudformation';
import { LineIndex } from '../../../server/src/engine/text';
import { Grammars } from '../../../server/src/engine/grammars';
import { nodeGrammarSource } from '../../../server/src/host/nodeGrammars';
import type { InputRef } from '../../../server/src/model/iac';

// Written when this was the only infrastructure rule; the catalogue's others have their own suites.
onlyIacRules('transit-encryption-disabled');

const RG = 'AWS::ElastiCache::ReplicationGroup';
const TITLE = /^Change the default of parameter /;

const grammars = new Grammars(nodeGrammarSource());

/**
 * Builds `setInputDefault` for the input TransitEncryptionEnabled reads (`input` may swap it for another) directly:
 * a parameter without a Default raises no finding, so adding one is reached through the builder only.
 */
function build(path: string, text: string, input: (declared: InputRef) => InputRef = (d) => d, value: string | number | boolean = true): string | undefined {
  const parsed = cloudformation.parse({ path, text }, new LineIndex(text), grammars)!;
  const tls = parsed.model.resources[0].properties.get('transitEncryptionEnabled')!.value;
  assert.ok(tls.kind === 'input');
  const edits = parsed.buildEdits({ kind: 'setInputDefault', input: input(tls.input), value });
  if (!edits) return undefined;
  const after = applyEdits(text, edits);
  const reparsed = cloudformation.parse({ path, text: after }, new LineIndex(after), grammars)!;
  assert.deepEqual(reparsed.errors, [], after);
  const fixed = reparsed.model.resources[0].properties.get('transitEncryptionEnabled')!.value;
  assert.ok(fixed.kind === 'input' && fixed.input.defaultValue?.kind === 'literal', after);
  assert.equal(fixed.input.defaultValue.value, typeof value === 'number' ? value : String(value), 'CloudFormation reads the default as a string');
  return after;
}

const fixDefault = (path: string, text: string) => applyFirstFixClean(path, text, TITLE);

async function titles(path: string, text: string): Promise<string[]> {
  const result = await analyzeSource(path, text);
  assert.equal(result?.findings.length, 1, `expected one finding, got ${summarize(result)}`);
  return result!.findings[0].fixes.map((f) => f.title);
}

/** A template whose replication group reads `EnableTls`, with the parameter's body given as YAML lines. */
function yaml(param: string, indent = '  '): string {
  return `Parameters:\n${indent}EnableTls:\n${param}Resources:\n${indent}Cache:\n${indent}${indent}Type: ${RG}\n${indent}${indent}Properties:\n`
    + `${indent}${indent}${indent}Engine: redis\n${indent}${indent}${indent}TransitEncryptionEnabled: !Ref EnableTls\n`;
}

describe('CloudFormation: change the default of the parameter TLS comes from', () => {
  it('is offered between the preferred fix and the migration, titled with the parameter', async () => {
    const text = yaml(`    Type: String\n    AllowedValues: ['true', 'false']\n    Default: 'false'\n`);
    assert.deepEqual(await titles('t.yaml', text), [
      'Set TransitEncryptionEnabled to true',
      "Change the default of parameter 'EnableTls' to true",
      'Set TransitEncryptionEnabled to true with TransitEncryptionMode "preferred" (online migration of a live group)',
    ]);
  });

  it('replaces a quoted Default in place, keeping its quotes', async () => {
    const single = yaml(`    Type: String\n    AllowedValues: ['true', 'false']\n    Default: 'false' # off until clients have TLS\n`);
    assert.equal(await fixDefault('t.yaml', single), single.replace(`Default: 'false'`, `Default: 'true'`));
    const double = yaml(`    Type: String\n    Default: "false"\n`);
    assert.equal(await fixDefault('t.yaml', double), double.replace('"false"', '"true"'));
  });

  it('replaces a plain boolean Default with a string, since the parameter is a String', async () => {
    const text = `Parameters:\n  EnableTls: {Type: String, Default: false}\nResources:\n  Cache:\n    Type: ${RG}\n    Properties:\n      TransitEncryptionEnabled: !Ref EnableTls\n`;
    assert.equal(await fixDefault('t.yaml', text), text.replace('Default: false}', 'Default: "true"}'));
  });

  it('adds Default at the parameter\'s child indentation, quoted like its AllowedValues', () => {
    const text = yaml(`        Type: String\n        AllowedValues: ["true", "false"]\n`, '    ');
    assert.equal(build('t.yaml', text), text.replace('AllowedValues: ["true", "false"]\n', 'AllowedValues: ["true", "false"]\n        Default: "true"\n'));
  });

  it('adds Default quoted the way the rest of the template quotes strings', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'\n${yaml('    Type: String\n    Description: TLS on or off\n')}`;
    assert.equal(build('t.yaml', text), text.replace('Description: TLS on or off\n', "Description: TLS on or off\n    Default: 'true'\n"));
    const unquoted = yaml('    Type: String\n');
    assert.equal(build('t.yaml', unquoted), unquoted.replace('Type: String\n', 'Type: String\n    Default: "true"\n'));
  });

  it('adds Default to a flow-style parameter', () => {
    const text = `Parameters:\n  EnableTls: {Type: String, AllowedValues: ['true', 'false']}\nResources:\n  Cache:\n    Type: ${RG}\n    Properties:\n      TransitEncryptionEnabled: !Ref EnableTls\n`;
    assert.equal(build('t.yaml', text), text.replace("'false']}", "'false'], Default: 'true'}"));
  });

  it('fixes every resource that reads the parameter at once', async () => {
    const text = `Parameters:\n  EnableTls:\n    Type: String\n    Default: 'false'\nResources:\n`
      + `  A:\n    Type: ${RG}\n    Properties:\n      TransitEncryptionEnabled: !Ref EnableTls\n`
      + `  B:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      Engine: redis\n      TransitEncryptionEnabled: !Ref EnableTls\n`;
    assert.equal((await analyzeSource('t.yaml', text))?.findings.length, 2);
    assert.equal(await fixDefault('t.yaml', text), text.replace(`Default: 'false'`, `Default: 'true'`));
  });

  it('keeps CRLF line endings', async () => {
    const text = yaml(`    Type: String\n    AllowedValues: ['true', 'false']\n`).replace(/\n/g, '\r\n');
    assert.equal(build('t.yaml', text), text.replace(`'false']\r\n`, `'false']\r\n    Default: 'true'\r\n`));
    const replaced = text.replace(`'false']\r\n`, `'false']\r\n    Default: 'false'\r\n`);
    assert.equal(await fixDefault('t.yaml', replaced), text.replace(`'false']\r\n`, `'false']\r\n    Default: 'true'\r\n`));
  });

  it('is not offered when AllowedValues or AllowedPattern rule the value out', async () => {
    for (const constraint of [`    AllowedValues: ['false', 'no']\n`, `    AllowedValues: !Ref Other\n`, `    AllowedPattern: '^(false|off)$'\n`, '    MaxLength: 3\n']) {
      const text = yaml(`    Type: String\n${constraint}    Default: 'false'\n`);
      assert.deepEqual((await titles('t.yaml', text)).filter((t) => TITLE.test(t)), [], constraint);
    }
    const allowed = yaml(`    Type: String\n    AllowedValues: [true, false]\n    AllowedPattern: '(true|false)'\n    MaxLength: 5\n    Default: false\n`);
    // No quotes around the AllowedValues or the Default: the first quoted string of the parameter decides.
    assert.equal(await fixDefault('t.yaml', allowed), allowed.replace('Default: false', "Default: 'true'"));
  });
});

describe('CloudFormation JSON: change the default of the parameter TLS comes from', () => {
  it('replaces "Default" in place', async () => {
    const text = `{"Parameters": {"T": {"Type": "String", "Default": "false"}},\n "Resources": {"Cache": {"Type": "${RG}", "Properties": {"TransitEncryptionEnabled": {"Ref": "T"}}}}}`;
    assert.deepEqual(await titles('t.json', text), [
      'Set TransitEncryptionEnabled to true',
      "Change the default of parameter 'T' to true",
      'Set TransitEncryptionEnabled to true with TransitEncryptionMode "preferred" (online migration of a live group)',
    ]);
    assert.equal(await fixDefault('t.json', text), text.replace('"Default": "false"', '"Default": "true"'));
  });

  it('adds "Default" as a string after the last member, with the comma on the previous line', () => {
    const text = `{\n  "Parameters": {\n    "EnableTls": {\n      "Type": "String",\n      "AllowedValues": ["true", "false"]\n    }\n  },\n`
      + `  "Resources": {\n    "Cache": {\n      "Type": "${RG}",\n      "Properties": {"TransitEncryptionEnabled": {"Ref": "EnableTls"}}\n    }\n  }\n}\n`;
    assert.equal(build('t.json', text), text.replace('["true", "false"]\n', '["true", "false"],\n      "Default": "true"\n'));
  });

  it('adds "Default" to a one-line parameter', () => {
    const text = `{"Parameters": {"T": {"Type": "String"}}, "Resources": {"Cache": {"Type": "${RG}", "Properties": {"TransitEncryptionEnabled": {"Ref": "T"}}}}}`;
    assert.equal(build('t.json', text), text.replace('{"Type": "String"}', '{"Type": "String", "Default": "true"}'));
  });
});

describe('CloudFormation edit builder: setInputDefault', () => {
  const text = `Parameters:\n  Tls:\n    Type: String\n  Port:\n    Type: Number\n    Default: 6379\nResources:\n  Cache:\n    Type: ${RG}\n    Properties:\n      TransitEncryptionEnabled: !Ref Tls\n`;
  const portRange = { start: { line: 3, character: 2 }, end: { line: 3, character: 6 } };

  it('offers nothing for an input not declared in this file', () => {
    assert.equal(build('t.yaml', text, (d) => ({ name: 'Elsewhere', secret: false, range: d.range })), undefined);
    assert.equal(build('t.yaml', text, () => ({ name: 'Tls', secret: false })), undefined, 'no declaration range');
    assert.equal(build('t.yaml', text, (d) => ({ ...d, range: portRange })), undefined, 'another declaration');
  });

  it('writes a bare number for a Number parameter, and nothing that is not a number', () => {
    const parsed = cloudformation.parse({ path: 't.yaml', text }, new LineIndex(text), grammars)!;
    const port = (value: string | number | boolean) => parsed.buildEdits({ kind: 'setInputDefault', input: { name: 'Port', secret: false, range: portRange }, value });
    assert.equal(applyEdits(text, port(6380)!), text.replace('6379', '6380'));
    assert.equal(port(true), undefined);
  });

  it('writes other strings plain when the template does', () => {
    assert.equal(build('t.yaml', text, (d) => d, 'preferred'), text.replace('    Type: String\n', '    Type: String\n    Default: preferred\n'));
  });
});
