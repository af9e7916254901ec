/**
 * Where the CPU time goes, from a V8 .cpuprofile (e.g. BENCH_PROFILE=app npm run bench …, which
 * writes them into bench/results/logs/<run>/prof/): self time by package / area and the top
 * functions, plus inclusive time of a few frames worth knowing on the send path.
 *
 *   npx tsx bench/profile-summary.ts bench/results/logs/<run>/prof/CPU….cpuprofile [--top 30]
 */
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const file = process.argv[2];
if (!file) throw new Error('usage: tsx bench/profile-summary.ts <file.cpuprofile> [--top N]');
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 30;
const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000));
const total = [...self.values()].reduce((a, b) => a + b, 0);

function area(url: string, fn: string): string {
  if (fn === '(idle)') return '(idle)';
  if (fn === '(garbage collector)') return '(garbage collector)';
  if (fn === '(program)') return '(program: native / not attributed)';
  if (!url) return '(native / builtin)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) {
    const pkg = m[1]!;
    if (pkg === 'next') {
      if (/compiled\/next-server|app-page|app-route/.test(url)) return 'next (app-route/server runtime)';
      return 'next';
    }
    return pkg;
  }
  if (url.includes('/.next/server/chunks') || url.includes('/.next/server/app')) return 'app code + bundled deps (.next/server)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
}

const areas = new Map<string, number>();
const fns = new Map<string, number>();
for (const [id, ms] of self) {
  const n = byId.get(id)!;
  const a = area(n.callFrame.url, n.callFrame.functionName);
  areas.set(a, (areas.get(a) ?? 0) + ms);
  const key = `${n.callFrame.functionName || '(anonymous)'}  ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/\.next\//, '.next/')}:${n.callFrame.lineNumber}`;
  fns.set(key, (fns.get(key) ?? 0) + ms);
}
const busy = total - (areas.get('(idle)') ?? 0);
const pct = (v: number) => `${((100 * v) / busy).toFixed(1).padStart(5)}%`;
console.log(`profile: ${(total / 1000).toFixed(1)} s, busy ${(busy / 1000).toFixed(1)} s (percentages of busy time)\n`);
console.log('self time by area:');
for (const [a, ms] of [...areas].filter(([a]) => a !== '(idle)').sort((x, y) => y[1] - x[1]).slice(0, 25)) console.log(`  ${pct(ms)}  ${a}`);
console.log(`\ntop ${top} functions by self time:`);
for (const [f, ms] of [...fns].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`  ${pct(ms)}  ${f.slice(0, 150)}`);

// inclusive time of frames whose name matches, counted once per sample
const inclusive = (pred: (n: Node) => boolean) => {
  let ms = 0;
  prof.samples.forEach((id, i) => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      if (pred(byId.get(cur)!)) {
        ms += (prof.timeDeltas[i] ?? 0) / 1000;
        break;
      }
    }
  });
  return ms;
};
console.log('\ninclusive time of selected frames:');
for (const [label, re] of [
  ['prisma client (query building, result mapping)', /@prisma\/client|prisma\/client\/runtime|generated\/prisma/],
  ['pg driver', /node_modules\/pg\//],
  ['next-auth / jose (session)', /next-auth|jose/],
  ['zod', /node_modules\/zod/],
  ['pusher SDK (broadcast)', /node_modules\/pusher\//],
] as const) {
  console.log(`  ${pct(inclusive((n) => re.test(n.callFrame.url)))}  ${label}`);
}
