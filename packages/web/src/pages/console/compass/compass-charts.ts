/** The 罗盘 charts: trend lines, the channel pie and the funnel (ECharts parts registered once; the hook is 履约中心's). */
import * as echarts from 'echarts/core';
import { FunnelChart, PieChart } from 'echarts/charts';
import { useChart, type ChartOption } from '../merchant/fulfilment/charts';

echarts.use([PieChart, FunnelChart]);

/** Pie and funnel series are registered above; the shared option type names only gauge, bar and line. */
export function useAnyChart(option: Record<string, unknown>) {
  return useChart(option as unknown as ChartOption);
}
