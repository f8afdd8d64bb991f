/** How the report writes figures. */
import type { Spread } from "./stats";

/** `digits` decimals; -1: up to one, as needed (medians of whole milliseconds). */
export const fmt = (n: number, digits = 0) =>
  digits < 0
    ? n.toLocaleString("en", { maximumFractionDigits: 1 })
    : n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const mark = (met?: boolean) => (met === undefined ? "—" : met ? "met" : "**MISSED**");
export const range = (s: Spread, digits: number, unit = "") =>
  `${fmt(s.median, digits)}${unit} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
export const percent = (x: number) => `${fmt(x * 100)}%`;
