/** Links into the sign-up flow with the tier and currency the visitor was looking at. */
export function chooseHref(tier: string, currency: string): string {
  return `/signup?${new URLSearchParams({ tier, currency }).toString()}`;
}

export function trialHref(tier: string, currency: string): string {
  return `/signup?${new URLSearchParams({ tier, trial: "1", currency }).toString()}`;
}
