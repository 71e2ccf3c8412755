import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, applyEdits, summarize } from '../../support/analyze';
import { ruleTable } from './table';
import { assertParses } from './parses';

const PY_FLASK = `import os

import redis
from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/cart/<user_id>")
def cart(user_id):
    r = redis.Redis(host=os.environ["CACHE_HOST"], port=6379, ssl=True)
    return jsonify(r.hgetall(f"cart:{user_id}"))
`;
const PY_LAMBDA = `import json
import os

import redis


def lambda_handler(event, context):
    client = redis.from_url(os.environ["REDIS_URL"])

    hits = client.incr(f"hits:{event['path']}")
    return {"statusCode": 200, "body": json.dumps({"hits": hits})}
`;
const PY_FASTAPI_LOCAL = `import redis.asyncio as redis
from fastapi import FastAPI

app = FastAPI()


@app.get("/tenants/{tenant}/flags")
async def flags(tenant: str):
    r = redis.Redis(host=f"{tenant}.cache.internal.example.com", ssl=True)
    return await r.hgetall("flags")
`;
const PY_LOOP = `import redis


def warm(regions):
    for region in regions:
        r = redis.Redis(host="cache.prod.example.com", ssl=True)
        r.set(f"warm:{region}", "1", ex=60)
`;
const PY_CLOSES = `import os

import redis
from flask import Flask

app = Flask(__name__)


@app.post("/purge")
def purge():
    r = redis.Redis(host=os.environ["CACHE_HOST"], ssl=True)
    r.delete("catalogue")
    r.close()
    return "", 204
`;
const TS_EXPRESS = `import express from 'express';
import Redis from 'ioredis';

const app = express();

app.get('/cart/:userId', async (req, res) => {
  const redis = new Redis(process.env.REDIS_URL!);
  res.json(await redis.hgetall(\`cart:\${req.params.userId}\`));
});

app.listen(3000);
`;
const TS_LAMBDA_NODE = `import { createClient } from 'redis';

export const handler = async (event: { path: string }) => {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  const hits = await client.incr(\`hits:\${event.path}\`);
  await client.quit();
  return { statusCode: 200, body: JSON.stringify({ hits }) };
};
`;
const JS_LAMBDA_IOREDIS = `const Redis = require('ioredis');

exports.handler = async (event) => {
  const redis = new Redis({ host: process.env.CACHE_HOST, tls: {}, retryStrategy: (times) => Math.min(times * 50, 2000) });
  return redis.get(\`config:\${event.tenant}\`);
};
`;
const TS_LOOP_LOCAL = `import Redis from 'ioredis';

export async function copy(hosts: string[]) {
  for (const host of hosts) {
    const r = new Redis({ host, tls: {} });
    await r.set('copied', '1', 'EX', 60);
  }
}
`;

const PY_DRF = `import os

import redis
from rest_framework.response import Response
from rest_framework.views import APIView


class CartView(APIView):
    def get(self, request, user_id):
        r = redis.Redis(host=os.environ["CACHE_HOST"], ssl=True)
        return Response(r.hgetall(f"cart:{user_id}"))
`;
const PY_CLUSTER_SELF = `from redis.cluster import RedisCluster
from flask import Flask

app = Flask(__name__)


@app.get("/orders/<oid>")
def order(oid):
    rc = RedisCluster(host=app.config["CACHE_HOST"], port=6379, ssl=True)
    return rc.hgetall(f"order:{{{oid}}}")
`;

