/**
 * The hash-tag quick-fix behind cross-slot-keys and missing-hash-tag. Two things make it safe to apply:
 * - it tags the entity id (`checkout:{42}:totals`), never a shared namespace (`{checkout}:…`), which would put
 *   every such key, of every user, in one slot;
 * - it renames every occurrence of the keys' expressions in the file (writes, reads, DEL), or is not offered:
 *   renaming the keys at one call only leaves the others reading and deleting the old names.
 */
import type { CodeModel, KeyArg } from '../../model/code';
import type { CodeFixIntent, ProposedFix } from '../../fixes/intents';
import type { MultiKeyOperation } from './multi-key';
import { keyId } from './key-facts';

/** The tag to write: `tag` follows `lead` at the start of every key's content (`user:` + `42` of `user:42:profile`). */
export interface TagChoice { lead: string; tag: string }

/** The key as written between its quotes, or undefined when it is not a plain string or template. */
function keyContent(key: KeyArg): string | undefined {
  if (key.kind === 'literal') return key.value;
  if (key.kind !== 'template') return undefined;
  const m = /^[a-zA-Z]*(["'`])([\s\S]*)\1$/.exec(key.text);
  return m ? m[2] : undefined;
}

function stripInterpolations(s: string): string {
  return s.replace(/\$\{[^}]*\}/g, '').replace(/\{[^{}]*\}/g, '');
}

interface Segment { start: number; text: string; interpolated: boolean }

/**
 * Splits a key's leading content on `:` `.` `/` `_` `-`, not inside an interpolation (`${a.b}`, `{user_id}`) or the
 * code between the strings of a concatenation (`user:' + id + '`).
 */
function segments(s: string): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  let depth = 0;
  let quote: string | undefined;
  let interpolated = false;
  for (let i = 0; i <= s.length; i++) {
    const ch = s[i];
    if (i === s.length || (depth === 0 && !quote && /[:./_-]/.test(ch))) {
      out.push({ start, text: s.slice(start, i), interpolated });
      start = i + 1;
      interpolated = false;
      continue;
    }
    if (quote) { if (ch === quote) quote = undefined; continue; }
    if (ch === '"' || ch === "'" || ch === '`') { quote = ch; interpolated = true; continue; }
    if (ch === '{') { depth++; interpolated = true; } else if (ch === '}' && depth > 0) depth--;
    else if (ch === '%' && /[sdrif]/.test(s[i + 1] ?? '')) interpolated = true;
  }
  return out;
}

/**
 * What to wrap so that all keys share a slot: in their common leading part (cut at a delimiter every key has
 * there), the last segment that interpolates a value (the entity id: `{uid}`, `${id}`), else the last segment
 * when there are several (`42` of `user:42`). A lone constant segment (`checkout`) is a namespace shared by every
 * entity: no tag.
 */
export function commonTag(keys: KeyArg[]): TagChoice | undefined {
  const contents = keys.map(keyContent);
  if (contents.some((c) => c === undefined)) return undefined;
  let prefix = contents[0]!;
  for (const c of contents.slice(1)) {
    let i = 0;
    while (i < prefix.length && i < c!.length && prefix[i] === c![i]) i++;
    prefix = prefix.slice(0, i);
  }
  // Only cut at a delimiter that every key has right there, so the tag ends on a whole segment.
  for (let i = prefix.length; i > 0; i--) {
    if (/[:./_-]/.test(prefix[i - 1]) && contents.every((c) => /[:./_-]/.test(c![i - 1]))) {
      const common = prefix.slice(0, i - 1);
      if (!common || /[{}]/.test(stripInterpolations(common))) return undefined;
      const parts = segments(common).filter((p) => p.text.length > 0);
      const pick = [...parts].reverse().find((p) => p.interpolated) ?? (parts.length > 1 ? parts[parts.length - 1] : undefined);
      return pick ? { lead: common.slice(0, pick.start), tag: pick.text } : undefined;
    }
  }
  return undefined;
}

