/** The classifier's contract: every model (rule-based or trained) answers with this shape. */
export const CATEGORIES = [
  'security',
  'medical',
  'safety_incident',
  'women_safety',
  'divyangjan',
  'child',
  'cleanliness',
  'water',
  'electrical',
  'catering',
  'staff_behaviour',
  'corruption',
  'punctuality',
  'ticketing',
  'reservation_berth',
  'bedroll',
  'maintenance',
  'luggage',
  'other',
] as const;

export type Category = (typeof CATEGORIES)[number];

export type Language = 'en' | 'hi' | 'hinglish' | 'mixed';

export interface Extraction {
  /** 10-digit PNR, as a string of digits */
  pnr: string | null;
  /** 5-digit train number */
  train: string | null;
  /** coach code such as B3, S7, A1, H1, GS */
  coach: string | null;
  berth: string | null;
}

export interface Classification extends Extraction {
  /** 1 = Emergency, 0 = Feedback */
  emergency: 0 | 1;
  category: Category;
  /** 1 (most urgent) .. 5 (least); emergencies and security/medical first */
  priority: number;
  /** 0..1, confidence in the emergency decision */
  confidence: number;
  /**
   * Not an emergency by the model, but close enough that a person should look (the "Needs review" lane). Always
   * false when `emergency` is 1; models without a review band answer false.
   */
  review: boolean;
  modelVersion: string;
  /** the few words that drove the decision, shown on the dashboard */
  keywords: string[];
  language: Language;
}
