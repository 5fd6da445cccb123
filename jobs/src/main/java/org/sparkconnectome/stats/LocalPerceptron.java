package org.sparkconnectome.stats;

import java.util.SplittableRandom;

/**
 * A multilayer perceptron fitted in one JVM, for the permutation test of {@code --model mlp}
 * (a Spark job per L-BFGS iteration, as MLlib's fit costs, is what a thousand refits cannot
 * pay). The architecture and loss are MLlib's {@code MultilayerPerceptronClassifier}'s: fully
 * connected layers, sigmoid hidden units, a softmax output over the two classes, the mean
 * cross-entropy without a penalty, minimised by L-BFGS (10 corrections) from seeded random
 * weights until the loss changes by less than {@link #TOLERANCE} relative or after
 * {@code maxIter} iterations. The same seed and data give the same fit.
 */
final class LocalPerceptron {
  /** MLlib's default convergence tolerance of the perceptron's solver. */
  static final double TOLERANCE = 1e-6;
  private static final int CORRECTIONS = 10;

  /** Units per layer: inputs, hidden layers, 2 outputs. */
  private final int[] layers;
  /** All weights: per layer the (out x in) matrix row by row, then its out biases. */
  private final double[] weights;

  private LocalPerceptron(int[] layers, double[] weights) {
    this.layers = layers;
    this.weights = weights;
  }

  /** Fits rows {@code x} (already standardised) to 0/1 labels {@code y}. */
  static LocalPerceptron fit(double[][] x, double[] y, int[] hidden, int maxIter, long seed) {
    int[] layers = new int[hidden.length + 2];
    layers[0] = x[0].length;
    System.arraycopy(hidden, 0, layers, 1, hidden.length);
    layers[layers.length - 1] = 2;
    int size = 0;
    for (int l = 1; l < layers.length; l++) {
      size += layers[l] * (layers[l - 1] + 1);
    }
    double[] w = new double[size];
    SplittableRandom random = new SplittableRandom(seed);
    int at = 0;
    for (int l = 1; l < layers.length; l++) {
      // Glorot's uniform range keeps the sigmoid units out of saturation at the start.
      double range = Math.sqrt(6.0 / (layers[l - 1] + layers[l]));
      for (int k = 0; k < layers[l] * layers[l - 1]; k++) {
        w[at++] = (2 * random.nextDouble() - 1) * range;
      }
      at += layers[l];
    }
    LocalPerceptron model = new LocalPerceptron(layers, w);
    model.minimise(x, y, maxIter);
    return model;
  }

  /** The probability of class 1 for one row. */
  double score(double[] row) {
    double[][] a = forward(row);
    return a[a.length - 1][1];
  }

  /** Each layer's activations for one row; the last is the softmax. */
  private double[][] forward(double[] row) {
    double[][] a = new double[layers.length][];
    a[0] = row;
    int at = 0;
    for (int l = 1; l < layers.length; l++) {
      int in = layers[l - 1];
      int out = layers[l];
      double[] z = new double[out];
      for (int o = 0; o < out; o++) {
        double s = weights[at + out * in + o];
        for (int i = 0; i < in; i++) {
          s += weights[at + o * in + i] * a[l - 1][i];
        }
        z[o] = s;
      }
      at += out * (in + 1);
      if (l < layers.length - 1) {
        for (int o = 0; o < out; o++) {
          z[o] = 1 / (1 + Math.exp(-z[o]));
        }
      } else {
        double max = Math.max(z[0], z[1]);
        double e0 = Math.exp(z[0] - max);
        double e1 = Math.exp(z[1] - max);
        z[0] = e0 / (e0 + e1);
        z[1] = e1 / (e0 + e1);
      }
      a[l] = z;
    }
    return a;
  }

