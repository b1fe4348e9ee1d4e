/** Printed under the tax line of a reverse-charge reseller's invoices (domain.md §2.4), frozen with the draft. */
export const REVERSE_CHARGE_NOTE =
  "Reverse charge: VAT to be accounted for by the recipient (Article 196, Directive 2006/112/EC)";
