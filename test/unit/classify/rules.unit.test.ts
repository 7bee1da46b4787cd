import { CATEGORIES, classifyWithRules, type Category } from '../../../src/classify';

const classify = classifyWithRules;

type Case = [text: string, emergency: 0 | 1, category: Category];

const english: Case[] = [
  ['Train 12951 coach B3, a man is harassing women, PNR 4512791357', 1, 'women_safety'],
  ['Two drunk men are abusing and threatening passengers in S4, please send RPF', 1, 'security'],
  ['Someone just snatched my phone near the door in coach S2', 1, 'security'],
  ['My father collapsed in coach A1 berth 12, he is unconscious, need a doctor at the next station', 1, 'medical'],
  ['Pregnant lady in labour pain in coach S9, please arrange an ambulance', 1, 'medical'],
  ['Smoke is coming out of the pantry car, people are panicking', 1, 'safety_incident'],
  ['Fire in coach B2 of train 12302!!', 1, 'safety_incident'],
  ['My 6 year old son is missing at platform 4 of Kanpur station', 1, 'child'],
  ['I am a woman travelling alone and a group of men keep staring at me, I feel unsafe', 1, 'women_safety'],
  ['Huge crowd at the footbridge, people are pushing, risk of stampede', 1, 'safety_incident'],
  ['Urgent: refund for my cancelled ticket still not received, PNR 4512791357', 0, 'ticketing'],
  ['Train late help', 0, 'punctuality'],
  ['AC not working urgent', 0, 'electrical'],
  ['Emergency!! Train 12951 running 6 hours late, help us', 0, 'punctuality'],
  ['Toilets in S5 are filthy and stinking, please clean them', 0, 'cleanliness'],
  ['No water in the washroom of coach B1 since morning', 0, 'water'],
  ['Food served in the pantry was stale and cold', 0, 'catering'],
  ['The TTE was very rude and shouted at my parents', 0, 'staff_behaviour'],
  ['TTE demanded 500 rupees to give us a berth, no receipt', 0, 'corruption'],
  ['Still on waiting list WL 12, will my ticket get confirmed?', 0, 'reservation_berth'],
  ['Blanket and bedsheet not provided in 3AC', 0, 'bedroll'],
  ['Window shutter is broken and does not close', 0, 'maintenance'],
  ['My luggage was left at the parcel office, how do I get it back?', 0, 'luggage'],
  ['No wheelchair available for my disabled mother at the station', 0, 'divyangjan'],
  ['Nice journey, thanks Indian Railways', 0, 'other'],
  // past incidents, news and loose uses of danger words
  ["Yesterday's accident news is so sad, prayers for the families", 0, 'safety_incident'],
  ['There is no fire extinguisher in the coach', 0, 'maintenance'],
  ['I am sick of these delays', 0, 'punctuality'],
  ['Ticket prices are daylight robbery', 0, 'ticketing'],
  ['Thanks to RPF who caught the thief last week', 0, 'security'],
];

const hindi: Case[] = [
  ['कोच S7 में आग लगी है, जल्दी मदद भेजिए', 1, 'safety_incident'],
  ['डिब्बे से धुआं निकल रहा है', 1, 'safety_incident'],
  ['एक आदमी लड़की को छेड़ रहा है, कोच B4', 1, 'women_safety'],
  ['मेरी माँ की तबीयत खराब है, डॉक्टर चाहिए', 1, 'medical'],
  ['मेरा बच्चा स्टेशन पर खो गया है, कृपया मदद करें', 1, 'child'],
  ['चोर ने मेरा बैग चुरा लिया, ट्रेन 12951', 1, 'security'],
  ['शराब पीकर कुछ लोग झगड़ा कर रहे हैं', 1, 'security'],
  ['ट्रेन पांच घंटे लेट है, बहुत परेशानी है, तुरंत मदद करें', 0, 'punctuality'],
  ['शौचालय बहुत गंदा है और बदबू आ रही है', 0, 'cleanliness'],
  ['कोच में पानी नहीं है', 0, 'water'],
  ['खाना बासी था और चाय ठंडी', 0, 'catering'],
  ['टीटीई ने बर्थ के लिए पैसे मांगे', 0, 'corruption'],
  ['रिफंड अभी तक नहीं मिला, जल्दी करें', 0, 'ticketing'],
  ['कंबल और चादर गंदे हैं', 0, 'bedroll'],
  ['एसी काम नहीं कर रहा, बहुत गर्मी है', 0, 'electrical'],
  ['कल की दुर्घटना की खबर बहुत दुखद है', 0, 'safety_incident'],
  ['कोच में आग नहीं लगी, सिर्फ अफवाह थी', 0, 'safety_incident'],
];

