/** Helpers IaC rules share: how a canonical property is spelled in the resource's format, and resource facts. */
import type { IacResource } from '../../model/iac';
import { writtenName } from '../../model/iac-schema';
import { engineOf as effectiveEngine } from '../../model/effective';

export { literalText } from '../../model/effective';

/** The property's name (or dotted path) as the user wrote it in this resource's format, for messages and fix titles. */
export function propertyName(resource: IacResource, canonical: string): string {
  return writtenName(resource, canonical);
}

/** The engine in effect (written, an input's default, or the table's default); undefined when it cannot be known. */
export function engineOf(resource: IacResource): string | undefined {
  return effectiveEngine(resource).value;
}

const KIND_LABEL: Partial<Record<IacResource['kind'], string>> = {
  replicationGroup: 'Replication group',
  cacheCluster: 'Cache cluster',
  serverlessCache: 'Serverless cache',
  memorydbCluster: 'MemoryDB cluster',
  globalReplicationGroup: 'Global datastore',
};

export function describeResource(resource: IacResource): string {
  return `${KIND_LABEL[resource.kind] ?? resource.type} '${resource.name}'`;
}
