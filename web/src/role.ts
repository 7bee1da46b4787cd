/** The signed-in admin and what their role lets the dashboard offer (the server checks every request again). */
export type AdminRole = 'viewer' | 'responder' | 'supervisor';

const RANK: Record<AdminRole, number> = { viewer: 0, responder: 1, supervisor: 2 };

export const signedIn: { username: string; role: AdminRole } = { username: '', role: 'viewer' };

export const setSignedIn = (username: string, role: string | undefined): void => {
  signedIn.username = username;
  signedIn.role = role === 'supervisor' || role === 'responder' ? role : 'viewer';
};

/** responder: respond, relabel and work on complaints; supervisor: also assign to others and reopen */
export const may = (needed: AdminRole): boolean => RANK[signedIn.role] >= RANK[needed];
