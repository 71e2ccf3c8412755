/** Every quick-fix, applied, leaves a file that re-parses cleanly and no longer has the finding it fixed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, applyEdits, summarize } from '../../support/analyze';

const CASES: { path: string; code: string; rule: string; expect: RegExp }[] = [
  { path: 'src/a.py', rule: 'keys-command', code: 'import redis\nr = redis.Redis()\nstale = r.keys("s:*")\n', expect: /stale = list\(r\.scan_iter\(match="s:\*"\)\)/ },
  { path: 'src/a.py', rule: 'missing-ttl', code: 'import redis\nr = redis.Redis()\ndef f(k):\n    r.set(k, 1)\n', expect: /r\.set\(k, 1, ex=3600\)/ },
  { path: 'src/a.py', rule: 'missing-ttl', code: 'import redis\nr = redis.Redis()\ndef f(k):\n    r.hset(k, "a", 1)\n', expect: /    r\.hset\(k, "a", 1\)\n    r\.expire\(k, 3600\)\n/ },
  { path: 'src/a.py', rule: 'cross-slot-keys', code: 'from redis.cluster import RedisCluster\nrc = RedisCluster()\nrc.mget("user:42:a", "user:42:b")\n', expect: /rc\.mget\("user:\{42\}:a", "user:\{42\}:b"\)/ },
  { path: 'src/a.py', rule: 'missing-hash-tag', code: 'from redis.cluster import RedisCluster\nrc = RedisCluster()\ndef f(u):\n    return rc.mget(f"user:{u}:a", f"user:{u}:b")\n', expect: /rc\.mget\(f"user:\{\{\{u\}\}\}:a", f"user:\{\{\{u\}\}\}:b"\)/ },
  { path: 'src/a.ts', rule: 'keys-command', code: "import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function f() {\n  return await redis.keys('s:*');\n}\n", expect: /scanStream\(\{ match: 's:\*' \}\)/ },
  { path: 'src/a.ts', rule: 'missing-ttl', code: "import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function f(k: string) {\n  await redis.set(k, 'v');\n}\n", expect: /redis\.set\(k, 'v', 'EX', 3600\)/ },
  { path: 'src/a.js', rule: 'missing-ttl', code: "const { createClient } = require('redis');\nconst c = createClient();\nasync function f(k) {\n  await c.sAdd(k, 'm');\n}\n", expect: /  await c\.sAdd\(k, 'm'\);\n  await c\.expire\(k, 3600\);\n/ },
  { path: 'src/a.ts', rule: 'missing-hash-tag', code: "import { Cluster } from 'ioredis';\nconst c = new Cluster([]);\nexport const f = (id: string) => c.mget(`cart:${id}:a`, `cart:${id}:b`);\n", expect: /c\.mget\(`cart:\{\$\{id\}\}:a`, `cart:\{\$\{id\}\}:b`\)/ },
  { path: 'infra/t.yaml', rule: 'transit-encryption-disabled', code: "Resources:\n    Rg:\n        Type: AWS::ElastiCache::ReplicationGroup\n        Properties:\n            ReplicationGroupDescription: x\n", expect: /            ReplicationGroupDescription: x\n            TransitEncryptionEnabled: true\n/ },
  { path: 'infra/t.json', rule: 'transit-encryption-disabled', code: '{\n  "Resources": {\n    "Rg": {\n      "Type": "AWS::ElastiCache::ReplicationGroup",\n      "Properties": {\n        "ReplicationGroupDescription": "x",\n        "TransitEncryptionEnabled": false\n      }\n    }\n  }\n}\n', expect: /"TransitEncryptionEnabled": true\n/ },
  { path: 'infra/main.tf', rule: 'transit-encryption-disabled', code: 'resource "aws_elasticache_replication_group" "r" {\n  description = "x"\n  engine      = "valkey"\n}\n', expect: /  description                = "x"\n  engine                     = "valkey"\n  transit_encryption_enabled = true\n/ },
];

for (const c of CASES) {
  test(`${c.rule} fix round-trip in ${c.path}`, async () => {
    const before = await analyzeSource(c.path, c.code);
    const finding = before?.findings.find((f) => f.ruleId === c.rule);
    assert.ok(finding, `no ${c.rule} finding: ${summarize(before)}`);
    assert.ok(finding.fixes.length > 0, 'no fix offered');
    const fixed = applyEdits(c.code, finding.fixes[0].edits);
    assert.match(fixed, c.expect);
    const after = await analyzeSource(c.path, fixed);
    assert.deepEqual(after?.errors, []);
    assert.deepEqual(summarize(after).filter((s) => s.startsWith(c.rule)), [], `still reported after the fix:\n${fixed}`);
  });
}
