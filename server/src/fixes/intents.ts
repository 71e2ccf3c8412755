/**
 * Fixes are data: a rule says what should change, and a per-format edit builder turns that into text edits that
 * keep the file's indentation, quoting and separators. The union covers the whole rule catalogue.
 */
import type { IacResource, InputRef } from '../model/iac';
import type { CallSite, KeyArg } from '../model/code';

export type IacFixIntent =
  /**
   * Set (or add) top-level properties, by canonical name, on one resource. Several values go in one intent so
   * that the edit builder can place them together (TransitEncryptionEnabled + TransitEncryptionMode).
   */
  | { kind: 'setProperties'; resource: IacResource; values: { property: string; value: string | number | boolean }[] }
  /** Replace a property's value with a raw expression in the format's own syntax (a dynamic reference …). */
  | { kind: 'setPropertyExpression'; resource: IacResource; property: string; expression: { cloudformation: string; terraform: string } }
  | { kind: 'removeProperty'; resource: IacResource; property: string }
  /**
   * Change the default of the template input (CloudFormation parameter, Terraform variable) a property reads, so
   * every resource using it changes together and the input stays meaningful. Only for inputs declared in the file.
   */
  | { kind: 'setInputDefault'; input: InputRef; value: string | number | boolean };

export type CodeFixIntent =
  /** Replace a KEYS call with the client's SCAN iteration, returning the same list of keys. */
  | { kind: 'keysToScan'; call: CallSite }
  /** Give a write an expiry: an option on the call when the command takes one, else an EXPIRE after it. */
  | { kind: 'addExpiry'; call: CallSite; seconds: number }
  /** Rewrite keys so that `tag` becomes their `{hash tag}`: each key's leading `tag` text is wrapped in braces. */
  | { kind: 'wrapHashTag'; call: CallSite; keys: KeyArg[]; tag: string };

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
