export { AdminTrendChart, type AdminTrendChartProps } from "./admin-trend-chart";
export {
  type ChartColumn,
  ChartFrame,
  type ChartFrameProps,
  type ChartRow,
  type CsvRow,
  SegmentedToggle,
} from "./chart-frame";
export { CustomerServicesChart, type CustomerServicesChartProps } from "./customer-services-chart";
export { type DailyCostBy, DailyCostChart, type DailyCostChartProps } from "./daily-cost-chart";
export { MonthlyBilledChart, type MonthlyBilledChartProps } from "./monthly-billed-chart";
export { ServiceBreakdownChart, type ServiceBreakdownChartProps } from "./service-breakdown-chart";
export { TopCustomersChart, type TopCustomersChartProps } from "./top-customers-chart";
