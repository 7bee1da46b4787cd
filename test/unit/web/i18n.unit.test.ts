import fs from 'node:fs';
import path from 'node:path';
import { CATEGORIES } from '../../../src/classify/types';
import { categoryName, currentLanguage, isMessageKey, t, tCount } from '../../../web/src/i18n';

const PAGE = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'web', 'index.html'), 'utf8');

describe("the dashboard's dictionary", () => {
  it('has every key that index.html names in a data-i18n attribute', () => {
    const keys = [...PAGE.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)].map((match) => match[1]);
    expect(keys.length).toBeGreaterThan(40);
    expect(keys.filter((key) => !isMessageKey(key))).toEqual([]);
  });

  it('names every category the classifier gives', () => {
    expect(CATEGORIES.filter((category) => !isMessageKey(`category.${category}`))).toEqual([]);
    expect(categoryName('women_safety')).toBe('Women safety');
    expect(categoryName('not_a_category')).toBe('not a category');
  });

  it('fills in parameters as given and counts one apart from the rest', () => {
    expect(currentLanguage()).toBe('en');
    expect(t('workflow.assignedTo', { who: '<b>asha</b>' })).toBe('Assigned to <b>asha</b>');
    expect(t('respond.label')).toBe('Response to complaint {ref}');
    expect(tCount({ one: 'workflow.notes.one', other: 'workflow.notes.other' }, 1)).toBe('1 note');
    expect(tCount({ one: 'workflow.notes.one', other: 'workflow.notes.other' }, 3)).toBe('3 notes');
  });
});
