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
