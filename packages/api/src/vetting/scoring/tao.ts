/** The tao index: a weighted composite of the normalised metrics, 0–100 (docs/scoring.md §8). */
import { MAX_SOPHISTICATION, MIN_SOPHISTICATION } from "./sophistication";

export const TAO_WEIGHTS = {
  sophistication: 0.35,
  velocity: 0.2,
  chainDepth: 0.2,
  retention: 0.15,
  interest: 0.1,
} as const;

/** Velocity of −1 point per session or worse → 0, +1 or better → 1. */
export const VELOCITY_SPAN = 1;
/** Mean chain length at which the chain component is full. */
export const FULL_CHAIN_DEPTH = 4;
/** Share of questions beyond the assigned domains at which the interest component is full. */
export const FULL_INTEREST_RATIO = 0.25;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export interface TaoInput {
  avgSophistication: number;
  learningVelocity: number;
  chainDepth: number;
  conceptRetention: number;
  interestRatio: number;
}

export type TaoComponents = Record<keyof typeof TAO_WEIGHTS, number>;

export function taoComponents(m: TaoInput): TaoComponents {
  return {
    sophistication: clamp01((m.avgSophistication - MIN_SOPHISTICATION) / (MAX_SOPHISTICATION - MIN_SOPHISTICATION)),
    velocity: clamp01((m.learningVelocity + VELOCITY_SPAN) / (2 * VELOCITY_SPAN)),
    chainDepth: clamp01((m.chainDepth - 1) / (FULL_CHAIN_DEPTH - 1)),
    retention: clamp01(m.conceptRetention),
    interest: clamp01(m.interestRatio / FULL_INTEREST_RATIO),
  };
}

export function taoIndex(m: TaoInput): number {
  const c = taoComponents(m);
  return 100 * (Object.keys(TAO_WEIGHTS) as (keyof TaoComponents)[]).reduce((sum, k) => sum + TAO_WEIGHTS[k] * c[k], 0);
}
