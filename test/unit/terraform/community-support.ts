/** Module blocks for the community-module suites: `module "name" { source = … }` with `lines` as its inputs. */
export const TAM = 'terraform-aws-modules/elasticache/aws';
export const TAM_MDB = 'terraform-aws-modules/memory-db/aws';
export const CP = 'cloudposse/elasticache-redis/aws';
export const CP_MDB = 'cloudposse/memorydb/aws';

/** A module call aligned the way `terraform fmt` leaves it (the `=` of each line after `source`/`version`). */
export function mod(source: string, lines: string[], after = '', name = 'cache', version: string | undefined = '~> 1.2'): string {
  const head = version === undefined ? [`source = "${source}"`] : [`source  = "${source}"`, `version = "${version}"`];
  const body = lines.length ? [...head, '', ...align(lines)] : head;
  return `module "${name}" {\n${body.map((l) => (l ? `  ${l}` : '')).join('\n')}\n}\n${after}`;
}

function align(lines: string[]): string[] {
  const width = Math.max(...lines.map((l) => l.indexOf(' =')).filter((i) => i > 0));
  return lines.map((l) => {
    const i = l.indexOf(' =');
    return i > 0 ? l.slice(0, i).padEnd(width) + l.slice(i) : l;
  });
}

/** The same call in Terraform JSON: `{"module": {"cache": {"source": …, …inputs}}}`, pretty-printed. */
export function modJson(source: string, inputs: Record<string, unknown>, name = 'cache'): string {
  return JSON.stringify({ module: { [name]: { source, version: '~> 1.2', ...inputs } } }, null, 2) + '\n';
}
