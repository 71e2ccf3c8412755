/**
 * The sizing report as one self-contained HTML page: options side by side, the arithmetic step by step, and an
 * inline SVG stacked bar per option. No network (CSP `default-src 'none'`), one nonce for the one style sheet and
 * the one script; colours come from VS Code's theme variables, so it follows light, dark and high contrast.
 * Pure (no `vscode` import): the panel passes the nonce and the webview's CSP source.
 */
import type { SizingOption, SizingResult, SizingStep } from '../../../server/src/sizing/types';
import type { CacheAtResult } from '../../../server/src/protocol';
import { formatBytes, GiB } from '../../../server/src/sizing/units';
import { snippetUnavailable } from '../../../server/src/sizing/snippets/shared';

export interface ReportInput {
  result: SizingResult;
  /** The cache the wizard started from ("Resize this cache"). */
  current?: CacheAtResult;
}

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pct = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %`);
const gib = (x: number) => `${x >= 100 ? x.toFixed(0) : x.toFixed(2)} GiB`;

const SERVICE: Record<SizingOption['service'], string> = {
  'elasticache-node': 'ElastiCache (nodes)',
  'elasticache-serverless': 'ElastiCache Serverless',
  memorydb: 'MemoryDB',
};

export function optionTitle(o: SizingOption): string {
  if (o.service === 'elasticache-serverless') {
    return o.serverless ? `serverless, ${o.serverless.storageGB} GB, ${o.serverless.ecpuPerSecond.toLocaleString('en-US')} ECPU/s` : 'serverless';
  }
  const shards = o.shards ?? 1, replicas = o.replicasPerShard ?? 0;
  return `${o.nodeType ?? '?'} × ${shards} shard${shards === 1 ? '' : 's'}, ${replicas} replica${replicas === 1 ? '' : 's'}`;
}

export function currentTitle(c: CacheAtResult): string {
  if (c.service === 'elasticache-serverless') {
    const l = c.serverless;
    return `${c.name}: serverless${l?.storageGB ? `, ${l.storageGB} GB` : ''}${l?.ecpuPerSecond ? `, ${l.ecpuPerSecond} ECPU/s` : ''}`;
  }
  const shards = c.shards !== undefined ? `${c.shards} shard${c.shards === 1 ? '' : 's'}` : 'shards not set literally';
  const replicas = c.replicasPerShard !== undefined ? `${c.replicasPerShard} replica${c.replicasPerShard === 1 ? '' : 's'}` : 'replicas not set literally';
  return `${c.name}: ${c.nodeType ?? 'node type not set literally'} × ${shards}, ${replicas}`;
}

function optionsTable(result: SizingResult, current?: CacheAtResult): string {
  const opts = [...result.options].sort((a, b) => a.rank - b.rank);
  const same = (o: SizingOption) => !!current && o.service === current.service && o.nodeType === current.nodeType && o.shards === current.shards && o.replicasPerShard === current.replicasPerShard;
  const head = opts.map((o, i) => `<th class="${o.rank === 1 ? 'best' : ''}" scope="col">#${o.rank}${o.rank === 1 ? ' (best)' : ''}${same(o) ? ' · current' : ''}<br><span class="service">${esc(SERVICE[o.service])}</span><br><span class="node" data-option="${i}">${esc(optionTitle(o))}</span></th>`).join('');
  const row = (label: string, cell: (o: SizingOption) => string) => `<tr><th scope="row">${esc(label)}</th>${opts.map((o) => `<td class="${o.rank === 1 ? 'best' : ''}">${cell(o)}</td>`).join('')}</tr>`;
  const rows = [
    row('Cluster mode', (o) => esc(o.service === 'elasticache-serverless' ? 'always (serverless)' : o.clusterMode ?? '—')),
    row('Usable memory', (o) => esc(gib(o.usableGiB))),
    row('Memory utilisation', (o) => `<span class="${o.utilization > 1 ? 'bad' : ''}">${esc(pct(o.utilization))}</span>`),
    row('Network utilisation', (o) => `<span class="${(o.networkUtilization ?? 0) > 1 ? 'bad' : ''}">${esc(pct(o.networkUtilization))}</span>`),
    row('Serverless limits', (o) => (o.serverless ? esc(`${o.serverless.storageGB} GB, ${o.serverless.ecpuPerSecond ? `${o.serverless.ecpuPerSecond.toLocaleString('en-US')} ECPU/s` : 'no ECPU/s limit (no traffic given)'}`) : '—')),
    row('Data tiering', (o) => (o.dataTiering ? 'yes (SSD)' : 'no')),
    row('Insert', (o) => {
      const i = opts.indexOf(o);
      const at = result.options.indexOf(o);
      const unavailable = snippetUnavailable(o, result.input);
      if (unavailable) return `<span class="muted">${esc(unavailable)}</span>`;
      return `<button data-insert="cloudformation" data-index="${at}" id="cfn-${i}">Insert as CloudFormation</button> <button data-insert="terraform" data-index="${at}" id="tf-${i}">Insert as Terraform</button>`;
    }),
    // No dated price in our facts: sizes and metered quantities, for the user's own price list or quote.
    row('Metered a month', (o) => (o.metered
      ? `${esc(Math.round(o.metered.gbHoursPerMonth).toLocaleString('en-US'))} GB-hours, ${esc(o.metered.millionEcpusPerMonth.toLocaleString('en-US'))} M ECPUs <span class="muted">(${esc(o.metered.note)}) — <a href="${esc(o.metered.pricing)}">price list</a></span>`
      : `<span class="muted">${esc(o.totalNodes ?? '?')} × ${esc(o.nodeType ?? '')}: compare node sizes in your quote</span>`)),
    row('Why', (o) => (o.notes.length ? `<ul>${o.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '—')),
  ];
  return `<table class="options"><thead><tr><th></th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function stepsTable(steps: SizingStep[]): string {
  const rows = steps.map((s) => {
    const source = s.source ? (/^https:\/\//.test(s.source) ? `<a href="${esc(s.source)}">${esc(shortSource(s.source))}</a>` : `<code>${esc(s.source)}</code>`) : '';
    return `<tr><td>${esc(s.label)}</td><td class="num">${esc(amount(s))}</td><td class="num muted">${esc(s.bytes.toLocaleString('en-US'))} ${esc(s.unit ?? 'B')}</td><td>${esc(s.note)}</td><td>${source}</td></tr>`;
  }).join('');
  return `<table class="steps"><thead><tr><th>Step</th><th class="num">Amount</th><th class="num">Exact</th><th>How</th><th>Source</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** A step's number in the unit people read it in: sizes in binary units, bandwidth in Gbps, counts as counts. */
function amount(s: SizingStep): string {
  if (!s.unit) return formatBytes(s.bytes);
  if (s.unit === 'B/s') return `${((s.bytes * 8) / 1e9).toFixed(3)} Gbps`;
  return `${s.bytes.toLocaleString('en-US')} ${s.unit}`;
}

function shortSource(url: string): string {
  const u = url.replace(/^https:\/\/(docs\.)?/, '');
  return u.length > 48 ? `${u.slice(0, 45)}…` : u;
}

/**
 * One stacked bar per option, to one scale: the dataset, the growth on top of it, and what is left of the usable
 * memory (or how far past it the data goes). Widths are SVG attributes, colours are classes: nothing inline.
 */
function chart(result: SizingResult): string {
  const opts = [...result.options].sort((a, b) => a.rank - b.rank);
  const dataset = result.estimate.datasetBytes / GiB;
  const withGrowth = result.estimate.totalWithGrowthBytes / GiB;
  const scale = Math.max(withGrowth, ...opts.map((o) => o.usableGiB), 1e-9);
  const W = 560, label = 300, barH = 18, gap = 10, top = 8;
  const x = (v: number) => label + (v / scale) * W;
  const bars = opts.map((o, i) => {
    const y = top + i * (barH + gap);
    const free = Math.max(0, o.usableGiB - withGrowth);
    const parts = [
      `<rect class="seg-data" x="${x(0).toFixed(1)}" y="${y}" width="${((dataset / scale) * W).toFixed(1)}" height="${barH}"><title>dataset ${esc(gib(dataset))}</title></rect>`,
      `<rect class="seg-growth" x="${x(dataset).toFixed(1)}" y="${y}" width="${(((withGrowth - dataset) / scale) * W).toFixed(1)}" height="${barH}"><title>growth ${esc(gib(withGrowth - dataset))}</title></rect>`,
      free > 0 ? `<rect class="seg-free" x="${x(withGrowth).toFixed(1)}" y="${y}" width="${((free / scale) * W).toFixed(1)}" height="${barH}"><title>free ${esc(gib(free))}</title></rect>` : '',
      `<line class="limit" x1="${x(o.usableGiB).toFixed(1)}" x2="${x(o.usableGiB).toFixed(1)}" y1="${y - 3}" y2="${y + barH + 3}"><title>usable ${esc(gib(o.usableGiB))}</title></line>`,
    ];
    return `<text class="label" x="0" y="${y + barH - 5}">#${o.rank} ${esc(optionTitle(o).slice(0, 44))}</text>${parts.join('')}`;
  }).join('');
  const h = top + opts.length * (barH + gap) + 24;
  const legendY = h - 8;
  const legend = [['seg-data', 'dataset'], ['seg-growth', 'growth'], ['seg-free', 'free usable memory']].map(([cls, text], i) =>
    `<rect class="${cls}" x="${label + i * 170}" y="${legendY - 10}" width="12" height="12"></rect><text class="label" x="${label + i * 170 + 18}" y="${legendY}">${text}</text>`).join('')
    + `<line class="limit" x1="${label + 510}" x2="${label + 510}" y1="${legendY - 12}" y2="${legendY + 2}"></line><text class="label" x="${label + 518}" y="${legendY}">usable</text>`;
  return `<svg role="img" aria-label="Memory per option" width="${label + W + 60}" height="${h}" viewBox="0 0 ${label + W + 60} ${h}">${bars}${legend}</svg>`;
}

/**
 * The dataset's own breakdown as one stacked bar: the estimate's leading size steps, when they add up to exactly
 * `datasetBytes` (the model lists its parts first). The five largest parts get a colour each, the rest one.
 */
function breakdownChart(result: SizingResult): string {
  const target = result.estimate.datasetBytes;
  const parts: SizingStep[] = [];
  let sum = 0;
  for (const step of result.estimate.steps) {
    if (step.unit || step.bytes < 0 || sum >= target) break;
    parts.push(step);
    sum += step.bytes;
  }
  if (sum !== target || parts.length < 2) return '';
  const sorted = [...parts].sort((a, b) => b.bytes - a.bytes);
  const shown = sorted.slice(0, 5).map((p) => ({ label: p.label, bytes: p.bytes }));
  const rest = sorted.slice(5).reduce((n, p) => n + p.bytes, 0);
  if (rest > 0) shown.push({ label: `${sorted.length - 5} smaller parts`, bytes: rest });
  const W = 820, H = 22;
  let x = 0;
  const segs = shown.map((p, i) => {
    const w = (p.bytes / target) * W;
    const r = `<rect class="part-${i}" x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="${H}"><title>${esc(p.label)}: ${esc(formatBytes(p.bytes))}</title></rect>`;
    x += w;
    return r;
  }).join('');
  const legend = shown.map((p, i) => `<li><svg width="12" height="12" aria-hidden="true"><rect class="part-${i}" width="12" height="12"></rect></svg> ${esc(p.label)}: <strong>${esc(formatBytes(p.bytes))}</strong> (${esc(pct(p.bytes / target))})</li>`).join('');
  return `<svg role="img" aria-label="Where the dataset's memory goes" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${segs}</svg><ul class="legend">${legend}</ul>`;
}

const STYLE = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 24px; }
h1 { font-size: 1.4em; font-weight: 600; } h2 { font-size: 1.1em; font-weight: 600; margin-top: 1.6em; }
table { border-collapse: collapse; margin: 8px 0; } th, td { border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, #8884)); padding: 4px 8px; vertical-align: top; text-align: left; }
thead th { background: var(--vscode-editorWidget-background); }
.best { background: var(--vscode-list-inactiveSelectionBackground); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.muted, .service { color: var(--vscode-descriptionForeground); }
.node { font-family: var(--vscode-editor-font-family); }
.bad { color: var(--vscode-errorForeground); font-weight: 600; }
ul { margin: 0; padding-left: 1.2em; } .warnings li { color: var(--vscode-editorWarning-foreground); }
a { color: var(--vscode-textLink-foreground); }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 4px 10px; margin: 2px 0; cursor: pointer; font-family: inherit; }
button:hover { background: var(--vscode-button-hoverBackground); }
svg text.label { fill: var(--vscode-foreground); font-size: 12px; }
.seg-data { fill: var(--vscode-charts-blue, #3794ff); } .seg-growth { fill: var(--vscode-charts-orange, #d18616); } .seg-free { fill: var(--vscode-charts-green, #89d185); opacity: 0.55; }
.limit { stroke: var(--vscode-foreground); stroke-width: 2; }
.part-0 { fill: var(--vscode-charts-blue, #3794ff); } .part-1 { fill: var(--vscode-charts-purple, #b180d7); } .part-2 { fill: var(--vscode-charts-yellow, #cca700); }
.part-3 { fill: var(--vscode-charts-red, #f14c4c); } .part-4 { fill: var(--vscode-charts-green, #89d185); } .part-5 { fill: var(--vscode-descriptionForeground, #888); }
ul.legend { list-style: none; padding: 0; margin: 4px 0 0; } ul.legend li { margin: 2px 0; }
code { font-family: var(--vscode-editor-font-family); }
`;

/** `<button data-insert>` → a message to the extension; nothing else runs in the page. */
const SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-insert]');
  if (b) vscode.postMessage({ type: 'insert', index: Number(b.dataset.index), format: b.dataset.insert });
});
`;

export function renderReport(input: ReportInput, nonce: string, cspSource: string): string {
  const { result, current } = input;
  const e = result.estimate;
  const data = result.input.data;
  const describe = data.kind === 'total'
    ? `${formatBytes(data.bytes)} measured`
    : `${data.keys.toLocaleString('en-US')} ${data.type} keys of ${data.keyBytes} B${data.type === 'string' ? `, values of ${data.valueBytes} B` : `, ${data.fields ?? 1} entries of ${data.valueBytes} B each`}`;
  const csp = `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${cspSource} data:; font-src ${cspSource};`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sizing report</title>
<style nonce="${nonce}">${STYLE}</style>
</head><body>
<h1>Sizing report: ${esc(result.input.engine === 'redis' ? 'Redis OSS' : result.input.engine === 'valkey' ? 'Valkey' : 'Memcached')}, ${esc(result.input.role)}</h1>
<p>${esc(describe)} → <strong>${esc(formatBytes(e.datasetBytes))}</strong> on the engine, <strong>${esc(formatBytes(e.totalWithGrowthBytes))}</strong> with ${esc(result.input.growthPercent)} % growth.
Peak ${esc(result.input.readsPerSec.toLocaleString('en-US'))} reads/s and ${esc(result.input.writesPerSec.toLocaleString('en-US'))} writes/s; ${esc(result.input.replicas)} replica(s) per shard${result.input.multiAz ? ', Multi-AZ' : ''}${result.input.multiRegion ? ', multi-region' : ''}; ${esc(result.input.traffic)} traffic.</p>
${current ? `<p>Resizing <strong>${esc(currentTitle(current))}</strong> (${esc(current.type)}).</p>` : ''}
${result.warnings.length ? `<h2>Warnings</h2><ul class="warnings">${result.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : ''}
${breakdownChart(result) ? `<h2>Where the memory goes</h2>\n${breakdownChart(result)}` : ''}
${result.options.length ? `<h2>Memory per option</h2>\n${chart(result)}` : ''}
<h2>Options</h2>
${result.options.length ? optionsTable(result, current) : '<p>No option fits this workload (see the warnings).</p>'}
<h2>Arithmetic</h2>
<p class="muted">Model: ${esc(e.model)}${e.encodings.length ? `. Encodings: ${esc(e.encodings.join('; '))}` : ''}.</p>
${stepsTable(e.steps)}
<script nonce="${nonce}">${SCRIPT}</script>
</body></html>`;
}
