/**
 * Every string the dashboard shows, in English and Hindi. Static text in index.html names its key in `data-i18n`
 * (text), `data-i18n-placeholder`, `data-i18n-aria-label` or `data-i18n-title`; scripts call `t(key)`. Complaint
 * texts and other data from the server are never translated.
 */
const EN = {
  'app.title': 'RailSewa · complaints dashboard',
  'brand.tag': 'complaints dashboard',
  'lang.group': 'Language',
  'live.connecting': 'connecting…',
  'live.connecting.title': 'Connecting for live updates',
  'live.live': 'live',
  'live.live.title': 'Changes appear as they happen',
  'live.polling': 'polling',
  'live.polling.title': 'No live connection: refreshing every 10 seconds',
  'account.apiDocs': 'API reference',
  'account.signedInAs': 'Signed in as',
  'account.logout': 'Log out',
  'role.viewer': 'viewer',
  'role.responder': 'responder',
  'role.supervisor': 'supervisor',
  'login.title': 'Admin sign-in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.wrong': 'Wrong username or password.',
  'login.rateLimited': 'Too many attempts: wait a little and try again.',
  'session.ended': 'Your session has ended. Please sign in again.',
  'logout.failed': 'Signing out failed: {error}',
  'error.generic': 'something went wrong',
  'error.network': 'the server cannot be reached; check the connection',
  'error.status': 'the server answered {status}',
  'stats.label': 'Complaint figures',
  'stats.total': 'Total',
  'stats.emergency': 'Emergency',
  'stats.feedback': 'Feedback',
  'stats.responded': 'Responded',
  'stats.pending': 'Pending',
  'stats.review': 'Needs review',
  'lanes.nav': 'Lanes',
  'lane.emergencies': 'Emergencies',
  'lane.emergencies.empty': 'No emergencies reported.',
  'lane.emergencies.count.one': '1 awaiting response',
  'lane.emergencies.count.other': '{n} awaiting response',
  'lane.review': 'Needs review',
  'lane.review.hint': 'Not emergencies by the classifier, but close: decide each one.',
  'lane.review.count.one': '1 to check',
  'lane.review.count.other': '{n} to check',
  'lane.open': 'Open',
  'lane.open.hint': 'Every complaint not resolved yet, newest first.',
  'lane.open.empty': 'Nothing open.',
  'lane.mine': 'Mine',
  'lane.mine.hint': 'Open complaints assigned to you.',
  'lane.mine.empty': 'Nothing is assigned to you.',
  'lane.shown': '{n} shown',
  'lane.shownMore': '{n} shown, more to load',
  'lane.loadMore': 'Load more',
  'lane.loadMore.label': 'Load more: {lane}',
  'complaints.title': 'Complaints',
  'complaints.filters': 'Show',
  'complaints.all': 'All',
  'complaints.emergency': 'Emergency',
  'complaints.review': 'Needs review',
  'complaints.feedback': 'Feedback',
  'complaints.search': 'Search complaints',
  'complaints.searchPlaceholder': 'Search text, reference, PNR, train',
  'complaints.export': 'Export CSV',
  'complaints.export.title': 'Download the complaints of this filter and search as CSV',
  'due.minutes': '{m} min',
  'due.hours': '{h} h',
  'due.hoursMinutes': '{h} h {m} min',
  'due.age': 'Age {time}',
  'due.left': '{time} left',
  'due.over': '{time} over target',
  'due.firstResponse': 'first response after {time}',
  'due.breached': 'Target missed',
  'due.breached.title': 'The first-response target was missed',
  'complaints.empty': 'No complaints yet.',
  'complaints.noMatch': 'No complaints match.',
  'column.received': 'Received',
  'column.complaint': 'Complaint',
  'column.journey': 'Journey',
  'column.classification': 'Classification',
  'column.source': 'Source',
  'column.status': 'Status',
  'column.response': 'Response',
  'prediction.emergency': 'Emergency',
  'prediction.feedback': 'Feedback',
  'prediction.none': 'Not classified yet',
  'tweet.needsReview': 'Needs review',
  'tweet.confidence': 'Classifier confidence',
  'tweet.confidenceNotEmergency': 'Classifier confidence that it is not an emergency',
  'tweet.from': 'From {who}',
  'tweet.keywords': 'Keywords',
  'journey.pnr': 'PNR',
  'journey.train': 'Train',
  'journey.coach': 'Coach',
  'journey.berth': 'Berth',
  'status.incomplete': 'incomplete',
  'status.new': 'new',
  'status.acknowledged': 'acknowledged',
  'status.in_progress': 'in progress',
  'status.responded': 'responded',
  'status.resolved': 'resolved',
  'status.reopened': 'reopened',
  'workflow.sent': 'Sent, waiting for confirmation…',
  'workflow.notSent': 'not sent',
  'workflow.acknowledge': 'Acknowledge',
  'workflow.assignMe': 'Assign to me',
  'workflow.resolve': 'Resolve',
  'workflow.reopen': 'Reopen',
  'workflow.assign': 'Assign',
  'workflow.assignBox': 'Assign…',
  'workflow.assignee': 'Admin to assign',
  'workflow.assigneePlaceholder': 'admin name',
  'workflow.assignedTo': 'Assigned to {who}',
  'workflow.unassigned': 'Unassigned',
  'workflow.addNote': 'Add note',
  'workflow.note': 'Internal note',
  'workflow.notePlaceholder': 'Internal note (not sent to the passenger)…',
  'workflow.notes.one': '1 note',
  'workflow.notes.other': '{n} notes',
  'workflow.actionOn': '{action}: complaint {ref}',
  'respond.respondedBy': 'Responded by {who}',
  'respond.responded': 'Responded',
  'respond.none': 'No response yet',
  'respond.placeholder': 'Write a response…',
  'respond.label': 'Response to complaint {ref}',
  'respond.send': 'Send',
  'respond.sendLabel': 'Send the response to complaint {ref}',
  'respond.sending': 'Sending…',
  'respond.empty': 'Write a response first.',
  'respond.notSent': 'the response was not sent',
  'review.emergency': 'Emergency',
  'review.notEmergency': 'Not an emergency',
  'review.category': 'Emergency category',
  'review.question': 'Is this an emergency?',
  'label.correctedBy': 'Corrected by {who}',
  'label.changedBy': 'Changed by {model}; was {prediction}, {category} ({previous})',
  'label.newerModel': 'a newer model',
  'label.kind': 'Emergency or feedback',
  'label.category': 'Category',
  'label.correct': 'Correct label',
  'delivery.ok': 'Delivered to the passenger',
  'delivery.failed': 'Not delivered: {reason}',
  'delivery.unknown': 'unknown reason',
  'category.security': 'Security',
  'category.medical': 'Medical',
  'category.safety_incident': 'Safety incident',
  'category.women_safety': 'Women safety',
  'category.divyangjan': 'Divyangjan',
  'category.child': 'Child',
  'category.cleanliness': 'Cleanliness',
  'category.water': 'Water',
  'category.electrical': 'Electrical',
  'category.catering': 'Catering',
  'category.staff_behaviour': 'Staff behaviour',
  'category.corruption': 'Corruption',
  'category.punctuality': 'Punctuality',
  'category.ticketing': 'Ticketing',
  'category.reservation_berth': 'Reservation berth',
  'category.bedroll': 'Bedroll',
  'category.maintenance': 'Maintenance',
  'category.luggage': 'Luggage',
  'category.other': 'Other',
} as const;

