import type { DocumentFormatters as Formatters } from "@/lib/format";
import type { InvoiceDocument } from "./document";
import { BOTTOM, COLS, INK, MARGIN, MUTED, type Pdf, RIGHT, RULE, SHADE } from "./pdf-layout";

function drawTableHeader(pdf: Pdf) {
  const y = pdf.y;
  pdf
    .rect(MARGIN, y, RIGHT - MARGIN, 18)
    .fillColor(INK)
    .fill();
  pdf.font("Helvetica-Bold").fontSize(8.5).fillColor("#ffffff");
  cell(pdf, "Service", COLS.desc, y + 5, "left");
  cell(pdf, "Quantity", COLS.qty, y + 5, "right");
  cell(pdf, "Unit", COLS.unit, y + 5, "left", 8);
  cell(pdf, "Unit price", COLS.price, y + 5, "right");
  cell(pdf, "Amount", COLS.amount, y + 5, "right");
  pdf.y = y + 22;
}

export function cell(
  pdf: Pdf,
  text: string,
  [x, w]: readonly [number, number],
  y: number,
  align: "left" | "right",
  pad = 0,
) {
  const inset = align === "left" ? 6 + pad : 0;
  pdf.text(text, x + inset, y, {
    width: w - inset - (align === "right" ? 6 : 0),
    align,
    lineBreak: false,
    ellipsis: true,
  });
}

export function ensureRoom(pdf: Pdf, height: number, withHeader: boolean) {
  if (pdf.y + height <= BOTTOM) return;
  pdf.addPage();
  pdf.y = MARGIN;
  if (withHeader) drawTableHeader(pdf);
}

export function drawLines(pdf: Pdf, doc: InvoiceDocument, fmt: Formatters) {
  drawTableHeader(pdf);
  if (doc.customers.length === 0) {
    pdf
      .font("Helvetica-Oblique")
      .fontSize(9)
      .fillColor(MUTED)
      .text("No usage in this period.", MARGIN + 6, pdf.y);
    pdf.y += 16;
  }
  for (const group of doc.customers) {
    ensureRoom(pdf, 40, true);
    const y = pdf.y;
    pdf
      .rect(MARGIN, y - 2, RIGHT - MARGIN, 16)
      .fillColor(SHADE)
      .fill();
    pdf
      .font("Helvetica-Bold")
      .fontSize(9)
      .fillColor(INK)
      .text(group.customerName, MARGIN + 6, y + 2, { lineBreak: false });
    pdf.y = y + 18;
    for (const [index, line] of group.lines.entries()) {
      // The last line travels with its subtotal, so a subtotal never opens a page alone.
      ensureRoom(pdf, index === group.lines.length - 1 ? 40 : 14, true);
      const rowY = pdf.y;
      pdf.font("Helvetica").fontSize(8.5).fillColor(INK);
      cell(pdf, line.description, COLS.desc, rowY, "left", 8);
      cell(pdf, fmt.quantity(line.quantity), COLS.qty, rowY, "right");
      pdf.fillColor(MUTED);
      cell(pdf, line.unit, COLS.unit, rowY, "left", 8);
      pdf.fillColor(INK);
      cell(pdf, fmt.unitPrice(line.unitPrice), COLS.price, rowY, "right");
      cell(pdf, fmt.money(line.amount), COLS.amount, rowY, "right");
      pdf.y = rowY + 13;
    }
    ensureRoom(pdf, 18, true);
    const subY = pdf.y + 1;
    pdf.moveTo(COLS.amount[0], subY).lineTo(RIGHT, subY).lineWidth(0.5).strokeColor(RULE).stroke();
    pdf.font("Helvetica-Bold").fontSize(8.5).fillColor(INK);
    cell(pdf, `Subtotal ${group.customerName}`, [MARGIN, COLS.amount[0] - MARGIN], subY + 4, "right");
    cell(pdf, fmt.money(group.subtotal), COLS.amount, subY + 4, "right");
    pdf.y = subY + 22;
  }
}
