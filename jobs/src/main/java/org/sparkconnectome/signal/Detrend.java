package org.sparkconnectome.signal;

/** Which polynomial trend the nuisance regression removes along with the confounds. */
public enum Detrend {
  /** Only the mean (the intercept column is always in the design). */
  NONE,
  /** Mean and a linear trend: the column {@code linspace(-1, 1, T)}. */
  LINEAR
}
