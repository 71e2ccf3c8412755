/**
 * Section 3: the built server's resident memory with a day's worth of open files: 500 Python modules using redis
 * and 500 CloudFormation templates, written to a workspace folder (the server also reads that folder's templates
 * for the workspace context) and opened one after another, as a restored editor session does.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchClient } from '../lsp/client';
import { SERVER_EXEC_ARGV } from '../../server/src/protocol';
import { now } from '../measure';
import { ms, table, type Target } from '../report';
import { total, type Generated } from '../inputs/generated';
import { cacheStack, cloudFormationOfLines } from '../inputs/cloudformation';
import { pythonOfLines } from '../inputs/python';

const RSS_TARGET_MB = 150;
const FILES_PER_KIND = 500;
/** Quiet this long after the last publish: the context settles and code documents are re-checked once more. */
const QUIET_MS = 2000;

/** Typical module and template sizes, cycled; each file is numbered differently so no two have the same text. */
const PYTHON_LINES = [120, 180, 240, 300, 380, 480];
/** 0: a one-cache stack (50–140 lines), as most stacks in a repository are. */
const TEMPLATE_LINES = [0, 0, 200, 350, 600, 900];

interface WorkspaceFile { rel: string; languageId: string; input: Generated; template: boolean }

function workspaceFiles(): WorkspaceFile[] {
  const files: WorkspaceFile[] = [];
  for (let k = 0; k < FILES_PER_KIND; k++) {
    const lines = TEMPLATE_LINES[k % TEMPLATE_LINES.length];
    const json = k % 5 === 4;
    const input = lines ? cloudFormationOfLines(lines, json ? 'json' : 'yaml', k * 8) : cacheStack(k, json ? 'json' : 'yaml');
    files.push({ rel: `infra/stack_${k}.${json ? 'json' : 'yaml'}`, languageId: json ? 'json' : 'yaml', input, template: true });
    files.push({ rel: `services/svc_${k}/handlers.py`, languageId: 'python', input: pythonOfLines(PYTHON_LINES[k % PYTHON_LINES.length], k * 24), template: false });
  }
  return files;
}

export async function memorySection(log: (s: string) => void): Promise<{ report: string; targets: Target[] }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cachelint-bench-memory-'));
  const files = workspaceFiles();
  let bytes = 0;
  for (const f of files) {
    const abs = path.join(root, f.rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, f.input.text);
    bytes += Buffer.byteLength(f.input.text);
  }
  try {
    const shipped = await measure(root, files, bytes, SERVER_EXEC_ARGV, log);
    const plain = await measure(root, files, bytes, [], log);
    const report = `${FILES_PER_KIND} Python files (${PYTHON_LINES.join('/')} lines) and ${FILES_PER_KIND} templates (50–${Math.max(...TEMPLATE_LINES)} lines, one in five JSON), ` +
      `${(bytes / 1024 / 1024).toFixed(1)} MB of text, all opened at once; first diagnostics for all in ${ms(shipped.allMs / 1000)} s.\n` +
      table(['server started as', 'when', 'VmRSS MB', 'VmHWM (peak) MB'], [
        [`the VS Code client does (${SERVER_EXEC_ARGV.join(' ')})`, 'after initialize (floor)', shipped.floor.rssMb.toFixed(0), shipped.floor.peakMb.toFixed(0)],
        ['', `${files.length} files open, diagnostics published`, shipped.after.rssMb.toFixed(0), shipped.after.peakMb.toFixed(0)],
        ['plain node dist/server.js --stdio', 'after initialize (floor)', plain.floor.rssMb.toFixed(0), plain.floor.peakMb.toFixed(0)],
        ['', `${files.length} files open, diagnostics published`, plain.after.rssMb.toFixed(0), plain.after.peakMb.toFixed(0)],
      ]);
    return { report, targets: [{ name: `RSS with ${files.length} files open ≤ ${RSS_TARGET_MB} MB`, measured: `${shipped.after.rssMb.toFixed(0)} MB`, pass: shipped.after.rssMb <= RSS_TARGET_MB }] };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function measure(root: string, files: WorkspaceFile[], bytes: number, execArgv: string[], log: (s: string) => void) {
  const client = new BenchClient(execArgv);
  try {
    await client.initialize(root);
    await new Promise((r) => setTimeout(r, 1000));
    const floor = client.memory();
    log(`  floor after initialize: ${floor.rssMb.toFixed(0)} MB; opening ${files.length} files (${(bytes / 1024 / 1024).toFixed(1)} MB of text)...`);
    const t0 = now();
    const published = files.map((f) => {
      const uri = pathToFileURL(path.join(root, f.rel)).href;
      const p = client.published(uri, 1, 600_000);
      void client.open(uri, f.languageId, f.input.text);
      return p;
    });
    const first = await Promise.all(published);
    const allMs = now() - t0;
    const wrong = files.filter((f, i) => f.template && first[i].count !== total(f.input.expected));
    if (wrong.length) throw new Error(`${wrong.length} templates published a finding count other than their input's (first: ${wrong[0].rel})`);
    while (now() - client.lastPublishAt < QUIET_MS) await new Promise((r) => setTimeout(r, 200));
    return { floor, after: client.memory(), allMs };
  } finally {
    await client.stop();
  }
}
