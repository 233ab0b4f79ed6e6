/** A byte count as people read it (1.2 MB), in the browser's language. */
const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

export function fileSize(bytes: number, locale?: string): string {
  let unit = 0;
  let value = bytes;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: unit && value < 10 ? 1 : 0 }).format(value);
}

/** A limit stated in binary megabytes (15 × 1024 × 1024 bytes reads "15 MB", as mail services state theirs). */
export function megabytes(bytes: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', unitDisplay: 'short', maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));
}
