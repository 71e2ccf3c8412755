/** Syntax errors are ranged inside the text's lines, whatever the line endings. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../../support/analyze';

describe('CloudFormation: syntax error ranges', () => {
  it('CRLF: an error at the end of a line ends at that line end, not between \\r and \\n', async () => {
    // `yaml` reports the missing comma one past the end of `C:`, which is the \n of its CRLF.
    const text = 'P:\r\n!Equals [   Env: {Type: C}\r\n   E:\r\n      T: N\r\nC:\r\n   I: 1\r\n# AWSTemplateFormatVersion\r\n';
    const result = await analyzeSource('t.yaml', text);
    const lines = text.split('\r\n');
    const flow = result!.errors.find((e) => e.message.includes('line 5, column 3'));
    assert.equal(flow?.message, 'YAML syntax error: Missing , between flow sequence items at line 5, column 3');
    assert.deepEqual(flow?.range, { start: { line: 4, character: 2 }, end: { line: 4, character: 2 } });
    for (const e of result!.errors) {
      for (const p of [e.range!.start, e.range!.end]) assert.ok(p.character <= lines[p.line].length, `${e.message}: ${JSON.stringify(p)}`);
    }
  });
});
