/**
 * EEG signal processing and spectral connectivity: MNE's default FIR filters (also streamed),
 * Hann and DPSS tapers, per-band coherence, imaginary coherence, PLV, PLI, wPLI, debiased wPLI^2
 * from epoch cross-spectra (the hot loop behind {@code kernels.spectral.CrossSpectralKernel}),
 * and the orthogonalised amplitude-envelope correlation.
 */
package org.sparkconnectome.signal.spectral;