ruleTable('client-per-call', {
  valid: [
    { name: 'a module-level client used by a route', path: 'app/web.py', code: 'import os\n\nimport redis\nfrom flask import Flask\n\napp = Flask(__name__)\nr = redis.Redis(host=os.environ["CACHE_HOST"], ssl=True)\n\n\n@app.route("/n")\ndef n():\n    return str(r.incr("n"))\n' },
    { name: 'a cached factory', path: 'app/deps.py', code: 'import functools\nimport os\n\nimport redis\n\n\n@functools.lru_cache\ndef get_redis():\n    return redis.Redis(host=os.environ["CACHE_HOST"], ssl=True)\n' },
    { name: 'a plain function whose callers are unknown', path: 'app/factory.py', code: 'import redis\n\n\ndef make_client(host):\n    return redis.Redis(host=host, ssl=True)\n' },
    { name: 'a function named handler with other parameters', path: 'app/jobs.py', code: 'import redis\n\n\ndef handler(job):\n    r = redis.Redis(host="cache.prod.example.com", ssl=True)\n    r.set(job.key, job.value, ex=60)\n' },
    { name: 'a route decorator on something that is not an app', path: 'app/cli.py', code: 'import redis\n\nimport menu\n\n\n@menu.route("purge")\ndef purge():\n    r = redis.Redis(host="cache.prod.example.com", ssl=True)\n    r.delete("k")\n' },
    { name: 'in a test file', path: 'tests/test_cart.py', code: PY_FLASK },
    { name: 'an ioredis client at module scope', path: 'src/server.ts', code: "import express from 'express';\nimport Redis from 'ioredis';\n\nconst app = express();\nconst redis = new Redis(process.env.REDIS_URL!);\n\napp.get('/n', async (_req, res) => { res.json(await redis.incr('n')); });\n" },
    { name: 'a memoised getter', path: 'src/cache.ts', code: "import { createClient, type RedisClientType } from 'redis';\n\nlet client: RedisClientType | undefined;\n\nexport async function getClient() {\n  if (!client) {\n    client = createClient({ url: process.env.REDIS_URL });\n    await client.connect();\n  }\n  return client;\n}\n" },
    { name: 'app.get(key) on a Map', path: 'src/m.ts', code: "import Redis from 'ioredis';\n\nconst app = new Map<string, () => void>();\napp.get('/x');\n" },
    { name: 'in a spec file', path: 'src/cart.spec.ts', code: TS_EXPRESS },
  ],
  invalid: [
    { name: 'Flask route', path: 'app/web.py', code: PY_FLASK, errors: ['client-per-call@11:9'], severities: ['warning'] },
    { name: 'Lambda handler', path: 'app/handler.py', code: PY_LAMBDA, errors: ['client-per-call@8:14'] },
    { name: 'FastAPI route with a per-tenant host', path: 'app/flags.py', code: PY_FASTAPI_LOCAL, errors: ['client-per-call@9:9'] },
    { name: 'a loop', path: 'app/warm.py', code: PY_LOOP, errors: ['client-per-call@6:13'] },
    { name: 'a route that closes its client', path: 'app/web.py', code: PY_CLOSES, errors: ['client-per-call@11:9'] },
    { name: 'Express route', path: 'src/server.ts', code: TS_EXPRESS, errors: ['client-per-call@7:17'] },
    { name: 'node-redis in a Lambda handler', path: 'src/handler.ts', code: TS_LAMBDA_NODE, errors: ['client-per-call@4:18'] },
    { name: 'ioredis in a CommonJS Lambda handler', path: 'src/handler.js', code: JS_LAMBDA_IOREDIS, errors: ['client-per-call@4:17'] },
    { name: 'a loop over hosts', path: 'src/copy.ts', code: TS_LOOP_LOCAL, errors: ['client-per-call@5:15'] },
    { name: 'a DRF APIView method', path: 'app/api.py', code: PY_DRF, errors: ['client-per-call@10:13'] },
    { name: 'RedisCluster in a Flask route', path: 'app/orders.py', code: PY_CLUSTER_SELF, errors: ['client-per-call@9:10'] },
  ],
});

async function hoisted(path: string, code: string): Promise<string> {
  const before = await analyzeSource(path, code);
  const f = before!.findings.find((x) => x.ruleId === 'client-per-call');
  assert.ok(f, 'a finding');
  assert.equal(f.fixes.length, 1, `a hoist for ${path}`);
  const after = applyEdits(code, f.fixes[0].edits);
  const again = await analyzeSource(path, after);
  assert.deepEqual(again!.errors, []);
  await assertParses(path, after);
  assert.deepEqual(summarize(again).filter((s) => s.startsWith('client-per-call')), [], `still reported:\n${after}`);
  return after;
}

async function noFix(path: string, code: string): Promise<void> {
  const f = (await analyzeSource(path, code))!.findings.find((x) => x.ruleId === 'client-per-call')!;
  assert.deepEqual(f.fixes, [], path);
}

