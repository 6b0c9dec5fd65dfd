/** A count and the noun it counts, in English: `1 version`, `2 versions`, `1,234 packages`. */
export function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}
