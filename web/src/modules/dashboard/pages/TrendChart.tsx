// The months of a few headline figures as lines, one per figure, resized with its box. The
// statistics pages' shared Chart draws bars and pies; lines are only the panorama's.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface Line {
  name: string;
  values: number[];
}

export function TrendChart({ months, lines, testId }: { months: string[]; lines: Line[]; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(box.current!);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months, boundaryGap: false },
      yAxis: { type: 'value', minInterval: 1 },
      series: lines.map((l) => ({ type: 'line', name: l.name, data: l.values, smooth: false, symbolSize: 6 })),
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(box.current!);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [months, lines]);
  return <div ref={box} style={{ width: '100%', height: 280 }} data-testid={testId} />;
}
