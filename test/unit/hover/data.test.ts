/**
 * Issue 9's data, each figure with its AWS source, read from where it already lives (no copies): engine versions
 * with end-of-standard-support and Extended Support dates, service limits, restricted commands per service.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE_VERSIONS, supportWindow } from '../../../server/src/model/engineVersions';
import { LIMITS, RESERVATION } from '../../../server/src/sizing/limits';
import { COMMAND_TABLE, restriction } from '../../../server/src/formats/code/core/commands';

const AWS = /^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com|github\.com\/aws-cloudformation)\//;

test('engine versions: every engine lists versions with a source; Redis OSS support windows carry both dates', () => {
  for (const [engine, line] of Object.entries(ENGINE_VERSIONS)) {
    assert.ok(line.versions.length > 0, engine);
    assert.match(line.source, AWS, engine);
    for (const r of line.retired) assert.match(r.source, AWS, `${engine} ${r.text}`);
  }
  assert.deepEqual(supportWindow('redis', 6), { endOfStandardSupport: '2027-01-31', extendedSupportFrom: '2027-02-01', endOfLife: '2030-01-31', source: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/extended-support-versions.html' });
  for (const major of [4, 5]) assert.equal(supportWindow('redis', major)!.endOfStandardSupport, '2026-01-31');
  for (const w of Object.values(ENGINE_VERSIONS.redis.support)) assert.ok(w.endOfStandardSupport < w.extendedSupportFrom && w.extendedSupportFrom < w.endOfLife);
});

test('service limits and reservations: each figure has an AWS source', () => {
  for (const [name, f] of Object.entries({ ...LIMITS, ...RESERVATION })) assert.match(f.source, AWS, name);
  assert.equal(LIMITS.serverlessMaxGB.value, 5000);
  assert.equal(LIMITS.serverlessMaxEcpu.value, 15_000_000);
  assert.equal(LIMITS.maxReplicasPerShard.value, 5);
  assert.equal(RESERVATION.reservedMemoryPercent.value, 25);
});

test('restricted commands per service, with the service\'s page', () => {
  for (const s of ['elasticache', 'serverless', 'memorydb'] as const) assert.match(COMMAND_TABLE.sources[s], AWS, s);
  const restricted = (c: string, s: 'elasticache' | 'serverless' | 'memorydb') => restriction(c, s)?.restricted;
  assert.equal(restricted('CONFIG', 'elasticache'), true);
  assert.equal(restricted('KEYS', 'serverless'), true);
  assert.equal(restricted('KEYS', 'elasticache'), false);
  assert.equal(restricted('GET', 'memorydb'), false);
  assert.equal(restriction('CONFIG', 'memorydb')!.source, 'https://docs.aws.amazon.com/memorydb/latest/devguide/restrictedcommands.html');
});
