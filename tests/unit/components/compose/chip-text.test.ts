import { describe, expect, it } from 'vitest';
import { addressesFromText, chipLabel, chipsText, chipValid, copyAddresses, editText, insertAddresses, typedPieces, withoutIndices } from '@/components/compose/chip-text';

const ann = { name: 'Lee, Ann', email: 'ann@x.org' };
const bob = { name: '', email: 'bob@x.org' };

describe('chip text', () => {
  it('shows the name when there is one, else the address', () => {
    expect(chipLabel(ann)).toBe('Lee, Ann');
    expect(chipLabel(bob)).toBe('bob@x.org');
    expect(chipLabel({ name: '  ', email: 'c@x.org' })).toBe('c@x.org');
  });

  it('copies chips as text a paste reads back', () => {
    const text = chipsText([ann, bob]);
    expect(text).toBe('"Lee, Ann" <ann@x.org>, bob@x.org');
    expect(addressesFromText(text)).toEqual([ann, bob]);
    expect(addressesFromText(editText(ann))).toEqual([ann]);
  });

  it('reads pasted lists, keeping invalid pieces for correction', () => {
    expect(addressesFromText('a@x.org\nB <b@x.org>;\n\nnot an address')).toEqual([
      { name: '', email: 'a@x.org' },
      { name: 'B', email: 'b@x.org' },
      { name: '', email: 'not an address' },
    ]);
    expect(chipValid({ name: '', email: 'not an address' })).toBe(false);
    expect(chipValid(bob)).toBe(true);
  });

  it('splits typed text into finished pieces and the rest', () => {
    expect(typedPieces('a@x.org, b@x.org;  c')).toEqual({ complete: ['a@x.org', 'b@x.org'], rest: 'c' });
    expect(typedPieces('"Lee, Ann" <ann@x.org>, ')).toEqual({ complete: ['"Lee, Ann" <ann@x.org>'], rest: '' });
    expect(typedPieces('"Lee, An')).toEqual({ complete: [], rest: '"Lee, An' });
    expect(typedPieces(',')).toEqual({ complete: [], rest: '' });
  });
});

describe('list changes', () => {
  it('inserts without duplicates, at the end or at a place', () => {
    const c = { name: 'C', email: 'c@x.org' };
    expect(insertAddresses([ann], [bob, { name: 'Again', email: 'ANN@x.org' }, { name: 'x', email: 'Bob@x.org' }])).toEqual([ann, bob]);
    expect(insertAddresses([ann, bob], [c], 1)).toEqual([ann, c, bob]);
    expect(insertAddresses([ann], [{ name: '', email: '  ' }])).toEqual([ann]);
  });

  it('removes chips by position and copies lists', () => {
    expect(withoutIndices([ann, bob, ann], [0, 2])).toEqual([bob]);
    const frozen = Object.freeze([Object.freeze({ ...ann })]);
    const copy = copyAddresses([...frozen]);
    expect(copy).toEqual([ann]);
    expect(Object.isFrozen(copy[0])).toBe(false);
  });
});
