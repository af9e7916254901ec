'use client';

import 'uplot/dist/uPlot.min.css';
import { useLocale } from 'next-intl';
import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** A CSS colour; every series also differs by its legend label (colour is never the only cue). */
  color: string;
  /** Drawn against the right-hand 0–100 % axis. */
  percent?: boolean;
  dash?: number[];
}

/**
 * Issue 20: a chart drawn with uPlot, loaded only in the browser when the chart mounts. It is
 * aria-hidden: the table next to it carries the same figures for screen readers and copying.
 * `x` is either instants (seconds, for intervals) or category labels (for bands, drawn as bars).
 */
export function ReportChart(props: { name: string; x: { kind: 'time'; seconds: number[]; timeZone: string; withDate: boolean } | { kind: 'bands'; labels: string[] }; series: ChartSeries[] }) {
  const box = useRef<HTMLDivElement>(null);
  const locale = useLocale();
  const key = JSON.stringify(props);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let plot: uPlot | null = null;
    let gone = false;
    let observer: ResizeObserver | null = null;
    void import('uplot').then(({ default: UPlot }) => {
      if (gone) return;
      const x = props.x;
      const xs = x.kind === 'time' ? x.seconds : x.labels.map((_, i) => i);
      const timeFmt =
        x.kind === 'time'
          ? new Intl.DateTimeFormat(locale, x.withDate ? { timeZone: x.timeZone, month: 'short', day: 'numeric' } : { timeZone: x.timeZone, hour: 'numeric', minute: '2-digit' })
          : null;
      const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
      const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
      const hasPercent = props.series.some((s) => s.percent);
      const opts: uPlot.Options = {
        width: Math.max(280, el.clientWidth),
        height: 220,
        legend: { show: true, live: false },
        cursor: { show: false },
        scales: { x: { time: false, ...(x.kind === 'bands' ? { range: [-0.5, xs.length - 0.5] as uPlot.Range.MinMax } : {}) }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] }, pct: { range: [0, 1] } },
        axes: [
          {
            values: (_u, splits) => splits.map((v) => (x.kind === 'time' ? timeFmt!.format(new Date(v * 1000)) : Number.isInteger(v) ? (x.labels[v] ?? '') : '')),
            ...(x.kind === 'bands' ? { splits: () => xs } : {}),
          },
          { values: (_u, splits) => splits.map((v) => num.format(v)) },
          ...(hasPercent ? [{ scale: 'pct', side: 1 as const, grid: { show: false }, values: (_u: uPlot, splits: number[]) => splits.map((v) => pct.format(v)) }] : []),
        ],
        series: [
          {},
          ...props.series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            dash: s.dash,
            scale: s.percent ? 'pct' : 'y',
            ...(x.kind === 'bands' ? { fill: s.color, paths: UPlot.paths.bars!({ size: [0.6, 80] }), points: { show: false } } : { points: { show: xs.length < 60 } }),
          })),
        ],
      };
      plot = new UPlot(opts, [xs, ...props.series.map((s) => s.values)] as uPlot.AlignedData, el);
      observer = new ResizeObserver(() => plot?.setSize({ width: Math.max(280, el.clientWidth), height: 220 }));
      observer.observe(el);
    });
    return () => {
      gone = true;
      observer?.disconnect();
      plot?.destroy();
    };
    // The chart is redrawn when its data (key) or the language changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, locale]);

  return <div ref={box} aria-hidden="true" data-chart={props.name} className="mb-2 min-h-[220px] w-full" />;
}
