/** The bench's JSON result and a self-contained HTML report (inline SVG, no scripts, no assets). */
import fs from 'node:fs';
import path from 'node:path';
import type { PhaseResult } from './results';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#4b5563', '#ca8a04'];

function axisTicks(max: number): number[] {
  if (!(max > 0)) return [0];
  const step = 10 ** Math.floor(Math.log10(max));
  const s = max / step > 5 ? step * 2 : max / step > 2 ? step : step / 2;
  const out: number[] = [];
  for (let v = 0; v <= max * 1.0001; v += s) out.push(Number(v.toPrecision(6)));
  return out;
}

/** Share of messages per latency bucket (log x axis), one line per phase. */
function distributionChart(phases: PhaseResult[]): string {
  const W = 760, H = 300, L = 50, R = 10, T = 20, B = 40;
  const lines = phases.filter((p) => p.histogram.counts.some((c) => c > 0));
  if (!lines.length) return '<p>No latency samples.</p>';
  const edges = lines[0]!.histogram.edges;
  const x = (ms: number) => L + ((Math.log10(ms) - Math.log10(0.5)) / (Math.log10(edges.at(-1)!) - Math.log10(0.5))) * (W - L - R);
  const shares = lines.map((p) => {
    const total = p.histogram.counts.reduce((a, b) => a + b, 0);
    return p.histogram.counts.map((c) => (100 * c) / total);
  });
  const maxY = Math.max(...shares.flat(), 1);
  const y = (v: number) => H - B - (v / maxY) * (H - T - B);
  let svg = `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="latency distribution">`;
  for (const ms of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]) {
    svg += `<line x1="${x(ms)}" x2="${x(ms)}" y1="${T}" y2="${H - B}" stroke="#e5e7eb"/><text x="${x(ms)}" y="${H - B + 14}" font-size="10" text-anchor="middle">${ms}</text>`;
  }
  svg += `<line x1="${x(100)}" x2="${x(100)}" y1="${T}" y2="${H - B}" stroke="#f59e0b" stroke-dasharray="4 3"/>`;
  for (const v of axisTicks(maxY)) svg += `<text x="${L - 4}" y="${y(v) + 3}" font-size="10" text-anchor="end">${v}%</text>`;
  svg += `<text x="${(W + L) / 2}" y="${H - 6}" font-size="11" text-anchor="middle">latency, send call start → receipt on the other side (ms, log scale)</text>`;
  lines.forEach((p, i) => {
    const pts = shares[i]!.map((s, k) => `${x(k < edges.length ? edges[k]! : edges.at(-1)! * 1.3).toFixed(1)},${y(s).toFixed(1)}`).join(' ');
    svg += `<polyline fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="2" points="${pts}"/>`;
    svg += `<text x="${W - R - 4}" y="${T + 12 + i * 13}" font-size="11" text-anchor="end" fill="${COLORS[i % COLORS.length]}">${esc(`${p.system} ${p.tag} (${p.offeredPerSec.toFixed(0)} msg/s)`)}</text>`;
  });
  return svg + '</svg>';
}

/** Per second over one phase: p50 / p99 latency (lines, left axis) and delivered msg/s (bars, right). */
function seriesChart(p: PhaseResult): string {
  const W = 760, H = 220, L = 50, R = 50, T = 20, B = 30;
  const s = p.series;
  const maxLat = Math.max(1, ...s.map((v) => (Number.isFinite(v.p99) ? v.p99 : 0)));
  const maxThr = Math.max(1, ...s.map((v) => v.delivered));
  const x = (t: number) => L + (t / Math.max(1, s.length)) * (W - L - R);
  const yl = (v: number) => H - B - (v / maxLat) * (H - T - B);
  const yt = (v: number) => H - B - (v / maxThr) * (H - T - B);
  let svg = `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="time series">`;
  const bw = Math.max(1, (W - L - R) / Math.max(1, s.length) - 2);
  for (const v of s) svg += `<rect x="${x(v.t) + 1}" y="${yt(v.delivered)}" width="${bw}" height="${H - B - yt(v.delivered)}" fill="#bfdbfe"/>`;
  for (const v of axisTicks(maxLat)) svg += `<text x="${L - 4}" y="${yl(v) + 3}" font-size="10" text-anchor="end">${v}</text>`;
  for (const v of axisTicks(maxThr)) svg += `<text x="${W - R + 4}" y="${yt(v) + 3}" font-size="10">${v}</text>`;
  for (const [key, color] of [['p50', '#16a34a'], ['p99', '#dc2626']] as const) {
    const pts = s.filter((v) => Number.isFinite(v[key])).map((v) => `${(x(v.t) + bw / 2).toFixed(1)},${yl(v[key]).toFixed(1)}`).join(' ');
    svg += `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts}"/>`;
  }
  svg += `<text x="${L}" y="12" font-size="11">${esc(`${p.system} ${p.tag}: p50 (green) / p99 (red) latency, ms · delivered msg/s (bars, right axis) · seconds into the phase`)}</text>`;
  for (let t = 0; t < s.length; t += Math.max(1, Math.ceil(s.length / 15))) svg += `<text x="${x(t)}" y="${H - B + 14}" font-size="10">${t}</text>`;
  return svg + '</svg>';
}

