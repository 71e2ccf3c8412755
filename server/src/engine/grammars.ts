/**
 * tree-sitter grammars, loaded on first need from bytes the host supplies (the engine never touches `fs`, so it
 * can also run in a browser worker). After `ensure`, parsing is synchronous.
 */
import { Language, Parser } from 'web-tree-sitter';

export type GrammarName = 'python' | 'javascript' | 'typescript' | 'tsx' | 'terraform' | 'java' | 'go' | 'c-sharp' | 'ruby' | 'php';

export interface GrammarSource {
  /** The web-tree-sitter runtime (`web-tree-sitter.wasm`). */
  runtime(): Promise<Uint8Array>;
  grammar(name: GrammarName): Promise<Uint8Array>;
}

let runtimeExports: object | undefined;

/**
 * The web-tree-sitter runtime's own wasm exports, when this build of it puts them where it did when this was
 * written. Only the reader that copies a whole tree (`formats/code/core/syntaxTree.ts`) uses them, and it checks
 * each one and falls back to the public API without them.
 */
export function wasmExports(): object | undefined {
  return runtimeExports;
}

export class Grammars {
  private init: Promise<void> | undefined;
  private readonly languages = new Map<GrammarName, Promise<Language>>();
  private readonly ready = new Map<GrammarName, Parser>();

  constructor(private readonly source: GrammarSource) {}

  async ensure(name: GrammarName): Promise<void> {
    if (this.ready.has(name)) return;
    this.init ??= this.source.runtime().then(async (wasmBinary) => {
      const options = { wasmBinary };
      await Parser.init(options);
      // Emscripten builds the runtime on the options object it is handed (the first time only): its exports are there.
      runtimeExports ??= '_ts_init' in options ? options : undefined;
    });
    await this.init;
    let lang = this.languages.get(name);
    if (!lang) {
      lang = this.source.grammar(name).then((bytes) => Language.load(bytes));
      this.languages.set(name, lang);
      // A failed load must not poison later attempts (a missing file can be restored without a restart).
      lang.catch(() => this.languages.delete(name));
    }
    const parser = new Parser();
    parser.setLanguage(await lang);
    this.ready.set(name, parser);
  }

  /**
   * Replaces a grammar's parser after a parse threw: web-tree-sitter can fail inside wasm on pathological input
   * (e.g. hundreds of nested Python blocks), and the failed parser then fails every later parse.
   * Best effort only: web-tree-sitter keeps one wasm module per JS realm and offers no way to start a fresh one, so
   * a fault that damaged the module's memory outlives this. Hosts that can (the worker pool) retire the thread.
   */
  reset(name: GrammarName): void {
    const old = this.ready.get(name);
    if (!old) return;
    const language = old.language;
    try { old.delete(); } catch { /* already broken */ }
    const fresh = new Parser();
    if (language) fresh.setLanguage(language);
    this.ready.set(name, fresh);
  }

  /** A parser for a grammar that `ensure` has loaded. */
  parser(name: GrammarName): Parser {
    const p = this.ready.get(name);
    if (!p) throw new Error(`grammar ${name} is not loaded`);
    return p;
  }
}
