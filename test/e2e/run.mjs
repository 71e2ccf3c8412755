#!/usr/bin/env node
// cachelint end-to-end tests in a real VS Code: code-server (VS Code's web workbench + a real Node extension host)
// driven by Debian chromium through playwright-core. The packaged ./cachelint.vsix is installed into a throwaway
// extensions dir; the in-editor suite (test/e2e/suite/index.ts → .out/suite.js) runs inside the extension host via
// the workbench `payload` (extensionDevelopmentPath = the empty test/e2e/host, extensionTestsPath = the suite).
//
//   npm run test:e2e                    (packages first, then runs this)
//   node test/e2e/run.mjs               (uses the existing ./cachelint.vsix)
//
// Env: CACHELINT_E2E_VSIX (other VSIX), CACHELINT_E2E_TIMEOUT_MS (default 180000), CACHELINT_E2E_KEEP=1 (keep the
// temp dir), CACHELINT_E2E_VERBOSE=1 (stream editor console), CHROMIUM (default /usr/bin/chromium).
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSuite } from './build.mjs';
import { driveNewFromCursor, driveResize, driveWizard, oneReport, reportFrames, tabLabels } from './wizard.mjs';
import { codeLensPhases } from './codelens.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const vsix = path.resolve(process.env.CACHELINT_E2E_VSIX || path.join(root, 'cachelint.vsix'));
const timeoutMs = Number(process.env.CACHELINT_E2E_TIMEOUT_MS || 180_000);
const keep = process.env.CACHELINT_E2E_KEEP === '1';
const verbose = process.env.CACHELINT_E2E_VERBOSE === '1';
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const resultsDir = path.join(root, 'test-results');
const screenshot = path.join(resultsDir, 'e2e-problems.png');

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const step = (s) => console.log(`# ${s} (${elapsed()})`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tail(file, lines = 60) {
  try { return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n'); } catch { return `(no ${file})`; }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

function findFiles(dir, re, out = []) {
  let entries = [];
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return out; }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) findFiles(p, re, out);
    else if (re.test(e.name)) out.push(p);
  }
  return out;
}

// ---- state cleaned up in `finally` ----
let tmp;
let server;      // code-server child (own process group)
let context;     // playwright persistent context (owns chromium)
let cleaning;

async function cleanup() {
  if (cleaning) return cleaning;
  cleaning = (async () => {
    if (context) await Promise.race([context.close().catch(() => {}), sleep(10_000)]);
    if (server && server.exitCode === null && server.signalCode === null) {
      const gone = new Promise((r) => server.once('exit', r));
      try { process.kill(-server.pid, 'SIGTERM'); } catch {}
      if (await Promise.race([gone.then(() => true), sleep(5_000).then(() => false)]) === false) {
        try { process.kill(-server.pid, 'SIGKILL'); } catch {}
        await Promise.race([gone, sleep(2_000)]);
      }
    }
    if (tmp && !keep) fs.rmSync(tmp, { recursive: true, force: true });
    else if (tmp) console.log(`# kept ${tmp}`);
  })();
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => { cleanup().finally(() => process.exit(130)); });

function saveLogs(logs) {
  const dir = path.join(resultsDir, 'e2e-logs');
  fs.mkdirSync(dir, { recursive: true });
  for (const f of [logs.server, logs.console, ...findFiles(logs.userData, /\.log$/)]) {
    try { fs.copyFileSync(f, path.join(dir, path.relative(tmp, f).replaceAll(path.sep, '__'))); } catch {}
  }
  return dir;
}

function printDiagnosis(logs) {
  console.log(`--- code-server log (tail) ---\n${tail(logs.server)}`);
  for (const f of findFiles(logs.userData, /^(remoteexthost|exthost|remoteagent)\.log$/)) console.log(`--- ${path.relative(tmp, f)} (tail) ---\n${tail(f, 40)}`);
  console.log(`--- editor console (tail) ---\n${tail(logs.console, 40)}`);
  console.log(`--- logs saved to ${path.relative(root, saveLogs(logs))} ---`);
}

