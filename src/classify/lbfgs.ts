/**
 * Limited-memory BFGS (Nocedal and Wright, algorithm 7.5) with a backtracking line search on the Armijo condition,
 * for smooth convex objectives such as a regularised logistic loss. `evaluate` writes the gradient at x into `g` and
 * returns the objective. Stops after `maxIterations`, or when the gradient's norm falls under `tolerance` times its
 * norm at the start.
 */
export interface LbfgsOptions {
  maxIterations?: number;
  tolerance?: number;
  /** how many correction pairs are kept */
  memory?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  /** the gradient's norm at the end over its norm at the start */
  gradientRatio: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function minimiseLbfgs(
  evaluate: (x: Float64Array, g: Float64Array) => number,
  start: Float64Array,
  options: LbfgsOptions = {},
): LbfgsResult {
  const maxIterations = options.maxIterations ?? 300;
  const tolerance = options.tolerance ?? 1e-5;
  const m = options.memory ?? 10;
  const n = start.length;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let value = evaluate(x, g);
  const startNorm = Math.sqrt(dot(g, g)) || 1;
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  const direction = new Float64Array(n);
  let xNext = new Float64Array(n);
  let gNext = new Float64Array(n);
  let iterations = 0;
  let norm = startNorm;
  while (iterations < maxIterations && norm > tolerance * startNorm) {
    // two-loop recursion: direction = -H g
    for (let i = 0; i < n; i++) direction[i] = -g[i];
    for (let k = s.length - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(s[k], direction);
      const yk = y[k];
      for (let i = 0; i < n; i++) direction[i] -= alpha[k] * yk[i];
    }
    const gamma = s.length ? dot(s[s.length - 1], y[y.length - 1]) / dot(y[y.length - 1], y[y.length - 1]) : 1 / norm;
    for (let i = 0; i < n; i++) direction[i] *= gamma;
    for (let k = 0; k < s.length; k++) {
      const beta = rho[k] * dot(y[k], direction);
      const sk = s[k];
      for (let i = 0; i < n; i++) direction[i] += (alpha[k] - beta) * sk[i];
    }
    let slope = dot(g, direction);
    if (slope >= 0) {
      // not a descent direction (rounding): start again from the gradient
      s.length = y.length = rho.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -g[i] / norm;
      slope = dot(g, direction);
    }
    let step = 1;
    let next = 0;
    for (;;) {
      for (let i = 0; i < n; i++) xNext[i] = x[i] + step * direction[i];
      next = evaluate(xNext, gNext);
      if (next <= value + 1e-4 * step * slope || step < 1e-12) break;
      step /= 2;
    }
    if (step < 1e-12) break;
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sk[i] = xNext[i] - x[i];
      yk[i] = gNext[i] - g[i];
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      if (s.length === m) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    [x, xNext] = [xNext, x];
    [g, gNext] = [gNext, g];
    value = next;
    norm = Math.sqrt(dot(g, g));
    iterations++;
  }
  return { x, value, iterations, gradientRatio: norm / startNorm };
}

/** A row of a sparse design matrix: its parameters' indices (0 to d - 1) and values. */
export interface SparseRow {
  index: ArrayLike<number>;
  value: ArrayLike<number>;
}

/**
 * Each row's factor in a class-balanced logistic loss: c times the row's weight times its class's weight, `balanced`
 * as scikit-learn's (the rows' total weight over twice the class's).
 */
export function balancedLossWeights(targets: readonly (0 | 1)[], weights: readonly number[], c: number): number[] {
  let total = 0;
  let positives = 0;
  for (let i = 0; i < targets.length; i++) {
    total += weights[i];
    if (targets[i]) positives += weights[i];
  }
  const classWeight = [total / (2 * Math.max(total - positives, 1e-9)), total / (2 * Math.max(positives, 1e-9))];
  return targets.map((t, i) => c * weights[i] * classWeight[t]);
}

/**
 * ½‖w‖² + Σ sᵢ logloss(tᵢ, w·xᵢ + b) over sparse rows with d parameters and a bias (parameter d, not penalised), as
 * minimiseLbfgs's `evaluate`: it writes the gradient into `g` and returns the objective.
 */
export function weightedLogisticLoss(
  rows: readonly SparseRow[],
  targets: readonly (0 | 1)[],
  s: readonly number[],
  d: number,
): (w: Float64Array, g: Float64Array) => number {
  return (w, g) => {
    let f = 0;
    for (let j = 0; j < d; j++) {
      f += 0.5 * w[j] * w[j];
      g[j] = w[j];
    }
    g[d] = 0;
    for (let i = 0; i < rows.length; i++) {
      const { index, value } = rows[i];
      let margin = w[d];
      for (let k = 0; k < index.length; k++) margin += value[k] * w[index[k]];
      const t = targets[i];
      // log(1 + exp(-z)) with z = ±margin, without overflow
      const z = t ? margin : -margin;
      f += s[i] * (z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z)));
      const r = s[i] * (1 / (1 + Math.exp(-margin)) - t);
      g[d] += r;
      for (let k = 0; k < index.length; k++) g[index[k]] += r * value[k];
    }
    return f;
  };
}
