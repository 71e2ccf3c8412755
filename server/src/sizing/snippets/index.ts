/**
 * A sized option as a deployable CloudFormation template or Terraform configuration, secure by default: a subnet
 * group, a security group that admits only the application's security group, TLS required, encryption at rest,
 * AUTH through users whose password lives in Secrets Manager, failover and Multi-AZ where there are replicas, and
 * daily backups. Pure text generation: the report inserts it, the tests lint it with cachelint itself.
 *
 * An option whose promise a template cannot keep gets no snippet: `snippetUnavailable` says why, and `snippetFor`
 * throws `SnippetUnavailable` with that reason rather than write something that deploys a different cache.
 */
import type { SizingOption, Workload } from '../types';
import { cloudFormation } from './cloudformation';
import { shapeOf, snippetUnavailable, type SnippetFormat } from './shared';
import { terraform } from './terraform';

export { snippetUnavailable, DURABILITY_UNAVAILABLE, type SnippetFormat } from './shared';

export class SnippetUnavailable extends Error {
  constructor(readonly reason: string) { super(reason); this.name = 'SnippetUnavailable'; }
}

/** The option as a complete template (CloudFormation YAML) or configuration (Terraform). */
export function snippetFor(option: SizingOption, workload: Workload, format: SnippetFormat): string {
  const reason = snippetUnavailable(option, workload);
  if (reason) throw new SnippetUnavailable(reason);
  const shape = shapeOf(option, workload);
  return format === 'cloudformation' ? cloudFormation(shape) : terraform(shape);
}

/** The editor language of a snippet, for a new untitled document. */
export function snippetLanguage(format: SnippetFormat): 'yaml' | 'terraform' {
  return format === 'cloudformation' ? 'yaml' : 'terraform';
}
