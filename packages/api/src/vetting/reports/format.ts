/** Number formatting for report texts. ASCII only (the PDF uses a standard font): "-0.30", not "−0.30". */
export const fixed = (n: number, digits = 1) => {
  const s = n.toFixed(digits);
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
};
export const signed = (n: number, digits = 2) =>
  n > 0 || fixed(n, digits) === fixed(0, digits) ? `+${fixed(Math.abs(n), digits)}` : fixed(n, digits);
export const percent = (share: number) => `${Math.round(share * 100)}%`;

export function ordinal(n: number): string {
  const r = Math.round(n);
  const tens = r % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[r % 10] ?? "th");
  return `${r}${suffix}`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const truncate = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 3).trimEnd()}...`;