export type MessageKey = keyof typeof EN;

const HI: Record<MessageKey, string> = {
  'app.title': 'रेलसेवा · शिकायत डैशबोर्ड',
  'brand.tag': 'शिकायत डैशबोर्ड',
  'lang.group': 'भाषा',
  'live.connecting': 'जुड़ रहा है…',
  'live.connecting.title': 'लाइव अपडेट के लिए जुड़ रहा है',
  'live.live': 'लाइव',
  'live.live.title': 'बदलाव होते ही दिखते हैं',
  'live.polling': 'हर 10 सेकंड',
  'live.polling.title': 'लाइव कनेक्शन नहीं: हर 10 सेकंड में ताज़ा हो रहा है',
  'account.apiDocs': 'API संदर्भ',
  'account.signedInAs': 'साइन इन:',
  'account.logout': 'लॉग आउट',
  'role.viewer': 'दर्शक',
  'role.responder': 'उत्तरदाता',
  'role.supervisor': 'पर्यवेक्षक',
  'login.title': 'एडमिन साइन-इन',
  'login.username': 'उपयोगकर्ता नाम',
  'login.password': 'पासवर्ड',
  'login.submit': 'साइन इन करें',
  'login.wrong': 'उपयोगकर्ता नाम या पासवर्ड गलत है।',
  'login.rateLimited': 'बहुत अधिक प्रयास: थोड़ी देर रुककर फिर कोशिश करें।',
  'session.ended': 'आपका सत्र समाप्त हो गया है। कृपया फिर से साइन इन करें।',
  'logout.failed': 'लॉग आउट नहीं हो सका: {error}',
  'error.generic': 'कुछ गड़बड़ हो गई',
  'error.network': 'सर्वर तक नहीं पहुँच पा रहे; कनेक्शन जाँचें',
  'error.status': 'सर्वर का उत्तर: {status}',
  'stats.label': 'शिकायतों के आँकड़े',
  'stats.total': 'कुल',
  'stats.emergency': 'आपातकालीन',
  'stats.feedback': 'सुझाव/शिकायत',
  'stats.responded': 'उत्तर दिया',
  'stats.pending': 'लंबित',
  'stats.review': 'जाँच ज़रूरी',
  'lanes.nav': 'कतारें',
  'lane.emergencies': 'आपातकालीन',
  'lane.emergencies.empty': 'कोई आपातकालीन शिकायत नहीं।',
  'lane.emergencies.count.one': '1 उत्तर की प्रतीक्षा में',
  'lane.emergencies.count.other': '{n} उत्तर की प्रतीक्षा में',
  'lane.review': 'जाँच ज़रूरी',
  'lane.review.hint': 'क्लासिफ़ायर के अनुसार आपातकालीन नहीं, पर क़रीब: हर एक पर निर्णय लें।',
  'lane.review.count.one': '1 जाँचनी है',
  'lane.review.count.other': '{n} जाँचनी हैं',
  'lane.open': 'खुली',
  'lane.open.hint': 'हर शिकायत जो अभी हल नहीं हुई, नई पहले।',
  'lane.open.empty': 'कोई खुली शिकायत नहीं।',
  'lane.mine': 'मेरी',
  'lane.mine.hint': 'आपको सौंपी गई खुली शिकायतें।',
  'lane.mine.empty': 'आपको कुछ नहीं सौंपा गया है।',
  'lane.shown': '{n} दिखाई गईं',
  'lane.shownMore': '{n} दिखाई गईं, और लोड करें',
  'lane.loadMore': 'और लोड करें',
  'lane.loadMore.label': 'और लोड करें: {lane}',
  'complaints.title': 'शिकायतें',
  'complaints.filters': 'दिखाएँ',
  'complaints.all': 'सभी',
  'complaints.emergency': 'आपातकालीन',
  'complaints.review': 'जाँच ज़रूरी',
  'complaints.feedback': 'सुझाव/शिकायत',
  'complaints.search': 'शिकायतें खोजें',
  'complaints.searchPlaceholder': 'पाठ, संदर्भ, PNR, ट्रेन खोजें',
  'complaints.empty': 'अभी कोई शिकायत नहीं।',
  'complaints.noMatch': 'कोई शिकायत मेल नहीं खाती।',
  'column.received': 'प्राप्त',
  'column.complaint': 'शिकायत',
  'column.journey': 'यात्रा',
  'column.classification': 'वर्गीकरण',
  'column.source': 'स्रोत',
  'column.status': 'स्थिति',
  'column.response': 'उत्तर',
  'prediction.emergency': 'आपातकालीन',
  'prediction.feedback': 'सुझाव/शिकायत',
  'prediction.none': 'अभी वर्गीकृत नहीं',
  'tweet.needsReview': 'जाँच ज़रूरी',
  'tweet.confidence': 'क्लासिफ़ायर का भरोसा',
  'tweet.confidenceNotEmergency': 'क्लासिफ़ायर का भरोसा कि यह आपातकालीन नहीं है',
  'tweet.from': '{who} से',
  'tweet.keywords': 'मुख्य शब्द',
  'journey.pnr': 'PNR',
  'journey.train': 'ट्रेन',
  'journey.coach': 'कोच',
  'journey.berth': 'बर्थ',
  'status.incomplete': 'अधूरी',
  'status.new': 'नई',
  'status.acknowledged': 'स्वीकार की गई',
  'status.in_progress': 'कार्य जारी',
  'status.responded': 'उत्तर दिया',
  'status.resolved': 'हल हुई',
  'status.reopened': 'फिर से खोली गई',
  'workflow.sent': 'भेजा गया, पुष्टि की प्रतीक्षा…',
  'workflow.notSent': 'नहीं भेजा गया',
  'workflow.acknowledge': 'स्वीकार करें',
  'workflow.assignMe': 'मुझे सौंपें',
  'workflow.resolve': 'हल करें',
  'workflow.reopen': 'फिर खोलें',
  'workflow.assign': 'सौंपें',
  'workflow.assignBox': 'सौंपें…',
  'workflow.assignee': 'किस एडमिन को सौंपें',
  'workflow.assigneePlaceholder': 'एडमिन का नाम',
  'workflow.assignedTo': '{who} को सौंपी गई',
  'workflow.unassigned': 'किसी को नहीं सौंपी गई',
  'workflow.addNote': 'नोट जोड़ें',
  'workflow.note': 'आंतरिक नोट',
  'workflow.notePlaceholder': 'आंतरिक नोट (यात्री को नहीं भेजा जाता)…',
  'workflow.notes.one': '1 नोट',
  'workflow.notes.other': '{n} नोट',
  'workflow.actionOn': '{action}: शिकायत {ref}',
  'respond.respondedBy': '{who} ने उत्तर दिया',
  'respond.responded': 'उत्तर दिया',
  'respond.none': 'अभी कोई उत्तर नहीं',
  'respond.placeholder': 'उत्तर लिखें…',
  'respond.label': 'शिकायत {ref} का उत्तर',
  'respond.send': 'भेजें',
  'respond.sendLabel': 'शिकायत {ref} का उत्तर भेजें',
  'respond.sending': 'भेजा जा रहा है…',
  'respond.empty': 'पहले उत्तर लिखें।',
  'respond.notSent': 'उत्तर नहीं भेजा गया',
  'review.emergency': 'आपातकालीन',
  'review.notEmergency': 'आपातकालीन नहीं',
  'review.category': 'आपातकालीन श्रेणी',
  'review.question': 'क्या यह आपातकालीन है?',
  'label.correctedBy': '{who} ने सुधारा',
  'label.changedBy': '{model} ने बदला; पहले {prediction}, {category} ({previous})',
  'label.newerModel': 'नए मॉडल',
  'label.kind': 'आपातकालीन या सुझाव/शिकायत',
  'label.category': 'श्रेणी',
  'label.correct': 'लेबल सुधारें',
  'delivery.ok': 'यात्री तक पहुँचा',
  'delivery.failed': 'नहीं पहुँचा: {reason}',
  'delivery.unknown': 'अज्ञात कारण',
  'category.security': 'सुरक्षा',
  'category.medical': 'चिकित्सा',
  'category.safety_incident': 'दुर्घटना/ख़तरा',
  'category.women_safety': 'महिला सुरक्षा',
  'category.divyangjan': 'दिव्यांगजन',
  'category.child': 'बच्चे',
  'category.cleanliness': 'साफ़-सफ़ाई',
  'category.water': 'पानी',
  'category.electrical': 'बिजली उपकरण',
  'category.catering': 'खान-पान',
  'category.staff_behaviour': 'कर्मचारी व्यवहार',
  'category.corruption': 'भ्रष्टाचार',
  'category.punctuality': 'समय पालन',
  'category.ticketing': 'टिकट',
  'category.reservation_berth': 'आरक्षण/बर्थ',
  'category.bedroll': 'बिस्तर',
  'category.maintenance': 'रखरखाव',
  'category.luggage': 'सामान',
  'complaints.export': 'CSV निर्यात करें',
  'complaints.export.title': 'इस फ़िल्टर और खोज की शिकायतें CSV में डाउनलोड करें',
  'due.minutes': '{m} मिनट',
  'due.hours': '{h} घंटे',
  'due.hoursMinutes': '{h} घंटे {m} मिनट',
  'due.age': 'आयु {time}',
  'due.left': '{time} बाकी',
  'due.over': 'लक्ष्य से {time} ऊपर',
  'due.firstResponse': '{time} बाद पहला जवाब',
  'due.breached': 'लक्ष्य चूक गया',
  'due.breached.title': 'पहले जवाब का लक्ष्य चूक गया',
  'category.other': 'अन्य',
};

