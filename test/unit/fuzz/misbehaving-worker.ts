/**
 * A stand-in fuzz child for the watchdog's own test: speaks the worker protocol, hangs in a busy loop on case 3
 * (the way a runaway parser hangs: no event loop turn), dies on case 5, and asks to be retired after case 1 (as after
 * a wasm parser fault). Case 2 is three analyses of 0.6 bounds each, ticking between them: slow, but no hang.
 */
import type { Job, Report } from '../../fuzz/worker';

const send = (r: Report) => new Promise<void>((resolve) => process.send!(r, () => resolve()));

process.on('message', async (job: Job) => {
  if (job.type !== 'cases') return;
  for (let index = job.from; index < job.to; index++) {
    await send({ type: 'start', format: job.format, index });
    if (index === 2) {
      for (let k = 0; k < 3; k++) {
        for (const until = Date.now() + 900; Date.now() < until;);
        await send({ type: 'tick' });
      }
    }
    if (index === 3) for (;;);
    if (index === 5) process.exit(7);
    const stats = { relevant: true, findings: 1, fixesChecked: 0, fixesKnown: 0, brokenInput: false, parserFailed: false };
    await send({ type: 'done', format: job.format, index, ms: 1, bytes: 1, origin: 'stub', outcome: { problems: [], stats } });
    if (index === 1) { await send({ type: 'retire', format: job.format, index }); return; }
  }
  await send({ type: 'idle' });
});
