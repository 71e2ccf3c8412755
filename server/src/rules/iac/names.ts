/** Helpers IaC rules share: how a canonical property is spelled in the file's format, and resource facts. */
import type { IacModel, IacResource } from '../../model/iac';
import { stringOf } from '../../model/iac';
import { writtenName } from '../../model/iac-schema';

/** The property's name as the user wrote it in this file's format, for messages and fix titles. */
export function propertyName(model: IacModel, resource: IacResource, canonical: string): string {
  return writtenName(model.format, resource.type, canonical);
}

/** The engine as written, lower-cased; undefined when it is not a literal. Both formats default to redis. */
export function engineOf(resource: IacResource): string | undefined {
  const p = resource.properties.get('engine');
  if (!p) return resource.kind === 'replicationGroup' ? 'redis' : undefined;
  return stringOf(p.value)?.toLowerCase();
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

export function literalText(v: string | number | boolean | null): string {
  return typeof v === 'string' ? `"${v}"` : String(v);
}
