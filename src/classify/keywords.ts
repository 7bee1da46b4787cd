import type { Category } from './types';

/**
 * Keyword tables for the rule-based classifier, per language.
 *
 * A term is a small pattern: a space is any run of spaces, " .. " allows up to three words in between, a letter
 * followed by `*` is a stem (any letters may follow), `(a|b)` and `?` work as in a regex. Terms are lowercase.
 *
 * `danger` is how much one match counts towards Emergency (1 alone is enough); `topic` is how much it counts
 * towards the category. `personal` cues (harassment, staring, threats) count as women_safety when the text is about
 * a woman or girl, and as security otherwise. `fear` cues (unsafe, scared, alone) add up with each other.
 * `money` cues are ignored as danger when the text is about prices or fares ("loot", "daylight robbery").
 */
export interface KeywordRule {
  category: Category;
  topic: number;
  danger: number;
  personal?: boolean;
  fear?: boolean;
  money?: boolean;
  woman?: boolean;
  en: string[];
  hi: string[];
  hinglish: string[];
}

type Rule = Omit<KeywordRule, 'en' | 'hi' | 'hinglish'> & Partial<Pick<KeywordRule, 'en' | 'hi' | 'hinglish'>>;

const rules: Rule[] = [
  // ---- security
  {
    category: 'security', topic: 2, danger: 1,
    en: ['steal*', 'stole', 'stolen', 'theft', 'thief', 'thieves', 'snatch*', 'pickpocket*', 'robbed', 'robber*',
      'mugged', 'assault*', 'attack*', 'beating', 'beaten', 'beat (me|him|her|us)', 'hit (me|him|her|us)', 'slapp*',
      'punched', 'fight*', 'brawl', 'threat*', 'knife', 'knives', 'gun', 'pistol', 'weapon*', 'armed', 'drunk*',
      'intoxicated', 'goons', 'hooligan*', 'bomb', 'suspicious (bag|person|man|men|object|package|box)', 'dacoit*',
      'murder*', 'kill (me|him|her|us)', 'hitting (me|him|her|us|passengers)', 'unattended (bag|box|package)',
      'throw (us|me|him|her) out', 'has not come back', 'pulling bags'],
    hi: ['चोर', 'चोरी', 'चोरों', 'चुरा*', 'छीन*', 'मारपीट', 'मार रहे', 'मार रहा', 'पीट*', 'झगड़*', 'लड़ाई', 'शराब*',
      'नशे', 'नशा', 'नशेड़ी', 'चाकू', 'बंदूक', 'हथियार', 'धमकी', 'धमका*', 'गुंडे', 'गुंडा*', 'बदमाश*', 'जेबकतर*',
      'डकैती', 'बम'],
    hinglish: ['chor', 'choro', 'choron', 'chori', 'chory', 'chura*', 'chhin*', 'chheen*', 'cheen*', 'chin liya',
      'maar ?pi?e?e?t', 'marpit', 'maar rah*', 'mar rah*', 'pit rah*', 'peet rah*', 'jhagd*', 'jhagr*', 'ladai',
      'daaru', 'daru', 'sharab*', 'nashe', 'nasha', 'nashedi', 'chaku', 'chaaku', 'chakku', 'bandook', 'bandu?k',
      'dhamki*', 'dhamka*', 'gunde', 'gunda*', 'badmash*', 'jebkatr*', 'dakaiti'],
  },
  { category: 'security', topic: 1, danger: 0.6, money: true, en: ['loot*', 'robbery', 'rob'], hi: ['लूट*'], hinglish: ['loot*', 'lut liya', 'lut gay*'] },
  {
    category: 'security', topic: 1, danger: 0.5,
    en: ['by force', 'forcefully', 'forcibly', 'unauthori(s|z)ed (person|people|passenger|men)s?', 'extort*',
      'smoking', 'alcohol', 'nuisance', 'eunuchs?', 'transgenders?', 'hijras?', 'gambling'],
    hi: ['जबरदस्ती', 'ज़बरदस्ती', 'अवैध', 'किन्नर', 'हिजड़े', 'धूम्रपान', 'सिगरेट', 'उपद्रव'],
    hinglish: ['zabardasti', 'jabardasti', 'zabardast?i', 'kinnar', 'hijde', 'hijre', 'cigarette', 'beedi', 'bidi'],
  },
  { category: 'security', topic: 1.5, danger: 0, en: ['rpf', 'grp', 'police', 'security', 'guard (not|nahi)'], hi: ['आरपीएफ', 'पुलिस', 'सुरक्षा'], hinglish: ['rpf', 'police', 'suraksha'] },
  {
    category: 'security', topic: 1, danger: 1,
    en: ['(father|mother|husband|wife|brother|sister|uncle|aunt|grandfather|grandmother|friend|passenger|person|man|woman|old man|old woman) (is |has gone |went )?(missing|not found|lost)',
      'missing (passenger|person|man|woman|father|mother|husband|wife)'],
    hi: ['(पिता|पिताजी|माँ|मां|मम्मी|पापा|पति|पत्नी|भाई|बहन|दादा|दादी|नाना|नानी|यात्री) .. (लापता|गुम|नहीं मिल|खो)'],
    hinglish: ['(papa|pitaji|mummy|maa|pati|patni|bhai|behen|dada|dadi|nana|nani|yatri|passenger) .. (laapata|lapata|gum|gayab|kho gay|nahi mil)'],
  },
  // harassment and threats: women_safety when a woman or girl is involved, security otherwise
  {
    category: 'security', topic: 2, danger: 1, personal: true,
    en: ['harass*', 'misbehav* with (a |my )?(girl|woman|women|lady|ladies|female|wife|sister|daughter|mother)s?',
      'stalk*', 'staring at (me|her|us|women|girls|ladies)', 'following (me|her|us)', 'abusing (me|her|us|women|girls)',
      'touch(ing|ed) (me|her|us|women|girls|ladies|inappropriately|badly)', 'touch* inappropriately',
      'comments? on (me|her|us|women|girls)', 'passing comments?'],
    hi: ['परेशान कर रह*', 'घूर*', 'पीछा कर*', 'छू रह*', 'गलत तरीके से', 'गंदी बात*', 'गंदे इशारे', 'फब्ती*'],
    hinglish: ['pareshan kar rah*', 'ghoor*', 'ghur rah*', 'peecha kar*', 'picha kar*', 'chhu rah*', 'chu rah*',
      'galat tarike se', 'gandi baat*', 'gande ishare', 'comment kar rah*', 'tang kar rah*'],
  },
  // ---- women_safety
  {
    category: 'women_safety', topic: 3, danger: 1,
    en: ['molest*', 'eve ?-?teas*', 'grop*', 'rape', 'raped', 'sexual*', 'lewd', 'obscene', 'indecent*',
      'flashing', 'masturbat*', 'exposed himself', 'pressing (himself )?against', 'gandi harkat*', 'गंदी हरकत*'],
    hi: ['छेड़*', 'छेडछाड', 'अश्लील', 'बलात्कार', 'यौन', 'छेड़खानी'],
    hinglish: ['chhed*', 'ched rah*', 'chedkhani', 'chhedchhad', 'chhedkhani', 'ashleel', 'ganda touch',
      'galat touch', 'chhedkhani', 'chedchad'],
  },
  {
    category: 'women_safety', topic: 1, danger: 0.5, fear: true,
    en: ['unsafe', 'not safe', 'scared', 'afraid', 'frightened', 'terrified', 'fear', 'alone at night',
      'travel(l)?ing alone', 'all alone', 'alone in (the )?(coach|compartment|cabin)', 'feel(ing)? insecure'],
    hi: ['असुरक्षित', 'सुरक्षित नहीं', 'डर लग*', 'डरी', 'डरे हुए', 'डर के', 'अकेली', 'अकेले सफर', 'अकेले यात्रा'],
    hinglish: ['safe nahi', 'surakshit nahi', 'darr? lag*', 'dari hui', 'dari huyi', 'darr?e hue', 'akeli',
      'akele safar', 'akele travel'],
  },
  {
    category: 'women_safety', topic: 0.5, danger: 0, woman: true,
    en: ['wom(a|e)n', 'lady', 'ladies', 'girls?', 'female', 'my wife', 'my sister', 'my daughter', 'my mother',
      'daughter', 'her'],
    hi: ['महिला*', 'लड़की*', 'लड़कियों', 'औरत*', 'पत्नी', 'बहन', 'बेटी', 'लेडीज'],
    hinglish: ['mahila*', 'ladki*', 'aurat*', 'ladies', 'lady', 'patni', 'wife', 'behen', 'bahan', 'beti', 'girls?'],
  },
  // ---- medical
  {
    category: 'medical', topic: 3, danger: 1,
    en: ['unconscious', 'faint*', 'collaps*', 'heart attack', 'chest pain', 'breathing (problem|difficult|issue|trouble)',
      "can'?t breathe", 'cannot breathe', 'not breathing', 'breathless*', 'bleeding', 'injur*', 'fracture*', 'seizure*',
      'fits', 'epilep*', 'labou?r pain*', 'in labou?r', 'ambulance', 'medical (help|emergency|assistance|attention|aid)',
      'first aid', 'unwell', 'not (feeling )?well', 'high fever', 'food poisoning', 'snake ?bite', 'bitten',
      'paraly*', 'stroke', 'sugar (low|level|dropped)', 'low sugar', 'blood pressure', 'bp (low|high)', 'asthma*',
      'passed out', 'fell down', 'fallen down', 'fell from', 'need (a )?doctor', 'call (a )?doctor', 'severe pain',
      'stomach (pain|ache)', 'vomit*', 'diarrh?o?ea', 'loose motions?', 'dizz*', 'dehydrat*', 'suffocat*',
      'died', 'dead body', 'critical condition', 'not responding', 'lying on the floor', 'water (just )?broke'],
    hi: ['बेहोश*', 'तबीयत खराब', 'तबियत खराब', 'तबीयत बिगड़*', 'तबियत बिगड़*', 'बीमार*', 'उल्टी*', 'चक्कर',
      'खून', 'चोट*', 'घायल', 'गिर गय*', 'गिर पड़*', 'प्रसव', 'प्रसव पीड़ा', 'एम्बुलेंस', 'एंबुलेंस', 'दिल का दौरा',
      'हार्ट अटैक', 'मौत', 'मृत्यु', 'सांस (नहीं|लेने में)', 'साँस (नहीं|लेने में)', 'डॉक्टर (चाहिए|बुला*|भेज*)',
      'डाक्टर (चाहिए|बुला*|भेज*)', 'तेज बुखार', 'दम घुट*', 'दस्त', 'डिलीवरी'],
    hinglish: ['behosh*', 'behos', 'tabiyat kharab', 'tabiyat bigad*', 'tabiyat theek nahi', 'tabiyat thik nahi',
      'tabeeyat kharab', 'tabiyet kharab', 'bimar', 'beemar', 'bimaar', 'ulti*', 'chakkar', 'khoon', 'chot',
      'ghayal', 'gir gay*', 'gir pad*', 'prasav', 'dil ka daura', 'saans (nahi|lene me)', 'sans (nahi|lene me)',
      'doctor (chahiye|bulao|bhejo|bhejiye|ki zarurat|ki jarurat)', 'tez bukhar', 'tej bukhar', 'dum ghut*',
      'dast', 'maut', 'mar gay*', 'delivery (pain|hone)'],
  },
  {
    category: 'medical', topic: 2, danger: 0.5,
    en: ['doctor', 'medicine*', 'medical', 'sick', 'pregnan*', 'fever', 'pain', 'hurt', 'ill', 'insulin', 'diabet*',
      'elderly', 'old age', 'patient', 'hospital', 'wheezing', 'cough*', 'heat ?stroke'],
    hi: ['डॉक्टर', 'डाक्टर', 'दवा*', 'दवाई', 'गर्भवती', 'बुखार', 'दर्द', 'अस्पताल', 'मरीज', 'बुजुर्ग', 'बूढ़*'],
    hinglish: ['dawai', 'dawa', 'dava', 'davai', 'garbhvati', 'pregnant', 'bukhar', 'bukhaar', 'dard', 'hospital',
      'mariz', 'mareez', 'buzurg', 'bujurg', 'budhe', 'budhi'],
  },
  // ---- child
  {
    category: 'child', topic: 3, danger: 1,
    en: ['(child|kid|son|daughter|boy|girl|baby|toddler|infant|nephew|niece)s? (is |has |have |got |went |gone )*(missing|lost|not found|separated)',
      'missing (child|kid|son|daughter|boy|girl|baby|toddler|children|kids)', 'lost (my |our |a )?(child|kid|son|daughter|baby)',
      'kidnap*', 'abduct*', 'child trafficking', 'trafficking', 'unaccompanied (child|minor|kid)s?',
      '(child|kid|baby|boy|girl) .. (alone|crying alone)', 'without (his |her |their )?parents', 'dragging a (child|girl|boy|kid)',
      'trafficked'],
    hi: ['(बच्च*|बेटा|बेटी|बच्ची|भतीजा|भांजा) .. (खो गय*|गुम|लापता|नहीं मिल*|बिछड़*)', 'अपहरण', 'तस्करी', 'लापता',
      'अकेला रो रहा', 'बिना माता पिता'],
    hinglish: ['(bachch?a|bacch?a|bachch?i|bacch?i|bachch?e|bacch?e|beta|beti|baby|bhatija|bhanja) .. (kho gay*|gum|laapata|lapata|gayab|nahi mil*|bichhad*|bichad*)',
      'apahara?n', 'apharan', 'taskari', 'laapata', 'lapata', 'akela ro raha', 'bina maa baap'],
  },
  {
    category: 'child', topic: 1.5, danger: 0,
    en: ['child', 'children', 'kids?', 'baby', 'babies', 'infant', 'toddler', 'minor', 'milk for (baby|child)'],
    hi: ['बच्च*', 'शिशु', 'नाबालिग'],
    hinglish: ['bachch?a', 'bacch?a', 'bachch?e', 'bacch?e', 'bachch?on', 'bacch?on', 'bachch?i'],
  },
  // ---- safety incidents
  {
    category: 'safety_incident', topic: 3, danger: 1,
    en: ['fire', 'caught fire', 'on fire', 'flames?', 'blaze', 'smoke', 'smoky', 'burning', 'explosion', 'blast',
      'derail*', 'accident', 'accidents', 'collision', 'collided', 'collide', 'hit by (a |the )?train', 'run over',
      'fell (off|out of|from) (the )?(train|door)', 'stampede', 'crush*', 'gas leak*', 'crack (in|on) (the )?(track|rail|wheel)',
      'rail fracture', 'track (is )?(broken|damaged|cracked)', 'electrocut*', 'electric shock', 'live wire',
      'short ?circuit', 'sparks?', 'sparking', 'gas (cylinder )?leak*', 'fumes', 'people are (being )?crushed',
      'people are falling'],
    hi: ['आग', 'धुआं', 'धुआँ', 'धुंआ', 'धुँआ', 'धुंए', 'धुएं', 'धुएँ', 'लपटें', 'चिंगारी', 'पटरी से उतर*', 'हादसा', 'हादसे',
      'दुर्घटना', 'दुर्घटनाग्रस्त', 'टक्कर', 'भगदड़', 'करंट', 'शॉर्ट सर्किट', 'जलने की', 'विस्फोट', 'गैस लीक', 'लोग दब रहे', 'लोग गिर रहे'],
    hinglish: ['aag', 'dhua', 'dhuan', 'dhuaan', 'dhuwa', 'dhuan', 'dhuein', 'chingari', 'patri se utar*', 'hadsa',
      'haadsa', 'hadse', 'durghatna', 'takkar', 'bhagdad', 'bhagdar', 'current (lag*|maar*|aa raha)', 'jalne ki (smell|badboo|gandh|boo)',
      'jhatka laga', 'log dab rahe', 'log gir rahe'],
  },
  {
    category: 'safety_incident', topic: 1, danger: 0.5,
    en: ['danger*', 'risk', 'risky', 'could fall', 'might fall', 'may fall', 'fall out', 'falling', 'unsafe door',
      'door .. (broken|not closing|won.?t close|open|not locking|jammed)', 'overcrowd*', 'pushing', 'pushed', 'over ?crowded',
      'hanging wire', 'wires? hanging', 'exposed wire', 'life threatening'],
    hi: ['खतरा', 'खतरे', 'खतरनाक', 'दरवाज़ा .. (टूट*|बंद नहीं|खुला)', 'दरवाजा .. (टूट*|बंद नहीं|खुला)', 'भीड़',
      'धक्का*', 'धक्के', 'जान का', 'लटक रह*', 'तार'],
    hinglish: ['khatra', 'khatre', 'khatarnak', 'khatarnaak', '(darwaza|darwaja|gate) .. (toota|tuta|band nahi|khula)',
      'bheed', 'bhid', 'dhakka*', 'dhakke', 'jaan ka', 'wire latak*', 'taar latak*'],
  },
  // ---- divyangjan
  {
    category: 'divyangjan', topic: 3, danger: 0,
    en: ['wheel ?chairs?', 'disabled', 'disability', 'divyang*', 'handicap*', 'physically challenged', 'blind',
      'deaf', 'visually (impaired|challenged)', 'specially abled', 'differently abled', 'ramp', 'crutches',
      'amputee', 'polio', 'mute'],
    hi: ['दिव्यांग*', 'विकलांग*', 'व्हीलचेयर', 'व्हील चेयर', 'नेत्रहीन', 'अंधे', 'बहरे', 'बैसाखी', 'रैंप'],
    hinglish: ['divyang*', 'viklang*', 'wheelchair', 'andhe', 'andha', 'behre', 'baisakhi', 'apahij', 'apaahij'],
  },
  // ---- cleanliness
  {
    category: 'cleanliness', topic: 2, danger: 0,
    en: ['dirty', 'filthy', 'filth', 'garbage', 'trash', 'litter*', 'unclean', 'not clean', 'not cleaned', 'stink*',
      'stench', 'smell*', 'cockroach*', 'rats?', 'mice', 'rodents?', 'insects?', 'mosquito*', 'bed ?bugs?',
      'unhygienic', 'dustbin', 'sweep*', 'mop*', 'housekeeping', 'pests?', 'cleaning', 'cleanliness', 'swachh*',
      'overflow*', 'clogged', 'choked', 'dust', 'dusty', 'spit*', 'urine', 'poop', 'feces', 'faeces'],
    hi: ['गंदा', 'गंदी', 'गंदे', 'गंदगी', 'सफाई', 'साफ नहीं', 'साफ़ नहीं', 'कचरा', 'कूड़ा', 'कूड़े', 'बदबू', 'दुर्गंध',
      'कॉकरोच', 'तिलचट्टे', 'चूहे', 'चूहा', 'मच्छर', 'खटमल', 'कीड़े', 'धूल', 'स्वच्छ*', 'पेशाब'],
    hinglish: ['ganda', 'gandi', 'gande', 'gandagi', 'gandgi', 'safai', 'saaf nahi', 'kachra', 'kachda', 'kooda',
      'kuda', 'badboo', 'badbu', 'badbo', 'chuhe', 'chuha', 'machhar', 'machchar', 'khatmal', 'keede', 'kide',
      'dhool', 'dhul'],
  },
  { category: 'cleanliness', topic: 1, danger: 0, en: ['toilets?', 'washrooms?', 'lavatory', 'lavatories', 'bathrooms?', 'clean'], hi: ['शौचालय', 'टॉयलेट', 'बाथरूम'], hinglish: ['shauchalay', 'sauchalay', 'latrine'] },
  // ---- water
  {
    category: 'water', topic: 3, danger: 0,
    en: ['no water', 'water (is )?(not available|not coming|unavailable|shortage|supply|finished|over|problem|issue|empty)',
      'without water', 'drinking water', 'water tank', 'water (in|of) (the )?(toilet|washroom|coach)', 'water cooler',
      'water booth', 'water vending', 'no drinking', 'dry taps?', 'tap (is )?dry', 'out of water', 'ran out of water'],
    hi: ['पानी नहीं', 'पानी खत्म', 'पानी की (कमी|समस्या|व्यवस्था|टंकी)', 'पीने का पानी', 'पीने के पानी', 'नल .. (सूखे|नहीं)',
      'पानी नही'],
    hinglish: ['pani nahi', 'paani nahi', 'pani nhi', 'paani nhi', 'pani khatam', 'paani khatam', 'pani ki (kami|problem|dikkat|samasya|tanki)',
      'paani ki (kami|problem|dikkat|samasya|tanki)', 'peene ka pa?ani', 'pine ka pa?ani', 'nal (sukhe|me pani nahi)',
      'pani nai', 'paani nai', 'pani nahin', 'paani nahin'],
  },
  { category: 'water', topic: 1, danger: 0, en: ['water', 'taps?'], hi: ['पानी', 'नल'], hinglish: ['pani', 'paani', 'nal'] },
  // ---- electrical
  {
    category: 'electrical', topic: 3, danger: 0,
    en: ['ac (is )?(not|off|broken|stopped|failed|failure|issue|problem|complaint|malfunction)', 'air ?condition*',
      'not cooling', 'no cooling', 'cooling', 'fans?', 'lights?', 'bulbs?', 'switch*', 'charging', 'charger',
      'sockets?', 'plug point', 'power (cut|failure|supply|outage)', 'no power', 'no electricity', 'electricity',
      'electric', 'tube ?light', 'too hot', 'temperature', 'no ac', 'ac coach (is )?(hot|warm)', 'ac working',
      'ac not', 'blower', 'heater', 'reading light', 'dark'],
    hi: ['पंखा*', 'पंखे', 'बत्ती', 'बिजली', 'लाइट', 'एसी', 'ए.सी.', 'चार्जिंग', 'चार्जर', 'गर्मी', 'अंधेरा', 'अँधेरा',
      'कूलिंग', 'ठंडा नहीं'],
    hinglish: ['pankha', 'pankhe', 'batti', 'bijli', 'light nahi', 'ac band', 'ac kharab', 'ac nahi', 'ac nhi',
      'ac chal nahi', 'garmi', 'andhera', 'andhere', 'cooling nahi', 'thanda nahi', 'charging point'],
  },
  { category: 'electrical', topic: 1, danger: 0, en: ['ac', 'hot', 'heat'], hinglish: ['ac'] },
  // ---- catering
  {
    category: 'catering', topic: 2, danger: 0,
    en: ['food', 'meals?', 'breakfast', 'lunch', 'dinner', 'tea', 'chai', 'coffee', 'pantry', 'vendors?', 'catering',
      'stale', 'tasteless', 'taste', 'biryani', 'samosa', 'snacks?', 'water bottles?', 'rail neer', 'mrp', 'thali',
      'omelette', 'hawkers?', 'e-?catering', 'soup', 'rice', 'dal', 'curry', 'packed food', 'quality of food',
      'insects? in (the )?(food|meal)', 'overpric*', 'cockroach in (the )?(food|meal)'],
    hi: ['खाना', 'खाने', 'भोजन', 'नाश्ता', 'नाश्ते', 'चाय', 'पैंट्री', 'बासी', 'वेंडर', 'कैटरिंग', 'थाली', 'बिरयानी', 'समोसा',
      'रेल नीर', 'दाल', 'चावल', 'फेरीवाले', 'स्वाद'],
    hinglish: ['khana', 'khaana', 'khane', 'nashta', 'naashta', 'basi', 'baasi', 'thali', 'pantry', 'swad', 'swaad',
      'vendor', 'dal', 'chawal', 'bekar khana', 'khana kharab'],
  },
  // ---- staff behaviour
  {
    category: 'staff_behaviour', topic: 2, danger: 0,
    en: ['rude*', 'rudely', 'rudeness', 'misbehav*', 'behaviou?r', 'arrogan*', 'abus*', 'shout*', 'yell*', 'insult*',
      'unprofessional', 'sleeping on duty', 'careless*', 'not (responding|helping|attending)', 'ignor*', 'impolite',
      'attitude', 'humiliat*', 'scold*'],
    hi: ['बदतमीज़*', 'बदतमीज*', 'दुर्व्यवहार', 'गाली', 'गालियां', 'चिल्ला*', 'व्यवहार', 'बुरा बर्ताव', 'अभद्र*', 'लापरवाह*'],
    hinglish: ['badtameez*', 'badtamiz*', 'batameez*', 'batamiz*', 'gaali', 'gali de*', 'chilla*', 'bura bartav',
      'bartav', 'vyavhar', 'byavhar', 'laparwah*', 'laparvah*', 'sun nahi rah*'],
  },
  {
    category: 'staff_behaviour', topic: 0.7, danger: 0,
    en: ['staff', 'tte', 'ttes', 'tc', 'ticket checker', 'attendants?', 'conductor', 'station master', 'employee*',
      'officials?', 'guard', 'coach attendant', 'porter', 'railway (staff|employee)'],
    hi: ['कर्मचारी*', 'टीटीई', 'टीटी', 'टीसी', 'स्टाफ', 'अटेंडेंट', 'स्टेशन मास्टर'],
    hinglish: ['karmchari', 'tt', 'staff', 'attendant'],
  },
  // ---- corruption
  {
    category: 'corruption', topic: 3, danger: 0,
    en: ['bribe*', 'bribery', 'corrupt*', 'demand* (extra |more )?money', 'ask* for (extra |more )?money',
      'extra money', 'extra (rs|inr|rupees|charges?)', 'overcharg*', 'extort*', 'without (a )?receipt', 'no receipt',
      'no bill', 'illegal(ly)? (charg|money|collect)*', 'took money', 'taking money', 'under the table', 'black market',
      'touts?'],
    hi: ['रिश्वत', 'घूस', 'पैसे मांग*', 'पैसे माँग*', 'ज़्यादा पैसे', 'ज्यादा पैसे', 'अतिरिक्त पैसे', 'भ्रष्टाचार', 'अवैध वसूली',
      'वसूली', 'ज्यादा दाम', 'ज़्यादा दाम', 'दलाल*'],
    hinglish: ['rishwat', 'riswat', 'ghoos', 'ghus (maang|le|de)*', 'paise maang*', 'paisa maang*', 'paise mang*',
      'extra paise', 'extra paisa', 'zyada paise', 'jyada paise', 'zyada paisa', 'jyada paisa', 'zyada daam',
      'jyada daam', 'vasooli', 'wasooli', 'vasuli', 'dalal*', 'bhrashtachar'],
  },
  // ---- punctuality
  {
    category: 'punctuality', topic: 2.5, danger: 0,
    en: ['delay*', 'late', 'running late', 'late running', 'hours? late', 'cancel+ed (train|trains)',
      'train (is |was |got |has been )?cancel*', 'reschedul*', 'divert*', 'short terminat*', 'not (yet )?arrived',
      'not (yet )?(departed|started)', 'punctual*', 'on time', 'detained', 'waiting for (the )?train', 'slow',
      'stuck', 'stranded', 'halt*', 'stopped (for|since)', 'standing (for|since)'],
    hi: ['देरी', 'देर', 'लेट', 'रद्द', 'विलंब*', 'घंटे', 'घंटों', 'रुकी', 'रुकी हुई', 'खड़ी', 'समय पर नहीं', 'फंसे', 'फँसे'],
    hinglish: ['der se', 'deri', 'der ho', 'late hai', 'late ho', 'late chal', 'ghante', 'ghanto', 'ghanton', 'ruki',
      'ruki hui', 'khadi hai', 'khadi hui', 'time pe nahi', 'time par nahi', 'cancel ho', 'radd', 'phase', 'fase',
      'fanse', 'phanse'],
  },
  { category: 'punctuality', topic: 1, danger: 0, en: ['cancel*', 'hours', 'hrs', 'mins', 'minutes'] },
  // ---- ticketing
  {
    category: 'ticketing', topic: 2.5, danger: 0,
    en: ['refund*', 'tdr', 'booking', 'booked', 'book (a |my )?ticket', 'irctc', 'tatkal', 'payment', 'deducted',
      'debited', 'amount', 'e-?ticket', 'website', 'login', 'otp', 'ticket cancellation', 'cancellation',
      'uts', 'counter', 'pnr status', 'app', 'server', 'transaction', 'money not (returned|refunded|credited)',
      'penalty', 'fined', 'concession', 'ticketing', 'print(ed)? ticket', 'e-?wallet', 'upi'],
    hi: ['रिफंड', 'रिफ़ंड', 'बुकिंग', 'भुगतान', 'पैसे कट*', 'पैसा कट*', 'आईआरसीटीसी', 'तत्काल', 'काउंटर', 'टिकट .. (बुक|कैंसिल|रद्द|नहीं मिल)',
      'पैसे वापस', 'पैसा वापस', 'जुर्माना'],
    hinglish: ['paise wapas', 'paisa wapas', 'paise vapas', 'paisa vapas', 'paise kat*', 'paisa kat*', 'paise kaat*',
      'ticket book', 'ticket nahi', 'ticket cancel', 'jurmana'],
  },
  { category: 'ticketing', topic: 1, danger: 0, en: ['tickets?', 'pnr', 'ticket checking'], hi: ['टिकट'], hinglish: ['ticket'] },
  // ---- reservation and berths
  {
    category: 'reservation_berth', topic: 2.5, danger: 0,
    en: ['waitlist*', 'waiting list', 'wl', 'rac', 'confirm*', 'berth allot*', 'seat allot*', 'allot*', 'upgrad*',
      'chart', 'charting', 'lower berth', 'upper berth', 'middle berth', 'side (lower|upper)', 'senior citizen',
      'quota', 'someone (is )?(sitting|sleeping) (on|in) (my|our) (seat|berth)', 'occupied (my|our) (seat|berth)',
      'not vacating', 'vacate', 'seat (changed|exchange)', 'berths? (given|not given)', 'reserved (seat|berth)',
      'my (seat|berth)', 'our (seat|berth)s?', 'general passengers?', 'unreserved passengers?', 'without (a )?(reservation|ticket)'],
    hi: ['वेटिंग', 'आरएसी', 'कन्फर्म', 'लोअर बर्थ', 'अपर बर्थ', 'मिडिल बर्थ', 'सीनियर सिटीजन', 'मेरी सीट', 'मेरी बर्थ',
      'हमारी सीट', 'आरक्षित', 'आरक्षण', 'सीट पर (बैठ*|कब्जा)', 'सीट खाली नहीं'],
    hinglish: ['waiting', 'confirm nahi', 'meri seat', 'meri berth', 'hamari seat', 'humari seat', 'seat pe baith*',
      'seat par baith*', 'seat khali nahi', 'seat nahi de*', 'lower berth', 'reservation', 'kabza'],
  },
  { category: 'reservation_berth', topic: 0.5, danger: 0, en: ['seats?', 'berths?'], hi: ['सीट', 'बर्थ'], hinglish: ['seat', 'berth', 'sit'] },
  // ---- bedroll
  {
    category: 'bedroll', topic: 3, danger: 0,
    en: ['blankets?', 'bed ?sheets?', 'bed ?roll', 'bedrolls?', 'pillows?', 'pillow covers?', 'linen', 'towels?',
      'napkins?', 'quilts?'],
    hi: ['चादर*', 'कंबल', 'कम्बल', 'तकिया', 'तकिये', 'बेडरोल', 'बेड रोल', 'तौलिया'],
    hinglish: ['chadar', 'chaadar', 'kambal', 'takiya', 'takiye', 'tauliya', 'bedroll', 'bed roll'],
  },
  // ---- maintenance
  {
    category: 'maintenance', topic: 1.5, danger: 0,
    en: ['broken', 'damaged', 'repair*', 'leak*', 'window', 'windows', 'torn', 'jammed', 'shutter', 'latch',
      'lock', 'locks', 'mirror', 'flush', 'basin', 'door', 'doors', 'ladder', 'curtains?', 'cushion', 'loose',
      'rusty', 'rust', 'lift', 'escalator', 'bench', 'benches', 'roof', 'handle', 'hook', 'not working', 'faulty',
      'worn out', 'maintenance', 'coach condition', 'poor condition', 'footboard', 'foot ?over ?bridge', 'platform'],
    hi: ['टूट*', 'खराब', 'ख़राब', 'मरम्मत', 'खिड़की', 'दरवाज़ा', 'दरवाजा', 'कुंडी', 'शीशा', 'फ्लश', 'छत', 'टपक*', 'लीक',
      'प्लेटफॉर्म', 'प्लेटफार्म', 'सीढ़ी', 'लिफ्ट'],
    hinglish: ['toota', 'tuta', 'tooti', 'tuti', 'toot gay*', 'tut gay*', 'kharab', 'khidki', 'kundi', 'darwaza',
      'darwaja', 'tapak*', 'chhat', 'platform', 'seedhi', 'lift', 'theek nahi', 'thik nahi', 'kaam nahi kar*'],
  },
  // ---- luggage
  {
    category: 'luggage', topic: 2.5, danger: 0,
    en: ['luggage', 'baggage', 'suitcases?', 'parcel*', 'cloak ?room', 'porters?', 'coolie*', 'trolley*',
      'left (my |our )?(bag|luggage|suitcase)', 'lost (my |our )?(bag|luggage|suitcase|belongings)', 'belongings',
      'bags?', 'backpack', 'lost and found', 'left behind', 'unclaimed', 'forgot (my|our)', 'lost property'],
    hi: ['सामान', 'बैग', 'अटैची', 'कुली', 'पार्सल', 'सूटकेस', 'थैला', 'अमानती'],
    hinglish: ['saamaan', 'samaan', 'saman', 'bag', 'attachi', 'kuli', 'parcel', 'thaila', 'bag chhoot*', 'bag chhut*',
      'bag bhool*', 'saman bhool*', 'bag reh gay*', 'saman reh gay*', 'samaan reh gay*'],
  },
];

