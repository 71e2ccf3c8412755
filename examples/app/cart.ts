// Cart service for the checkout API (talks to the carts replication group).
import Redis, { Cluster } from 'ioredis';

const carts = new Cluster([{ host: process.env.CART_CACHE_HOST ?? 'localhost', port: 6379 }], {
  redisOptions: { tls: {} },
  dnsLookup: (address, callback) => callback(null, address),
});
const limiter = new Redis(process.env.LIMITER_URL ?? 'rediss://localhost:6379');

export async function addItem(userId: string, sku: string, qty: number): Promise<void> {
  // Deliberate mistake: HSET with no expiry anywhere in the function.
  await carts.hset(`cart:${userId}`, sku, qty);
}

export async function rememberCoupon(userId: string, code: string): Promise<void> {
  // Fine: EX on the write.
  await carts.set(`coupon:{${userId}}`, code, 'EX', 600);
}

export async function hit(ip: string): Promise<number> {
  // Fine: INCR then EXPIRE on the same key.
  const n = await limiter.incr(`rate:${ip}`);
  await limiter.expire(`rate:${ip}`, 60);
  return n;
}

export async function abandonedCarts(): Promise<string[]> {
  // Deliberate mistake: KEYS on a cluster client.
  return carts.keys('cart:*');
}

export async function checkoutSnapshot(): Promise<(string | null)[]> {
  // Deliberate mistake: literal keys in different slots.
  return carts.mget('checkout:totals', 'checkout:taxes');
}

export async function clearCart(userId: string): Promise<void> {
  // Deliberate mistake: two keys built at run time with no common hash tag (CROSSSLOT when they land apart).
  await carts.del(`cart:${userId}:items`, `cart:${userId}:meta`);
}

export function headersOf(req: { headers: Record<string, string> }): string[] {
  // Not Redis: Object.keys must not be reported.
  return Object.keys(req.headers);
}
