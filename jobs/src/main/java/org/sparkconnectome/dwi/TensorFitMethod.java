package org.sparkconnectome.dwi;

import java.util.Locale;

/** How the log-signal tensor model is fitted, as DIPY's {@code TensorModel(fit_method=...)}. */
public enum TensorFitMethod {
  /** Weighted least squares, weights the squared signal predicted by a first OLS pass. */
  WLS,
  /** Ordinary least squares on the log signal. */
  OLS;

  /** Parses {@code wls} or {@code ols} (any case). */
  public static TensorFitMethod parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tensor fit method '" + text + "': use wls or ols", e);
    }
  }
}
