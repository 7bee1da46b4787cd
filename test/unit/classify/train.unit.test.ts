import { classifyWithModel, modelFromJson, modelToJson, scoreFeatures } from '../../../src/classify/linear';
import { extractFeatures } from '../../../src/classify/features';
import { pickThreshold, train, type TrainingRow } from '../../../src/classify/train';

// A small made-up set: fires and fainting are emergencies, delays and refunds are not, whatever the wording.
const toy: TrainingRow[] = [];
const places = ['coach S1', 'coach B2', 'the pantry', 'coach A1', 'coach GS', 'the toilet', 'coach M3', 'coach H1'];
places.forEach((place, i) => {
  toy.push({ text: `fire and smoke in ${place}`, emergency: 1, category: 'safety_incident', group: `fire${i}` });
  toy.push({ text: `a passenger fainted in ${place}, need doctor`, emergency: 1, category: 'medical', group: `faint${i}` });
  toy.push({ text: `train is late again near ${place}, urgent`, emergency: 0, category: 'punctuality', group: `late${i}` });
  toy.push({ text: `refund not received for ticket, ${place}`, emergency: 0, category: 'ticketing', group: `refund${i}` });
});
const options = { epochs: 8, threshold: 0.5, seed: 3 } as const;

describe('train', () => {
  const model = train(toy, options);

  test('is deterministic for a seed', () => {
    const again = train(toy, options);
    expect(again.emergencyWeights).toEqual(model.emergencyWeights);
    expect(again.categoryWeights).toEqual(model.categoryWeights);
    expect(again.emergencyBias).toBe(model.emergencyBias);
  });

  test('a different seed changes the order of updates and so the weights', () => {
    expect(train(toy, { ...options, seed: 4 }).emergencyWeights).not.toEqual(model.emergencyWeights);
  });

  test('learns its training rows', () => {
    for (const row of toy) {
      const c = classifyWithModel(model, row.text);
      expect([row.text, c.emergency, c.category]).toEqual([row.text, row.emergency, row.category]);
    }
  });

  test('generalises to new wording of the same things', () => {
    expect(classifyWithModel(model, 'smoke coming out of coach D4')).toMatchObject({ emergency: 1, category: 'safety_incident' });
    expect(classifyWithModel(model, 'my refund is still not received')).toMatchObject({ emergency: 0, category: 'ticketing' });
  });

  test('the loss goes down with more epochs', () => {
    const loss = (epochs: number) => {
      const m = train(toy, { ...options, epochs });
      return toy.reduce((sum, r) => {
        const p = scoreFeatures(m, extractFeatures(r.text)).emergency;
        return sum - Math.log(r.emergency ? p : 1 - p);
      }, 0);
    };
    expect(loss(4)).toBeLessThan(loss(1));
  });

  test('a higher weight on emergencies raises their probability', () => {
    const p = (positiveWeight: number) =>
      scoreFeatures(train(toy, { ...options, epochs: 2, positiveWeight }), extractFeatures('fire in coach S9')).emergency;
    expect(p(4)).toBeGreaterThan(p(1));
  });

  test('reports progress over every epoch of every run', () => {
    const seen: [number, number][] = [];
    train(toy, { ...options, epochs: 3, threshold: 'auto', onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6].map((done) => [done, 6]));
  });

  test('rejects a row with an unknown category', () => {
    expect(() => train([{ text: 'x', emergency: 0, category: 'nonsense' as never }], options)).toThrow(/unknown category/);
  });

  test('the model file round trip keeps the decisions', () => {
    const loaded = modelFromJson(JSON.parse(JSON.stringify(modelToJson(model))));
    for (const row of toy) {
      const a = classifyWithModel(model, row.text);
      const b = classifyWithModel(loaded, row.text);
      expect([b.emergency, b.category]).toEqual([a.emergency, a.category]);
    }
    expect(loaded.threshold).toBe(model.threshold);
    expect(loaded.version).toBe(model.version);
  });

  test('an auto threshold is taken from held-back groups', () => {
    const auto = train(toy, { ...options, threshold: 'auto' });
    expect(auto.threshold).toBeGreaterThan(0);
    expect(auto.threshold).toBeLessThan(1);
  });
});

describe('pickThreshold', () => {
  test('prefers catching every emergency over a few false alarms', () => {
    // emergencies at 0.3 and 0.9; false alarms at 0.35 and 0.2
    expect(pickThreshold([1, 1, 0, 0], [0.3, 0.9, 0.35, 0.2])).toBeLessThanOrEqual(0.3);
  });

  test('moves above the false alarms when that costs no emergency', () => {
    const t = pickThreshold([1, 1, 0, 0], [0.8, 0.9, 0.3, 0.2]);
    expect(t).toBeGreaterThan(0.3);
    expect(t).toBeLessThanOrEqual(0.8);
  });
});
