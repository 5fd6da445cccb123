/** Gaussian smoothing of 3D volumes (nilearn conventions) behind {@code VolumeSmoother}. */
package org.sparkconnectome.kernels.smoothing;
