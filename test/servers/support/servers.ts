/**
 * Starts redis-server and memcached as children of the test on 127.0.0.1 and a free port, and stops them by PID.
 * A missing binary is a failure with the install command, not a skip: CI installs both.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MemcachedWire, RedisWire } from './wire';

export const INSTALL_HINT = 'apt-get install redis-server memcached';

export function requireBinary(name: string, versionFlag: string): string {
  const r = spawnSync(name, [versionFlag], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`${name} is not installed (or does not run): ${r.error?.message ?? r.stderr}. ` +
      `The memory-model tests need the real servers: ${INSTALL_HINT}`);
  }
  return (r.stdout || r.stderr).trim();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface Running {
  proc: ChildProcess;
  port: number;
  stop: () => Promise<void>;
  /** stderr/stdout the server wrote, for failure messages. */
  log: () => string;
}

function launch(cmd: string, args: string[], port: number, cleanup: () => void): Running {
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (d: Buffer) => { log = (log + d.toString()).slice(-4000); };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null && proc.pid !== undefined) {
      const gone = new Promise<void>((r) => proc.once('exit', () => r()));
      process.kill(proc.pid, 'SIGTERM');
      const t = setTimeout(() => { if (proc.exitCode === null && proc.pid !== undefined) process.kill(proc.pid, 'SIGKILL'); }, 3000);
      await gone;
      clearTimeout(t);
    }
    cleanup();
  };
  return { proc, port, stop, log: () => log };
}

async function waitFor<T>(what: string, run: Running, probe: () => Promise<T>, ms = 10000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    if (run.proc.exitCode !== null) throw new Error(`${what} exited with ${run.proc.exitCode}: ${run.log()}`);
    try { return await probe(); } catch (e) {
      if (Date.now() > end) throw new Error(`${what} did not answer on port ${run.port}: ${(e as Error).message}\n${run.log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `cluster: true` starts a one-node cluster that owns all 16,384 slots (as a cluster-mode-enabled shard does). */
export async function startRedis(opts: { cluster?: boolean } = {}): Promise<Running> {
  requireBinary('redis-server', '--version');
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cachelint-redis-'));
  const cluster = opts.cluster ? ['--cluster-enabled', 'yes', '--cluster-config-file', path.join(dir, 'nodes.conf')] : [];
  const run = launch('redis-server', [
    '--save', '', '--appendonly', 'no', '--port', String(port), '--bind', '127.0.0.1', '--daemonize', 'no',
    '--dir', dir, '--logfile', '', ...cluster,
  ], port, () => rmSync(dir, { recursive: true, force: true }));
  await waitFor('redis-server', run, async () => {
    const c = await RedisWire.open(port);
    try { if ((await c.call('PING')) !== 'PONG') throw new Error('no PONG'); } finally { await c.close(); }
  });
  if (opts.cluster) {
    const c = await RedisWire.open(port);
    try {
      await c.call('CLUSTER', 'ADDSLOTSRANGE', 0, 16383);
      await waitFor('redis-server cluster state', run, async () => {
        if (!String(await c.call('CLUSTER', 'INFO')).includes('cluster_state:ok')) throw new Error('cluster_state not ok');
      });
    } finally {
      await c.close();
    }
  }
  return run;
}

export async function startMemcached(extra: string[] = []): Promise<Running> {
  requireBinary('memcached', '-V');
  const port = await freePort();
  // memcached refuses to run as root without -u.
  const user = process.getuid?.() === 0 ? ['-u', 'nobody'] : [];
  const run = launch('memcached', ['-l', '127.0.0.1', '-p', String(port), '-U', '0', '-m', '1024', ...user, ...extra], port, () => {});
  await waitFor('memcached', run, async () => {
    const c = await MemcachedWire.open(port);
    try { await c.request('version\r\n', '\r\n'); } finally { c.close(); }
  });
  return run;
}

/** The slab class table memcached prints at start-up with -vv: [class, chunk size, per slab]. */
export async function memcachedSlabTable(): Promise<[number, number, number][]> {
  const run = await startMemcached(['-vv']);
  try {
    const rows: [number, number, number][] = [];
    for (const m of run.log().matchAll(/slab class\s+(\d+): chunk size\s+(\d+) perslab\s+(\d+)/g)) {
      rows.push([Number(m[1]), Number(m[2]), Number(m[3])]);
    }
    return rows;
  } finally {
    await run.stop();
  }
}
