/**
 * Deterministic TypeScript service code on ioredis: Express-style handlers, injectable service classes holding a
 * client, pipelines and MULTI/EXEC, cluster and standalone clients, and code that is not Redis at all. Each block
 * declares the findings it must produce.
 */
import { cycleBlocks, fitLines, type Expected, type Generated } from './generated';

const HEADER = `// Cart, catalogue and session endpoints of the shop API, backed by ElastiCache through ioredis.
import Redis, { Cluster } from 'ioredis';
import type { Request, Response } from 'express';

export const cache = new Redis(process.env.CACHE_URL ?? 'rediss://localhost:6379');
export const catalogue = new Cluster([{ host: process.env.CATALOGUE_HOST ?? 'localhost', port: 6379 }], {
  redisOptions: { tls: {} },
  dnsLookup: (address, callback) => callback(null, address),
});

const DEFAULT_TTL = 3600;

export interface OrderLine { sku: string; qty: number; priceCents: number }

/** An order as the API returns it. */
export class Order {
  readonly lines: OrderLine[] = [];
  private totalCents = 0;

  constructor(readonly orderId: string, readonly userId: string) {}

  addLine(line: OrderLine): void {
    this.lines.push(line);
    this.totalCents += line.qty * line.priceCents;
  }

  toJSON(): Record<string, unknown> {
    return { id: this.orderId, user: this.userId, lines: this.lines, total: this.totalCents };
  }
}
`;

interface Block { text: string; expected: Expected }

const blocks: ((i: number) => Block)[] = [
  (i) => ({ expected: {}, text: `
/** A postal address as the checkout form sends it; plain data, nothing to do with the cache. */
export class Address${i} {
  constructor(readonly street: string, readonly city: string, readonly postcode: string, readonly country = 'GB') {}

  validate(): string[] {
    const problems: string[] = [];
    if (!this.street.trim()) problems.push('street is required');
    const compact = this.postcode.replace(/ /g, '');
    if (this.country === 'GB' && (compact.length < 5 || compact.length > 7)) {
      problems.push(\`postcode \${JSON.stringify(this.postcode)} is not a UK postcode\`);
    }
    return problems;
  }
}
` }),
  (i) => ({ expected: {}, text: `
export async function saveOrder${i}(req: Request, res: Response): Promise<void> {
  const order = new Order(req.params.orderId, String(req.body.user));
  for (const line of (req.body.lines ?? []) as OrderLine[]) order.addLine(line);
  await cache.set(\`order:\${order.orderId}\`, JSON.stringify(order), 'EX', DEFAULT_TTL);
  console.info(\`saved order \${order.orderId} with \${order.lines.length} lines\`);
  res.json(order);
}
` }),
  (i) => ({ expected: { 'missing-ttl': 1 }, text: `
export async function updateProfile${i}(req: Request, res: Response): Promise<void> {
  const profile = req.body as { email?: string; name?: string };
  if (!profile.email) {
    res.status(400).json({ error: 'email required' });
    return;
  }
  await cache.set(\`profile:\${req.params.userId}:v${i}\`, JSON.stringify(profile));
  res.json({ ok: true });
}
` }),
  (i) => ({ expected: {}, text: `
/** Fixed-window rate limiting per client address. */
export class RateLimiter${i} {
  private readonly client = new Redis(process.env.LIMITER_URL ?? 'rediss://localhost:6380');

  constructor(private readonly limit = 100, private readonly windowSeconds = 60) {}

  async allow(ip: string): Promise<boolean> {
    const key = \`rate:${i}:\${ip}\`;
    const count = await this.client.incr(key);
    if (count === 1) await this.client.expire(key, this.windowSeconds);
    return count <= this.limit;
  }
}
` }),
  (i) => ({ expected: {}, text: `
export async function checkout${i}(req: Request, res: Response): Promise<void> {
  const userId = req.params.userId;
  const orderId = String(req.query.order);
  await cache
    .multi()
    .hset(\`order:{\${userId}}:state\`, 'id', orderId, 'state', 'new')
    .expire(\`order:{\${userId}}:state\`, 7 * 24 * 3600)
    .del(\`cart:{\${userId}}\`)
    .exec();
  res.json({ order: orderId });
}
` }),
  (i) => ({ expected: { 'cross-slot-keys': 1 }, text: `
export async function featured${i}(_req: Request, res: Response): Promise<void> {
  const [first, second] = await catalogue.mget('product:${i}:hero', 'product:${i}:runner-up');
  res.json({ first, second });
}
` }),
  (i) => ({ expected: { 'missing-hash-tag': 1 }, text: `
export async function related${i}(req: Request, res: Response): Promise<void> {
  const sku = req.params.sku;
  const [price, stock] = await catalogue.mget(\`price:\${sku}\`, \`stock:\${sku}\`);
  res.json({ price, stock });
}
` }),
  (i) => ({ expected: {}, text: `
export async function product${i}(req: Request, res: Response): Promise<void> {
  const sku = req.params.sku;
  const [name, price] = await catalogue.mget(\`{product:\${sku}}:name\`, \`{product:\${sku}}:price\`);
  if (name === null) {
    res.status(404).json({ error: 'not found' });
    return;
  }
  res.json({ name, price });
}
` }),
  (i) => ({ expected: { 'keys-command': 1 }, text: `
export async function listSessions${i}(_req: Request, res: Response): Promise<void> {
  const names = (await cache.keys('session:${i}:*')).sort();
  res.json({ count: names.length, names: names.slice(0, 100) });
}
` }),
  (i) => ({ expected: {}, text: `
/** Not Redis: maps and objects have keys() too. */
export function exportSettings${i}(config: Record<string, string>, prefix?: string): [string, string][] {
  const seen = new Map<string, number>();
  for (const k of Object.keys(config)) seen.set(k, (seen.get(k) ?? 0) + 1);
  const names = [...seen.keys()].filter((n) => !prefix || n.startsWith(prefix)).sort();
  return names.map((n) => [n, config[n] ?? process.env[n.toUpperCase()] ?? '']);
}
` }),
  (i) => ({ expected: {}, text: `
export async function purgeExpired${i}(batch = 500): Promise<number> {
  let removed = 0;
  for await (const keys of cache.scanStream({ match: 'tmp:${i}:*', count: batch })) {
    for (const key of keys as string[]) {
      await cache.unlink(key);
      removed++;
    }
  }
  return removed;
}
` }),
  (i) => ({ expected: { 'missing-ttl': 1 }, text: `
/** Jobs pushed by the API and consumed by the worker; each job's audit record is kept forever. */
export class JobQueue${i} {
  constructor(private readonly client: Redis) {}

  async push(job: { id: string }): Promise<void> {
    await this.client.lpush('jobs:${i}', JSON.stringify(job));
    await this.client.hset(\`audit:${i}:\${job.id}\`, 'pushedAt', Date.now());
  }

  async pop(timeoutSeconds = 5): Promise<{ id: string } | undefined> {
    const item = await this.client.brpop('jobs:${i}', timeoutSeconds);
    return item ? JSON.parse(item[1]) : undefined;
  }
}
` }),
];

/** Service code of `n` blocks; see cycleBlocks. */
export function typescript(n: number, first = 0): Generated {
  return cycleBlocks(HEADER, blocks, n, first);
}

export function typescriptOfLines(lines: number, first = 0): Generated {
  return fitLines(lines, (n) => typescript(n, first));
}
