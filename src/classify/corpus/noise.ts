import { pick } from './template';

type Random = () => number;
type Script = 'en' | 'hi' | 'hinglish' | 'mixed';

// The same openings and closings go on emergencies and feedback alike, so "urgent" or "please help" teach nothing.
const OPENINGS: Record<Script, string[]> = {
  en: ['@RailMinIndia ', '@RailwaySeva ', 'Sir, ', 'Dear sir, ', 'Respected sir, ', 'Hello, ', '@IRCTC_Ltd ', '#IndianRailways ', 'URGENT: ', 'Please help! '],
  hi: ['@RailMinIndia ', 'सर, ', 'महोदय, ', 'कृपया ध्यान दें, ', '@RailwaySeva ', 'जरूरी: ', 'मदद करें, '],
  hinglish: ['sir ', 'bhai ', '@RailMinIndia ', 'hello sir, ', 'plz ', '@RailwaySeva ', 'urgent: ', 'help karo, '],
  mixed: ['@RailMinIndia ', 'Sir, ', 'सर, ', 'urgent: ', 'Please help, '],
};
const CLOSINGS: Record<Script, string[]> = {
  en: [' Please help.', ' Please look into it.', ' #RailMadad', ' https://t.co/xK2pQ9', ' 🙏', ' @RPF_INDIA', ' Kindly do the needful.', ' Urgent!!', ' Help!', ' 😡', ' Very bad.', ' Please reply ASAP'],
  hi: [' कृपया मदद करें।', ' कृपया ध्यान दें।', ' #RailMadad', ' 🙏', ' जल्दी कार्रवाई करें।', ' बहुत जरूरी है।', ' @RPF_INDIA', ' https://t.co/aB3dE7'],
  hinglish: [' plz help', ' please dekho', ' #RailMadad', ' 🙏', ' jaldi karo', ' urgent hai', ' @RPF_INDIA', ' bahut bura haal hai', ' 😭'],
  mixed: [' please help', ' जल्दी करें', ' #RailMadad', ' 🙏', ' urgent है'],
};
const DETAILS: Record<Script, ((r: Random) => string)[]> = {
  en: [
    (r) => ` PNR ${pnr(r)}`,
    (r) => ` PNR no: ${pnr(r)}`,
    (r) => ` my mobile ${mobile(r)}`,
    (r) => ` call me on ${mobile(r)}`,
    (r) => ` contact +91 ${mobile(r)}`,
    (r) => ` PNR-${pnr(r)}, phone ${mobile(r).slice(0, 5)}-${mobile(r).slice(5)}`,
  ],
  hi: [(r) => ` पीएनआर ${pnr(r)}`, (r) => ` मोबाइल ${mobile(r)}`, (r) => ` पीएनआर नंबर ${pnr(r)}`],
  hinglish: [(r) => ` PNR ${pnr(r)}`, (r) => ` mera number ${mobile(r)} hai, call karo`, (r) => ` pnr ${pnr(r)}`],
  mixed: [(r) => ` PNR ${pnr(r)}`, (r) => ` मोबाइल ${mobile(r)}`],
};

function pnr(r: Random): string {
  return pick(r, ['2', '4', '6', '8']) + Array.from({ length: 9 }, () => Math.floor(r() * 10)).join('');
}

function mobile(r: Random): string {
  return pick(r, ['6', '7', '8', '9']) + Array.from({ length: 9 }, () => Math.floor(r() * 10)).join('');
}

/** One typing slip in a longer Latin word: a dropped, doubled or swapped letter. */
export function typo(text: string, r: Random): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => (/^[A-Za-z]{5,}$/.test(w) ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return text;
  const i = pick(r, candidates);
  const w = words[i];
  const at = 1 + Math.floor(r() * (w.length - 2));
  const kind = Math.floor(r() * 3);
  words[i] =
    kind === 0 ? w.slice(0, at) + w.slice(at + 1)
    : kind === 1 ? w.slice(0, at) + w[at] + w.slice(at)
    : w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
  return words.join(' ');
}

/** Dresses a template sentence the way people post: handles, closings, PNRs and phones, lowercase, slips. */
export function decorate(text: string, script: Script, r: Random): string {
  let out = text;
  if (r() < 0.3) out = pick(r, OPENINGS[script]) + out;
  if (r() < 0.35) out += pick(r, CLOSINGS[script]);
  if (r() < 0.2) out += pick(r, DETAILS[script])(r);
  if (script !== 'hi') {
    if (r() < 0.3) out = out.toLowerCase();
    if (r() < 0.15) out = typo(out, r);
    if (r() < 0.1) out = out.replace(/[,.!]/g, '');
  }
  return out;
}
