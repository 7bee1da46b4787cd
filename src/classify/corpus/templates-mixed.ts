import type { TemplateSet } from './template';

/** Devanagari with English words mixed in, as many posts are written. */
export const MIXED: TemplateSet[] = [
  { category: 'security', emergency: 1, templates: ['{mobile|purse|bag} अभी {चोरी हो गया|snatch हो गया} coach $coach में, RPF please help', 'coach $coach में {drunk लोग|कुछ goons} {fight कर रहे हैं|passengers को threat दे रहे हैं}, please send police'] },
  { category: 'women_safety', emergency: 1, templates: ['एक आदमी {lady passengers|एक girl} को {harass कर रहा है|touch कर रहा है} coach $coach में, please help', 'मैं अकेली हूँ coach $coach में और {कोई follow कर रहा है|एक आदमी stare कर रहा है}, unsafe feel हो रहा है'] },
  { category: 'medical', emergency: 1, templates: ['मेरी {mother|wife} {unconscious हैं|को chest pain है} coach $coach में, doctor चाहिए {next station पर|जल्दी}', 'एक passenger {बेहोश हो गया|को heart attack आया} train $train में, ambulance please'] },
  { category: 'child', emergency: 1, templates: ['मेरा बच्चा platform $platform पर missing है, please help', 'एक small child coach $coach में अकेला रो रहा है, parents नहीं मिल रहे'] },
  { category: 'safety_incident', emergency: 1, templates: ['coach $coach में {fire लगी है|smoke आ रहा है}, please help जल्दी', 'train $train {derail हो गई|का accident हो गया} $station के पास, लोग injured हैं'] },
  { category: 'punctuality', emergency: 0, templates: ['ट्रेन $train {$hours घंटे late है|cancel हो गई}, कोई update नहीं, please help', 'train $train फिर से late है, urgent है please reply'] },
  { category: 'electrical', emergency: 0, templates: ['coach $coach में AC काम नहीं कर रहा, बहुत गर्मी है', 'charging point और light दोनों खराब हैं coach $coach में'] },
  { category: 'ticketing', emergency: 0, templates: ['refund अभी तक नहीं आया PNR $pnr, IRCTC please check', 'payment कट गया लेकिन ticket book नहीं हुआ, urgent help'] },
  { category: 'cleanliness', emergency: 0, templates: ['toilet बहुत dirty है coach $coach में, smell आ रही है', 'coach $coach में garbage पड़ा है, cleaning staff नहीं आया'] },
  { category: 'corruption', emergency: 0, templates: ['TTE ने berth के लिए extra पैसे मांगे, receipt नहीं दी', 'coach attendant blanket के लिए पैसे मांग रहा है'] },
  { category: 'catering', emergency: 0, templates: ['pantry का food quality बहुत खराब है train $train में', 'tea के लिए vendor MRP से ज्यादा charge कर रहा है'] },
  { category: 'reservation_berth', emergency: 0, templates: ['ticket waiting list में है, confirm होगा क्या? PNR $pnr', 'मेरी berth $berth पर कोई और बैठा है, TTE नहीं मिल रहा'] },
  { category: 'water', emergency: 0, templates: ['coach $coach के toilet में water नहीं है सुबह से', 'platform $platform पर drinking water नहीं है'] },
  { category: 'staff_behaviour', emergency: 0, templates: ['TTE का behaviour बहुत rude था, सबके सामने चिल्लाया'] },
  { category: 'bedroll', emergency: 0, templates: ['blanket और bedsheet गंदे हैं coach $coach में'] },
  { category: 'maintenance', emergency: 0, templates: ['coach $coach की window टूटी हुई है, बंद नहीं होती'] },
  { category: 'luggage', emergency: 0, templates: ['मेरा bag train $train में छूट गया, please help'] },
  { category: 'other', emergency: 0, templates: ['thank you Indian Railways, बहुत अच्छी journey रही', '$station accident की news बहुत दुखद है, RIP'] },
];
