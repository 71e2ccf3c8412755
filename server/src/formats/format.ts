/**
 * The seams between the engine and the input formats. One input format = one module implementing one of these.
 */
import type { FileError, SourceFile, TextEdit } from '../engine/types';
import type { LineIndex } from '../engine/text';
import type { Grammars, GrammarName } from '../engine/grammars';
import type { IacModel } from '../model/iac';
import type { CodeModel } from '../model/code';
import type { CodeModuleSummary } from '../model/code-modules';
import type { CodeFixIntent, IacFixIntent } from '../fixes/intents';

export interface CommentSyntax {
  /** Line comment token (`#`, `//`); undefined where the format has none (JSON), so no disable comment is offered. */
  line?: string;
  /** Other line-comment tokens the format accepts (HCL's `//` beside `#`): honoured, never inserted. */
  otherLines?: string[];
  /** Block comment delimiters, recognised for suppression directives. */
  block?: [string, string];
}

export interface ParsedInfra {
  model: IacModel;
  errors: FileError[];
  /** Turns a fix intent into edits that keep the file's style; undefined when no safe edit exists. */
  buildEdits(intent: IacFixIntent): TextEdit[] | undefined;
  /** Frees what `buildEdits` kept alive (a parse tree); the engine calls it once every fix is built. */
  release?(): void;
}

export interface InfraFormat {
  id: 'cloudformation' | 'terraform';
  comments(file: SourceFile): CommentSyntax;
  /** Grammars this format needs loaded before `parse`. */
  grammars(file: SourceFile): GrammarName[];
  /**
   * A cheap look at the start of a file: false when it certainly is not of this format (a package.json for
   * CloudFormation), so bulk scans need not read and parse it.
   */
  mayContain(head: string): boolean;
  /**
   * Parses and normalises one file. Returns undefined when the file is not of this format after all (a YAML that
   * is not a CloudFormation template): such files are skipped silently. Malformed input yields `errors`, never a throw.
   */
  parse(file: SourceFile, lines: LineIndex, grammars: Grammars): ParsedInfra | undefined;
}

export interface ParsedCode {
  model: CodeModel;
  errors: FileError[];
  /** What the file exports and imports, for the workspace index (when the host keeps one, `SourceFile.codeIndex`). */
  summary?: CodeModuleSummary;
  buildEdits(intent: CodeFixIntent): TextEdit[] | undefined;
}

export interface CodeFormat {
  id: CodeModel['language'];
  comments: CommentSyntax;
  grammars(file: SourceFile): GrammarName[];
  parse(file: SourceFile, lines: LineIndex, grammars: Grammars): ParsedCode;
}
