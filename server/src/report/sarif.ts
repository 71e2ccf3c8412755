/** SARIF 2.1.0 for code-scanning uploads: rule metadata on the driver, fixes as artifact changes. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CliRun } from './json';
import { runProblems } from './problems';
import { ALL_RULES, docsUrl } from '../rules';
import type { Severity } from '../engine/types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function toSarif(run: CliRun): string {
  // Relative paths stay relative (to the working directory) but are URI-encoded: `#` or a space must not break them.
  const uri = (p: string) => (path.isAbsolute(p) ? pathToFileURL(p).href : p.split(path.sep).map(encodeURIComponent).join('/'));
  const problems = runProblems(run);
  const ruleIndex = new Map(ALL_RULES.map((r, i) => [r.meta.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cachelint',
          version: run.version,
          informationUri: 'https://github.com/cachelint/cachelint',
          rules: ALL_RULES.map((r) => ({
            id: r.meta.id,
            shortDescription: { text: r.meta.title },
            helpUri: docsUrl(r.meta.id),
            // SARIF's own word for a rule that runs only when turned on.
            defaultConfiguration: { level: LEVEL[r.meta.defaultSeverity], ...(r.meta.optIn ? { enabled: false } : {}) },
          })),
        },
      },
      results: run.results.flatMap((r) => r.findings.map((f) => ({
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: uri(r.path) },
            region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
          },
        }],
        fixes: f.fixes.map((fix) => ({
          description: { text: fix.title },
          artifactChanges: [{
            artifactLocation: { uri: uri(r.path) },
            replacements: fix.edits.map((e) => ({
              deletedRegion: { startLine: e.range.start.line + 1, startColumn: e.range.start.character + 1, endLine: e.range.end.line + 1, endColumn: e.range.end.character + 1 },
              insertedContent: { text: e.newText },
            })),
          }],
        })),
      }))),
      invocations: [{
        // Unsuccessful when some input was not analysed: a code-scanning view must not read it as "no alerts".
        executionSuccessful: !problems.some((p) => p.level === 'error'),
        toolExecutionNotifications: problems.map((p) => ({
          level: p.level === 'error' ? 'error' : 'note',
          message: { text: p.message },
          locations: [{
            physicalLocation: {
              artifactLocation: { uri: uri(p.path) },
              ...(p.line ? { region: { startLine: p.line, startColumn: p.column } } : {}),
            },
          }],
        })),
      }],
    }],
  };
  return JSON.stringify(sarif, null, 2);
}
