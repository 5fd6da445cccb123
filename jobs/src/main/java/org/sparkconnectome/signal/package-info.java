/**
 * The numerical core of the fMRI pipeline: confound regression and detrending, Butterworth
 * band-pass filtering, censoring, and connectivity measures, each matching the numpy / scipy /
 * scikit-learn / nilearn computation it is named after.
 *
 * <p>Time series are {@link org.sparkconnectome.signal.TimeSeries}: a T x N matrix, row-major.
 */
package org.sparkconnectome.signal;
