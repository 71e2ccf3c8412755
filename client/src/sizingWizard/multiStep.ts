/**
 * One QuickPick or InputBox per step, with the step counter VS Code draws from `step`/`totalSteps`, a Back button
 * from the second step on, and a validation message on every keystroke. Each call resolves to what the user did.
 */
import * as vscode from 'vscode';

export type Answer<T> = { kind: 'next'; value: T } | { kind: 'back' } | { kind: 'cancel' };

export interface StepFrame {
  title: string;
  /** Omitted for a question before the numbered steps. */
  step?: number;
  totalSteps?: number;
  canGoBack: boolean;
}

export interface PickItem<T> extends vscode.QuickPickItem { value: T }

/** The wizard's step counter and Back button; focus may leave the input without losing the answers so far. */
function framed<Q extends vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] }>(input: Q, frame: StepFrame): Q {
  input.title = frame.title;
  input.step = frame.step;
  input.totalSteps = frame.totalSteps;
  input.ignoreFocusOut = true;
  input.buttons = frame.canGoBack ? [vscode.QuickInputButtons.Back] : [];
  return input;
}

export function pickOne<T>(frame: StepFrame, items: PickItem<T>[], active: T | undefined, placeholder: string): Promise<Answer<T>> {
  const qp = framed(vscode.window.createQuickPick<PickItem<T>>(), frame);
  qp.placeholder = placeholder;
  qp.items = items;
  const current = items.find((i) => i.value === active);
  if (current) qp.activeItems = [current];
  return settle(qp, (done) => [
    qp.onDidAccept(() => { const [sel] = qp.selectedItems.length ? qp.selectedItems : qp.activeItems; if (sel) done({ kind: 'next', value: sel.value }); }),
  ]);
}

export function askText(
  frame: StepFrame, value: string, prompt: string, placeholder: string, validate: (text: string) => string | undefined,
): Promise<Answer<string>> {
  const box = framed(vscode.window.createInputBox(), frame);
  box.value = value;
  box.prompt = prompt;
  box.placeholder = placeholder;
  box.validationMessage = validate(value);
  return settle(box, (done) => [
    box.onDidChangeValue((text) => { box.validationMessage = validate(text); }),
    box.onDidAccept(() => {
      const problem = validate(box.value);
      box.validationMessage = problem;
      if (!problem) done({ kind: 'next', value: box.value });
    }),
  ]);
}

/** Shows the input and resolves once: Back, Escape/hide, or what the step's own listeners decide. */
function settle<T>(input: vscode.QuickPick<PickItem<never>> | vscode.QuickPick<PickItem<T>> | vscode.InputBox,
  listen: (done: (a: Answer<T>) => void) => vscode.Disposable[]): Promise<Answer<T>> {
  return new Promise<Answer<T>>((resolve) => {
    let settled = false;
    const disposables: vscode.Disposable[] = [];
    const done = (a: Answer<T>) => {
      if (settled) return;
      settled = true;
      disposables.forEach((d) => d.dispose());
      input.dispose();
      resolve(a);
    };
    disposables.push(
      ...listen(done),
      input.onDidTriggerButton((b) => { if (b === vscode.QuickInputButtons.Back) done({ kind: 'back' }); }),
      input.onDidHide(() => done({ kind: 'cancel' })),
    );
    input.show();
  });
}
