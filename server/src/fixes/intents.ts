/**
 * Fixes are data: a rule says what should change, and a per-format edit builder turns that into text edits that
 * keep the file's indentation, quoting and separators. The union covers the whole rule catalogue.
 */
import type { IacResource, InputRef, ResourceKind } from '../model/iac';
import type { CallArg, CallSite, ClientConstruction, ConnectionSetting, KeyArg } from '../model/code';

export type IacFixIntent =
  /**
   * Set (or add) top-level properties, by canonical name, on one resource. Several values go in one intent so
   * that the edit builder can place them together (TransitEncryptionEnabled + TransitEncryptionMode).
   */
  | { kind: 'setProperties'; resource: IacResource; values: { property: string; value: string | number | boolean }[] }
  /** Replace a property's value with a raw expression in the format's own syntax (a dynamic reference …). */
  | { kind: 'setPropertyExpression'; resource: IacResource; property: string; expression: Expression }
  | { kind: 'removeProperty'; resource: IacResource; property: string }
  /**
   * Change the default of the template input (CloudFormation parameter, Terraform variable) a property reads, so
   * every resource using it changes together and the input stays meaningful. Only for inputs declared in the file.
   */
  | { kind: 'setInputDefault'; input: InputRef; value: string | number | boolean }
  /**
   * Set a value at a path under one resource: a canonical top-level property, then canonical child names and list
   * indices (`['cacheUsageLimits', 'dataStorage', 'maximum']`, `['securityGroupIngress', 0, 'cidrIp']`,
   * `['ingress', 1, 'cidrBlocks', 0]`). Missing objects on the way are created (a Terraform nested block when the
   * schema says it is one); a list index must already exist.
   */
  | { kind: 'setAt'; resource: IacResource; path: readonly (string | number)[]; value: FixValue }
  /** Set one entry of a parameter group (CloudFormation `Properties` map, Terraform `parameter {}` block, MemoryDB's list). */
  | { kind: 'setParameter'; resource: IacResource; name: string; value: string }
  /** Mark a template input secret (`NoEcho: true`, `sensitive = true`); `dropDefault` also removes its default value. */
  | { kind: 'markInputSecret'; input: InputRef; dropDefault?: boolean }
  /**
   * Declare a new input (a CloudFormation parameter, a Terraform variable) in the analysed file: under `Parameters`
   * (made after `AWSTemplateFormatVersion`/`Description` when absent), after the file's last variable or before its
   * first resource. None when the name is declared in the file already.
   */
  | { kind: 'addInput'; name: string; type: Expression; description: string; secret?: boolean }
  /**
   * Declare a small resource the fix needs (a subnet group, a user group), placed after `after` in the same file;
   * its type is the one of `resourceKind` in `after`'s format, its properties canonical names.
   */
  | { kind: 'addResource'; after: IacResource; resourceKind: ResourceKind; name: string; properties: { property: string; value: FixValue }[] }
  /**
   * Several intents as one fix (declare a subnet group, then point the cache at it); no edit unless every part has
   * one, none when two parts' edits overlap. Inserts at one point come out in intent order (fixes/compose.ts).
   */
  | { kind: 'all'; intents: IacFixIntent[] };

/** An expression in each format's syntax: `!Ref CacheSubnetIds` / `var.cache_subnet_ids`. */
export interface Expression { cloudformation: string; terraform: string }

/** A value a fix writes: a literal, or an expression spelled per format. */
export type FixValue = string | number | boolean | { expression: Expression };

export type CodeFixIntent =
  /** Replace a KEYS call with the client's SCAN iteration, returning the same list of keys. */
  | { kind: 'keysToScan'; call: CallSite }
  /** Give a write an expiry: an option on the call when the command takes one, else an EXPIRE after it. */
  | { kind: 'addExpiry'; call: CallSite; seconds: number }
  /**
   * Rewrite keys so that `tag` becomes their `{hash tag}`: in each key, the `tag` text that follows its leading
   * `lead` text (`user:` of `user:42:profile`; none when absent) is wrapped in braces. `keys` are every occurrence
   * to rename, across the file's calls, not only the reported call's.
   */
  | { kind: 'wrapHashTag'; call: CallSite; keys: KeyArg[]; tag: string; lead?: string }
  /** Write `text` (source in the file's language) in place of one written argument of the call (a timeout of 0). */
  | { kind: 'replaceArgument'; call: CallSite; arg: CallArg; text: string }
  | ConnectionFixIntent;

/**
 * Fixes to a client construction's connection options. Each names the construction and, where one setting is
 * changed, that setting as the model read it: the edit builder refuses when the source no longer reads so.
 */
export type ConnectionFixIntent =
  /** Write `value` in place of a literal string setting (`redis://…` → `rediss://…`), in the literal's own quotes. */
  | { kind: 'rewriteString'; construction: ClientConstruction; setting: ConnectionSetting<string>; value: string }
  /** Delete one option: its whole entry, its separator, and its line when it has one of its own. */
  | { kind: 'removeOption'; construction: ClientConstruction; setting: ConnectionSetting<unknown> }
  /**
   * Turn TLS on: the written `tls`/`ssl` false becomes true, or, with no TLS option written, the library's TLS
   * option goes beside the host's entry (`ssl=True`, ioredis `tls: {}`, node-redis `tls: true` in `socket`).
   */
  | { kind: 'enableTls'; construction: ClientConstruction }
  /** Read a literal setting from the environment variable `variable` instead (adding the import the language needs). */
  | { kind: 'readFromEnvironment'; construction: ClientConstruction; setting: ConnectionSetting<string>; variable: string }
  /**
   * Move the statement that builds and binds the client to module scope, before the top-level statement that
   * holds it, so that one client serves every call. None when its arguments read anything local to the function.
   */
  | { kind: 'hoistConstruction'; construction: ClientConstruction };

const CONNECTION_KINDS = new Set<string>(['rewriteString', 'removeOption', 'enableTls', 'readFromEnvironment', 'hoistConstruction']);

export function isConnectionIntent(intent: CodeFixIntent): intent is ConnectionFixIntent {
  return CONNECTION_KINDS.has(intent.kind);
}

export type FixIntent = IacFixIntent | CodeFixIntent;

export interface ProposedFix<I extends FixIntent = FixIntent> {
  title: string;
  intent: I;
  isPreferred?: boolean;
  /**
   * May be applied unattended by `source.fixAll` (fix-on-save). Not for fixes that change behaviour beyond the
   * remedy: renaming keys (hash tags) or giving data a lifetime (TTL) needs a person to choose.
   */
  unattended?: boolean;
}
