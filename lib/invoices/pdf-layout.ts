// Page geometry and colours shared by the invoice PDF's parts.
export type Pdf = PDFKit.PDFDocument;

export const MARGIN = 50;
export const PAGE = { width: 595.28, height: 841.89 };
export const RIGHT = PAGE.width - MARGIN;
export const BOTTOM = PAGE.height - 70;
export const INK = "#1f2937";
export const MUTED = "#6b7280";
export const RULE = "#d1d5db";
export const SHADE = "#f3f4f6";
// Table columns: description, quantity, unit, unit price, amount (x and width).
export const COLS = {
  desc: [MARGIN, 215],
  qty: [270, 70],
  unit: [345, 55],
  price: [400, 75],
  amount: [475, 70],
} as const;
