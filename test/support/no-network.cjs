'use strict';
/**
 * Preload for the no-network tests (`node --require test/support/no-network.cjs …`): every attempt to open a
 * network socket — TCP, TLS, UDP, HTTP(S), DNS, fetch, WebSocket, listening — is written as one JSON line to the
 * file named by CACHELINT_NET_LOG and then refused with an error, so the attempt is both seen and harmless.
 * Stdio pipes are never connected with `connect`, so they pass untouched. The preload follows the process into
 * its worker threads (even those given their own execArgv) and into child node processes that inherit the
 * environment, and it writes a `loaded` line from each thread, so a test can tell "no attempt" from "no guard".
 */
const fs = require('node:fs');
const { isMainThread, threadId } = require('node:worker_threads');

const LOG = process.env.CACHELINT_NET_LOG;
const SELF = __filename;

function write(entry) {
  if (!LOG) return;
  fs.appendFileSync(LOG, JSON.stringify({ ...entry, pid: process.pid, thread: threadId, main: isMainThread }) + '\n');
}

function describe(args) {
  try {
    return JSON.stringify(args, (_k, v) => (typeof v === 'function' ? '[function]' : v && typeof v === 'object' && v.constructor && v.constructor.name !== 'Object' && !Array.isArray(v) ? `[${v.constructor.name}]` : v)).slice(0, 300);
  } catch {
    return String(args[0]);
  }
}

function attempt(api, args) {
  write({ type: 'attempt', api, target: describe(args), stack: (new Error().stack || '').split('\n').slice(3, 9).map((l) => l.trim()) });
  return new Error(`network access blocked by test/support/no-network.cjs: ${api}`);
}

/** Replaces `owner[name]` by a function that records the call and throws instead of running it. */
function guard(owner, name, api) {
  const original = owner && owner[name];
  if (typeof original !== 'function' || original.__noNetwork) return;
  const blocked = function (...args) { throw attempt(api, args); };
  blocked.__noNetwork = true;
  owner[name] = blocked;
}

const net = require('node:net');
guard(net.Socket.prototype, 'connect', 'net.Socket.connect');
guard(net, 'connect', 'net.connect');
guard(net, 'createConnection', 'net.createConnection');
guard(net.Server.prototype, 'listen', 'net.Server.listen');
guard(require('node:tls'), 'connect', 'tls.connect');
guard(require('node:dgram'), 'createSocket', 'dgram.createSocket');
for (const mod of ['http', 'https']) {
  const m = require(`node:${mod}`);
  guard(m, 'request', `${mod}.request`);
  guard(m, 'get', `${mod}.get`);
}
guard(require('node:http2'), 'connect', 'http2.connect');

const dns = require('node:dns');
const DNS_CALLS = /^(lookup|lookupService|resolve|resolve\w+|reverse)$/;
for (const [owner, prefix] of [[dns, 'dns'], [dns.promises, 'dns.promises'], [dns.Resolver.prototype, 'dns.Resolver'], [dns.promises.Resolver.prototype, 'dns.promises.Resolver']]) {
  for (const name of Object.getOwnPropertyNames(owner)) if (DNS_CALLS.test(name)) guard(owner, name, `${prefix}.${name}`);
}

guard(globalThis, 'fetch', 'fetch');
for (const name of ['WebSocket', 'EventSource']) {
  const Original = globalThis[name];
  if (typeof Original !== 'function') continue;
  globalThis[name] = new Proxy(Original, { construct: (_t, args) => { throw attempt(name, args); } });
}

// Worker threads inherit the parent's execArgv unless given their own: then the preload is added to it.
const workerThreads = require('node:worker_threads');
const OriginalWorker = workerThreads.Worker;
if (!OriginalWorker.__noNetwork) {
  class GuardedWorker extends OriginalWorker {
    constructor(file, options = {}) {
      // V8 heap flags (the server runs with --max-semi-space-size) are per process: a Worker refuses them.
      const execArgv = options.execArgv ?? process.execArgv.filter((a) => !/^--(max|min)-(semi|old)-space-size/.test(a));
      const guarded = execArgv.some((a, i) => a === SELF || (a === '--require' && execArgv[i + 1] === SELF) || a === `--require=${SELF}`);
      const env = options.env && typeof options.env === 'object' ? { ...options.env, CACHELINT_NET_LOG: LOG } : options.env;
      super(file, { ...options, env, execArgv: guarded ? execArgv : [...execArgv, '--require', SELF] });
    }
  }
  GuardedWorker.__noNetwork = true;
  workerThreads.Worker = GuardedWorker;
}

// Child node processes that inherit the environment load the preload too.
if (!(process.env.NODE_OPTIONS || '').includes(SELF)) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS || ''} --require ${JSON.stringify(SELF)}`.trim();
}

write({ type: 'loaded' });
