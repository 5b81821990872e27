// Public surface of the charts feature: saving a result as a chart from anywhere.
export { SaveAsChartButton } from './components/save-as-chart-button';
export { SaveChartDialog, type SaveChartDialogProps } from './components/save-chart-dialog';
export { useChart, useSaveChart } from './hooks/use-charts';