const hinglish: Case[] = [
  ['coach S7 me aag lag gayi hai jaldi help bhejo', 1, 'safety_incident'],
  ['ek aadmi ladkiyon ko ched raha hai coach B2 me', 1, 'women_safety'],
  ['meri beti ki tabiyat kharab hai, doctor bhejo', 1, 'medical'],
  ['mera bachcha platform pe kho gaya hai', 1, 'child'],
  ['chor ne mera mobile chura liya abhi abhi', 1, 'security'],
  ['kuch log daaru pee ke jhagda kar rahe hain', 1, 'security'],
  ['train 4 ghante late hai, urgent help chahiye', 0, 'punctuality'],
  ['toilet bahut ganda hai, safai nahi hui', 0, 'cleanliness'],
  ['coach me paani nahi hai', 0, 'water'],
  ['khana bahut bekar tha', 0, 'catering'],
  ['TTE ne extra paise maange', 0, 'corruption'],
  ['refund abhi tak nahi aaya, paise wapas karo', 0, 'ticketing'],
  ['AC band hai, garmi se bura haal', 0, 'electrical'],
  ['meri seat pe koi aur baitha hai', 0, 'reservation_berth'],
  ['kambal nahi diya', 0, 'bedroll'],
];

describe.each([
  ['English', english],
  ['Hindi', hindi],
  ['Hinglish', hinglish],
])('%s', (_language, cases) => {
  test.each(cases)('%s → emergency %i, %s', (text, emergency, category) => {
    const result = classifyWithRules(text);
    expect({ emergency: result.emergency, category: result.category }).toEqual({ emergency, category });
  });
});

describe('classification shape', () => {
  const result = classify('Train 12951 coach B3 berth 23, a man is harassing women, PNR 4512791357');

  test('carries the extraction', () => {
    expect(result).toMatchObject({ pnr: '4512791357', train: '12951', coach: 'B3', berth: '23' });
  });

  test('an emergency in a security-like category has priority 1 and names its words', () => {
    expect(result).toMatchObject({ emergency: 1, category: 'women_safety', priority: 1, modelVersion: 'rules-1' });
    expect(result.keywords).toContain('harassing');
  });

  test.each([
    ['a man is harassing women in coach B3', 1],
    ['someone is smoking in the toilet', 3],
    ['toilet is dirty', 4],
    ['hello', 5],
  ])('priority of %s is %i', (text, priority) => expect(classify(text).priority).toBe(priority));

  test.each(english.concat(hindi, hinglish).map(([text]) => [text]))('%s: fields in range', (text) => {
    const r = classify(text);
    expect(r.confidence).toBeGreaterThanOrEqual(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(r.keywords.length).toBeLessThanOrEqual(5);
    expect(CATEGORIES).toContain(r.category);
  });

  test('keywords never exceed five and come without duplicates', () => {
    const r = classify('fire fire smoke smoke fire, burning, flames, sparks, short circuit, accident, derailed');
    expect(r.keywords.length).toBeLessThanOrEqual(5);
    expect(new Set(r.keywords).size).toBe(r.keywords.length);
  });

  test('languages are told apart', () => {
    expect(classify('coach me paani nahi hai').language).toBe('hinglish');
    expect(classify('कोच में पानी नहीं है').language).toBe('hi');
    expect(classify('no water in coach').language).toBe('en');
  });
});

test('classify keeps up with bursts: over 10,000 texts/s of CPU time even on a busy machine (bench: ~50,000+)', () => {
  const texts = english.concat(hindi, hinglish).map(([text]) => text);
  for (const t of texts) classify(t);
  const start = process.cpuUsage();
  let n = 0;
  for (let round = 0; round < 100; round++) for (const t of texts) n += classify(t).emergency >= 0 ? 1 : 0;
  const used = process.cpuUsage(start);
  expect(n / ((used.user + used.system) / 1e6)).toBeGreaterThan(10_000);
});