export const KEYWORD_RULES: KeywordRule[] = rules.map((r) => ({ ...r, en: r.en ?? [], hi: r.hi ?? [], hinglish: r.hinglish ?? [] }));

/** Phrases that use a danger word loosely; they hide the words inside them and count only towards a topic. */
export const LOOSE_PHRASES: { category: Category; terms: string[] }[] = [
  {
    category: 'other',
    terms: ['sick of', 'sick and tired', 'fed up', 'pain in the', 'killing me', 'dying to', 'heart ?breaking',
      'burning a hole', 'helpline', 'help ?desk', 'dead tired', 'accidents? (can|could|may|might|will) happen',
      'हादसा हो सकता', 'दुर्घटना हो सकती', 'haa?dsa ho sakta'],
  },
  {
    category: 'medical',
    terms: ['ambulance service', 'medical (help|assistance|aid) (booth|facility|counter|room|centre|center)',
      'doctor on (call|board)', 'first aid (box|kit)', 'डॉक्टर की सुविधा', 'doctor ki facility'],
  },
  { category: 'cleanliness', terms: ['बदबू मार*', 'badboo maar*', 'badbu maar*'] },
  { category: 'security', terms: ['(passengers|people|men|boys|they) smoke'] },
  { category: 'ticketing', terms: ['daylight robbery', 'open loot', 'accident insurance', 'travel insurance', 'insurance', 'emergency quota'] },
  {
    category: 'maintenance',
    terms: ['fire extinguishers?', 'smoke detectors?', 'fire alarm', 'emergency window', 'emergency exit',
      'emergency chain', 'alarm chain'],
  },
  { category: 'safety_incident', terms: ['fire safety', 'fire drill', 'mock drill', 'safety (rules|week|campaign|measures|audit)', 'kavach'] },
  { category: 'electrical', terms: ['battery (is )?dead', 'phones? (is |are )?(dead|dying)', 'mobile (is )?dead', 'battery dying'] },
  { category: 'punctuality', terms: ['dead slow'] },
  { category: 'security', terms: ['no smoking'] },
  { category: 'catering', terms: ['prices? (are )?on fire', 'burning (my )?pocket'] },
];

