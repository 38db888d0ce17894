// Viridis stops: perceptually even and readable by colour-blind users; numbers are shown too.
const STOPS: [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** A colour for `t` in [0, 1] (1 = best), with a text colour that keeps contrast on it. */
export function scaleColour(t: number): { background: string; color: string } {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = STOPS[i] ?? [0, 0, 0];
  const b = STOPS[i + 1] ?? a;
  const rgb = a.map((v, k) => Math.round(v + ((b[k] ?? v) - v) * f));
  const [r = 0, g = 0, bl = 0] = rgb;
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  return { background: `rgb(${r} ${g} ${bl})`, color: luminance > 140 ? '#111' : '#fff' };
}

/** Where `value` sits between the worst and best seen, 1 being best for either direction. */
export function position(value: number, min: number, max: number, higherIsBetter: boolean): number {
  if (max === min) return 1;
  const t = (value - min) / (max - min);
  return higherIsBetter ? t : 1 - t;
}