async function main() {
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} not found: run \`npm run package\` first (or \`npm run test:e2e\`, which does)`);
  fs.mkdirSync(resultsDir, { recursive: true });
  for (const stale of [screenshot, path.join(resultsDir, 'e2e-timeout.png'), path.join(resultsDir, 'e2e-logs')]) fs.rmSync(stale, { recursive: true, force: true });

  const suiteJs = await buildSuite();
  step(`built ${path.relative(root, suiteJs)}`);

  const csDir = execFileSync('bash', [path.join(here, 'install-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop();
  const codeServer = path.join(csDir, 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(codeServer)) throw new Error(`code-server not found at ${codeServer}`);
  step(`code-server at ${csDir}`);

  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-e2e-'));
  const d = (...p) => { const x = path.join(tmp, ...p); fs.mkdirSync(x, { recursive: true }); return x; };
  const home = d('home'); const userData = d('user-data'); const extensions = d('extensions'); const chrome = d('chrome');
  const workspace = path.join(tmp, 'workspace');
  const resultFile = path.join(tmp, 'results', 'results.json');
  const ackFile = path.join(tmp, 'results', 'screenshot-taken');
  const logs = { server: path.join(tmp, 'code-server.log'), console: path.join(tmp, 'editor-console.log'), userData };
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: d('xdg', 'config'), XDG_DATA_HOME: d('xdg', 'data'), XDG_CACHE_HOME: d('xdg', 'cache'),
    CACHELINT_E2E_RESULT: resultFile,
    CACHELINT_E2E_ACK: ackFile,
  };
  delete env.VSCODE_IPC_HOOK_CLI; // never talk to an editor the developer has open

  // Quiet, deterministic user settings: no welcome page, no tips, no auto-save, no update checks.
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false, 'extensions.ignoreRecommendations': true, 'security.workspace.trust.enabled': false,
    'files.autoSave': 'off', 'problems.autoReveal': true, 'window.commandCenter': false,
    'git.enabled': false, 'git.autoRepositoryDetection': false, 'github.gitAuthentication': false,
  }, null, 2));

  // Install the real packaged extension.
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
  const inst = spawnSync(codeServer, [...common, '--install-extension', vsix, '--force'], { env, encoding: 'utf8', timeout: 120_000 });
  const instOut = `${inst.stdout ?? ''}${inst.stderr ?? ''}`.trim();
  if (inst.status !== 0 || !/successfully installed/i.test(instOut)) throw new Error(`installing ${vsix} failed (exit ${inst.status}):\n${instOut}`);
  step(`installed ${path.basename(vsix)}: ${instOut.split('\n').filter((l) => /install/i.test(l)).pop()}`);

  fs.cpSync(path.join(here, 'workspace'), workspace, { recursive: true });

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const serverLog = fs.openSync(logs.server, 'a');
  server = spawn(codeServer, [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--disable-proxy', '--ignore-last-opened',
    '--config', path.join(tmp, 'code-server.yaml'), ...common, workspace,
  ], { env, detached: true, stdio: ['ignore', serverLog, serverLog] });
  fs.closeSync(serverLog);
  let serverExit;
  server.once('exit', (code, signal) => { serverExit = `code-server exited (code ${code}, signal ${signal})`; });

  // Ready when /healthz answers; also read the workbench configuration (remoteAuthority) from the page's HTML.
  const folderQuery = `folder=${encodeURIComponent(workspace)}`;
  let remoteAuthority;
  for (const end = Date.now() + 60_000; !remoteAuthority;) {
    if (serverExit) { printDiagnosis(logs); throw new Error(serverExit); }
    if (Date.now() > end) { printDiagnosis(logs); throw new Error(`code-server did not answer on ${base} within 60 s`); }
    try {
      const html = await (await fetch(`${base}/?${folderQuery}`)).text();
      const m = html.match(/id="vscode-workbench-web-configuration"\s+data-settings="([^"]*)"/);
      if (m) {
        const json = m[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
        remoteAuthority = JSON.parse(json).remoteAuthority;
      }
    } catch {}
    if (!remoteAuthority) await sleep(250);
  }
  step(`code-server ready on ${base} (remoteAuthority ${remoteAuthority})`);

  const { chromium } = await import('playwright-core');
  context = await chromium.launchPersistentContext(chrome, {
    executablePath: chromiumPath, headless: true, viewport: { width: 1400, height: 900 }, env: { ...process.env, HOME: home },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  const consoleLog = fs.createWriteStream(logs.console);
  page.on('console', (m) => {
    const t = m.text();
    consoleLog.write(`[${m.type()}] ${t}\n`);
    // Extension-host console lines arrive as "%c INFO color: #33f [cachelint-e2e] …": stream the suite's progress.
    const i = t.indexOf('[cachelint-e2e] ');
    if (i >= 0) console.log(`# editor: ${t.slice(i + 16, i + 16 + 300)}`);
    else if (verbose) console.log(`# editor console: ${t.slice(0, 400)}`);
  });
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
  // VS Code honours the payload's extension-development arguments in a built product only when
  // developmentOptions.enableSmokeTestDriver is set; code-server has no flag for it, so patch the workbench
  // configuration element as the page parses it (page.route would make Chromium block the websocket).
  await page.addInitScript(() => {
    const patch = (el) => {
      try {
        const c = JSON.parse(el.getAttribute('data-settings'));
        c.developmentOptions = { ...(c.developmentOptions || {}), enableSmokeTestDriver: true };
        el.setAttribute('data-settings', JSON.stringify(c));
      } catch {}
    };
    const el = document.getElementById('vscode-workbench-web-configuration');
    if (el) { patch(el); return; }
    new MutationObserver((_, obs) => {
      const found = document.getElementById('vscode-workbench-web-configuration');
      if (found) { patch(found); obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  const remote = (p) => `vscode-remote://${remoteAuthority}${p}`;
  const payload = [['extensionDevelopmentPath', remote(path.join(here, 'host'))], ['extensionTestsPath', remote(suiteJs)]];
  await page.goto(`${base}/?${folderQuery}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  step('workbench loaded; tests running in the extension host');

  for (const end = Date.now() + timeoutMs; !fs.existsSync(resultFile);) {
    if (serverExit) { printDiagnosis(logs); throw new Error(`${serverExit} before the tests wrote ${resultFile}`); }
    if (Date.now() > end) {
      await page.screenshot({ path: path.join(resultsDir, 'e2e-timeout.png') }).catch(() => {});
      printDiagnosis(logs);
      throw new Error(`timed out after ${timeoutMs / 1000} s: the in-editor tests wrote no results (screenshot: test-results/e2e-timeout.png)`);
    }
    await sleep(250);
  }
  const summary = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  step(`tests finished in the editor (${summary.ms} ms, VS Code ${summary.vscodeVersion}, ${summary.appName})`);

  // The suite has opened the Problems panel; make sure it is visible, then take the screenshot while the
  // extension host still runs (the suite waits for the ack file before returning).
  try {
    if (!(await page.locator('.markers-panel').first().isVisible().catch(() => false))) {
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 300 } }).catch(() => {});
      await page.keyboard.press('Control+Shift+M');
    }
    await page.locator('.markers-panel .monaco-list-row').first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {});
    await sleep(500);
    await page.screenshot({ path: screenshot });
    step(`screenshot ${path.relative(root, screenshot)}`);
  } catch (e) {
    console.log(`# screenshot failed: ${e?.message ?? e}`);
  } finally {
    fs.writeFileSync(ackFile, 'ok');
  }

  const results = Array.isArray(summary.results) ? summary.results : [];
  results.push(await hoverShot(page, ackFile));
  results.push(...await sizingPhases(page, ackFile));
  results.push(...await codeLensPhases(page, ackFile, { phase, root, resultsDir, step }));
  for (const r of results) console.log(`${r.ok ? 'ok' : 'not ok'} - ${r.name}${r.detail ? ` — ${r.detail.replace(/\s*\n\s*/g, ' ⏎ ')}` : ''}`);
  const failed = results.filter((r) => !r.ok).length;
  if (failed || results.length === 0) { console.log(`# editor logs: ${path.relative(root, saveLogs(logs))}`); }
  console.log(`# total ${elapsed()}`);
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed === 0 && results.length > 0 ? 0 : 1;
}

/** The node-type hover the suite opened (phase "hover"), photographed into docs/hover-node-type.png. */
async function hoverShot(page, ackFile) {
  const name = 'hover widget on a node type shows its memory (docs/hover-node-type.png)';
  try {
    const detail = await phase(ackFile, 'hover', async ({ text }) => {
      const widget = page.locator('.monaco-hover').filter({ hasText: text }).first();
      await widget.waitFor({ state: 'visible', timeout: 15_000 });
      const shown = await widget.innerText();
      if (!/13\.07 GiB/.test(shown)) throw new Error(`the hover shows no memory: ${shown.slice(0, 200)}`);
      await sleep(300);
      const png = path.join(root, 'docs', 'hover-node-type.png');
      await page.screenshot({ path: png });
      step(`screenshot ${path.relative(root, png)}`);
      return shown.split('\n')[0];
    });
    return { name, ok: true, detail };
  } catch (e) {
    const png = path.join(resultsDir, 'e2e-hover.png');
    await page.screenshot({ path: png }).catch(() => {});
    return { name, ok: false, detail: `${e?.message ?? e} (screenshot ${path.relative(root, png)})` };
  }
}

/** Waits for the suite to set up phase `name` (`<ack>.<name>`), runs `fn` with what it wrote, answers `<ack>.<name>-done`. */
async function phase(ackFile, name, fn) {
  const file = `${ackFile}.${name}`;
  try {
    for (const end = Date.now() + 60_000; !fs.existsSync(file);) {
      if (Date.now() > end) throw new Error(`the suite never set up phase "${name}" (no ${path.basename(file)})`);
      await sleep(100);
    }
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (data.error) throw new Error(`the suite could not set up phase "${name}": ${data.error}`);
    return await fn(data);
  } finally {
    fs.writeFileSync(`${file}-done`, 'ok');
  }
}

async function noReport(page) {
  for (const end = Date.now() + 10_000; (await reportFrames(page)).length;) {
    if (Date.now() > end) throw new Error('a sizing report is still open after the suite closed every editor');
    await sleep(100);
  }
}

/** The first line where two report texts differ, for the failure message. */
function firstDifference(want, got) {
  const a = want.split('\n'), b = got.split('\n');
  const i = a.findIndex((l, k) => l !== b[k]);
  const at = i < 0 ? a.length : i;
  return `line ${at + 1}: expected ${JSON.stringify(a[at] ?? '(end)')}, the wizard's report has ${JSON.stringify(b[at] ?? '(end)')}`;
}

/**
 * The sizing tests the runner drives, after the suite's own tests and the Problems screenshot. The suite sets each
 * phase up (see runnerPhases in suite/index.ts); the keyboard and the DOM reads are here and in wizard.mjs.
 */
async function sizingPhases(page, ackFile) {
  const out = [];
  let suiteGone = false;
  async function test(name, phaseName, fn) {
    if (suiteGone) { out.push({ name, ok: false, detail: 'not run: the suite stopped answering' }); return; }
    const t = Date.now();
    try {
      const detail = await phase(ackFile, phaseName, fn);
      out.push({ name, ok: true, ...(detail ? { detail: `${detail} (${((Date.now() - t) / 1000).toFixed(1)} s)` } : {}) });
    } catch (e) {
      const message = e?.message ?? String(e);
      if (/never set up phase/.test(message)) suiteGone = true;
      const png = path.join(resultsDir, `e2e-${phaseName}.png`);
      await page.screenshot({ path: png }).catch(() => {});
      out.push({ name, ok: false, detail: `${message} (screenshot ${path.relative(root, png)})` });
    }
  }

  await test('sizing report webview: the options table shows the node types of the result', 'report', async ({ title, nodeTypes }) => {
    let texts;
    for (const end = Date.now() + 20_000; !texts;) {
      for (const frame of page.frames()) {
        const nodes = await frame.locator('table.options span.node').allTextContents().catch(() => []);
        if (nodes.length) { texts = nodes; break; }
      }
      if (!texts) {
        if (Date.now() > end) throw new Error(`no frame holds the report's options table (${page.frames().length} frames)`);
        await sleep(250);
      }
    }
    const missing = nodeTypes.filter((n) => !texts.some((t) => t.includes(n)));
    if (missing.length) throw new Error(`the report (${title}) does not show ${missing.join(', ')}; it shows ${texts.join(' | ')}`);
    await sleep(500); // the chart's layout settles after the table is in the DOM
    const png = path.join(root, 'docs', 'sizing-report.png');
    await page.screenshot({ path: png });
    step(`screenshot ${path.relative(root, png)}`);
    return `${title}: ${texts.length} options (${texts.join(' | ')})`;
  });

  let expected;
  await phase(ackFile, 'typed', async ({ title }) => {
    expected = { title, text: await oneReport(page, `the report for the workload in numbers (${title})`) };
  }).catch((e) => { expected = { error: e?.message ?? String(e) }; });

  await test('sizing wizard typed in the command palette (units, a refused value, Back): its report is the one for the same workload in numbers', 'wizard', async () => {
    if (expected.error) throw new Error(`no expectation: ${expected.error}`);
    await noReport(page);
    const log = await driveWizard(page);
    const text = await oneReport(page, 'the report of the typed answers');
    const tabs = await tabLabels(page);
    if (!tabs.includes(expected.title)) throw new Error(`no tab titled ${JSON.stringify(expected.title)} (tabs: ${tabs.join(', ') || 'none'})`);
    if (text !== expected.text) throw new Error(`the report differs from the one for the workload in numbers at ${firstDifference(expected.text, text)}`);
    return `${log.join('; ')}; report "${expected.title}" identical to the preset's (${text.length} characters)`;
  });

  await test('Resize this cache: with the cursor on a cache the first pick offers it, the steps start from it, the report names it', 'resize', async (target) => {
    await noReport(page);
    const detail = await driveResize(page, target);
    const line = `Resizing ${target.description} (${target.type}).`;
    const text = await oneReport(page, `a report saying "${line}"`, (t) => t.includes(line));
    const best = text.match(/^#1 (.*)$/m)?.[1];
    const tabs = await tabLabels(page);
    if (!best || !tabs.includes(`Sizing Report: ${best}`)) throw new Error(`no tab titled "Sizing Report: ${best}" (tabs: ${tabs.join(', ')})`);
    return `${detail}; report: ${line}`;
  });

  await test('Size a new cache with the cursor on a cache: the steps start from the defaults and the report resizes nothing', 'new', async (target) => {
    await noReport(page);
    await driveNewFromCursor(page, target);
    const text = await oneReport(page, 'the report of a new sizing');
    const resizing = text.split('\n').find((l) => l.startsWith('Resizing'));
    if (resizing) throw new Error(`the report of "Size a new cache" says: ${resizing}`);
    return 'defaults (Valkey, 1 replica); no "Resizing" line';
  });
  return out;
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.log(`not ok - e2e harness — ${e?.message ?? e}`);
  console.log(`# total ${elapsed()}`);
  console.log('0 passed, 1 failed');
  code = 1;
} finally {
  await cleanup();
}
process.exit(code);
