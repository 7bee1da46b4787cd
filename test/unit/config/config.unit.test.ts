import { CURRENT_MODEL_VERSION } from '../../../src/classify';
import { ConfigError, loadConfig } from '../../../src/config';

const load = (env: Record<string, string>) => loadConfig(env, '/nonexistent/.env');

describe('CLASSIFIER_MODEL', () => {
  test('defaults to the current model', () => {
    expect(load({}).classifierModel).toBe(CURRENT_MODEL_VERSION);
    expect(load({ CLASSIFIER_MODEL: '  ' }).classifierModel).toBe(CURRENT_MODEL_VERSION);
  });

  test('names another shipped model, or the rules', () => {
    expect(load({ CLASSIFIER_MODEL: 'linear-6' }).classifierModel).toBe('linear-6');
    expect(load({ CLASSIFIER_MODEL: 'rules-1' }).classifierModel).toBe('rules-1');
  });

  test.each(['linear-99', '../linear-5', 'models/linear-5.json'])('rejects %s with a clear message', (version) => {
    expect(() => load({ CLASSIFIER_MODEL: version })).toThrow(ConfigError);
    expect(() => load({ CLASSIFIER_MODEL: version })).toThrow(/CLASSIFIER_MODEL: there is no model/);
  });
});

describe('sessions, PUBLIC_URL and TRUST_PROXY', () => {
  test('sessions default to 60 idle minutes and 12 hours; SESSION_TTL_HOURS still sets the absolute timeout', () => {
    expect(load({}).session).toEqual({ idleMs: 60 * 60_000, absoluteMs: 12 * 3600_000 });
    expect(load({ SESSION_TTL_HOURS: '8' }).session.absoluteMs).toBe(8 * 3600_000);
    expect(load({ SESSION_TTL_HOURS: '8', SESSION_ABSOLUTE_HOURS: '4', SESSION_IDLE_MINUTES: '15' }).session).toEqual({
      idleMs: 15 * 60_000,
      absoluteMs: 4 * 3600_000,
    });
  });

  test('SESSION_SECRET is still accepted, of any length', () => {
    expect(() => load({ SESSION_SECRET: 'short' })).not.toThrow();
  });

  test('PUBLIC_URL gives the dashboard’s origin', () => {
    expect(load({}).publicOrigin).toBeUndefined();
    expect(load({ PUBLIC_URL: 'https://ops.example.org/dashboard/' }).publicOrigin).toBe('https://ops.example.org');
    expect(() => load({ PUBLIC_URL: 'ftp://ops.example.org' })).toThrow(/PUBLIC_URL/);
  });

  test.each([
    [undefined, false],
    ['false', false],
    ['1', 1],
    ['loopback', ['loopback']],
    ['10.0.0.1, 192.0.2.0/24, ::1', ['10.0.0.1', '192.0.2.0/24', '::1']],
  ])('TRUST_PROXY=%s is %p', (value, expected) => {
    expect(load(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  test.each(['true', 'everyone', 'example.org'])('TRUST_PROXY=%s is refused with a clear message', (value) => {
    expect(() => load({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });
});

describe('first-response targets', () => {
  test('default to RailMadad’s figures: 8 minutes for emergencies and the safety categories, 15 for review, 37 routine', () => {
    expect(load({}).responseTargets).toEqual({
      triage: { emergency: 8, review: 15, routine: 37 },
      category: { medical: 8, security: 8, women_safety: 8, child: 8, safety_incident: 8 },
    });
  });

  test('are set per triage and per category', () => {
    const config = load({
      FIRST_RESPONSE_TARGET_MINUTES: '60',
      FIRST_RESPONSE_TARGET_REVIEW_MINUTES: '20',
      FIRST_RESPONSE_TARGET_EMERGENCY_MINUTES: '5',
      FIRST_RESPONSE_TARGETS: 'medical=5,catering=45',
    });
    expect(config.responseTargets).toEqual({ triage: { emergency: 5, review: 20, routine: 60 }, category: { medical: 5, catering: 45 } });
    expect(load({ FIRST_RESPONSE_TARGETS: 'none' }).responseTargets.category).toEqual({});
  });

  test.each([
    [{ FIRST_RESPONSE_TARGET_MINUTES: 'soon' }, /FIRST_RESPONSE_TARGET_MINUTES: a whole number of minutes/],
    [{ FIRST_RESPONSE_TARGET_EMERGENCY_MINUTES: '0' }, /FIRST_RESPONSE_TARGET_EMERGENCY_MINUTES: at least 1 minute/],
    [{ FIRST_RESPONSE_TARGET_REVIEW_MINUTES: '2.5' }, /FIRST_RESPONSE_TARGET_REVIEW_MINUTES: a whole number of minutes/],
    [{ FIRST_RESPONSE_TARGETS: 'medical:8' }, /FIRST_RESPONSE_TARGETS: "medical:8" is not category=minutes/],
    [{ FIRST_RESPONSE_TARGETS: 'dragons=8' }, /FIRST_RESPONSE_TARGETS: "dragons" is not a category/],
  ])('bad values fail at start with a clear message (%o)', (env, message) => {
    expect(() => load(env)).toThrow(ConfigError);
    expect(() => load(env)).toThrow(message);
  });
});

describe('PROJECTIONS', () => {
  test('defaults to every registered projection, and names a subset', () => {
    expect(load({}).projections).toEqual(['tweets', 'complaint_history', 'analytics']);
    expect(load({ PROJECTIONS: ' ' }).projections).toEqual(['tweets', 'complaint_history', 'analytics']);
    expect(load({ PROJECTIONS: 'complaint_history, tweets,tweets' }).projections).toEqual(['complaint_history', 'tweets']);
  });

  test.each(['history', ',', 'tweets,nope'])('rejects %j with the names it knows', (value) => {
    expect(() => load({ PROJECTIONS: value })).toThrow(/PROJECTIONS: comma-separated names of tweets, complaint_history/);
  });
});

describe('DB_READ_WORKERS', () => {
  const mysql = { DB_HOST: 'db.internal', DB_USER: 'railsewa', DB_PASSWORD: 'secret' };
  const readWorkers = (env: Record<string, string>) => {
    const { readStore } = load({ ...mysql, ...env });
    return readStore.engine === 'mysql' ? readStore.readWorkers : undefined;
  };

  test('two reader threads by default; 0 reads on the event loop', () => {
    expect(readWorkers({})).toBe(2);
    expect(readWorkers({ DB_READ_WORKERS: '4' })).toBe(4);
    expect(readWorkers({ DB_READ_WORKERS: '0' })).toBe(0);
  });

  test.each(['-1', '1.5', 'two', '17'])('rejects %j', (value) => {
    expect(() => load({ ...mysql, DB_READ_WORKERS: value })).toThrow(/DB_READ_WORKERS/);
  });
});
