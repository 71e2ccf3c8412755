/** The sizing result as plain text: the arithmetic as a table, then the options side by side, then warnings. */
import type { SizingOption, SizingResult, SizingStep } from './types';
import { formatBytes } from './units';

const SERVICE_LABEL: Record<SizingOption['service'], string> = {
  'elasticache-node': 'ElastiCache',
  'elasticache-serverless': 'ElastiCache Serverless',
  memorydb: 'MemoryDB',
};

function quantity(s: SizingStep): string {
  if (!s.unit) return (s.bytes < 0 ? '−' : '') + formatBytes(Math.abs(s.bytes));
  if (s.unit === 'B/s') return `${formatBytes(s.bytes)}/s`;
  return `${s.bytes.toLocaleString('en-US')} ${s.unit}`;
}

export function optionTitle(o: SizingOption): string {
  if (o.service === 'elasticache-serverless') return SERVICE_LABEL[o.service];
  return `${SERVICE_LABEL[o.service]} ${o.nodeType}${o.dataTiering ? ' (tiered)' : ''}`;
}

export function sizingText(r: SizingResult, width = 100): string {
  const out: string[] = [];
  out.push(`Memory model: ${r.estimate.model}`);
  if (r.estimate.encodings.length) out.push(`Encodings: ${r.estimate.encodings.join('; ')}`);
  out.push('', 'Step by step:');
  const rows = r.estimate.steps.map((s) => [s.label, quantity(s), s.note]);
  const w0 = Math.min(60, Math.max(...rows.map((x) => x[0].length)));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  for (const [label, q, note] of rows) out.push(`  ${label.padEnd(w0)}  ${q.padStart(w1)}  ${note}`);

  out.push('', 'Options (1 = best):');
  const cols = r.options.map((o) => [
    `${o.rank}. ${optionTitle(o)}${o.fits === false ? ' — does not fit' : ''}`,
    o.service === 'elasticache-serverless'
      ? `storage ${o.serverless!.storageGB} GB, ${o.serverless!.ecpuPerSecond ? `${o.serverless!.ecpuPerSecond.toLocaleString('en-US')} ECPU/s` : 'no ECPU/s limit'}`
      : o.clusterMode === undefined
        ? `${o.shards} node${o.shards === 1 ? '' : 's'} (keys hashed across them by the client)`
        : `${o.shards} shard${o.shards === 1 ? '' : 's'} × ${1 + (o.replicasPerShard ?? 0)} nodes, cluster mode ${o.clusterMode}`,
    `usable ${o.usableGiB} GiB, memory ${(o.utilization * 100).toFixed(1)} %${o.networkUtilization !== undefined ? `, network ${(o.networkUtilization * 100).toFixed(1)} %` : ''}`,
    // No dollars: no price in the facts sheet is dated. Serverless shows what it meters; nodes compare by size.
    o.metered
      ? `${o.metered.gbHoursPerMonth.toLocaleString('en-US')} GB-h + ≤ ${o.metered.millionEcpusPerMonth.toLocaleString('en-US')} M ECPU a month`
      : `provisions ${o.totalNodes ?? o.shards} node${(o.totalNodes ?? o.shards) === 1 ? '' : 's'}: compare sizes, not dollars`,
  ]);
  // Side by side in pairs keeps each column readable at 100 characters.
  const colWidth = Math.floor((width - 4) / 2);
  for (let i = 0; i < cols.length; i += 2) {
    const pair = cols.slice(i, i + 2);
    for (let line = 0; line < 4; line++) out.push('  ' + pair.map((c) => clip(c[line], colWidth).padEnd(colWidth)).join('  ').trimEnd());
    out.push('');
  }
  out.push('Why:');
  for (const o of r.options) {
    out.push(`  ${o.rank}. ${optionTitle(o)}`);
    for (const n of o.notes) out.push(`     - ${n}`);
  }
  if (r.options.some((o) => o.metered)) out.push('', `Prices: none shown (no dated price in our sources); apply ${r.options.find((o) => o.metered)!.metered!.pricing} to the metered quantities.`);
  if (r.warnings.length) {
    out.push('', 'Warnings:');
    for (const wn of r.warnings) out.push(`  ! ${wn}`);
  }
  return out.join('\n');
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1) + '…';
}