export const LANGUAGES = ['en', 'hi'] as const;
export type Language = (typeof LANGUAGES)[number];

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en: EN, hi: HI };
/** Intl's locale per language: dates, times and numbers as read in India */
const LOCALES: Record<Language, string> = { en: 'en-IN', hi: 'hi-IN' };
const STORAGE_KEY = 'railsewa.lang';

const stored = (): Language => {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'hi' ? 'hi' : 'en';
  } catch {
    // storage may be off (a private window, a policy): English, not remembered
    return 'en';
  }
};

let language: Language = stored();
const listeners: Array<() => void> = [];

export const currentLanguage = (): Language => language;

export const isMessageKey = (key: string): key is MessageKey => key in EN;
export const currentLocale = (): string => LOCALES[language];

/** The message in the current language, `{name}` replaced by `params.name` (values are used as text, never markup). */
export const t = (key: MessageKey, params: Record<string, string | number> = {}): string =>
  DICTIONARIES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/** `one` for exactly 1, `other` otherwise, with `{n}` set to the count. */
export const tCount = (keys: { one: MessageKey; other: MessageKey }, n: number, shown = String(n)): string =>
  t(n === 1 ? keys.one : keys.other, { n: shown });

/** A complaint category's name: `women_safety` is "Women safety"; one the dashboard does not know is shown as it came. */
export const categoryName = (category: string): string => {
  const key = `category.${category}`;
  return isMessageKey(key) ? t(key) : category.replace(/_/g, ' ');
};

/** Sets the static texts of the page (the `data-i18n*` attributes) and `<html lang>` in the current language. */
export const translatePage = (root: ParentNode = document): void => {
  document.documentElement.lang = language;
  const attributes: Array<[string, string | null]> = [
    ['data-i18n', null],
    ['data-i18n-placeholder', 'placeholder'],
    ['data-i18n-aria-label', 'aria-label'],
    ['data-i18n-title', 'title'],
  ];
  for (const [attribute, target] of attributes) {
    for (const element of Array.from(root.querySelectorAll<HTMLElement>(`[${attribute}]`))) {
      const key = element.getAttribute(attribute) ?? '';
      if (!isMessageKey(key)) continue;
      if (target === null) element.textContent = t(key);
      else element.setAttribute(target, t(key));
    }
  }
};

/** Keeps the choice for the next visit; without storage it holds until the page is left. */
const remember = (next: Language): boolean => {
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
    return true;
  } catch {
    return false;
  }
};

/** Switches the language, remembers it in this browser, and lets every view render itself again. */
export const setLanguage = (next: Language): void => {
  language = next;
  remember(next);
  translatePage();
  for (const listener of listeners) listener();
};

export const onLanguageChange = (listener: () => void): void => {
  listeners.push(listener);
};
