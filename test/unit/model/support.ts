/** Parse helpers for the model tests: a CloudFormation template or a Terraform file to its model resources. */
import assert from 'node:assert/strict';
import { cloudformation } from '../../../server/src/formats/cloudformation';
import { LineIndex } from '../../../server/src/engine/text';
import { Grammars } from '../../../server/src/engine/grammars';
import { nodeGrammarSource } from '../../../server/src/host/nodeGrammars';
import type { IacResource } from '../../../server/src/model/iac';
import type { Range } from '../../../server/src/engine/types';
import { parseTerraform } from '../terraform/parse';

export { at } from '../terraform/parse';

const grammars = new Grammars(nodeGrammarSource());

export function cfn(text: string, path = 'template.yaml'): IacResource[] {
  const parsed = cloudformation.parse({ path, text }, new LineIndex(text), grammars);
  assert.ok(parsed, 'not recognised as a template');
  return parsed.model.resources;
}

export async function tf(text: string, path = 'main.tf'): Promise<IacResource[]> {
  return (await parseTerraform(path, text)).model.resources;
}

/** The text a range covers. */
export function textAt(text: string, r: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(r.start), lines.offsetAt(r.end));
}
