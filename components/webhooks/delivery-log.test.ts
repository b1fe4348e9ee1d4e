import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseListParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";
import { type DeliveryView, deliveryListSpec } from "@/lib/webhooks/deliveries";
import { DeliveryLog } from "./delivery-log";

const delivery: DeliveryView = {
  id: "6f1c1c9e-1b7e-4a59-9d7f-4c6f2a3b5d01",
  eventId: "0b6a3c1e-8a47-4d4b-9b7f-1d2c3e4f5a6b",
  eventType: "invoice.issued",
  createdAt: new Date("2026-11-01T10:00:00Z"),
  status: "delivered",
  attempts: 3,
  responseStatus: 200,
  nextAttemptAt: new Date("2026-11-01T10:00:00Z"),
  deliveredAt: new Date("2026-11-01T10:00:03Z"),
  log: [1, 2, 3].map((attempt) => ({
    attempt,
    trigger: "automatic" as const,
    startedAt: new Date("2026-11-01T10:00:00Z"),
    durationMs: 12,
    responseStatus: attempt < 3 ? 500 : 200,
    responseBody: attempt < 3 ? "try again later" : "thanks",
    error: null,
  })),
};

function render(query: Record<string, string>, deliveries: DeliveryView[]) {
  const params = parseListParams(deliveryListSpec, query);
  const page = {
    deliveries,
    nextCursor: null,
    prevCursor: null,
    count: { value: deliveries.length, exact: true },
  };
  const links = listLinks("/admin/webhooks/e1", deliveryListSpec, params, page);
  return renderToStaticMarkup(
    h(DeliveryLog, {
      log: { page, params, links },
      paused: false,
      canRedeliver: true,
      redeliverAction: async () =>
        ({ ok: true, data: { delivered: true, attempt: 4, responseStatus: 200 } }) as never,
    }),
  );
}

describe("DeliveryLog", () => {
  it("shows each delivery as a disclosure with its attempts, filters, order, export and count", () => {
    const html = render({ status: "delivered" }, [delivery]);
    expect(html).toContain("<details");
    expect(html).toContain("3 attempts, last HTTP 200");
    expect(html).toContain(delivery.eventId);
    expect(html).toContain('aria-label="Attempts of this invoice.issued delivery"');
    expect(html).toContain('href="/admin/webhooks/e1/export?status=delivered"');
    expect(html).toContain('aria-label="Order of the deliveries"');
    expect(html).toContain("1 delivery");
    expect(html).toMatch(/<option value="delivered" selected="">delivered<\/option>/);
  });

  it("says when nothing matches the filters, and when there is nothing yet", () => {
    expect(render({ event: "invoice.paid" }, [])).toContain("No deliveries match these filters");
    expect(render({}, [])).toContain("No deliveries yet");
  });
});
