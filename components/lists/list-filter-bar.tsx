import Form from "next/form";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import type { ListLinks } from "@/lib/lists/url";

export type ListFilterField =
  | {
      kind: "select";
      name: string;
      label: string;
      options: { value: string; label: string }[];
      anyLabel?: string;
    }
  | { kind: "date" | "month" | "amount" | "text"; name: string; label: string; hint?: string };

/**
 * A list's filters as a GET form: submitting puts them in the URL (back, reload and a shared link keep
 * them) and starts at the first page. Sort and page size ride along as hidden fields.
 */
export function ListFilterBar({
  links,
  search,
  fields,
  values,
  errors,
  carry = [],
}: {
  links: ListLinks;
  search: { label: string; placeholder?: string; hint?: string };
  fields: ListFilterField[];
  /** The current filters and search, as the URL has them. */
  values: Record<string, string | undefined>;
  errors: Record<string, string[] | undefined>;
  /** Filters set elsewhere on the page (e.g. status tabs) that the form keeps as they are. */
  carry?: string[];
}) {
  const keep = ["sort", "dir", "size", ...carry];
  const kept = Object.entries(links.query).filter(([key]) => keep.includes(key));
  return (
    // Keyed by the state: after a link changes it (Clear, back), the inputs show the URL's values again.
    <Form
      key={JSON.stringify(links.query)}
      action={links.path}
      role="search"
      aria-label={search.label}
      className="mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      {kept.map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <div className="grid min-w-0 grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field
          className="sm:col-span-2"
          type="search"
          name="q"
          label={search.label}
          placeholder={search.placeholder}
          hint={search.hint}
          defaultValue={values.q ?? ""}
          errors={errors.q}
          maxLength={100}
        />
        {fields.map((f) =>
          f.kind === "select" ? (
            <SelectField
              key={f.name}
              name={f.name}
              label={f.label}
              defaultValue={values[f.name] ?? ""}
              errors={errors[f.name]}
            >
              <option value="">{f.anyLabel ?? "Any"}</option>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </SelectField>
          ) : (
            <Field
              key={f.name}
              name={f.name}
              label={f.label}
              type={f.kind === "amount" ? "text" : f.kind}
              inputMode={f.kind === "amount" ? "decimal" : undefined}
              placeholder={f.kind === "amount" ? "0.00" : f.kind === "month" ? "YYYY-MM" : undefined}
              hint={f.hint}
              defaultValue={values[f.name] ?? ""}
              errors={errors[f.name]}
            />
          ),
        )}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass("primary")}>
          Apply filters
        </button>
        {links.isFiltered && (
          <Link href={links.clearHref} className={buttonClass("ghost")}>
            Clear
          </Link>
        )}
      </div>
    </Form>
  );
}
