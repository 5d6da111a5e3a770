// A share as a gauge, drawn in ECharts' dark theme for the big screen. Only the gauge is loaded,
// so that the screen stays light; the chart is kept between values and only its value changes.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { GaugeChart } from 'echarts/charts';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([GaugeChart, CanvasRenderer]);

export function ScreenGauge({ label, percent, testId }: { label: string; percent: number; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const c = echarts.init(box.current!, 'dark');
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(box.current!);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({
      backgroundColor: 'transparent',
      series: [
        {
          type: 'gauge', min: 0, max: 100, radius: '92%',
          progress: { show: true, width: 14 }, axisLine: { lineStyle: { width: 14 } },
          splitLine: { show: false }, axisTick: { show: false }, axisLabel: { show: false }, pointer: { show: false },
          // The label is written under the chart: a long English one would be cut at the gauge's edge.
          title: { show: false },
          detail: { valueAnimation: true, offsetCenter: [0, '5%'], fontSize: 40, fontWeight: 600, color: '#fff', formatter: '{value}%' },
          data: [{ value: percent, name: label }],
        },
      ],
    });
  }, [label, percent]);
  return (
    <figure data-testid={testId} data-value={percent} style={{ margin: 0 }}>
      <div ref={box} role="img" aria-label={`${label} ${percent}%`} style={{ width: '100%', height: 200 }} />
      <figcaption style={{ textAlign: 'center', fontSize: 18, color: '#c9d1e0', marginTop: -24 }}>{label}</figcaption>
    </figure>
  );
}
