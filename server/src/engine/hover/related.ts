/**
 * Which rules read which canonical property, and what the property is about (security, availability, cost): what
 * a hover on a resource lists as "the settings that matter", and on a property as "related rules". The rule ids are
 * the catalogue's (RULES.md); test/unit/hover/iac-hover.test.ts checks every id is a registered rule.
 */
import type { ResourceKind } from '../../model/iac';

export type Concern = 'security' | 'availability' | 'cost';

interface Related { concern: Concern; rules: readonly string[] }

/** Canonical property (top level, or a dotted path) → its concern and rules. */
const BY_PROPERTY: Readonly<Record<string, Related>> = {
  transitEncryptionEnabled: { concern: 'security', rules: ['transit-encryption-disabled'] },
  tlsEnabled: { concern: 'security', rules: ['transit-encryption-disabled'] },
  transitEncryptionMode: { concern: 'security', rules: ['transit-encryption-preferred'] },
  atRestEncryptionEnabled: { concern: 'security', rules: ['at-rest-encryption-disabled'] },
  kmsKeyId: { concern: 'security', rules: ['kms-customer-key-missing'] },
  authToken: { concern: 'security', rules: ['auth-disabled', 'auth-token-exposed'] },
  userGroupIds: { concern: 'security', rules: ['auth-disabled'] },
  userGroupId: { concern: 'security', rules: ['auth-disabled'] },
  aclName: { concern: 'security', rules: ['auth-disabled'] },
  passwords: { concern: 'security', rules: ['auth-token-exposed'] },
  noPasswordRequired: { concern: 'security', rules: ['password-not-required'] },
  authenticationMode: { concern: 'security', rules: ['password-not-required', 'auth-token-exposed'] },
  subnetGroupName: { concern: 'security', rules: ['default-subnet-group'] },
  ingress: { concern: 'security', rules: ['public-ingress'] },
  cidrIpv4: { concern: 'security', rules: ['public-ingress'] },
  cidrIpv6: { concern: 'security', rules: ['public-ingress'] },
  'ingress.cidrIpv4': { concern: 'security', rules: ['public-ingress'] },
  'ingress.cidrIpv6': { concern: 'security', rules: ['public-ingress'] },
  automaticFailoverEnabled: { concern: 'availability', rules: ['automatic-failover-disabled'] },
  multiAzEnabled: { concern: 'availability', rules: ['multi-az-disabled'] },
  azMode: { concern: 'availability', rules: ['multi-az-disabled'] },
  numCacheClusters: { concern: 'availability', rules: ['automatic-failover-disabled', 'service-limit-exceeded'] },
  replicasPerNodeGroup: { concern: 'availability', rules: ['automatic-failover-disabled', 'service-limit-exceeded'] },
  numReplicasPerShard: { concern: 'availability', rules: ['automatic-failover-disabled', 'service-limit-exceeded'] },
  snapshotRetentionLimit: { concern: 'availability', rules: ['backups-disabled'] },
  engineVersion: { concern: 'availability', rules: ['engine-version-outdated'] },
  autoMinorVersionUpgrade: { concern: 'availability', rules: ['minor-version-upgrade-disabled'] },
  nodeType: { concern: 'cost', rules: ['unknown-node-type', 'previous-generation-node-type', 'burstable-node-type'] },
  numNodeGroups: { concern: 'cost', rules: ['service-limit-exceeded'] },
  numShards: { concern: 'cost', rules: ['service-limit-exceeded'] },
  numCacheNodes: { concern: 'cost', rules: ['service-limit-exceeded', 'multi-az-disabled'] },
  'cacheUsageLimits.dataStorage.maximum': { concern: 'cost', rules: ['service-limit-exceeded'] },
  'cacheUsageLimits.ecpuPerSecond.maximum': { concern: 'cost', rules: ['service-limit-exceeded'] },
  parameters: { concern: 'availability', rules: ['reserved-memory-too-low', 'eviction-policy-risky'] },
};

/** Rules about a resource as a whole, beyond its properties'. */
const BY_KIND: Partial<Record<ResourceKind, readonly string[]>> = {
  securityGroup: ['public-ingress'],
  securityGroupIngress: ['public-ingress'],
  securityGroupRule: ['public-ingress'],
  parameterGroup: ['reserved-memory-too-low', 'eviction-policy-risky'],
  memorydbParameterGroup: ['eviction-policy-risky'],
};

export function relatedTo(canonical: string): Related | undefined {
  return Object.hasOwn(BY_PROPERTY, canonical) ? BY_PROPERTY[canonical] : undefined;
}

/** Every rule id the tables name, for the test that each is registered. */
export function relatedRuleIds(): string[] {
  return [...new Set([...Object.values(BY_PROPERTY).flatMap((r) => r.rules), ...Object.values(BY_KIND).flat() as string[]])];
}

export function kindRules(kind: ResourceKind): readonly string[] {
  return BY_KIND[kind] ?? [];
}
