import { extract, extractBerth, extractCoach, extractPnr, extractTrain } from '../../../src/classify';

describe('extractPnr', () => {
  test.each([
    ['PNR 4512791357 coach B3', '4512791357'],
    ['pnr no: 4512791357', '4512791357'],
    ['PNR-4512791357', '4512791357'],
    ['PNR:4512791357 please check', '4512791357'],
    ['my pnr number is 8823401176', '8823401176'],
    ['booked ticket 2245167890 still waiting', '2245167890'],
    ['PNR 9123456780 (yes it starts with 9)', '9123456780'],
    ['पीएनआर 4512791357 की स्थिति बताइए', '4512791357'],
    ['पीएनआर ४५१२७९१३५७ वेटिंग में है', '4512791357'],
    ['call me on 9876543210 PNR 4512791357', '4512791357'],
    ['mobile 9876543210, pnr 4512791357', '4512791357'],
  ])('%s → %s', (text, pnr) => expect(extractPnr(text)).toBe(pnr));

  test.each([
    ['call me on 9876543210'],
    ['my mobile no. 8765432109 please call back'],
    ['contact: 7012345678'],
    ['whatsapp 9988776655 for details'],
    ['phone 6123456789'],
    ['मोबाइल 9876543210 पर संपर्क करें'],
    ['+91 9876543210'],
    ['+919876543210'],
    ['09876543210'],
    ['reach me at 98765-43210'],
    ['number 98765 43210'],
    ['no numbers here at all'],
    ['train 12951 berth 23'],
    ['account 123456789012 debited'],
  ])('%s → no PNR', (text) => expect(extractPnr(text)).toBeNull());
});

describe('extractTrain', () => {
  test.each([
    ['train 12951 coach B3', '12951'],
    ['12951 Rajdhani is late', '12951'],
    ['ट्रेन 12951 में', '12951'],
    ['train no. 02417 special', '02417'],
    ['gaadi 22691 late hai', '22691'],
    ['Rs 12000 refund and train 12302', '12302'],
    ['stuck in 14005 since morning', '14005'],
  ])('%s → %s', (text, train) => expect(extractTrain(text)).toBe(train));

  test.each([
    ['PNR 4512791357'],
    ['call 98765-43210'],
    ['paid Rs 12000 for this'],
    ['₹15000 refund pending'],
    ['pin 110001'],
    ['no numbers'],
  ])('%s → no train', (text) => expect(extractTrain(text)).toBeNull());
});

describe('extractCoach', () => {
  test.each([
    ['coach b3 berth 23', 'B3'],
    ['in coach B-3 now', 'B3'],
    ['S7 is dirty', 'S7'],
    ['कोच B3 में आग', 'B3'],
    ['A1 coach AC not working', 'A1'],
    ['H1 cabin', 'H1'],
    ['GS coach is overcrowded', 'GS'],
    ['coach gs', 'GS'],
    ['M2 chair car', 'M2'],
    ['seat 45 in C4', 'C4'],
    ['D1 second sitting', 'D1'],
    ['E1 executive', 'E1'],
    ['dibba s-10 me', 'S10'],
  ])('%s → %s', (text, coach) => expect(extractCoach(text)).toBe(coach));

  test.each([['the food was bad'], ['a1 quality service'], ['MH12AB1234 car parked'], ['PNR 4512791357']])(
    '%s → no coach',
    (text) => expect(extractCoach(text)).toBeNull(),
  );
});

describe('extractBerth', () => {
  test.each([
    ['berth 23', '23'],
    ['seat 45 in C4', '45'],
    ['seat no. 7', '7'],
    ['berth no: 64', '64'],
    ['बर्थ 23 पर कोई और बैठा है', '23'],
    ['B3/23', '23'],
  ])('%s → %s', (text, berth) => expect(extractBerth(text)).toBe(berth));

  test.each([['lower berth not given'], ['seats are dirty']])('%s → no berth', (text) =>
    expect(extractBerth(text)).toBeNull(),
  );
});

test('extract finds every field in one message', () => {
  expect(extract('Train 12951 coach B3 berth 23, PNR 4512791357, call 9876543210')).toEqual({
    pnr: '4512791357',
    train: '12951',
    coach: 'B3',
    berth: '23',
  });
});
