/** What an admin may do: viewers read; responders work on any complaint; supervisors also assign to others, reopen and manage admins. */
export const ADMIN_ROLES = ['viewer', 'responder', 'supervisor'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

const RANK: Record<AdminRole, number> = { viewer: 0, responder: 1, supervisor: 2 };

/** Whether `role` includes everything `needed` may do (roles are nested: supervisor ⊃ responder ⊃ viewer). */
export const roleAtLeast = (role: AdminRole, needed: AdminRole): boolean => RANK[role] >= RANK[needed];

export const isAdminRole = (value: unknown): value is AdminRole => (ADMIN_ROLES as readonly unknown[]).includes(value);
