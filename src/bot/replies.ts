import type { WorkflowStatus } from '../events/complaint';
import type { Classification, Language } from '../classify/types';

/** What the bot says, in English and Hindi. Passengers who write Hindi (Devanagari or Hinglish) get Hindi. */
export type ReplyLanguage = 'en' | 'hi';

export const replyLanguageOf = (language: Language): ReplyLanguage => (language === 'en' ? 'en' : 'hi');

export interface ComplaintStateText {
  reference: string;
  status: string;
  category: string | null;
  emergency: boolean;
  response: string | null;
  receivedAt: string | null;
}

const HELP_EN = [
  'RailSewa takes railway complaints and sends them to railway staff.',
  '',
  'To report: send one message saying what happened, with your train number, coach and PNR if you have them.',
  'Example: "Train 12951 coach B3, AC not working, PNR 4512791357".',
  'You can add a photo with a caption, and share your location to attach it to your latest complaint.',
  '',
  '/status REF - the state of a complaint',
  '/mycomplaints - your last five complaints',
  'In an emergency call 139 (Rail Madad) or 182 (RPF, security).',
];

const HELP_HI = [
  'रेलसेवा आपकी रेल शिकायत रेलवे स्टाफ तक पहुँचाता है।',
  '',
  'शिकायत के लिए एक संदेश भेजें: क्या हुआ, और हो सके तो ट्रेन नंबर, कोच और PNR।',
  'उदाहरण: "ट्रेन 12951 कोच B3, AC काम नहीं कर रहा, PNR 4512791357"।',
  'आप कैप्शन के साथ फोटो भेज सकते हैं, और अपनी लोकेशन भेजकर उसे अपनी पिछली शिकायत से जोड़ सकते हैं।',
  '',
  '/status REF - शिकायत की स्थिति',
  '/mycomplaints - आपकी पिछली पाँच शिकायतें',
  'आपात स्थिति में 139 (रेल मदद) या 182 (RPF, सुरक्षा) पर कॉल करें।',
];

/** Every status a passenger's complaint can have: the workflow's steps, in words (notes and assignees stay internal). */
const STATUS_WORDS: Record<ReplyLanguage, Record<'incomplete' | WorkflowStatus, string>> = {
  en: {
    incomplete: 'received',
    new: 'received',
    acknowledged: 'seen by staff',
    in_progress: 'being looked into',
    responded: 'responded',
    resolved: 'resolved',
    reopened: 'being looked into again',
  },
  hi: {
    incomplete: 'प्राप्त',
    new: 'प्राप्त',
    acknowledged: 'स्टाफ ने देखा',
    in_progress: 'जाँच में',
    responded: 'जवाब दिया गया',
    resolved: 'हल हो गया',
    reopened: 'फिर से जाँच में',
  },
};

const describe = (lang: ReplyLanguage, c: ComplaintStateText): string => {
  const status = (STATUS_WORDS[lang] as Record<string, string>)[c.status] ?? c.status;
  const lines =
    lang === 'en'
      ? [`${c.reference}: ${status}${c.emergency ? ' (emergency)' : ''}${c.category ? `, ${c.category.replace(/_/g, ' ')}` : ''}`]
      : [`${c.reference}: ${status}${c.emergency ? ' (आपात)' : ''}${c.category ? `, ${c.category.replace(/_/g, ' ')}` : ''}`];
  if (c.response) lines.push(lang === 'en' ? `Response: ${c.response}` : `जवाब: ${c.response}`);
  return lines.join('\n');
};

