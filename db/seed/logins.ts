import { demoBrand, demoResellers, demoStaff } from "./demo";
import type { SeedLogin } from "./index";

/** The demo logins, for printing on every start (passwords are the seed's, unless someone changed them). */
export function getSeedLogins(): SeedLogin[] {
  return [
    ...demoStaff.map((s) => ({
      area: "admin" as const,
      role: s.role,
      email: s.email,
      password: s.password,
      company: demoBrand.name,
    })),
    ...demoResellers.flatMap((r) =>
      r.users.map((u) => ({
        area: "portal" as const,
        role: u.role,
        email: u.email,
        password: u.password,
        company: r.name,
      })),
    ),
  ];
}
