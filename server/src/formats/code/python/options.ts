/** What a write call says about expiry and NX, read from redis-py's keyword and positional parameters. */
import { WRITE_COMMANDS, type CallSite } from '../../../model/code';
import { constantString } from './strings';
import { boolLiteral, isNoneLiteral, type CallArgs, type Node } from './syntax';

/** `set(name, value, ex, px, nx, xx, keepttl, get, exat, pxat)`: redis-py's positional order. */
const SET_POSITIONS: Record<string, number> = { ex: 2, px: 3, nx: 4, keepttl: 6, exat: 8, pxat: 9 };

function setArg(args: CallArgs, name: string): Node | undefined {
  const byName = args.keywords.get(name);
  if (byName) return byName;
  const at = SET_POSITIONS[name];
  return args.starredAt !== undefined && args.starredAt <= at ? undefined : args.positional[at];
}

function methodSetOptions(args: CallArgs): CallSite['options'] {
  const nx = boolLiteral(setArg(args, 'nx')) === true;
  const ttl = ['ex', 'px', 'exat', 'pxat'].some((n) => {
    const a = setArg(args, n);
    return a && !isNoneLiteral(a);
  });
  if (ttl) return { expiry: 'set', nx };
  const keep = setArg(args, 'keepttl');
  if (keep && boolLiteral(keep) !== false && !isNoneLiteral(keep)) return { expiry: boolLiteral(keep) ? 'keep' : 'unknown', nx };
  // `**kwargs` or `*args` may carry `ex=` / the third positional.
  const hidden = args.hasKwSplat || (args.starredAt !== undefined && args.starredAt <= 2);
  return { expiry: hidden ? 'unknown' : 'none', nx };
}

/** `execute_command("SET", k, v, "EX", 60, "NX")`: the option words after key and value. */
function rawSetOptions(tail: Node[]): CallSite['options'] {
  const words = tail.map((t) => constantString(t)?.toUpperCase());
  const nx = words.includes('NX');
  if (words.some((w) => w === 'EX' || w === 'PX' || w === 'EXAT' || w === 'PXAT')) return { expiry: 'set', nx };
  if (words.includes('KEEPTTL')) return { expiry: 'keep', nx };
  return { expiry: tail.some((t) => t.type === 'list_splat') ? 'unknown' : 'none', nx };
}

/** `raw`: the arguments are `execute_command`'s after the command name. */
export function writeOptions(command: string, args: CallArgs, raw: boolean): CallSite['options'] {
  if (command === 'SET') return raw ? rawSetOptions(args.positional.slice(2)) : methodSetOptions(args);
  if (command === 'SETEX' || command === 'PSETEX') return { expiry: 'set' };
  if (command === 'SETNX') return { expiry: 'none', nx: true };
  if (WRITE_COMMANDS.has(command)) return { expiry: 'none' };
  return {};
}

/** SET's expiry argument when it is written out as `None` (`ex=None`, or None third): a fix can fill it in. */
export function noneExpiry(args: CallArgs): Node | undefined {
  const ex = setArg(args, 'ex');
  return ex && isNoneLiteral(ex) ? ex : undefined;
}
