/*
 * Epoch sums of per-bin cross-spectra for spectral connectivity, in double precision.
 *
 * Layout of the tapered spectra (re and im): ((e * tapers + k) * bins + f) * channels + c, so the
 * threads of a row, one channel y each, read neighbouring values. One thread owns one (bin, x, y)
 * with x <= y: for every epoch it forms S_xy = sum_k w_k X_kx conj(X_ky) and adds what the
 * measures need, then writes its 7 sums (planes of bins * channels * channels doubles, in the
 * order of CrossSpectralSums) once; no two threads write the same value, so no atomics.
 * Grid: x over channels y (blocks of BLOCK_DIM_X), y over bins * channels (f, x).
 * OpenCL devices without cl_khr_fp64 get no kernel here (the host then uses the JVM backend).
 */
#include "portable.h"

#ifdef __OPENCL_VERSION__
#ifdef cl_khr_fp64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#define SPECTRAL_FP64 1
#endif
#else
#define SPECTRAL_FP64 1
#endif

#ifdef SPECTRAL_FP64
KERNEL void cross_spectra_sums(GLOBAL_MEM const double* re, GLOBAL_MEM const double* im,
    GLOBAL_MEM const double* weights, int epochs, int tapers, int bins, int channels,
    GLOBAL_MEM double* sums) {
  int y = GLOBAL_X;
  int row = GLOBAL_Y;
  int x = row % channels;
  int f = row / channels;
  if (y >= channels || f >= bins || x > y) {
    return;
  }
  double crossRe = 0.0;
  double crossIm = 0.0;
  double phaseRe = 0.0;
  double phaseIm = 0.0;
  double signImag = 0.0;
  double absImag = 0.0;
  double imagSquared = 0.0;
  for (int e = 0; e < epochs; e++) {
    double sRe = 0.0;
    double sIm = 0.0;
    for (int k = 0; k < tapers; k++) {
      long at = ((long) (e * tapers + k) * bins + f) * channels;
      double ar = re[at + x];
      double ai = im[at + x];
      double br = re[at + y];
      double bi = im[at + y];
      double w = weights[k];
      sRe += w * (ar * br + ai * bi);
      sIm += w * (ai * br - ar * bi);
    }
    if (x == y) {
      sIm = 0.0; /* a power: not the rounding (or fused multiply-add) of X conj(X) */
    }
    crossRe += sRe;
    crossIm += sIm;
    double magnitude = sqrt(sRe * sRe + sIm * sIm);
    if (magnitude > 0.0) {
      phaseRe += sRe / magnitude;
      phaseIm += sIm / magnitude;
    }
    signImag += (sIm > 0.0) ? 1.0 : ((sIm < 0.0) ? -1.0 : 0.0);
    absImag += fabs(sIm);
    imagSquared += sIm * sIm;
  }
  long plane = (long) bins * channels * channels;
  long out = ((long) f * channels + x) * channels + y;
  sums[out] = crossRe;
  sums[plane + out] = crossIm;
  sums[2 * plane + out] = phaseRe;
  sums[3 * plane + out] = phaseIm;
  sums[4 * plane + out] = signImag;
  sums[5 * plane + out] = absImag;
  sums[6 * plane + out] = imagSquared;
}
#endif
