import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnFiltersState,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export type { ColumnDef } from '@tanstack/react-table';

interface DataTableProps<Row> {
  /** The table's accessible name (a caption, visually hidden unless `showCaption`). */
  caption: string;
  showCaption?: boolean;
  columns: ColumnDef<Row, unknown>[];
  data: Row[];
  /** Free-text search over every column (the app's search box writes it). */
  globalFilter?: string;
  columnFilters?: ColumnFiltersState;
  initialSorting?: SortingState;
  /** Rendered in a `tfoot` row: totals. */
  footer?: React.ReactNode;
  /** A row's stable key. */
  rowId?: (row: Row) => string;
  /** Height of the scrolling body in px; long lists render only the rows in view. */
  height?: number;
  empty?: string;
}

const ROW_HEIGHT = 40;
/** Lists longer than this render only the rows in view. */
const VIRTUAL_FROM = 100;

/**
 * The one table of the app (TanStack Table): sorting by clicking a column's header button,
 * filtering, and virtual scrolling for long lists (TanStack Virtual, padding rows keep the
 * semantic `<table>` for screen readers).
 */
export function DataTable<Row>({
  caption,
  showCaption = false,
  columns,
  data,
  globalFilter,
  columnFilters,
  initialSorting = [],
  footer,
  rowId,
  height = 560,
  empty,
}: DataTableProps<Row>) {
  const { t } = useTranslation('common');
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const table = useReactTable({
    data,
    columns,
    state: { sorting, globalFilter, columnFilters },
    onSortingChange: setSorting,
    getRowId: rowId ? (row) => rowId(row) : undefined,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const rows = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = rows.length > VIRTUAL_FROM;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    enabled: virtual,
  });
  const items = virtual ? virtualizer.getVirtualItems() : null;
  const paddingTop = items && items.length > 0 ? (items[0]?.start ?? 0) : 0;
  const paddingBottom =
    items && items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  const visible = items ? items.map((item) => rows[item.index]!) : rows;
  const columnCount = table.getVisibleLeafColumns().length;

  return (
    <div
      className="table-scroll"
      ref={scroller}
      style={virtual ? { maxHeight: height } : undefined}
      tabIndex={virtual ? 0 : undefined}
      role={virtual ? 'region' : undefined}
      aria-label={virtual ? caption : undefined}
    >
      <table className="data-table" aria-rowcount={virtual ? rows.length + 1 : undefined}>
        <caption className={showCaption ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const meta = header.column.columnDef.meta as { numeric?: boolean } | undefined;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={meta?.numeric ? 'num' : undefined}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    {header.isPlaceholder ? null : header.column.getCanSort() ? (
                      <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                        {flexRender(header.column.columnDef.header, header.getContext())}
                        <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                      </button>
                    ) : (
                      flexRender(header.column.columnDef.header, header.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {paddingTop > 0 && (
            <tr aria-hidden="true">
              <td colSpan={columnCount} style={{ height: paddingTop, padding: 0 }} />
            </tr>
          )}
          {visible.map((row) => (
            <tr key={row.id}>
              {row.getVisibleCells().map((cell) => {
                const meta = cell.column.columnDef.meta as { numeric?: boolean } | undefined;
                return (
                  <td key={cell.id} className={meta?.numeric ? 'num' : undefined}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                );
              })}
            </tr>
          ))}
          {paddingBottom > 0 && (
            <tr aria-hidden="true">
              <td colSpan={columnCount} style={{ height: paddingBottom, padding: 0 }} />
            </tr>
          )}
          {rows.length === 0 && (
            <tr>
              <td colSpan={columnCount} className="data-table__empty">
                {empty ?? t('table.empty')}
              </td>
            </tr>
          )}
        </tbody>
        {footer && <tfoot>{footer}</tfoot>}
      </table>
    </div>
  );
}
