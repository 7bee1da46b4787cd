import { refuseAdminChange, type AdminState } from '../../../src/read-api/admin-rules';

const supervisor = (username: string, disabled = false): AdminState => ({ username, role: 'supervisor', disabled });

describe('refuseAdminChange: what a supervisor may change', () => {
  it('refuses disabling or re-roling oneself, allows a no-op and enabling', () => {
    expect(refuseAdminChange('boss', supervisor('boss'), { disabled: true }, 3)).toMatch(/yourself/);
    expect(refuseAdminChange('boss', supervisor('boss'), { role: 'viewer' }, 3)).toMatch(/own role/);
    expect(refuseAdminChange('boss', supervisor('boss'), { role: 'supervisor', disabled: false }, 3)).toBeNull();
  });

  it('keeps the last enabled supervisor', () => {
    expect(refuseAdminChange('boss', supervisor('ravi'), { disabled: true }, 1)).toMatch(/last enabled supervisor/);
    expect(refuseAdminChange('boss', supervisor('ravi'), { role: 'responder' }, 1)).toMatch(/last enabled supervisor/);
    expect(refuseAdminChange('boss', supervisor('ravi'), { disabled: true }, 2)).toBeNull();
    expect(refuseAdminChange('boss', supervisor('ravi', true), { role: 'viewer' }, 1)).toBeNull();
  });

  it('keeps the last enabled supervisor against the operator at the command line too, naming the command that helps', () => {
    expect(refuseAdminChange(null, supervisor('ravi'), { disabled: true }, 1)).toMatch(/ravi is the last enabled supervisor: .*railsewa admin create NAME --role supervisor/);
    expect(refuseAdminChange(null, supervisor('ravi'), { disabled: true }, 2)).toBeNull();
    expect(refuseAdminChange(null, supervisor('ravi', true), { disabled: false }, 0)).toBeNull();
  });

  it('lets others be changed freely', () => {
    expect(refuseAdminChange('boss', { username: 'asha', role: 'responder', disabled: false }, { role: 'viewer', disabled: true }, 1)).toBeNull();
  });
});