/** Words that make a post news or a past story rather than a report of danger now. */
export const PAST_MARKERS = [
  'news', 'reported', 'report says', 'yesterday\'?s?', 'last (week|month|year|time)', '(years?|months?|weeks?|days) ago',
  'anniversary', 'condolences?', 'rip', 'tribute', 'ex gratia', 'compensation', 'inquiry', 'probe', 'in (19|20)\\d\\d',
  'remember when', 'thanks? (you )?(to )?(the )?(rpf|grp|police|team|railways?|staff|tte)', 'kudos',
  'for (the |your )?(quick|prompt|timely|swift) (help|action|response|support)', 'caught (the )?(thief|thieves|him|them|culprits?|accused)',
  'arrested', 'rescued', 'was saved', 'recovered', 'last journey', 'previous journey', 'khabar', 'samachar',
  'pichh?le (saal|mahine|hafte)', 'saal pehle', 'mahine pehle', 'din pehle', 'dhanyavad', 'dhanyawad', 'shukriya',
  'खबर', 'ख़बर', 'समाचार', 'पिछले (साल|महीने|हफ्ते|सप्ताह)', 'साल पहले', 'महीने पहले', 'दिन पहले', 'धन्यवाद', 'शुक्रिया',
  'श्रद्धांजलि', 'मुआवज*', 'जांच', 'गिरफ्तार', 'अभी तक', 'abhi tak', 'still no (update|action|reply|response)',
];

/** Words that place the danger here and now, cancelling a past marker. */
export const NOW_MARKERS = [
  'right now', 'just now', 'immediately', 'currently', 'at the moment', 'still (bleeding|missing|unconscious|here|following|harassing|burning)',
  'send (help|rpf|police|a doctor|doctor|an ambulance)', 'abhi abhi', 'turant', 'bachao', 'अभी अभी', 'तुरंत', 'बचाओ', 'बचाइए',
];

export const NEGATIONS = ['no', 'not', 'never', 'without', 'nahi', 'nahin', 'nhi', 'na', 'नहीं', 'नही', 'न', 'ना', 'बिना', 'bina'];

export const MONEY_WORDS = [
  'rs\\.?', 'inr', 'rupees?', 'prices?', 'fares?', 'charg*', 'mrp', 'refund*', 'irctc', 'paise', 'paisa', 'tickets?',
  'vendors?', 'pantry', 'food', 'रुपये', 'पैसे', 'किराया', 'दाम', 'टिकट',
];
