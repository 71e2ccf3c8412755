#!/usr/bin/env node
// The same cachelint e2e suite in desktop VS Code, through @vscode/test-electron. It DOWNLOADS VS Code
// (update.code.visualstudio.com), so it only works on a machine with internet access — never on our CI, which has
// no route there (CI uses test/e2e/run.mjs with code-server). On a Linux box without a display, wrap it in xvfb-run.
//
//   npm run package && node test/e2e/electron.mjs          (VSCODE_VERSION=1.100.3 to pin; default: stable)
//
// Like run.mjs, it installs the packaged ./cachelint.vsix into a throwaway extensions dir and uses the empty
// test/e2e/host as the "extension under development", so cachelint is the real packaged build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, resolveCliPathFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { buildSuite } from './build.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const vsix = path.resolve(process.env.CACHELINT_E2E_VSIX || path.join(root, 'cachelint.vsix'));

let tmp;
let code = 1;
try {
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} not found: run \`npm run package\` first`);
  const suiteJs = await buildSuite();
  const vscodeExecutablePath = await downloadAndUnzipVSCode({ version: process.env.VSCODE_VERSION || 'stable', cachePath: path.join(here, '.vscode-test') });

  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-e2e-electron-'));
  const userData = path.join(tmp, 'user-data');
  const extensions = path.join(tmp, 'extensions');
  const workspace = path.join(tmp, 'workspace');
  const resultFile = path.join(tmp, 'results.json');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none',
    'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false, 'files.autoSave': 'off', 'git.enabled': false,
  }, null, 2));
  fs.cpSync(path.join(here, 'workspace'), workspace, { recursive: true });

  const profile = [`--extensions-dir=${extensions}`, `--user-data-dir=${userData}`];
  const cli = resolveCliPathFromVSCodeExecutablePath(vscodeExecutablePath);
  const inst = spawnSync(cli, [...profile, '--install-extension', vsix, '--force'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (inst.status !== 0) throw new Error(`installing ${vsix} failed (exit ${inst.status}):\n${inst.stdout}${inst.stderr}`);

  let exitCode;
  try {
    exitCode = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: path.join(here, 'host'),
      extensionTestsPath: suiteJs,
      extensionTestsEnv: { CACHELINT_E2E_RESULT: resultFile },
      launchArgs: [workspace, ...profile, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } catch (e) {
    exitCode = e?.code ?? 1; // TestRunFailedError when run() threw (a test failed) — the results file says which
  }
  if (!fs.existsSync(resultFile)) throw new Error(`VS Code exited (${exitCode}) without writing ${resultFile}`);
  const { results = [], vscodeVersion, ms } = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  for (const r of results) console.log(`${r.ok ? 'ok' : 'not ok'} - ${r.name}${r.detail ? ` — ${r.detail.replace(/\s*\n\s*/g, ' ⏎ ')}` : ''}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`# VS Code ${vscodeVersion} (desktop), ${ms} ms in the editor`);
  console.log(`${results.length - failed} passed, ${failed} failed`);
  code = failed === 0 && results.length > 0 ? 0 : 1;
} catch (e) {
  console.log(`not ok - e2e harness (electron) — ${e?.message ?? e}`);
  console.log('0 passed, 1 failed');
} finally {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