  /** Mean cross-entropy at {@code w}; its gradient into {@code gradient}. */
  private double loss(double[] w, double[][] x, double[] y, double[] gradient) {
    System.arraycopy(w, 0, weights, 0, w.length);
    java.util.Arrays.fill(gradient, 0);
    double total = 0;
    int last = layers.length - 1;
    for (int r = 0; r < x.length; r++) {
      double[][] a = forward(x[r]);
      int label = y[r] > 0.5 ? 1 : 0;
      total -= Math.log(Math.max(a[last][label], Double.MIN_NORMAL));
      // Softmax with cross-entropy: the output error is p - onehot.
      double[] delta = a[last].clone();
      delta[label] -= 1;
      int at = w.length;
      for (int l = last; l >= 1; l--) {
        int in = layers[l - 1];
        int out = layers[l];
        at -= out * (in + 1);
        double[] previous = new double[in];
        for (int o = 0; o < out; o++) {
          gradient[at + out * in + o] += delta[o];
          for (int i = 0; i < in; i++) {
            gradient[at + o * in + i] += delta[o] * a[l - 1][i];
            previous[i] += w[at + o * in + i] * delta[o];
          }
        }
        if (l > 1) {
          for (int i = 0; i < in; i++) {
            previous[i] *= a[l - 1][i] * (1 - a[l - 1][i]);
          }
        }
        delta = previous;
      }
    }
    for (int k = 0; k < gradient.length; k++) {
      gradient[k] /= x.length;
    }
    return total / x.length;
  }

  /** L-BFGS with a backtracking (Armijo) line search; leaves the best weights in place. */
  private void minimise(double[][] x, double[] y, int maxIter) {
    int n = weights.length;
    double[] w = weights.clone();
    double[] g = new double[n];
    double f = loss(w, x, y, g);
    double[][] s = new double[CORRECTIONS][];
    double[][] d = new double[CORRECTIONS][];
    double[] rho = new double[CORRECTIONS];
    int stored = 0;
    for (int iteration = 0; iteration < maxIter; iteration++) {
      double[] direction = twoLoop(g, s, d, rho, stored);
      double slope = dot(g, direction);
      if (!(slope < 0)) {
        // Not a descent direction (curvature lost): restart from steepest descent.
        stored = 0;
        direction = g.clone();
        for (int k = 0; k < n; k++) {
          direction[k] = -direction[k];
        }
        slope = dot(g, direction);
        if (!(slope < 0)) {
          break;
        }
      }
      double step = stored == 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
      double[] next = new double[n];
      double[] nextG = new double[n];
      double nextF = Double.NaN;
      for (int tries = 0; tries < 40; tries++) {
        for (int k = 0; k < n; k++) {
          next[k] = w[k] + step * direction[k];
        }
        nextF = loss(next, x, y, nextG);
        if (nextF <= f + 1e-4 * step * slope) {
          break;
        }
        step /= 2;
      }
      if (!(nextF <= f)) {
        break;
      }
      double[] sk = new double[n];
      double[] yk = new double[n];
      for (int k = 0; k < n; k++) {
        sk[k] = next[k] - w[k];
        yk[k] = nextG[k] - g[k];
      }
      double sy = dot(sk, yk);
      if (sy > 1e-12) {
        if (stored == CORRECTIONS) {
          System.arraycopy(s, 1, s, 0, CORRECTIONS - 1);
          System.arraycopy(d, 1, d, 0, CORRECTIONS - 1);
          System.arraycopy(rho, 1, rho, 0, CORRECTIONS - 1);
          stored--;
        }
        s[stored] = sk;
        d[stored] = yk;
        rho[stored] = 1 / sy;
        stored++;
      }
      double change = Math.abs(f - nextF) / Math.max(Math.abs(f), 1e-12);
      w = next;
      g = nextG;
      f = nextF;
      if (change < TOLERANCE) {
        break;
      }
    }
    System.arraycopy(w, 0, weights, 0, n);
  }

  /** The L-BFGS direction: minus the inverse-Hessian estimate times the gradient. */
  private static double[] twoLoop(double[] g, double[][] s, double[][] d, double[] rho,
      int stored) {
    double[] q = g.clone();
    double[] alpha = new double[stored];
    for (int k = stored - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(s[k], q);
      for (int i = 0; i < q.length; i++) {
        q[i] -= alpha[k] * d[k][i];
      }
    }
    if (stored > 0) {
      double gamma = dot(s[stored - 1], d[stored - 1]) / dot(d[stored - 1], d[stored - 1]);
      for (int i = 0; i < q.length; i++) {
        q[i] *= gamma;
      }
    }
    for (int k = 0; k < stored; k++) {
      double beta = rho[k] * dot(d[k], q);
      for (int i = 0; i < q.length; i++) {
        q[i] += (alpha[k] - beta) * s[k][i];
      }
    }
    for (int i = 0; i < q.length; i++) {
      q[i] = -q[i];
    }
    return q;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
