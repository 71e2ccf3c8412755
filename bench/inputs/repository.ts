/**
 * CloudFormation templates as a real repository holds them: the project's own fixtures and examples, and 40
 * generated ones from 50 to 2,000 lines, log-spaced (many small stacks, a few big ones), one in four JSON.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheStack, cloudFormationOfLines } from './cloudformation';
import type { Generated } from './generated';

export interface RepositoryFile { rel: string; text: string; expected?: Generated['expected'] }

const GENERATED = 40;
const SMALLEST = 50, LARGEST = 2000;
/** Below this a template holds a single cache stack; above it, whole services. */
const ONE_SERVICE_LINES = 120;

export function templateRepository(root: string): RepositoryFile[] {
  const files: RepositoryFile[] = [];
  for (const dir of ['test/fixtures/cloudformation', 'examples/cloudformation']) {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      // Subfolders hold deliberately broken inputs for the fix tests, not templates a repository deploys.
      if (!entry.isFile()) continue;
      const name = entry.name;
      files.push({ rel: `${dir.split('/')[0]}/${name}`, text: fs.readFileSync(path.join(root, dir, name), 'utf8') });
    }
  }
  for (let k = 0; k < GENERATED; k++) {
    const lines = Math.round(SMALLEST * (LARGEST / SMALLEST) ** (k / (GENERATED - 1)));
    const form = k % 4 === 3 ? 'json' : 'yaml';
    const g = lines < ONE_SERVICE_LINES ? cacheStack(k, form) : cloudFormationOfLines(lines, form, k * 8);
    files.push({ rel: `stacks/stack-${String(k).padStart(2, '0')}.${form}`, text: g.text, expected: g.expected });
  }
  return files;
}
