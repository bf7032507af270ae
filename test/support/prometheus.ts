/**
 * A strict reader of the Prometheus text exposition format 0.0.4 (prom-client has no parser): every line must be a
 * `# HELP`, a `# TYPE` or a sample of a family already typed, or the scrape is refused with the line.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  /** Family name → its type (counter, gauge, histogram, summary, untyped). */
  types: Map<string, string>;
  samples: Sample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = `([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\\\\n]|\\\\["\\\\n])*)"`;
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL},?)*)\\})? (\\S+)(?: -?\\d+)?$`);
// Prometheus reads NaN and Inf in any case (Go's ParseFloat); prom-client writes `Nan`.
const VALUE = /^(?:[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|nan|[+-]inf)$/i;

export function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`).exec(line);
    if (type) {
      if (types.has(type[1])) throw new Error(`family typed twice: ${line}`);
      types.set(type[1], type[2]);
      continue;
    }
    if (new RegExp(`^# HELP ${NAME} `).test(line)) continue;
    const m = SAMPLE.exec(line);
    if (!m || !VALUE.test(m[m.length - 1])) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(new RegExp(LABEL, 'g')))
      labels[l[1]] = l[2].replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
    const name = m[1];
    const family = familyOf(name, types);
    if (!family) throw new Error(`sample of an untyped family: ${line}`);
    const raw = m[m.length - 1];
    const special: Record<string, number> = { nan: NaN, '+inf': Infinity, '-inf': -Infinity };
    samples.push({ name, labels, value: special[raw.toLowerCase()] ?? Number(raw) });
  }
  return { types, samples };
}

/** The family a sample belongs to: its own name, or a histogram's or summary's with the suffix removed. */
function familyOf(name: string, types: Map<string, string>): string | null {
  if (types.has(name)) return name;
  const base = name.replace(/_(bucket|sum|count)$/, '');
  return types.has(base) && ['histogram', 'summary'].includes(types.get(base)!) ? base : null;
}

/** The samples of `name` whose labels include `labels`. */
export function samplesOf(e: Exposition, name: string, labels: Record<string, string> = {}): Sample[] {
  return e.samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
}

/** The one sample of `name` with these labels (throws when there is none or several). */
export function valueOf(e: Exposition, name: string, labels: Record<string, string> = {}): number {
  const found = samplesOf(e, name, labels);
  if (found.length !== 1)
    throw new Error(`${found.length} samples of ${name}${JSON.stringify(labels)}, expected one`);
  return found[0].value;
}
