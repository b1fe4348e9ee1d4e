/** Demo data for a first start: a brand, staff logins and three resellers with customers and usage. */

export const demoBrand = {
  name: "Skyline Distribution",
  legalName: "Skyline Distribution Inc.",
  tagline: "Acronis Cyber Protect Cloud for managed service providers, billed exactly.",
  supportEmail: "support@skyline.example",
  primaryColor: "#1d4ed8",
  accentColor: "#0f766e",
  addressLines: ["500 Market Street, Suite 1200", "San Francisco, CA 94105"],
  country: "US",
  taxId: "US-EIN 12-3456789",
};

export const demoStaff = [
  { email: "admin@skyline.example", name: "Avery Admin", role: "admin", password: "admin-demo-2026" },
  { email: "finance@skyline.example", name: "Finn Finance", role: "finance", password: "finance-demo-2026" },
  { email: "support@skyline.example", name: "Sam Support", role: "support", password: "support-demo-2026" },
] as const;

type DemoReseller = {
  tag: string;
  name: string;
  legalName: string;
  addressLine1: string;
  city: string;
  postalCode: string;
  country: string;
  taxId: string;
  taxRatePercent: string;
  currency: string;
  tier: string;
  users: { email: string; name: string; role: "owner" | "billing" | "viewer"; password: string }[];
  customers: string[];
};

export const demoResellers: DemoReseller[] = [
  {
    tag: "demo-northwind",
    name: "Northwind IT Services",
    legalName: "Northwind IT Services LLC",
    addressLine1: "12 Harbor Way",
    city: "Seattle",
    postalCode: "98101",
    country: "US",
    taxId: "US-EIN 98-7654321",
    taxRatePercent: "0",
    currency: "USD",
    tier: "T2",
    users: [
      { email: "owner@northwind.example", name: "Nora Owner", role: "owner", password: "owner-demo-2026" },
      {
        email: "billing@northwind.example",
        name: "Ben Billing",
        role: "billing",
        password: "billing-demo-2026",
      },
      { email: "viewer@northwind.example", name: "Vic Viewer", role: "viewer", password: "viewer-demo-2026" },
    ],
    customers: [
      "Acme Dental",
      "Borealis Law",
      "Cascade Logistics",
      "Driftwood Cafe",
      "Evergreen Clinic",
      "Foxglove Architects",
    ],
  },
  {
    tag: "demo-kopernikus",
    name: "Kopernikus Systemhaus",
    legalName: "Kopernikus Systemhaus GmbH",
    addressLine1: "Torstraße 140",
    city: "Berlin",
    postalCode: "10119",
    country: "DE",
    taxId: "DE123456789",
    taxRatePercent: "19",
    currency: "EUR",
    tier: "T1",
    users: [
      { email: "owner@kopernikus.example", name: "Klara Owner", role: "owner", password: "owner-demo-2026" },
    ],
    customers: ["Bäckerei Sonnenschein", "Havel Steuerberatung", "Spree Logistik", "Tegel Autohaus"],
  },
  {
    tag: "demo-thames",
    name: "Thames Managed Services",
    legalName: "Thames Managed Services Ltd",
    addressLine1: "88 Southwark Bridge Road",
    city: "London",
    postalCode: "SE1 0EX",
    country: "GB",
    taxId: "GB123456789",
    taxRatePercent: "20",
    currency: "GBP",
    tier: "T3",
    users: [{ email: "owner@thames.example", name: "Tom Owner", role: "owner", password: "owner-demo-2026" }],
    customers: [
      "Greenwich Opticians",
      "Kew Gardens Trust",
      "Lambeth Legal",
      "Mayfair Wealth",
      "Richmond Rowing Club",
    ],
  },
];
