import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only the charts the statistics pages draw, so the pages stay light.
echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface Slice {
  name: string;
  value: number;
}

/**
 * 'bar': named counts as horizontal bars (long type names stay readable on a phone);
 * 'months': twelve columns; 'pie': shares. Resized with its box.
 */
export function Chart({ type, data, testId }: { type: 'bar' | 'months' | 'pie'; data: Slice[]; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const height = type === 'bar' ? Math.max(160, data.length * 28 + 40) : 260;
  useEffect(() => {
    const chart = echarts.init(box.current!);
    const grid = { left: 8, right: 24, top: 16, bottom: 8, containLabel: true };
    chart.setOption(
      type === 'pie'
        ? { tooltip: { trigger: 'item' }, series: [{ type: 'pie', radius: ['35%', '65%'], data, label: { formatter: '{b}: {c}' } }] }
        : type === 'months'
          ? {
              tooltip: { trigger: 'axis' },
              grid,
              xAxis: { type: 'category', data: data.map((d) => d.name) },
              yAxis: { type: 'value', minInterval: 1 },
              series: [{ type: 'bar', data: data.map((d) => d.value), label: { show: true, position: 'top' } }],
            }
          : {
              tooltip: { trigger: 'axis' },
              grid,
              xAxis: { type: 'value', minInterval: 1 },
              yAxis: { type: 'category', inverse: true, data: data.map((d) => d.name), axisLabel: { width: 120, overflow: 'truncate' } },
              series: [{ type: 'bar', data: data.map((d) => d.value), label: { show: true, position: 'right' } }],
            },
    );
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(box.current!);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [type, data]);
  return <div ref={box} style={{ width: '100%', height }} data-testid={testId} />;
}
