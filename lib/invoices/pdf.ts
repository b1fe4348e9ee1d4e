import "server-only";
import PDFDocument from "pdfkit";
import { documentFormatters, type DocumentFormatters as Formatters } from "@/lib/format";
import type { InvoiceDocument } from "./document";
import { COLS, INK, MARGIN, MUTED, PAGE, type Pdf, RIGHT, RULE, SHADE } from "./pdf-layout";
import { drawLines, ensureRoom } from "./pdf-table";

/** A4 invoice PDF from the document DTO: the same figures as the UI and the CSV. */
export async function renderInvoicePdf(
  doc: InvoiceDocument,
  options: { locale?: string } = {},
): Promise<Buffer> {
  const fmt = documentFormatters(doc.currency, options.locale ?? "en-US");
  const pdf = new PDFDocument({ size: "A4", margin: MARGIN, bufferPages: true, info: pdfInfo(doc) });
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  drawHeader(pdf, doc, fmt);
  drawPartiesAndSummary(pdf, doc, fmt);
  drawLines(pdf, doc, fmt);
  drawTotals(pdf, doc, fmt);
  drawFooters(pdf, doc);
  pdf.end();
  return done;
}

function pdfInfo(doc: InvoiceDocument) {
  return {
    // ASCII only: the number stays greppable in the file (non-ASCII info strings are stored as UTF-16).
    Title: `Invoice ${doc.number ?? "draft"} (${doc.period})`,
    Author: doc.parties.distributor.legalName,
  };
}

function drawHeader(pdf: Pdf, doc: InvoiceDocument, fmt: Formatters) {
  const { distributor } = doc.parties;
  pdf
    .fillColor(INK)
    .font("Helvetica-Bold")
    .fontSize(18)
    .text(distributor.name, MARGIN, MARGIN, { width: 280 });
  pdf.font("Helvetica").fontSize(8.5).fillColor(MUTED);
  for (const line of [distributor.legalName, ...distributor.addressLines, distributor.country])
    pdf.text(line);
  if (distributor.taxId) pdf.text(`Tax ID ${distributor.taxId}`);
  if (distributor.email) pdf.text(distributor.email);

  const x = 330;
  pdf
    .fillColor(INK)
    .font("Helvetica-Bold")
    .fontSize(20)
    .text("INVOICE", x, MARGIN, { width: RIGHT - x, align: "right" });
  const rows: [string, string][] = [
    ["Number", doc.number ?? "— (draft)"],
    ["Invoice date", fmt.date(doc.invoiceDate)],
    ...(doc.dueDate && doc.status === "issued"
      ? [["Due date", fmt.date(doc.dueDate)] as [string, string]]
      : []),
    ["Period", fmt.period(doc.period)],
    ["Status", statusLabel(doc)],
  ];
  if (doc.paidAt) rows.push(["Paid", fmt.date(doc.paidAt)]);
  let y = MARGIN + 30;
  for (const [label, value] of rows) {
    pdf.font("Helvetica").fontSize(9).fillColor(MUTED).text(label, x, y, { width: 90 });
    pdf
      .font("Helvetica-Bold")
      .fillColor(INK)
      .text(value, x + 90, y, { width: RIGHT - x - 90, align: "right" });
    y += 14;
  }
  pdf.moveTo(MARGIN, 150).lineTo(RIGHT, 150).lineWidth(1).strokeColor(RULE).stroke();
}

function drawPartiesAndSummary(pdf: Pdf, doc: InvoiceDocument, fmt: Formatters) {
  const { reseller } = doc.parties;
  const top = 165;
  pdf.font("Helvetica-Bold").fontSize(8).fillColor(MUTED).text("BILL TO", MARGIN, top);
  pdf
    .font("Helvetica-Bold")
    .fontSize(11)
    .fillColor(INK)
    .text(reseller.legalName, MARGIN, top + 13, { width: 230 });
  pdf.font("Helvetica").fontSize(9);
  for (const line of [...reseller.addressLines, reseller.country]) pdf.text(line, { width: 230 });
  if (reseller.taxId) pdf.text(`Tax ID ${reseller.taxId}`);
  if (reseller.email) pdf.fillColor(MUTED).text(reseller.email);

  const box = { x: 310, y: top - 4, w: RIGHT - 310, h: 98 };
  pdf.roundedRect(box.x, box.y, box.w, box.h, 4).fillColor(SHADE).fill();
  const rows: [string, string][] = [
    ["Tier", `${doc.tier.name} (${doc.tier.code})`],
    ["Monthly commitment", fmt.money(doc.commitment)],
    ["Billing cycle", `${doc.cycle}`],
    ["Active days", `${doc.activeDays} of ${doc.periodDays}`],
    ["Ramp-up", rampUpLabel(doc).replace(/^Ramp-up: /, "")],
    ["Currency", doc.currency],
  ];
  let y = box.y + 9;
  for (const [label, value] of rows) {
    pdf
      .font("Helvetica")
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(label, box.x + 10, y, { width: 95 });
    pdf
      .font("Helvetica-Bold")
      .fillColor(INK)
      .text(value, box.x + 105, y, { width: box.w - 115, align: "right" });
    y += 14;
  }
  pdf.y = Math.max(pdf.y, box.y + box.h) + 22;
}

