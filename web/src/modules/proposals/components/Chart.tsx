import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only the bar and pie charts and what they need, so the page stays light.
echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface Slice {
  name: string;
  value: number;
}

/** A horizontal bar chart or a pie of named counts, resized with its box (phones included). */
export function Chart({ type, data, testId }: { type: 'bar' | 'pie'; data: Slice[]; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const height = type === 'pie' ? 260 : Math.max(160, data.length * 28 + 40);
  useEffect(() => {
    const chart = echarts.init(box.current!);
    chart.setOption(
      type === 'pie'
        ? { tooltip: { trigger: 'item' }, series: [{ type: 'pie', radius: ['35%', '65%'], data, label: { formatter: '{b}: {c}' } }] }
        : {
            tooltip: { trigger: 'axis' },
            grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', inverse: true, data: data.map((d) => d.name), axisLabel: { width: 110, overflow: 'truncate' } },
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
