import { pick } from './template';

type Random = () => number;
type Slots = Record<string, (random: Random) => string>;

const digits = (random: Random, n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
const between = (random: Random, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

const COACH_LETTERS = ['S', 'S', 'S', 'B', 'B', 'A', 'H', 'M', 'C', 'D', 'E', 'G'];

/** Numbers and codes shared by every language: train 5 digits, PNR 10 digits, coaches like B3 or GS. */
const common: Slots = {
  train: (r) => `${pick(r, ['1', '1', '1', '2', '2', '0'])}${digits(r, 4)}`,
  pnr: (r) => `${pick(r, ['2', '4', '6', '8'])}${digits(r, 9)}`,
  coach: (r) => (r() < 0.06 ? 'GS' : `${pick(r, COACH_LETTERS)}${between(r, 1, r() < 0.8 ? 9 : 12)}`),
  berth: (r) => String(between(r, 1, 72)),
  platform: (r) => String(between(r, 1, 10)),
  hours: (r) => String(between(r, 2, 14)),
  amount: (r) => pick(r, ['50', '100', '150', '200', '300', '500', '1000', '1500']),
};

const STATIONS_LATIN = [
  'Kanpur', 'Itarsi', 'Jhansi', 'Mughalsarai', 'Vijayawada', 'Nagpur', 'Patna', 'Howrah', 'Lucknow', 'Bhopal',
  'Ratlam', 'Kota', 'Surat', 'Katpadi', 'Guwahati', 'Ajmer', 'Gaya', 'Asansol', 'Kharagpur', 'Sealdah', 'Dadar',
  'Nashik Road', 'Secunderabad', 'Gwalior', 'Varanasi', 'Prayagraj', 'Bareilly', 'Ludhiana', 'Jammu Tawi', 'Bilaspur',
];
const STATIONS_HINDI = [
  'कानपुर', 'इटारसी', 'झांसी', 'पटना', 'लखनऊ', 'भोपाल', 'रतलाम', 'कोटा', 'आगरा कैंट', 'गया', 'प्रयागराज', 'नागपुर',
  'वाराणसी', 'मथुरा', 'ग्वालियर', 'बरेली', 'जयपुर', 'बिलासपुर', 'धनबाद', 'गोरखपुर',
];

export const SLOTS: Record<'en' | 'hi' | 'hinglish', Slots> = {
  en: {
    ...common,
    station: (r) => pick(r, STATIONS_LATIN),
    item: (r) => pick(r, ['phone', 'mobile', 'bag', 'purse', 'wallet', 'laptop', 'gold chain', 'backpack', 'handbag']),
  },
  hi: {
    ...common,
    station: (r) => pick(r, STATIONS_HINDI),
    item: (r) => pick(r, ['मोबाइल', 'पर्स', 'बैग', 'बटुआ', 'लैपटॉप', 'सोने की चेन', 'फोन']),
  },
  hinglish: {
    ...common,
    station: (r) => pick(r, STATIONS_LATIN),
    item: (r) => pick(r, ['mobile', 'phone', 'purse', 'bag', 'wallet', 'laptop', 'chain', 'batua']),
  },
};
