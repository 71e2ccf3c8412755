/**
 * The rule contract. One rule = one file exporting a `Rule` with its metadata, its check and the fixes it proposes.
 * Checks are pure: model in, findings out.
 */
import type { Range, RelatedLocation, Severity } from '../engine/types';
import type { WorkspaceContext } from '../engine/context';
import type { ResolvedSettings } from '../engine/settings';
import type { IacModel } from '../model/iac';
import type { CodeModel } from '../model/code';
import type { CodeFixIntent, FixIntent, IacFixIntent, ProposedFix } from '../fixes/intents';

export interface RuleMeta {
  id: string;
  /** One line, used as the SARIF short description and in hover titles. */
  title: string;
  defaultSeverity: Severity;
  /** Old ids that still select this rule in settings and suppression comments. */
  aliases?: string[];
  /**
   * Off unless the user gives it a severity (settings `rules`, `--rule`): a check that is a policy some teams hold
   * (customer managed keys), not a mistake everyone makes, would otherwise be noise for the rest.
   */
  optIn?: boolean;
}

export interface RuleContext {
  path: string;
  settings: ResolvedSettings;
  workspace: WorkspaceContext;
  /**
   * The day the analysis judges dates against (YYYY-MM-DD, UTC): read from the clock once per file by the engine,
   * or given by the caller (`ResolvedSettings.today`) so that tests and reproducible CI runs control it.
   */
  today: string;
}

export interface RuleFinding<I extends FixIntent> {
  range: Range;
  message: string;
  /** A context-dependent default (keys-command is an error on serverless). User settings still win. */
  severity?: Severity;
  fixes?: ProposedFix<I>[];
  /** Other places that explain the finding (the variable file whose value causes it). */
  related?: RelatedLocation[];
}

export interface IacRule {
  target: 'iac';
  meta: RuleMeta;
  check(model: IacModel, ctx: RuleContext): RuleFinding<IacFixIntent>[];
}

export interface CodeRule {
  target: 'code';
  meta: RuleMeta;
  check(model: CodeModel, ctx: RuleContext): RuleFinding<CodeFixIntent>[];
}

export type Rule = IacRule | CodeRule;
