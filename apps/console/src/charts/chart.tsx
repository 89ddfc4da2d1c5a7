import { useEffect, useRef } from 'react';
import type { EChartsType } from './echarts';
import { init } from './echarts';
import { DASHES, PALETTE, SYMBOLS } from './palette';

export interface Series {
  readonly name: string;
  readonly values: (number | null)[];
}

export interface ChartProps {
  readonly kind: 'line' | 'bar';
  readonly categories: string[];
  readonly series: Series[];
  /** The accessible name of the chart (the table beside it has the numbers). */
  readonly label: string;
  readonly formatValue: (value: number) => string;
  readonly percent?: boolean;
  readonly markLine?: { value: number; label: string };
}

/**
 * One ECharts chart on a canvas. The canvas is an image to assistive technology: it is named by
 * `label`, ECharts' aria component describes the data, and every chart has a table alternative.
 */
export function Chart({ kind, categories, series, label, formatValue, percent, markLine }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const instance = init(element.current as HTMLDivElement, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        color: PALETTE,
        aria: { enabled: true, decal: { show: kind === 'bar' }, label: { enabled: false } },
        grid: { left: 56, right: 24, top: 40, bottom: 40 },
        legend: { top: 0, show: series.length > 1 },
        tooltip: {
          trigger: 'axis',
          renderMode: 'richText',
          valueFormatter: (v: unknown) => (typeof v === 'number' ? formatValue(v) : '–'),
        },
        xAxis: {
          type: 'category',
          data: categories,
          axisLabel: kind === 'bar' ? { interval: 0, width: 110, overflow: 'break', lineHeight: 14 } : {},
        },
        yAxis: {
          type: 'value',
          ...(percent ? { min: 0, max: 1 } : {}),
          // A target line above every value still shows.
          ...(markLine
            ? { max: (extent: { max: number }) => Math.ceil(Math.max(extent.max, markLine.value) * 1.1) }
            : {}),
          axisLabel: { formatter: (v: number) => formatValue(v) },
        },
        series: series.map((s, i) => ({
          name: s.name,
          type: kind,
          data: s.values,
          connectNulls: false,
          ...(kind === 'line'
            ? {
                symbol: SYMBOLS[i % SYMBOLS.length],
                symbolSize: 7,
                lineStyle: { width: 2.5, type: DASHES[i % DASHES.length] },
              }
            : {}),
          ...(markLine && i === 0
            ? {
                markLine: {
                  symbol: 'none',
                  silent: true,
                  data: [{ yAxis: markLine.value, name: markLine.label }],
                  label: { formatter: markLine.label },
                  lineStyle: { color: '#D55E00', type: 'dashed', width: 2 },
                },
              }
            : {}),
        })),
      },
      { notMerge: true },
    );
  }, [kind, categories, series, label, formatValue, percent, markLine]);

  return <div ref={element} className="chart" role="img" aria-label={label} data-chart={kind} />;
}
