import type { AdminRole } from '../commands/roles';

export interface AdminChange {
  role?: AdminRole;
  disabled?: boolean;
}

export interface AdminState {
  username: string;
  role: AdminRole;
  disabled: boolean;
}

/**
 * Why a supervisor (`actor`; null for the operator at the command line, who is no admin) may not make this change,
 * or null when they may. A supervisor never locks themself out (no disabling or demoting themself), and the last
 * enabled supervisor stays one, so someone can always manage admins.
 */
export const refuseAdminChange = (actor: string | null, target: AdminState, change: AdminChange, enabledSupervisors: number): string | null => {
  const disables = change.disabled === true && !target.disabled;
  const demotes = change.role !== undefined && change.role !== 'supervisor' && target.role === 'supervisor';
  const changesRole = change.role !== undefined && change.role !== target.role;
  if (target.username === actor && (disables || changesRole)) {
    return 'you cannot disable yourself or change your own role: ask another supervisor';
  }
  if ((disables || demotes) && target.role === 'supervisor' && !target.disabled && enabledSupervisors <= 1) {
    const first = actor === null ? 'create another supervisor first (railsewa admin create NAME --role supervisor)' : 'make another admin a supervisor first';
    return `${target.username} is the last enabled supervisor: ${first}`;
  }
  return null;
};