test('client-per-call: a Flask route\'s client moves under the app, the route keeps its body', async () => {
  assert.equal(await hoisted('app/web.py', PY_FLASK), `import os

import redis
from flask import Flask, jsonify

app = Flask(__name__)
r = redis.Redis(host=os.environ["CACHE_HOST"], port=6379, ssl=True)


@app.route("/cart/<user_id>")
def cart(user_id):
    return jsonify(r.hgetall(f"cart:{user_id}"))
`);
});

test('client-per-call: a Lambda handler\'s client goes below the imports, and the blank line it leaves goes too', async () => {
  assert.equal(await hoisted('app/handler.py', PY_LAMBDA), `import json
import os

import redis

client = redis.from_url(os.environ["REDIS_URL"])


def lambda_handler(event, context):
    hits = client.incr(f"hits:{event['path']}")
    return {"statusCode": 200, "body": json.dumps({"hits": hits})}
`);
});

test('client-per-call: an Express route\'s and a CommonJS handler\'s client move to module scope', async () => {
  assert.equal(await hoisted('src/server.ts', TS_EXPRESS), `import express from 'express';
import Redis from 'ioredis';

const app = express();
const redis = new Redis(process.env.REDIS_URL!);

app.get('/cart/:userId', async (req, res) => {
  res.json(await redis.hgetall(\`cart:\${req.params.userId}\`));
});

app.listen(3000);
`);
  assert.equal(await hoisted('src/handler.js', JS_LAMBDA_IOREDIS), `const Redis = require('ioredis');

const redis = new Redis({ host: process.env.CACHE_HOST, tls: {}, retryStrategy: (times) => Math.min(times * 50, 2000) });

exports.handler = async (event) => {
  return redis.get(\`config:\${event.tenant}\`);
};
`);
});

test('client-per-call: a loop\'s client and a class-based view\'s client go above the function or class', async () => {
  assert.equal(await hoisted('app/warm.py', PY_LOOP), `import redis

r = redis.Redis(host="cache.prod.example.com", ssl=True)


def warm(regions):
    for region in regions:
        r.set(f"warm:{region}", "1", ex=60)
`);
  assert.match(await hoisted('app/api.py', PY_DRF), /from rest_framework\.views import APIView\n\nr = redis\.Redis\(host=os\.environ\["CACHE_HOST"\], ssl=True\)\n\n\nclass CartView\(APIView\):\n    def get\(self, request, user_id\):\n        return Response/);
  // The app's config is module state defined above the route: reading it at import time is what the route did.
  assert.match(await hoisted('app/orders.py', PY_CLUSTER_SELF), /app = Flask\(__name__\)\nrc = RedisCluster\(host=app\.config\["CACHE_HOST"\], port=6379, ssl=True\)\n\n\n@app\.get/);
});

test('client-per-call: no hoist when the arguments are local, the function closes or connects the client', async () => {
  await noFix('app/flags.py', PY_FASTAPI_LOCAL);
  await noFix('app/web.py', PY_CLOSES);
  await noFix('src/handler.ts', TS_LAMBDA_NODE);
  await noFix('src/copy.ts', TS_LOOP_LOCAL);
});

test('client-per-call: the message says where the client is built, and points there', async () => {
  const r = await analyzeSource('app/handler.py', PY_LAMBDA);
  const f = r!.findings.find((x) => x.ruleId === 'client-per-call')!;
  assert.match(f.message, /^`client` is built on each invocation of the Lambda handler \(line 7\)/);
  assert.equal(f.related?.[0].message, 'the Lambda handler');
  const loop = (await analyzeSource('app/warm.py', PY_LOOP))!.findings.find((x) => x.ruleId === 'client-per-call')!;
  assert.match(loop.message, /on each iteration of the loop \(line 5\)/);
});

test('client-per-call: the comment above the construction moves with it', async () => {
  const code = `import os

import redis


def handler(event, context):
    # The cache holds rendered pages.
    pages = redis.Redis(host=os.environ["CACHE_HOST"], ssl=True)
    return pages.get(event["path"])
`;
  assert.equal(await hoisted('app/pages.py', code), `import os

import redis

# The cache holds rendered pages.
pages = redis.Redis(host=os.environ["CACHE_HOST"], ssl=True)


def handler(event, context):
    return pages.get(event["path"])
`);
  const ts = "import Redis from 'ioredis';\n\nexport const handler = async (event: { path: string }) => {\n  // The cache holds rendered pages.\n  const pages = new Redis(process.env.REDIS_URL!);\n  return pages.get(event.path);\n};\n";
  assert.equal(await hoisted('src/pages.ts', ts), "import Redis from 'ioredis';\n\n// The cache holds rendered pages.\nconst pages = new Redis(process.env.REDIS_URL!);\n\nexport const handler = async (event: { path: string }) => {\n  return pages.get(event.path);\n};\n");
});

