/**
 * Cluster mode, ElastiCache Serverless and MemoryDB have one database, 0: SELECT with any other index fails
 * ("ERR SELECT is not allowed in cluster mode"), and code written against a local Redis with 16 databases breaks on
 * deployment. Where the workspace says nothing about the cache, the call is reported at info level, saying why.
 *
 * A client built with `db=3` / `database: 3` / `redis://host/3` sends the same SELECT on connect: reported at the
 * setting, unless the client connects to this machine (a local server has 16 databases, whatever production has).
 */
import type { CodeRule, RuleFinding } from '../rule';
import type { CodeFixIntent } from '../../fixes/intents';
import type { CallArg, ClientConstruction, ClientInfo, ConnectionSetting } from '../../model/code';
import { isLocalHost, targetHost, urlFacts, oncePerPlace } from './connection';
import type { RuleContext } from '../rule';
import type { RelatedLocation } from '../../engine/types';
import { explainContext, sourcesText, type ContextFact } from '../../engine/context';

/** The database index as written, when it is a literal. */
function databaseIndex(arg: CallArg | undefined): number | undefined {
  if (!arg || arg.implicit) return undefined;
  if (arg.kind === 'number') return arg.value;
  if (arg.kind === 'string' && arg.value !== undefined && /^\s*\d+\s*$/.test(arg.value)) return Number(arg.value);
  return undefined;
}

const SINGLE_DATABASE: [ContextFact, string][] = [
  ['serverless', 'ElastiCache Serverless has only database 0'],
  ['memorydb', 'MemoryDB has only database 0'],
  ['clusterMode', 'a cluster-mode-enabled cache has only database 0'],
];

/** Why only database 0 exists, when the workspace or the client says so, and the templates or setting that say it. */
function singleDatabase(client: ClientInfo, ctx: RuleContext): { text: string; related: RelatedLocation[] } | undefined {
  for (const [fact, text] of SINGLE_DATABASE) {
    if (ctx.workspace[fact] !== 'yes') continue;
    const why = explainContext(ctx.workspace, { [fact]: true });
    return { text: why.sources.length ? `${text} (${sourcesText(why.sources)})` : text, related: why.related };
  }
  if (client.cluster) return { text: 'this is a cluster client, and a cluster-mode-enabled cache has only database 0', related: [] };
  return undefined;
}

/** The database a construction selects on connect, and where it says so: a literal `db` option or a URL path. */
function constructionDatabase(c: ClientConstruction): { db: number; at: ConnectionSetting<unknown> } | undefined {
  const { db, url } = c.options;
  if (db?.provenance.kind === 'literal' && db.value !== undefined) return { db: db.value, at: db };
  const facts = url && urlFacts(url);
  const path = facts?.host !== undefined && url?.value !== undefined ? /^[a-z]+:\/\/[^/?#]*\/(\d+)\s*(?:[?#]|$)/i.exec(url.value.trim()) : null;
  return path && url ? { db: Number(path[1]), at: url } : undefined;
}

export const selectDatabase: CodeRule = {
  target: 'code',
  meta: { id: 'select-database', title: 'SELECT of a database other than 0, which cluster mode, Serverless and MemoryDB do not have', defaultSeverity: 'warning' },
  check(model, ctx) {
    // Tests isolate themselves in a spare database of a local server, which has 16.
    if (model.isTest) return [];
    const out: RuleFinding<CodeFixIntent>[] = [];
    const w = ctx.workspace;
    // A declared cluster-mode-disabled, node-based cache has 16 databases: SELECT 3 is fine there.
    const multiDatabase = w.clusterMode === 'no' && w.serverless !== 'yes' && w.memorydb !== 'yes';
    for (const call of model.calls) {
      if (call.command !== 'SELECT') continue;
      const db = databaseIndex(call.args[0]);
      if (db === undefined || db === 0) continue;
      const why = singleDatabase(call.client, ctx);
      if (why) {
        out.push({
          range: call.calleeRange,
          message: `SELECT ${db} fails: ${why.text}. Keep every key in database 0 and separate data sets with key prefixes (or separate caches).`,
          ...(why.related.length ? { related: why.related } : {}),
        });
      } else if (!multiDatabase) {
        out.push({
          range: call.calleeRange,
          severity: 'info',
          message: `SELECT ${db} works only on a cluster-mode-disabled cache: cluster mode, ElastiCache Serverless and MemoryDB have only database 0, so the call fails there. Prefer key prefixes to numbered databases.`,
        });
      }
    }
    const fromClients: RuleFinding<CodeFixIntent>[] = [];
    for (const c of model.clients) {
      const found = constructionDatabase(c);
      const host = targetHost(c);
      if (!found || found.db === 0 || host === undefined || isLocalHost(host)) continue;
      const range = found.at.range;
      const why = singleDatabase(c.client, ctx);
      if (why) {
        fromClients.push({
          range,
          message: `This client selects database ${found.db} when it connects, which fails: ${why.text}. Keep every key in database 0 and separate data sets with key prefixes (or separate caches).`,
          ...(why.related.length ? { related: why.related } : {}),
        });
      } else if (!multiDatabase) {
        fromClients.push({
          range,
          severity: 'info',
          message: `This client selects database ${found.db} when it connects, which works only on a cluster-mode-disabled cache: cluster mode, ElastiCache Serverless and MemoryDB have only database 0. Prefer key prefixes to numbered databases.`,
        });
      }
    }
    return [...out, ...oncePerPlace(fromClients)];
  },
};
