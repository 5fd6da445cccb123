/**
 * Tapered epoch spectra and the per-bin cross-spectral epoch sums behind
 * {@code CrossSpectralKernel}: the hot loop of EEG spectral connectivity.
 */
package org.sparkconnectome.kernels.spectral;