export const replies = {
  help: (): string => [...HELP_EN, '', '———', '', ...HELP_HI].join('\n'),
  acknowledged: (lang: ReplyLanguage, reference: string): string =>
    lang === 'en'
      ? `Your complaint is registered. Reference: ${reference}\nStaff will look into it. Send /status ${reference} to follow it.`
      : `आपकी शिकायत दर्ज हो गई है। संदर्भ: ${reference}\nस्टाफ इसे देखेगा। स्थिति जानने के लिए /status ${reference} भेजें।`,
  emergency: (lang: ReplyLanguage): string =>
    lang === 'en'
      ? 'This looks like an emergency: railway staff have been alerted.\nCall 139 (Rail Madad helpline) now, or 182 (RPF) for your safety and security.'
      : 'यह आपात स्थिति लगती है: रेलवे स्टाफ को सूचित कर दिया गया है।\nतुरंत 139 (रेल मदद हेल्पलाइन) पर कॉल करें, या सुरक्षा के लिए 182 (RPF) पर।',
  /** for a complaint the classifier put in "Needs review": not sure it is an emergency, so the helplines are given */
  review: (lang: ReplyLanguage): string =>
    lang === 'en'
      ? 'Staff will check whether this needs urgent action.\nIf anyone is in danger or unwell, call 139 (Rail Madad helpline) now, or 182 (RPF) for safety and security.'
      : 'स्टाफ जाँच करेगा कि क्या इस पर तुरंत कार्रवाई चाहिए।\nअगर किसी को खतरा है या कोई बीमार है, तो तुरंत 139 (रेल मदद हेल्पलाइन) पर कॉल करें, या सुरक्षा के लिए 182 (RPF) पर।',
  storeFailed: (lang: ReplyLanguage): string =>
    lang === 'en'
      ? 'Sorry, your complaint could not be saved right now. Please send it again in a minute. In an emergency call 139.'
      : 'क्षमा करें, आपकी शिकायत अभी सहेजी नहीं जा सकी। कृपया एक मिनट बाद फिर भेजें। आपात स्थिति में 139 पर कॉल करें।',
  tooLong: (lang: ReplyLanguage, max: number): string =>
    lang === 'en'
      ? `Your message is too long: please keep a complaint under ${max} characters.`
      : `आपका संदेश बहुत लंबा है: कृपया शिकायत ${max} अक्षरों से कम रखें।`,
  empty: (lang: ReplyLanguage): string =>
    lang === 'en' ? 'Please write what happened in your message.' : 'कृपया अपने संदेश में लिखें कि क्या हुआ।',
  rateLimited: (lang: ReplyLanguage): string =>
    lang === 'en'
      ? 'You have sent many complaints in the last minute. Please wait a moment before sending more. In an emergency call 139.'
      : 'आपने पिछले एक मिनट में कई शिकायतें भेजी हैं। कृपया थोड़ी देर बाद भेजें। आपात स्थिति में 139 पर कॉल करें।',
  unsupported: (lang: ReplyLanguage): string =>
    lang === 'en'
      ? 'I can only read text. Please describe your complaint in a text message (a photo with a caption works too), or share your location.'
      : 'मैं केवल लिखा हुआ संदेश पढ़ सकता हूँ। कृपया अपनी शिकायत लिखकर भेजें (कैप्शन के साथ फोटो भी चलेगी), या अपनी लोकेशन भेजें।',
  photoNeedsCaption: (lang: ReplyLanguage): string =>
    lang === 'en'
      ? 'Thanks for the photo. Please send it again with a caption that says what happened.'
      : 'फोटो के लिए धन्यवाद। कृपया इसे कैप्शन के साथ दोबारा भेजें जिसमें लिखा हो कि क्या हुआ।',
  locationAttached: (lang: ReplyLanguage, reference: string): string =>
    lang === 'en' ? `Your location is attached to complaint ${reference}.` : `आपकी लोकेशन शिकायत ${reference} से जोड़ दी गई है।`,
  locationNeedsComplaint: (lang: ReplyLanguage): string =>
    lang === 'en'
      ? 'You have no open complaint to attach this location to. Please send your complaint first, then share your location again.'
      : 'इस लोकेशन को जोड़ने के लिए कोई खुली शिकायत नहीं है। कृपया पहले शिकायत भेजें, फिर लोकेशन दोबारा भेजें।',
  amended: (lang: ReplyLanguage, reference: string): string =>
    lang === 'en' ? `Complaint ${reference} is updated with your edit.` : `शिकायत ${reference} आपके बदलाव के साथ अपडेट हो गई है।`,
  editUnknown: (lang: ReplyLanguage): string =>
    lang === 'en'
      ? 'I could not find the complaint for that message. Please send the complaint as a new message.'
      : 'उस संदेश की शिकायत नहीं मिली। कृपया शिकायत नया संदेश भेजकर करें।',
  statusUsage: (lang: ReplyLanguage): string =>
    lang === 'en' ? 'Send /status followed by your reference, e.g. /status RS-7K3M9-Q2XAB' : 'संदर्भ के साथ /status भेजें, जैसे /status RS-7K3M9-Q2XAB',
  statusNotFound: (lang: ReplyLanguage, reference: string): string =>
    lang === 'en'
      ? `No complaint ${reference} was found for you. If you just sent it, try again in a moment.`
      : `आपकी कोई शिकायत ${reference} नहीं मिली। अगर अभी भेजी है तो थोड़ी देर में फिर कोशिश करें।`,
  status: (lang: ReplyLanguage, complaint: ComplaintStateText): string => describe(lang, complaint),
  myComplaints: (lang: ReplyLanguage, complaints: ComplaintStateText[]): string =>
    complaints.length === 0
      ? lang === 'en'
        ? 'You have no complaints yet. Send a message to report one.'
        : 'आपकी अभी कोई शिकायत नहीं है। शिकायत के लिए संदेश भेजें।'
      : [lang === 'en' ? 'Your latest complaints:' : 'आपकी हाल की शिकायतें:', ...complaints.map((c) => describe(lang, c))].join('\n\n'),
  response: (reference: string | null, response: string): string =>
    `${reference ? `Response to your complaint ${reference}` : 'Response to your complaint'} / आपकी शिकायत का जवाब:\n\n${response}`,
  failed: (lang: ReplyLanguage): string =>
    lang === 'en'
      ? 'Sorry, something went wrong on our side. Please try again. In an emergency call 139.'
      : 'क्षमा करें, हमारी ओर से कुछ गड़बड़ हुई। कृपया फिर से कोशिश करें। आपात स्थिति में 139 पर कॉल करें।',
};

/** What follows the acknowledgement: the helplines, for an emergency and for a complaint that needs review. */
export const triageReply = (lang: ReplyLanguage, c: Pick<Classification, 'emergency' | 'review'>): string | null => {
  if (c.emergency === 1) return replies.emergency(lang);
  if (c.review) return replies.review(lang);
  return null;
};