test('client-per-call: two routes that each build their own `cache` are both reported, and neither is moved', async () => {
  // Moved together, the second module-level `cache` would replace the first one under the other route as well.
  const code = `import redis
from flask import Flask

app = Flask(__name__)


@app.route("/cart")
def cart():
    cache = redis.Redis(host="carts.prod.example.com", ssl=True)
    return cache.get("cart") or ""


@app.route("/prices")
def prices():
    cache = redis.Redis(host="prices.prod.example.com", ssl=True)
    return cache.get("prices") or ""
`;
  const r = await analyzeSource('app/shop.py', code);
  const found = r!.findings.filter((x) => x.ruleId === 'client-per-call');
  assert.deepEqual(found.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}`), ['9:13', '15:13']);
  for (const f of found) assert.deepEqual(f.fixes, []);
  // One route alone still gets its fix.
  const single = code.slice(0, code.indexOf('\n\n@app.route("/prices")') + 1);
  assert.equal((await analyzeSource('app/shop.py', single))!.findings.find((x) => x.ruleId === 'client-per-call')!.fixes.length, 1);
});

test('client-per-call: an async Lambda handler\'s asyncio client is reported but not moved (the loop may be new per invocation)', async () => {
  const code = `import asyncio
import os

import redis.asyncio as aioredis


async def fetch_profile(event, context):
    cache = aioredis.from_url(os.environ["PROFILE_CACHE_URL"])
    return await cache.get(event["userId"])


def lambda_handler(event, context):
    return asyncio.run(fetch_profile(event, context))
`;
  // A coroutine the handler runs is not itself the handler: whoever calls it is not known, so nothing is said.
  const f = (await analyzeSource('app/profile.py', code))!.findings.filter((x) => x.ruleId === 'client-per-call');
  assert.deepEqual(f, []);
  // The same body as a sync handler with a sync client is moved.
  const sync = `import os

import redis


def lambda_handler(event, context):
    cache = redis.Redis.from_url(os.environ["PROFILE_CACHE_URL"])
    return cache.get(event["userId"])
`;
  assert.equal((await analyzeSource('app/profile.py', sync))!.findings.find((x) => x.ruleId === 'client-per-call')!.fixes.length, 1);
  // The async handler itself: reported, no fix.
  const direct = code.replace('async def fetch_profile(event, context)', 'async def lambda_handler_async(event, context)');
  const g = (await analyzeSource('app/profile.py', direct))!.findings.filter((x) => x.ruleId === 'client-per-call');
  assert.deepEqual(g.map((x) => [`${x.range.start.line + 1}:${x.range.start.character + 1}`, x.fixes.length]), [['8:13', 0]]);
});

test('client-per-call (TS): two Express routes that each build their own `cache` are both reported, and neither is moved', async () => {
  const code = `import express from 'express';
import Redis from 'ioredis';

const app = express();

app.get('/cart', async (_req, res) => {
  const cache = new Redis({ host: 'carts.prod.example.com', tls: {} });
  res.json(await cache.get('cart'));
});

app.get('/prices', async (_req, res) => {
  const cache = new Redis({ host: 'prices.prod.example.com', tls: {} });
  res.json(await cache.get('prices'));
});
`;
  const r = await analyzeSource('src/shop.ts', code);
  const found = r!.findings.filter((x) => x.ruleId === 'client-per-call');
  assert.deepEqual(found.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}`), ['7:17', '12:17']);
  for (const f of found) assert.deepEqual(f.fixes, []);
  const single = code.slice(0, code.indexOf("\napp.get('/prices'") + 1);
  assert.equal((await analyzeSource('src/shop.ts', single))!.findings.find((x) => x.ruleId === 'client-per-call')!.fixes.length, 1);
});
