/** Where SET's expiry argument sits in redis-py's signature, for the fix that fills in an `ex=None`. */
import { isNoneLiteral, type CallArgs, type Node } from './syntax';

/** `set(name, value, ex, px, nx, xx, keepttl, get, exat, pxat)`: redis-py's positional order. */
const SET_POSITIONS: Record<string, number> = { ex: 2, px: 3, nx: 4, keepttl: 6, exat: 8, pxat: 9 };

function setArg(args: CallArgs, name: string): Node | undefined {
  const byName = args.keywords.get(name);
  if (byName) return byName;
  const at = SET_POSITIONS[name];
  return args.starredAt !== undefined && args.starredAt <= at ? undefined : args.positional[at];
}

/** SET's expiry argument when it is written out as `None` (`ex=None`, or None third): a fix can fill it in. */
export function noneExpiry(args: CallArgs): Node | undefined {
  const ex = setArg(args, 'ex');
  return ex && isNoneLiteral(ex) ? ex : undefined;
}
