// The sizing wizard driven as a user drives it: the keyboard and the mouse on VS Code's quick input, read back from
// its DOM. VS Code draws `step`/`totalSteps` as "title (n/9)" in `.quick-input-title`, a validation message in
// `.quick-input-message` (with `.monaco-inputbox.error` on the box), and the Back button as
// `.codicon-quick-input-back` in the title bar. Every wait is on a condition; a failure says what the widget showed.

const STEP_MS = 15_000;

export function quickInput(page) {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input');
  const state = () => widget.evaluate((el) => {
    const text = (sel) => el.querySelector(sel)?.textContent ?? '';
    const shown = (e) => !!e && getComputedStyle(e).display !== 'none' && e.offsetParent !== null;
    const list = el.querySelector('.quick-input-list');
    const rows = shown(list) ? [...el.querySelectorAll('.quick-input-list .monaco-list-row')] : [];
    const row = (r) => ({ label: r.querySelector('.label-name')?.textContent ?? '', description: r.querySelector('.label-description')?.textContent ?? '' });
    const inp = el.querySelector('.quick-input-box input');
    return {
      visible: shown(el),
      title: text('.quick-input-title'),
      message: shown(el.querySelector('.quick-input-message')) ? text('.quick-input-message') : '',
      error: !!el.querySelector('.quick-input-box .monaco-inputbox.error'),
      value: inp?.value ?? '',
      placeholder: inp?.getAttribute('placeholder') ?? '',
      rows: rows.map(row),
      active: rows.filter((r) => r.classList.contains('focused')).map(row)[0]?.label ?? '',
      back: !!el.querySelector('.quick-input-left-action-bar .codicon-quick-input-back'),
    };
  }).catch(() => ({ visible: false, title: '', message: '', error: false, value: '', placeholder: '', rows: [], active: '', back: false }));
  const show = (s) => JSON.stringify({ ...s, rows: s.rows.map((r) => r.label) });

  /** Polls the widget until `ok(state)` holds; throws with the last state seen. */
  async function until(what, ok, timeoutMs = STEP_MS) {
    let s;
    for (const end = Date.now() + timeoutMs; ;) {
      s = await state();
      if (ok(s)) return s;
      if (Date.now() > end) throw new Error(`waited ${timeoutMs / 1000} s for ${what}; the quick input shows ${show(s)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  return {
    state, until, show,
    /** Waits for the step whose title is exactly `title` (e.g. "cachelint: Sizing Wizard — engine (1/9)"). */
    step: (title, more = () => true, what = '') => until(`step "${title}"${what ? ` ${what}` : ''}`, (s) => s.visible && s.title === title && more(s)),
    async type(text) { await input.pressSequentially(text); },
    async replace(text) { await input.press('Control+A'); await input.pressSequentially(text); },
    async enter() { await input.press('Enter'); },
    async back() { await widget.locator('.quick-input-left-action-bar .codicon-quick-input-back').click(); },
    hidden: () => until('the quick input to close', (s) => !s.visible),
  };
}

/** Opens the command palette and runs a command by typing its title, as a user does. */
export async function runFromPalette(page, title) {
  const qi = quickInput(page);
  await page.keyboard.press('F1');
  await qi.until('the command palette', (s) => s.visible && s.value.startsWith('>'));
  await qi.type(title);
  await qi.until(`"${title}" as the palette's first match`, (s) => s.rows[0]?.label === title && s.active === title);
  await qi.enter();
  return qi;
}

/** The webview frames that hold a sizing report, with their text (VS Code nests each webview in two iframes). */
export async function reportFrames(page) {
  const out = [];
  for (const frame of page.frames()) {
    const text = await frame.evaluate(() => (document.querySelector('h1')?.textContent?.startsWith('Sizing report') && document.querySelector('table.options')
      ? document.body.innerText : undefined)).catch(() => undefined);
    if (text) out.push({ frame, text });
  }
  return out;
}

/** Waits until exactly one report is open and it satisfies `ok(text)`; returns its text. */
export async function oneReport(page, what, ok = () => true, timeoutMs = 20_000) {
  let seen = [];
  for (const end = Date.now() + timeoutMs; ;) {
    seen = await reportFrames(page);
    if (seen.length === 1 && ok(seen[0].text)) return seen[0].text;
    if (Date.now() > end) throw new Error(`waited ${timeoutMs / 1000} s for ${what}: ${seen.length} report(s) open${seen.length ? `: ${seen.map((r) => JSON.stringify(r.text.slice(0, 300))).join(' | ')}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Labels of the editor tabs of the workbench. */
export function tabLabels(page) {
  return page.locator('.tabs-container .tab .label-name').allTextContents().catch(() => []);
}

const WIZARD = 'cachelint: Sizing Wizard';
const at = (name, n, title = WIZARD) => `${title} — ${name} (${n}/9)`;
const labels = (s) => s.rows.map((r) => r.label).join(', ');

function expect(cond, message) { if (!cond) throw new Error(message); }

/**
 * Answers every step by typing, as `INTERACTIVE_ANSWERS` in the suite spells them out in numbers: a hash workload
 * of 150k keys on Redis OSS. Along the way: a value that does not parse shows its message and Enter does not
 * advance; Back from the growth step returns to the value size with the typed text, which is then changed.
 * Returns a log of what each step showed.
 */
export async function driveWizard(page) {
  const log = [];
  const qi = await runFromPalette(page, WIZARD);
  let s = await qi.step(at('engine', 1), (x) => x.rows.length === 3);
  expect(!s.back, 'the first step offers Back');
  expect(labels(s) === 'Valkey, Redis OSS, Memcached' && s.active === 'Valkey', `engine step: rows ${labels(s)}, active ${s.active}`);
  await qi.type('redis');
  await qi.until('the engine list filtered to Redis OSS', (x) => labels(x) === 'Redis OSS' && x.active === 'Redis OSS');
  await qi.enter();

  s = await qi.step(at('role', 2), (x) => x.rows.length > 0);
  // Redis OSS has no durability option: only Valkey does.
  expect(labels(s) === 'Cache, Primary database' && s.active === 'Cache' && s.back, `role step for Redis OSS: rows ${labels(s)}, active ${s.active}, back ${s.back}`);
  await qi.enter();

  s = await qi.step(at('data', 3), (x) => x.rows.length === 2);
  expect(s.active === 'Item by item', `data step: active ${s.active}`);
  await qi.enter();

  s = await qi.step(at('data: type', 3), (x) => x.rows.length === 5);
  await qi.type('hash');
  await qi.until('the type list filtered to Hash', (x) => labels(x) === 'Hash' && x.active === 'Hash');
  await qi.enter();

  // Validation: the message shows on typing; Enter on it is refused. Typing one more character afterwards is a
  // round trip through the extension host that can only answer if the box is still the keys step.
  s = await qi.step(at('data: keys', 3), (x) => x.value === '1m', 'with its default 1m');
  await qi.type('150 thousand');
  s = await qi.until('the validation message for "150 thousand"', (x) => x.error && x.message === 'keys: unexpected "thousand" (a count takes k, m or b: 1.5k, 3m)');
  log.push(`keys "150 thousand" → ${s.message}`);
  await qi.enter();
  await qi.type('s');
  s = await qi.until('the message for "150 thousands" after Enter', (x) => x.message === 'keys: unexpected "thousands" (a count takes k, m or b: 1.5k, 3m)');
  expect(s.title === at('data: keys', 3) && s.error && s.value === '150 thousands', `Enter on an invalid value advanced: ${qi.show(s)}`);
  log.push('Enter refused, still on data: keys (3/9)');
  await qi.replace('150k');
  await qi.until('the error to clear for 150k', (x) => !x.error && x.value === '150k' && x.message.startsWith('Number of keys'));
  await qi.enter();

  await qi.step(at('data: key size', 3), (x) => x.value === '40');
  await qi.replace('30');
  await qi.enter();
  await qi.step(at('data: fields', 3), (x) => x.value === '10');
  await qi.replace('20');
  await qi.enter();
  await qi.step(at('data: field size', 3), (x) => x.value === '10');
  await qi.replace('12');
  await qi.enter();
  await qi.step(at('data: value size', 3), (x) => x.value === '1 KB');
  await qi.replace('0.2 KB');
  await qi.enter();

  // Back: the value size again, showing what was typed; then a different answer.
  s = await qi.step(at('growth', 4), (x) => x.value === '20');
  expect(s.back, 'the growth step has no Back button');
  await qi.back();
  s = await qi.step(at('data: value size', 3), (x) => x.value === '0.2 KB', 'showing the typed 0.2 KB after Back');
  log.push(`Back from growth → ${s.title}, value "${s.value}"`);
  await qi.replace('1.5 KB');
  await qi.enter();

  await qi.step(at('growth', 4), (x) => x.value === '20');
  await qi.replace('25%');
  await qi.enter();
  await qi.step(at('peak reads', 5), (x) => x.value === '10k');
  await qi.replace('20k');
  await qi.enter();
  await qi.step(at('peak writes', 6), (x) => x.value === '1k');
  await qi.replace('2.5k');
  await qi.enter();

  s = await qi.step(at('replicas', 7), (x) => x.rows.length === 7);
  expect(s.active === '1 replica per shard, Multi-AZ', `replicas step: active ${s.active}`);
  await qi.type('2 replicas');
  await qi.until('the replicas list filtered to 2 replicas', (x) => x.active === '2 replicas per shard, Multi-AZ');
  await qi.enter();
  s = await qi.step(at('multi-region', 8), (x) => x.rows.length === 2);
  expect(s.active === 'One Region', `multi-region step: active ${s.active}`);
  await qi.enter();
  s = await qi.step(at('traffic', 9), (x) => x.rows.length === 2);
  expect(s.active === 'Steady', `traffic step: active ${s.active}`);
  await qi.enter();
  await qi.hidden();
  return log;
}

/**
 * "Resize this cache" with the cursor on a cache resource: the first pick offers it (named, with its node type,
 * shards and replicas), the steps start from its engine and its replicas / Multi-AZ, and the report says what it
 * resizes. `cache` is what the fixture declares: { name, description, engine, replicas } as the wizard labels them.
 */
export async function driveResize(page, cache) {
  const qi = await runFromPalette(page, WIZARD);
  const s = await qi.until('the Resize / Size a new cache pick', (x) => x.visible && x.title === WIZARD && x.rows.length === 2);
  expect(labels(s) === 'Resize this cache, Size a new cache' && s.active === 'Resize this cache', `first pick: rows ${labels(s)}, active ${s.active}`);
  expect(s.placeholder === `The cursor is on ${cache.name}`, `placeholder ${JSON.stringify(s.placeholder)}`);
  expect(s.rows[0].description === cache.description, `"Resize this cache" describes ${JSON.stringify(s.rows[0].description)}, expected ${JSON.stringify(cache.description)}`);
  await qi.enter();
  const title = `${WIZARD}: resize ${cache.name}`;
  let x = await qi.step(at('engine', 1, title), (y) => y.rows.length === 3);
  expect(x.active === cache.engine, `engine step: active ${x.active}, expected ${cache.engine} from ${cache.name}`);
  // Accept every default down to the replicas step.
  for (let i = 0; i < 20 && x.title !== at('replicas', 7, title); i++) {
    const before = x.title;
    await qi.enter();
    x = await qi.until(`a step after ${before}`, (y) => y.visible && y.title.startsWith(title) && (y.title !== before || y.error));
    expect(!x.error, `a default does not validate: ${qi.show(x)}`);
  }
  x = await qi.step(at('replicas', 7, title), (y) => y.rows.length > 0);
  expect(x.active === cache.replicas, `replicas step: active ${x.active}, expected ${cache.replicas} from ${cache.name}`);
  await qi.enter();
  await qi.step(at('multi-region', 8, title));
  await qi.enter();
  await qi.step(at('traffic', 9, title));
  await qi.enter();
  await qi.hidden();
  return `offered "${s.rows[0].description}"; started from ${cache.engine}, ${cache.replicas}`;
}

/**
 * The same cursor, answered "Size a new cache": the steps start from the defaults, not from the cache, and the
 * report is a new sizing (it must not claim to resize the cache).
 */
export async function driveNewFromCursor(page, cache) {
  const qi = await runFromPalette(page, WIZARD);
  await qi.until('the Resize / Size a new cache pick', (x) => x.visible && x.title === WIZARD && x.active === 'Resize this cache');
  await page.keyboard.press('ArrowDown');
  await qi.until('"Size a new cache" active', (x) => x.active === 'Size a new cache');
  await qi.enter();
  let x = await qi.step(at('engine', 1), (y) => y.rows.length === 3);
  expect(x.active === 'Valkey', `"Size a new cache" starts from ${x.active}, not the default Valkey (the cache is ${cache.engine})`);
  for (let i = 0; i < 20; i++) {
    const before = x.title;
    await qi.enter();
    x = await qi.until(`a step after ${before}`, (y) => !y.visible || (y.title !== before || y.error));
    if (!x.visible) return;
    expect(!x.error, `a default does not validate: ${qi.show(x)}`);
    expect(x.title.startsWith(`${WIZARD} — `), `a step of "Size a new cache" is titled ${x.title}`);
    if (x.title === at('replicas', 7)) expect(x.active === '1 replica per shard, Multi-AZ', `replicas start from ${x.active}, not the default`);
  }
  throw new Error('the wizard did not finish after 20 steps');
}