/** What identifies a key expression across calls: a literal's value (quoting may differ), else its source text. */
const at = (k: KeyArg): string => `${k.range.start.line}:${k.range.start.character}`;

/** The file's keys, indexed once per model: every multi-key finding asks, and a scan each made the rule quadratic. */
interface KeyIndex {
  /** Keys in call order, with the facts `occurrences` compares. */
  entries: { key: KeyArg; at: string; id: string; content: string | undefined; order: number }[];
  byId: Map<string, KeyIndex['entries']>;
  /** By lead: the entries whose content starts with it (filled on first ask). */
  byLead: Map<string, KeyIndex['entries']>;
}

const indexes = new WeakMap<CodeModel, KeyIndex>();

function indexOf(model: CodeModel): KeyIndex {
  let index = indexes.get(model);
  if (index) return index;
  index = { entries: [], byId: new Map(), byLead: new Map() };
  for (const call of model.calls) {
    for (const key of call.keys) {
      const entry = { key, at: at(key), id: keyId(key), content: keyContent(key), order: index.entries.length };
      index.entries.push(entry);
      const same = index.byId.get(entry.id);
      if (same) same.push(entry); else index.byId.set(entry.id, [entry]);
    }
  }
  indexes.set(model, index);
  return index;
}

function withLead(index: KeyIndex, lead: string): KeyIndex['entries'] {
  let list = index.byLead.get(lead);
  if (!list) index.byLead.set(lead, list = index.entries.filter((e) => e.content !== undefined && e.content.startsWith(lead)));
  return list;
}

/**
 * Every key in the file with the same expression as one of `keys`, or undefined when another key of the file
 * looks like one of the same family that the rename would leave behind: same lead, same tail, another entity
 * (`user:7:profile` beside `user:42:profile`, `f'user:{uid}:a'` beside `f"user:{uid}:a"`, a string that is not
 * an f-string).
 */
function occurrences(model: CodeModel, keys: KeyArg[], choice: TagChoice): KeyArg[] | undefined {
  const index = indexOf(model);
  const ids = new Set(keys.map(keyId));
  const renamed = new Map(keys.map((k) => [at(k), k]));
  // The other uses of the same expressions, in call order.
  const same = [...ids].flatMap((id) => index.byId.get(id) ?? []).sort((a, b) => a.order - b.order);
  for (const e of same) if (!renamed.has(e.at)) renamed.set(e.at, e.key);
  const tails = keys.map((k) => keyContent(k)!.slice(choice.lead.length + choice.tag.length));
  const leftBehind = withLead(index, choice.lead).some((e) => {
    if (ids.has(e.id) || renamed.has(e.at)) return false;
    const c = e.content!;
    return tails.some((t) => c.length > choice.lead.length + t.length && c.endsWith(t));
  });
  return leftBehind ? undefined : [...renamed.values()];
}

/** The hash-tag quick-fix, when the keys share an entity id to tag (not offered across a transaction's calls). */
export function hashTagFixes(op: MultiKeyOperation, model: CodeModel): ProposedFix<CodeFixIntent>[] {
  const choice = op.batch ? undefined : commonTag(op.keys);
  if (!choice) return [];
  const keys = occurrences(model, op.keys, choice);
  if (!keys) return [];
  // An interpolation written `{uid}` already reads as "the value in braces": shown once, not as `{{uid}}`.
  const shown = /^\{[^{}]+\}$/.test(choice.tag) ? choice.tag : `{${choice.tag}}`;
  const example = `${choice.lead}${shown}${keyContent(op.keys[0])!.slice(choice.lead.length + choice.tag.length)}`;
  const others = keys.length - op.keys.length;
  return [{
    title: `Tag the entity id: ${example} (renames these keys${others > 0 ? `, and ${others} other use${others > 1 ? 's' : ''} of them in this file` : ''})`,
    intent: { kind: 'wrapHashTag', call: op.anchor, keys, tag: choice.tag, ...(choice.lead ? { lead: choice.lead } : {}) },
  }];
}
