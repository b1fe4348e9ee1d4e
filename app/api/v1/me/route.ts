import { getMe } from "@/lib/api/v1/resources/keys";

export const dynamic = "force-dynamic";

export const GET = getMe.handle;
