/**
 * The rules whose own suites cover CloudFormation and HCL, on Terraform JSON (`.tf.json`): the same model, so the
 * same finding at the value's own position, and nothing on the look-alike.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, findings } from './iac-support';
import { summarize } from '../../support/analyze';

const tfJson = (resource: Record<string, Record<string, unknown>>) => JSON.stringify({ resource }, null, 2) + '\n';
const RG = (extra: Record<string, unknown>) => ({ aws_elasticache_replication_group: { cache: { description: 'x', engine: 'redis', ...extra } } });

const CASES: { rule: string; bad: string; good: string; marker: string }[] = [
  { rule: 'burstable-node-type', bad: tfJson(RG({ node_type: 'cache.t3.micro' })), good: tfJson(RG({ node_type: 'cache.m7g.large' })), marker: '"cache.t3.micro"' },
  { rule: 'unknown-node-type', bad: tfJson(RG({ node_type: 'cache.r7gd.xlarge' })), good: tfJson(RG({ node_type: 'cache.r6gd.xlarge' })), marker: '"cache.r7gd.xlarge"' },
  { rule: 'engine-version-outdated', bad: tfJson(RG({ engine_version: '5.0.6' })), good: tfJson(RG({ engine_version: '7.1' })), marker: '"5.0.6"' },
  { rule: 'service-limit-exceeded', bad: tfJson(RG({ num_cache_clusters: 7 })), good: tfJson(RG({ num_cache_clusters: 6 })), marker: '7' },
  {
    rule: 'eviction-policy-risky',
    bad: tfJson({ aws_elasticache_parameter_group: { p: { name: 'p', family: 'redis7', parameter: [{ name: 'maxmemory-policy', value: 'noeviction' }] } } }),
    good: tfJson({ aws_elasticache_parameter_group: { p: { name: 'p', family: 'redis7', parameter: [{ name: 'maxmemory-policy', value: 'volatile-lru' }] } } }),
    marker: '"noeviction"',
  },
  {
    rule: 'password-not-required',
    bad: tfJson({
      aws_elasticache_user: { u: { user_id: 'app', user_name: 'app', engine: 'redis', access_string: 'on ~* +@all', no_password_required: true } },
      aws_elasticache_user_group: { g: { engine: 'redis', user_group_id: 'g', user_ids: ['${aws_elasticache_user.u.user_id}'] } },
    }),
    good: tfJson({
      aws_elasticache_user: { u: { user_id: 'app', user_name: 'app', engine: 'redis', access_string: 'on ~* +@all', no_password_required: true } },
    }),
    marker: 'true',
  },
];

for (const c of CASES) {
  test(`${c.rule} in Terraform JSON: at the value, and not on the look-alike`, async () => {
    const bad = await findings('main.tf.json', c.bad, c.rule);
    assert.deepEqual(summarize(bad), [at(c.rule, c.bad, c.marker)]);
    assert.deepEqual(summarize(await findings('main.tf.json', c.good, c.rule)), []);
  });
}
