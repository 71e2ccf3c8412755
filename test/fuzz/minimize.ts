/**
 * Delta debugging of a failing input: drops chunks of lines, then of characters, as long as the same failure
 * (kind and wording, numbers aside) still happens. In-process, so for crashes and violations, not for hangs.
 */
import { checkText, type Problem, type Subject } from './check';

export const failureClass = (p: Problem) => `${p.kind} ${p.detail.replace(/\d+/g, 'N').replace(/"[^"]*"|'[^']*'/g, 'Q').slice(0, 100)}`;

async function reproduces(subject: Subject, text: string, wanted: string): Promise<boolean> {
  const { problems } = await checkText(subject, text);
  return problems.some((p) => failureClass(p) === wanted);
}

/** ddmin over the units of a text (lines or characters), keeping the failure. */
async function reduce(units: string[], still: (text: string) => Promise<boolean>, budget: { left: number }): Promise<string[]> {
  let n = 2;
  while (units.length >= 2 && budget.left > 0) {
    const size = Math.ceil(units.length / n);
    let reduced = false;
    for (let start = 0; start < units.length && budget.left > 0; start += size) {
      const candidate = [...units.slice(0, start), ...units.slice(start + size)];
      budget.left--;
      if (await still(candidate.join(''))) {
        units = candidate;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= units.length) break;
      n = Math.min(units.length, n * 2);
    }
  }
  return units;
}

export async function minimize(subject: Subject, text: string, problem: Problem, maxChecks = 3000): Promise<string> {
  const wanted = failureClass(problem);
  const still = (t: string) => reproduces(subject, t, wanted);
  const budget = { left: maxChecks };
  const lines = await reduce(text.split(/(?<=\n)/), still, budget);
  const chars = await reduce([...lines.join('')], still, budget);
  return chars.join('');
}