function drawTotals(pdf: Pdf, doc: InvoiceDocument, fmt: Formatters) {
  const rows: [string, string, boolean][] = [["Consumption", fmt.money(doc.consumption), false]];
  if (doc.commitmentLine?.type === "commitment_topup") {
    rows.push([`Commitment top-up (commitment ${fmt.money(doc.commitment)})`, fmt.money(doc.topUp), false]);
  } else if (doc.commitmentLine) {
    rows.push([capitalize(doc.commitmentLine.description), fmt.money(doc.commitmentLine.amount), false]);
  } else {
    // Say why there is no top-up, so the reader sees the commitment was checked.
    rows.push([`Commitment ${fmt.money(doc.commitment)} met (no top-up)`, fmt.money("0"), false]);
  }
  rows.push(
    ["Subtotal", fmt.money(doc.subtotal), true],
    [`Tax (${doc.taxRatePercent}%)`, fmt.money(doc.tax), false],
  );
  ensureRoom(pdf, rows.length * 16 + 70 + (doc.taxNote ? 30 : 0), false);
  const x = 290;
  let y = pdf.y + 4;
  for (const [label, value, strong] of rows) {
    pdf
      .font(strong ? "Helvetica-Bold" : "Helvetica")
      .fontSize(9)
      .fillColor(INK);
    pdf.text(label, x, y, { width: 185 - 6, align: "left" });
    pdf.text(value, COLS.amount[0] - 20, y, { width: COLS.amount[1] + 14, align: "right" });
    y += Math.max(15, pdf.heightOfString(label, { width: 179 }) + 5);
  }
  if (doc.taxNote) {
    // Under the tax line, across the totals block (the EU reverse-charge note).
    pdf.font("Helvetica").fontSize(7.5).fillColor(MUTED);
    pdf.text(doc.taxNote, x, y - 2, { width: RIGHT - x });
    y += pdf.heightOfString(doc.taxNote, { width: RIGHT - x }) + 4;
  }
  pdf
    .rect(x - 6, y, RIGHT - x + 6, 24)
    .fillColor(INK)
    .fill();
  pdf.font("Helvetica-Bold").fontSize(11).fillColor("#ffffff");
  pdf.text(`Total ${doc.currency}`, x, y + 7, { width: 150 });
  pdf.text(fmt.money(doc.total), COLS.amount[0] - 40, y + 7, { width: COLS.amount[1] + 34, align: "right" });
  pdf.y = y + 40;
  if (doc.fx) {
    const { from, to, rate, date, source } = doc.fx;
    const note = `Exchange rate: 1 ${from} = ${fmt.rate(rate)} ${to}, rate of ${fmt.date(date)} (source: ${source}), the latest on or before the invoice date.`;
    pdf
      .font("Helvetica")
      .fontSize(8)
      .fillColor(MUTED)
      .text(note, MARGIN, pdf.y, { width: RIGHT - MARGIN });
  }
  if (doc.status === "void" && doc.voidReason) {
    pdf.moveDown(0.5).font("Helvetica-Bold").fontSize(8.5).fillColor("#b91c1c");
    pdf.text(`Void: ${doc.voidReason}`, MARGIN, pdf.y, { width: RIGHT - MARGIN });
  }
}

function drawFooters(pdf: Pdf, doc: InvoiceDocument) {
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    if (doc.status === "draft" || doc.status === "void")
      drawWatermark(pdf, doc.status === "draft" ? "DRAFT" : "VOID");
    const y = PAGE.height - 45;
    pdf
      .moveTo(MARGIN, y - 6)
      .lineTo(RIGHT, y - 6)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    pdf.font("Helvetica").fontSize(7.5).fillColor(MUTED);
    const left = `${doc.parties.distributor.legalName} · Invoice ${doc.number ?? "draft"} · ${doc.period}`;
    // Writing below the bottom margin would make pdfkit add a page: lift the margin while drawing the footer.
    pdf.page.margins.bottom = 0;
    pdf.text(left, MARGIN, y, { width: 380, lineBreak: false });
    pdf.text(`Page ${i - range.start + 1} of ${range.count}`, RIGHT - 120, y, {
      width: 120,
      align: "right",
      lineBreak: false,
    });
    pdf.page.margins.bottom = MARGIN;
  }
}

function drawWatermark(pdf: Pdf, word: string) {
  pdf.save();
  pdf.rotate(-35, { origin: [PAGE.width / 2, PAGE.height / 2] });
  pdf.font("Helvetica-Bold").fontSize(120).fillColor("#9ca3af").fillOpacity(0.18);
  pdf.page.margins.bottom = 0;
  pdf.text(word, 0, PAGE.height / 2 - 60, { width: PAGE.width, align: "center", lineBreak: false });
  pdf.page.margins.bottom = MARGIN;
  pdf.restore();
  pdf.fillOpacity(1);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function statusLabel(doc: InvoiceDocument): string {
  return { draft: "Draft", issued: "Issued", paid: "Paid", void: "Void" }[doc.status];
}

function rampUpLabel(doc: InvoiceDocument): string {
  const { waived, cycle, cycles } = doc.rampUp;
  if (waived) return `Ramp-up: commitment waived (cycle ${cycle ?? doc.cycle} of ${cycles ?? "?"})`;
  if (cycles && cycles > 0) return `Ramp-up ended after ${cycles} cycle${cycles === 1 ? "" : "s"}`;
  return "No ramp-up";
}
