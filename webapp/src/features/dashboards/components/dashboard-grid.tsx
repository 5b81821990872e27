import { GridLayout, useContainerWidth, type Layout } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import type { ReactNode, RefObject } from 'react';
import type { DashboardWidget } from '@/lib/api/dashboards';
import { isStacked, stackedLayout, toLayout, type LayoutItem } from '../lib/grid-layout';

/** One grid row, in px; a widget's height is `h` rows. */
export const ROW_HEIGHT = 80;
export const GAP = 12;

export interface DashboardGridProps {
  widgets: readonly DashboardWidget[];
  columns: number;
  editing: boolean;
  /** After a drag or a resize ends, with the grid's new places. */
  onLayoutChange?: (layout: readonly LayoutItem[]) => void;
  renderWidget: (widget: DashboardWidget, stacked: boolean) => ReactNode;
}

/**
 * The widgets on react-grid-layout's grid: dragged by their handle and resized in edit mode,
 * still in view mode. Below tablet width every widget takes the full width, one under another.
 */
export function DashboardGrid({
  widgets,
  columns,
  editing,
  onLayoutChange,
  renderWidget,
}: DashboardGridProps) {
  const { width, containerRef } = useContainerWidth({ initialWidth: 1024 });
  const stacked = isStacked(width);
  const layout: Layout = stacked ? stackedLayout(widgets) : toLayout(widgets, columns);
  const movable = editing && !stacked;
  const done = (next: Layout) => onLayoutChange?.(next);
  return (
    <div ref={containerRef as RefObject<HTMLDivElement>} data-testid="dashboard-grid">
      <GridLayout
        width={width > 0 ? width : 1024}
        layout={layout}
        gridConfig={{
          cols: stacked ? 1 : columns,
          rowHeight: ROW_HEIGHT,
          margin: [GAP, GAP],
          containerPadding: [0, 0],
        }}
        dragConfig={{ enabled: movable, handle: '.widget-drag-handle', threshold: 3 }}
        resizeConfig={{ enabled: movable, handles: ['se'] }}
        onDragStop={done}
        onResizeStop={done}
      >
        {widgets.map((widget) => (
          <div key={widget.id}>{renderWidget(widget, stacked)}</div>
        ))}
      </GridLayout>
    </div>
  );
}
