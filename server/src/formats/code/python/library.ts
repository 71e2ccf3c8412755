/**
 * What the client packages export, as far as receiver resolution needs: the modules of redis-py, valkey-py and the
 * wrappers around them (django-redis, flask-redis), and which of their members are client, pool and pipeline
 * classes or client factories.
 */
import type { ClientKind, PyType } from './types';

/** The packages whose imports seed receivers. */
export const ROOTS: ReadonlySet<string> = new Set(['redis', 'valkey', 'rediscluster', 'django_redis', 'flask_redis']);
const SUBMODULES = new Set(['asyncio', 'cluster', 'client', 'connection', 'commands', 'sentinel', 'utils']);
/** FlaskRedis proxies every attribute to a redis.Redis it builds from the app's config. */
const CLIENT_CLASSES = new Set(['Redis', 'StrictRedis', 'Valkey', 'StrictValkey', 'FlaskRedis']);
const CLUSTER_CLASSES = new Set(['RedisCluster', 'StrictRedisCluster', 'ValkeyCluster']);
const POOL_CLASSES = new Set(['ConnectionPool', 'BlockingConnectionPool', 'ClusterConnectionPool']);
/** Class methods of a client class that build a client of it. */
export const FACTORIES = new Set(['from_url', 'from_pool']);
/** Packages whose `client` / `cluster` modules define the pipeline classes. */
const PIPELINE_ROOTS = new Set(['redis', 'valkey']);

export function moduleMember(path: string, name: string): PyType | undefined {
  const root = path.split('.')[0];
  if (!ROOTS.has(root)) return undefined;
  const kind = (cluster: boolean): ClientKind =>
    ({ library: root === 'valkey' ? 'valkey-py' : 'redis-py', cluster, async: path.includes('asyncio') });
  if (CLIENT_CLASSES.has(name)) return { t: 'class', kind: kind(false), pool: false };
  if (CLUSTER_CLASSES.has(name)) return { t: 'class', kind: kind(true), pool: false };
  if (POOL_CLASSES.has(name)) return { t: 'class', kind: kind(name.startsWith('Cluster')), pool: true };
  // redis-py pipelines are MULTI/EXEC by default (`pipeline(transaction=True)`); cluster pipelines never are.
  if (name === 'Pipeline' && PIPELINE_ROOTS.has(root) && path.endsWith('.client')) {
    return { t: 'pipelineClass', kind: kind(false), transactional: true };
  }
  if (name === 'ClusterPipeline' && PIPELINE_ROOTS.has(root) && path.endsWith('.cluster')) {
    return { t: 'pipelineClass', kind: kind(true), transactional: false };
  }
  if (name === 'from_url') return { t: 'factory', kind: kind(false), pool: false };
  if (name === 'get_redis_connection') return { t: 'getter', kind: kind(false) };
  if (SUBMODULES.has(name)) return { t: 'module', path: `${path}.${name}` };
  return undefined;
}

/** What a dotted import path (`redis.asyncio.Redis`) names. */
export function importedType(path: string): PyType | undefined {
  const [root, ...rest] = path.split('.');
  if (!ROOTS.has(root)) return undefined;
  let type: PyType | undefined = { t: 'module', path: root };
  for (const part of rest) type = type?.t === 'module' ? moduleMember(type.path, part) : undefined;
  return type;
}
