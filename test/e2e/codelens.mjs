// The code lens and the rule documentation driven with the mouse, after the sizing phases (suite/codelens.ts sets
// each phase up): the lens drawn over a cache is screenshotted into docs/code-lens.png and clicked (the sizing
// wizard opens on that cache); a link to another rule page is clicked inside the documentation webview.
import path from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The first webview frame holding `selector` (VS Code nests each webview in two iframes). */
async function frameWith(page, selector, timeoutMs, what) {
  for (const end = Date.now() + timeoutMs; ;) {
    for (const frame of page.frames()) {
      if (await frame.locator(selector).count().catch(() => 0)) return frame;
    }
    if (Date.now() > end) throw new Error(`no frame holds ${what} (${page.frames().length} frames)`);
    await sleep(250);
  }
}

/** `phase` is run.mjs's: waits for the suite's set-up, runs the body, answers done. */
export async function codeLensPhases(page, ackFile, { phase, root, resultsDir, step }) {
  const out = [];
  async function test(name, phaseName, fn) {
    const t = Date.now();
    try {
      const detail = await phase(ackFile, phaseName, fn);
      out.push({ name, ok: true, ...(detail ? { detail: `${detail} (${((Date.now() - t) / 1000).toFixed(1)} s)` } : {}) });
    } catch (e) {
      const png = path.join(resultsDir, `e2e-${phaseName}.png`);
      await page.screenshot({ path: png }).catch(() => {});
      out.push({ name, ok: false, detail: `${e?.message ?? e} (screenshot ${path.relative(root, png)})` });
    }
  }

  await test('code lens: the summary is drawn over the cache; clicking it opens the sizing wizard on that cache', 'codelens', async ({ name, title }) => {
    const lens = page.locator('.codelens-decoration a', { hasText: title }).first();
    await lens.waitFor({ state: 'visible', timeout: 20_000 });
    await sleep(300);
    const png = path.join(root, 'docs', 'code-lens.png');
    await page.locator('.part.editor').screenshot({ path: png });
    step(`screenshot ${path.relative(root, png)}`);
    await lens.click();
    const widget = page.locator('.quick-input-widget');
    await widget.waitFor({ state: 'visible', timeout: 10_000 });
    const want = `resize ${name}`;
    let heading = '';
    for (const end = Date.now() + 10_000; !heading.includes(want);) {
      heading = (await widget.locator('.quick-input-title').textContent().catch(() => '')) ?? '';
      if (Date.now() > end) throw new Error(`the quick input after the click is titled ${JSON.stringify(heading)}, not "…${want}"`);
      await sleep(100);
    }
    await page.keyboard.press('Escape');
    return `"${title}" → ${heading}`;
  });

  await test('rule documentation webview: a link to another rule page, clicked, opens that page', 'ruledocs', async ({ title, link }) => {
    const frame = await frameWith(page, `a[title="${link}"]`, 20_000, `the page ${title} with a link to ${link}`);
    await frame.locator(`a[title="${link}"]`).first().click();
    const next = `cachelint: ${link}`;
    for (const end = Date.now() + 15_000; ;) {
      const tabs = await page.locator('.tabs-container .tab .label-name').allTextContents().catch(() => []);
      const shown = await Promise.all(page.frames().map((f) => f.locator('h1').first().textContent({ timeout: 200 }).catch(() => null)));
      if (tabs.includes(next) && shown.some((h) => h?.trim() === link)) return `${title} → ${next}`;
      if (Date.now() > end) throw new Error(`after the click: tabs ${tabs.join(', ')}; headings ${shown.filter(Boolean).join(', ')}`);
      await sleep(250);
    }
  });
  return out;
}
