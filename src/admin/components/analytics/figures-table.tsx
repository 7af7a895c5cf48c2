import { Table } from "@medusajs/ui"
import type { ReactNode } from "react"

/** A column of a figures table: its header, the cell of a row, numbers aligned right. */
export type FiguresColumn<Row> = { id: string; header: string; cell: (row: Row) => ReactNode; numeric?: boolean }

/**
 * A table of figures (one row per period, segment, reward...), the same in every section.
 * Rows carry `data-row` (their key) so a test can find one.
 */
export function FiguresTable<Row>({
  columns,
  rows,
  rowKey,
  rowClassName,
  testId,
}: {
  columns: FiguresColumn<Row>[]
  rows: Row[]
  rowKey: (row: Row) => string
  rowClassName?: (row: Row) => string | undefined
  testId: string
}) {
  return (
    // Wide tables (cohorts, stores) scroll inside their card, not the page.
    <div style={{ overflowX: "auto" }}>
      <Table data-testid={testId}>
        <Table.Header>
          <Table.Row>
            {columns.map((c) => (
              <Table.HeaderCell key={c.id} className={c.numeric ? "text-right" : undefined}>
                {c.header}
              </Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((row) => (
            <Table.Row key={rowKey(row)} data-row={rowKey(row)} className={rowClassName?.(row)}>
              {columns.map((c) => (
                <Table.Cell key={c.id} className={c.numeric ? "text-right" : undefined} data-column={c.id}>
                  {c.cell(row)}
                </Table.Cell>
              ))}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}
