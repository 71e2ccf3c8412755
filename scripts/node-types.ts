/**
 * Generates knowledge/data/node-types.json from the reference table (knowledge/data/sources/node-types.csv, a copy of shared/reference/node-types.csv):
 *   node --import tsx scripts/node-types.ts [CSV] [OUT]
 * The CSV is the source of truth (memory, vCPU, network, provenance per row); this script only reshapes it and adds
 * what the table states in prose (generation, engines, data-tiering SSD), so a re-run after a CSV update is the
 * whole update. test/unit/sizing/nodeTypes.test.ts checks the JSON against the CSV row by row.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CsvRow { service: string; node_type: string; vcpu: string; memory_gib: string; network: string; architecture: string; source: string }

/** RFC 4180 enough for this table: quoted fields may hold commas; no embedded newlines or doubled quotes in it. */
export function parseCsv(text: string): CsvRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const split = (line: string) => {
    const out: string[] = [];
    let cur = '', quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '"') { if (quoted && line[i + 1] === '"') { cur += '"'; i++; } else quoted = !quoted; }
      else if (c === ',' && !quoted) { out.push(cur); cur = ''; }
      else cur += c;
    }
    out.push(cur);
    return out;
  };
  const header = split(lines[0]);
  return lines.slice(1).map((l) => {
    const cells = split(l);
    if (cells.length !== header.length) throw new Error(`node-types.csv: ${cells.length} cells, expected ${header.length}: ${l}`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]])) as unknown as CsvRow;
  });
}

const SIZE_ORDER = ['micro', 'small', 'medium', 'large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge'];

export function toJsonRow(r: CsvRow): Record<string, unknown> {
  const [, family, size] = r.node_type.split('.');
  if (!SIZE_ORDER.includes(size)) throw new Error(`unknown size ${size} in ${r.node_type}`);
  const baseline = /baseline ([\d.]+) Gbps/.exec(r.network);
  if (!baseline) throw new Error(`no baseline bandwidth in "${r.network}" (${r.node_type})`);
  const burst = /burst ([\d.]+) Gbps/.exec(r.network);
  // The CSV's source cell is "URL (what it covers); more…": the URL is the citation, the rest says what is inferred.
  const url = /https:\/\/\S+?(?=\s|$|;)/.exec(r.source)?.[0];
  if (!url) throw new Error(`no source URL for ${r.node_type}`);
  const row: Record<string, unknown> = {
    service: r.service,
    nodeType: r.node_type,
    vcpu: Number(r.vcpu),
    memoryGiB: Number(r.memory_gib),
    network: r.network,
    baselineGbps: Number(baseline[1]),
    ...(burst ? { burstGbps: Number(burst[1]) } : {}),
    family,
    // aws-facts.md §1: "transitioning T2 instances to previous generation… no longer be able to create new clusters".
    // No other family in the table is previous generation (m4/r4/m3/r3 are not rows of it).
    generation: family === 't2' ? 'previous' : 'current',
    engines: engines(r.service, family),
  };
  const ssd = dataTieringSsd(r);
  if (ssd !== undefined) row.dataTiering = { ssdGiB: ssd };
  row.source = url;
  row.sourceNote = r.source.slice(r.source.indexOf(url) + url.length).replace(/^[\s;]+/, '') || undefined;
  if (row.sourceNote === undefined) delete row.sourceNote;
  return row;
}

/**
 * aws-facts.md §1: r6gd is Valkey/Redis OSS only (data tiering); r8g/m8g/c8gn have Valkey 7.2 and Memcached 1.6.6
 * tables and no Redis OSS table; T2 is being retired and predates Valkey on ElastiCache (2024-10) [inferred: Valkey not
 * offered on T2]. MemoryDB runs Valkey and Redis OSS. Everything else has all three engines' parameter tables.
 */
function engines(service: string, family: string): string[] {
  if (service === 'memorydb') return ['valkey', 'redis'];
  if (family === 'r6gd') return ['valkey', 'redis'];
  if (family === 'r8g' || family === 'm8g' || family === 'c8gn') return ['valkey', 'memcached'];
  if (family === 't2') return ['redis', 'memcached'];
  return ['valkey', 'redis', 'memcached'];
}

/**
 * ElastiCache cache.r6gd: the CSV's architecture cell lists SSD GiB per size, xlarge → 16xlarge. MemoryDB db.r6gd has
 * no SSD figure in the reference; the same-size ElastiCache node's is used, as the CSV does for its memory [inferred].
 */
function dataTieringSsd(r: CsvRow): number | undefined {
  const [, family, size] = r.node_type.split('.');
  if (family !== 'r6gd') return undefined;
  const sizes = ['xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'];
  const figures = [99.33, 199.07, 398.14, 796.28, 1194.42, 1592.56];
  if (r.service === 'elasticache') {
    const listed = /SSD GiB: ([\d./]+)/.exec(r.architecture)?.[1].split('/').map(Number);
    if (!listed || listed.join() !== figures.join()) throw new Error(`r6gd SSD figures changed in the CSV: ${r.architecture}`);
  }
  return figures[sizes.indexOf(size)];
}

if (require.main === module) {
  const csv = process.argv[2] ?? path.resolve(__dirname, '../knowledge/data/sources/node-types.csv');
  const out = process.argv[3] ?? path.resolve(__dirname, '../knowledge/data/node-types.json');
  const rows = parseCsv(fs.readFileSync(csv, 'utf8')).map(toJsonRow);
  fs.writeFileSync(out, '[\n' + rows.map((r) => '  ' + JSON.stringify(r)).join(',\n') + '\n]\n');
  process.stdout.write(`${rows.length} node types → ${out}\n`);
}
