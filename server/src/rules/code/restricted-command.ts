/**
 * ElastiCache and MemoryDB run the engine for you, so the commands that administer it (CONFIG, SAVE, REPLICAOF,
 * CLUSTER slot moves, ACL SETUSER …) are not offered: the call fails with "unknown command". Serverless restricts
 * more (MONITOR, SLOWLOG, CLIENT LIST, FUNCTION …). Which commands, per service, is the command table's
 * `restricted` (../shared/reference/aws-facts.md §3 "Restricted commands"), never a list here.
 *
 * The service is the workspace's: MemoryDB or Serverless when its infrastructure says so; otherwise node-based
 * ElastiCache, whose list every other service also restricts, so the finding holds wherever the code is deployed.
 * KEYS is keys-command's. Tests run against a local server, where these commands work.
 */
import type { CodeRule, RuleContext, RuleFinding } from '../rule';
import type { CodeFixIntent } from '../../fixes/intents';
import type { CallSite } from '../../model/code';
import { commandInfo, restriction, SERVICES, type CommandInfo, type Service } from '../../model/commands';
import { explainContext, sourcesText, type ContextExplanation } from '../../engine/context';

const SERVICE_NAME: Record<Service, string> = {
  elasticache: 'ElastiCache (node-based)', serverless: 'ElastiCache Serverless', memorydb: 'MemoryDB',
};

const METRICS = 'watch the CloudWatch metrics the service publishes instead';

/** The managed way to do what the command did, by command (or container) name. */
const ALTERNATIVE: Record<string, string> = {
  CONFIG: 'set engine parameters in a parameter group (node-based ElastiCache, MemoryDB), from your templates; Serverless fixes them',
  'CONFIG GET': 'read engine parameters from the parameter group (DescribeCacheParameters; MemoryDB DescribeParameters); Serverless fixes them',
  SAVE: 'take snapshots with automatic backups or the CreateSnapshot API',
  BGSAVE: 'take snapshots with automatic backups or the CreateSnapshot API',
  BGREWRITEAOF: 'take snapshots with automatic backups or the CreateSnapshot API',
  LASTSAVE: 'read snapshot times from the DescribeSnapshots API',
  SHUTDOWN: 'reboot nodes or test a failover through the service API',
  REPLICAOF: 'the service manages replication: add replicas (or a Global Datastore) through the API',
  SLAVEOF: 'the service manages replication: add replicas (or a Global Datastore) through the API',
  SYNC: 'the service manages replication: add replicas (or a Global Datastore) through the API',
  PSYNC: 'the service manages replication: add replicas (or a Global Datastore) through the API',
  CLUSTER: 'the service manages slots and failover: reshard or fail over through its API (ModifyReplicationGroupShardConfiguration, TestFailover; MemoryDB UpdateCluster, FailoverShard)',
  ACL: 'manage users and user groups (RBAC) through the service API or your templates; read access failures from CloudWatch',
  MIGRATE: 'copy keys with DUMP and RESTORE, or move whole data sets with online migration or a snapshot restore',
  DEBUG: 'there is no managed equivalent: remove the call',
  MODULE: 'MemoryDB cannot load modules: use its built-in JSON and vector search',
  MONITOR: METRICS,
  SLOWLOG: `${METRICS} (node-based caches can also deliver the slow log to CloudWatch Logs)`,
  LATENCY: METRICS,
  MEMORY: METRICS,
  COMMANDLOG: METRICS,
  CLIENT: 'connections go through the service, which manages them: CloudWatch reports connection counts',
  FUNCTION: 'use Lua scripts (EVAL / EVALSHA) instead of functions',
  FCALL: 'use Lua scripts (EVAL / EVALSHA) instead of functions',
  FCALL_RO: 'use Lua scripts (EVALSHA_RO) instead of functions',
  OBJECT: 'read TYPE or TTL instead: value encodings and idle times are internal to the service',
  MOVE: 'only database 0 exists: separate data sets with key prefixes',
  SWAPDB: 'only database 0 exists: separate data sets with key prefixes',
  PSUBSCRIBE: 'subscribe to exact channel names (SUBSCRIBE)',
  PUNSUBSCRIBE: 'subscribe to exact channel names (SUBSCRIBE)',
  PUBSUB: 'subscribe to exact channel names (SUBSCRIBE)',
  WAIT: 'there is no equivalent: the service manages replication',
};

/** The service whose restrictions apply: what the workspace declares, else node-based ElastiCache. */
function serviceOf(ctx: RuleContext): Service {
  if (ctx.workspace.memorydb === 'yes') return 'memorydb';
  if (ctx.workspace.serverless === 'yes') return 'serverless';
  return 'elasticache';
}

function infoOf(call: CallSite): CommandInfo | undefined {
  return call.subcommand !== undefined ? commandInfo(call.command, call.subcommand) : commandInfo(call.command);
}

/** The templates, resources or setting that make the workspace's service MemoryDB or Serverless. */
function serviceEvidence(service: Service, ctx: RuleContext): ContextExplanation {
  if (service === 'elasticache') return { sources: [], related: [] };
  return explainContext(ctx.workspace, service === 'memorydb' ? { memorydb: true } : { serverless: true });
}

function message(info: CommandInfo, service: Service, why: ContextExplanation): string {
  // Named by every service that restricts it, so a finding made without infrastructure reads true anywhere.
  const where = service === 'elasticache'
    ? SERVICES.filter((s) => restriction(info, s)?.restricted).map((s) => SERVICE_NAME[s])
    : [SERVICE_NAME[service]];
  const list = where.length > 1 ? `${where.slice(0, -1).join(', ')} and ${where[where.length - 1]}` : where[0];
  const evidence = why.sources.length ? ` (${sourcesText(why.sources)})` : '';
  const alternative = ALTERNATIVE[info.name] ?? ALTERNATIVE[info.container ?? info.name] ?? 'do it through the service API instead';
  return `${list} ${where.length > 1 ? 'do' : 'does'} not offer ${info.name}${evidence}: the call fails. Managed alternative: ${alternative}.`;
}

export const restrictedCommand: CodeRule = {
  target: 'code',
  meta: { id: 'restricted-command', title: 'A command ElastiCache or MemoryDB do not offer', defaultSeverity: 'error' },
  check(model, ctx) {
    if (model.isTest) return [];
    const service = serviceOf(ctx);
    const why = serviceEvidence(service, ctx);
    const out: RuleFinding<CodeFixIntent>[] = [];
    for (const call of model.calls) {
      if (call.command === 'KEYS') continue;
      const info = infoOf(call);
      // A container whose subcommand is not known (`CLIENT` with a variable) is restricted only if it is whole.
      if (!info || !restriction(info, service)?.restricted) continue;
      out.push({ range: call.calleeRange, message: message(info, service, why), ...(why.related.length ? { related: why.related } : {}) });
    }
    return out;
  },
};
