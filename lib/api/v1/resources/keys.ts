import "server-only";
import { z } from "zod";
import { apiOperation } from "../operation";

const meSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().meta({ description: "The key's visible start.", example: "tl_AbC12xYz" }),
    scopes: z.array(z.enum(["read", "write"])),
    owner: z.enum(["distributor", "reseller"]),
    resellerId: z.string().nullable().meta({ description: "The reseller a reseller key belongs to." }),
  })
  .meta({ id: "ApiKey" });

export const getMe = apiOperation({
  method: "get",
  path: "/me",
  operationId: "getMe",
  summary: "The key making the request",
  description: "Who the key belongs to and what it may do: a quick check that a key works.",
  tag: "Keys",
  response: { description: "The key.", schema: meSchema },
  handler: async (_input, ctx) => ({
    id: ctx.key.id,
    name: ctx.key.name,
    prefix: ctx.key.prefix,
    scopes: ctx.key.scopes,
    owner: ctx.key.resellerId ? "reseller" : "distributor",
    resellerId: ctx.key.resellerId,
  }),
});

export const keyOperations = [getMe];