function table(phases: PhaseResult[]): string {
  const head = ['run', 'offered msg/s', 'stored/s', 'delivered/s', 'c→a p50', 'p95', 'p99', 'max', 'a→c p50', 'p95', 'p99', 'max', 'send p50', 'send p99', 'lost', 'doubled', 'errors', 'pass'];
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');
  const rows = phases.map((p) =>
    [
      `${p.system} ${p.tag}`,
      p.offeredPerSec.toFixed(0),
      p.storedPerSec.toFixed(0),
      p.deliveredPerSec.toFixed(0),
      f(p.contactToAgent.p50), f(p.contactToAgent.p95), f(p.contactToAgent.p99), f(p.contactToAgent.max),
      f(p.agentToContact.p50), f(p.agentToContact.p95), f(p.agentToContact.p99), f(p.agentToContact.max),
      f(p.sendCall.p50), f(p.sendCall.p99),
      String(p.lost), String(p.doubled), String(Object.values(p.errors).reduce((a, b) => a + b, 0)), p.pass ? '✓' : '✗',
    ].map((c) => `<td>${esc(c)}</td>`).join(''),
  );
  return `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r}</tr>`).join('')}</tbody></table>`;
}

export function writeReports(dir: string, name: string, result: Record<string, any>): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, `${name}.json`);
  fs.writeFileSync(json, JSON.stringify(result, null, 1));
  const phases: PhaseResult[] = [...(result.product?.phases ?? []), ...(result.floor?.phases ?? [])];
  // summary() lives in flow.ts; it is passed in through result._summary to keep this module leaf-only
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(`${result.kind} ${result.startedAt}`)}</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#111}table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ddd;padding:3px 6px;text-align:right}th{background:#f3f4f6}pre{background:#f9fafb;padding:12px;overflow:auto;font-size:12px}h2{margin-top:28px}</style></head><body>
<h1>${esc(`${result.kind} — ${result.startedAt}`)}</h1>
<p>${esc(`${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memGb} GB RAM, Node ${result.machine.node}, ${result.machine.platform}; load average at start ${result.machine.loadAvgAtStart.join(' ')}. Load generators run on the same machine.`)}</p>
<p>${esc(`Options: ${JSON.stringify(result.options)}. Rate limits for the run: ${JSON.stringify(result.rateLimits)}.`)}</p>
<h2>Summary</h2><pre>${esc(String(result._summary ?? ''))}</pre>
<h2>Runs</h2>${table(phases)}
<h2>Latency distribution</h2>${distributionChart(phases)}
<h2>Over time</h2>${phases.map(seriesChart).join('<br>')}
${result.chaos ? `<h2>Chaos verdict</h2><pre>${esc(JSON.stringify(result.chaos, null, 2))}</pre>` : ''}
${result.scale ? `<h2>Scale-out checks</h2><pre>${esc(JSON.stringify(result.scale, null, 2))}</pre>` : ''}
<h2>Transcripts and routing</h2><pre>${esc(JSON.stringify({ product: { transcripts: result.product?.transcripts, routing: result.product?.routing }, floor: result.floor?.transcripts }, null, 2))}</pre>
</body></html>`;
  const htmlFile = path.join(dir, `${name}.html`);
  fs.writeFileSync(htmlFile, html);
  return [json, htmlFile];
}
