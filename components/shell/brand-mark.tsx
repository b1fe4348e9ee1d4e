import type { Brand } from "@/lib/branding";

export function BrandMark({
  brand,
  size = "md",
}: {
  brand: Pick<Brand, "name" | "logoUrl">;
  size?: "sm" | "md";
}) {
  const box = size === "sm" ? "h-7 w-7 text-xs" : "h-9 w-9 text-sm";
  return (
    <span className="inline-flex items-center gap-2.5">
      {brand.logoUrl ? (
        // biome-ignore lint/performance/noImgElement: logos come from admin-provided URLs of any host.
        <img src={brand.logoUrl} alt="" className={`${box} rounded-md object-contain`} />
      ) : (
        <span
          aria-hidden
          className={`${box} inline-flex items-center justify-center rounded-md bg-brand font-bold text-brand-contrast`}
        >
          {brand.name.slice(0, 1)}
        </span>
      )}
      <span className="font-semibold tracking-tight">{brand.name}</span>
    </span>
  );
}
