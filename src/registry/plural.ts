/** A count and the noun it counts, in English: `1 version`, `2 versions`, `1,234 packages`. */
const NUMBER = new Intl.NumberFormat('en');

export function plural(n: number, noun: string): string {
  return `${NUMBER.format(n)} ${noun}${n === 1 ? '' : 's'}`;
}
