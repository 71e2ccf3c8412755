/** Builds fix intents from a really parsed file, applies the format's edits, and checks the result re-parses. */
import assert from 'node:assert/strict';
import { LineIndex } from '../../../server/src/engine/text';
import { cloudformation } from '../../../server/src/formats/cloudformation';
import type { ParsedInfra } from '../../../server/src/formats/format';
import type { IacFixIntent } from '../../../server/src/fixes/intents';
import type { IacModel, IacResource } from '../../../server/src/model/iac';
import { applyEdits } from '../../support/analyze';
import { parseTerraform } from '../terraform/parse';

export async function parse(path: string, text: string): Promise<ParsedInfra> {
  if (/\.tf(\.json)?$/.test(path)) return parseTerraform(path, text);
  const parsed = cloudformation.parse({ path, text }, new LineIndex(text), undefined as never);
  if (!parsed) throw new Error(`${path} was not recognised`);
  return parsed;
}

/** The resource of that name (logical id, Terraform name). */
export function resource(model: IacModel, name: string): IacResource {
  const r = model.resources.find((x) => x.name === name);
  assert.ok(r, `no resource ${name}`);
  return r;
}

/**
 * The text after the intent's edits, or undefined when the builder offers none; a result is re-parsed and must
 * have no errors.
 */
export async function applyIntent(path: string, text: string, make: (model: IacModel) => IacFixIntent): Promise<string | undefined> {
  const parsed = await parse(path, text);
  const edits = parsed.buildEdits(make(parsed.model));
  if (!edits) return undefined;
  const out = applyEdits(text, edits);
  const again = await parse(path, out);
  assert.deepEqual(again.errors, [], `the edited file re-parses without errors:\n${out}`);
  return out;
}

export const lines = (...l: string[]) => l.join('\n') + '\n';
