/**
 * Raw TCP clients for the real-server tests: RESP2 for redis-server, the text protocol for memcached. Pipelined:
 * a batch is written at once and the replies are counted, so 200k keys load in seconds.
 */
import net from 'node:net';

export type Resp = string | number | null | Resp[] | RespError;
export class RespError extends Error {}

/** Parses one RESP2 value at `at`; undefined when the buffer does not hold all of it yet. */
function parseResp(buf: Buffer, at: number): [Resp, number] | undefined {
  const eol = buf.indexOf('\r\n', at);
  if (eol < 0) return undefined;
  const kind = String.fromCharCode(buf[at]!);
  const line = buf.toString('latin1', at + 1, eol);
  switch (kind) {
    case '+': return [line, eol + 2];
    case '-': return [new RespError(line), eol + 2];
    case ':': return [Number(line), eol + 2];
    case '$': {
      const len = Number(line);
      if (len < 0) return [null, eol + 2];
      if (buf.length < eol + 2 + len + 2) return undefined;
      return [buf.toString('utf8', eol + 2, eol + 2 + len), eol + 2 + len + 2];
    }
    case '*': {
      const n = Number(line);
      if (n < 0) return [null, eol + 2];
      const out: Resp[] = [];
      let pos = eol + 2;
      for (let i = 0; i < n; i++) {
        const r = parseResp(buf, pos);
        if (!r) return undefined;
        out.push(r[0]);
        pos = r[1];
      }
      return [out, pos];
    }
    default: throw new Error(`unexpected RESP byte ${JSON.stringify(kind)}`);
  }
}

export function encodeCommand(args: (string | number)[]): string {
  let s = `*${args.length}\r\n`;
  for (const a of args) {
    const v = String(a);
    s += `$${Buffer.byteLength(v)}\r\n${v}\r\n`;
  }
  return s;
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const sock = net.createConnection({ host: '127.0.0.1', port });
    sock.once('connect', () => { sock.off('error', reject); resolve(sock); });
    sock.once('error', reject);
  });
}

export class RedisWire {
  private pending: Buffer = Buffer.alloc(0);
  private waiters: { count: number; replies: Resp[]; resolve: (r: Resp[]) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | undefined;

  private constructor(private readonly sock: net.Socket) {
    sock.on('data', (chunk) => this.onData(chunk));
    sock.on('error', (e) => this.fail(e));
    sock.on('close', () => this.fail(new Error('redis connection closed')));
  }

  static async open(port: number): Promise<RedisWire> {
    return new RedisWire(await connect(port));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiters.splice(0)) w.reject(e);
  }

  private onData(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let at = 0;
    while (this.waiters.length && at < this.pending.length) {
      const r = parseResp(this.pending, at);
      if (!r) break;
      at = r[1];
      const w = this.waiters[0]!;
      w.replies.push(r[0]);
      if (w.replies.length === w.count) { this.waiters.shift(); w.resolve(w.replies); }
    }
    this.pending = this.pending.subarray(at);
  }

  /** Sends all commands in one write and resolves with their replies in order. */
  pipeline(commands: (string | number)[][]): Promise<Resp[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (commands.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.waiters.push({ count: commands.length, replies: [], resolve, reject });
      this.sock.write(commands.map(encodeCommand).join(''));
    });
  }

  async call(...args: (string | number)[]): Promise<Resp> {
    const [r] = await this.pipeline([args]);
    if (r instanceof RespError) throw r;
    return r!;
  }

  /** Sends commands in batches, failing on the first error reply. */
  async load(commands: Iterable<(string | number)[]>, batch = 5000): Promise<number> {
    let buf: (string | number)[][] = [];
    let sent = 0;
    const flush = async () => {
      const replies = await this.pipeline(buf);
      const err = replies.find((r) => r instanceof RespError);
      if (err) throw new Error(`redis-server refused a load command: ${(err as RespError).message}`);
      sent += buf.length;
      buf = [];
    };
    for (const c of commands) {
      buf.push(c);
      if (buf.length >= batch) await flush();
    }
    await flush();
    return sent;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.sock.removeAllListeners('close');
      this.sock.once('close', () => resolve());
      this.sock.end();
    });
  }
}

/** INFO <section> as a field map. */
export function parseInfo(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) m.set(line.slice(0, i), line.slice(i + 1));
  }
  return m;
}

export class MemcachedWire {
  private text = '';
  private waiter: { until: string; resolve: (s: string) => void; reject: (e: Error) => void } | undefined;

  private constructor(private readonly sock: net.Socket) {
    sock.setEncoding('latin1');
    sock.on('data', (s: string) => { this.text += s; this.check(); });
    sock.on('error', (e) => this.waiter?.reject(e));
    sock.on('close', () => this.waiter?.reject(new Error('memcached connection closed')));
  }

  static async open(port: number): Promise<MemcachedWire> {
    return new MemcachedWire(await connect(port));
  }

  private check(): void {
    const w = this.waiter;
    if (!w) return;
    const i = this.text.indexOf(w.until);
    if (i < 0) return;
    const out = this.text.slice(0, i);
    this.text = this.text.slice(i + w.until.length);
    this.waiter = undefined;
    w.resolve(out);
  }

  /** Writes `payload`, then waits for the text that ends its answer; returns what came before it. */
  request(payload: string, until: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.waiter = { until, resolve, reject };
      this.sock.write(payload, 'latin1');
      this.check();
    });
  }

  /** `set … noreply` in batches, each closed by a meta no-op (`mn` → `MN`): anything else before it is an error. */
  async load(items: Iterable<[key: string, value: string]>, flags = 1, batch = 5000): Promise<void> {
    let buf = '';
    let n = 0;
    const flush = async () => {
      const out = await this.request(buf + 'mn\r\n', 'MN\r\n');
      if (out.length) throw new Error(`memcached refused a set: ${out.slice(0, 200)}`);
      buf = '';
      n = 0;
    };
    for (const [k, v] of items) {
      buf += `set ${k} ${flags} 0 ${Buffer.byteLength(v, 'latin1')} noreply\r\n${v}\r\n`;
      if (++n >= batch) await flush();
    }
    await flush();
  }

  /** `stats` or `stats slabs` as a map (`STAT name value`). */
  async stats(sub = ''): Promise<Map<string, string>> {
    const out = await this.request(`stats${sub ? ' ' + sub : ''}\r\n`, 'END\r\n');
    const m = new Map<string, string>();
    for (const line of out.split('\r\n')) {
      const p = line.split(' ');
      if (p[0] === 'STAT' && p.length >= 3) m.set(p[1]!, p[2]!);
    }
    return m;
  }

  close(): void {
    this.sock.removeAllListeners('close');
    this.sock.end();
  }
}
