package org.sparkconnectome.kernels.smoothing;

/**
 * Isotropic-in-mm Gaussian smoothing of a batch of 3D volumes: the hot loop of the fMRI
 * smoothing step, with one implementation per backend.
 *
 * <p>Conventions every implementation follows (they are those of nilearn's {@code smooth_img},
 * so results match nilearn and scipy to float precision):
 * <ul>
 *   <li>Layout: each volume is one {@code float[]} of {@link VolumeGrid#voxelCount()} values in
 *       Fortran order (x fastest), as described by {@link VolumeGrid}.</li>
 *   <li>Width: FWHM in mm, the same for all axes; the kernel's standard deviation in voxels along
 *       an axis is {@code sigma = fwhm / (sqrt(8 ln 2) * voxelSize)}.</li>
 *   <li>Kernel: {@code scipy.ndimage.gaussian_filter1d} with {@code truncate = 4.0}, applied as
 *       separable passes along x, then y, then z (see {@link GaussianKernel}).</li>
 *   <li>Borders: scipy's {@code mode='reflect'}, the half-sample symmetric extension
 *       {@code d c b a | a b c d | d c b a}.</li>
 *   <li>Non-finite voxels (NaN, infinities) are set to 0 before smoothing, as nilearn does with
 *       {@code ensure_finite=True}; otherwise one NaN would spread over the whole kernel.</li>
 *   <li>A FWHM of 0 leaves the volumes untouched (including their non-finite values).</li>
 * </ul>
 */
public interface VolumeSmoother {

  /**
   * Smooths every volume of the batch in place.
   *
   * @param volumes volumes of the same grid, each of {@code grid.voxelCount()} values
   * @param grid shape and voxel size shared by all volumes
   * @param fwhmMm full width at half maximum in mm; 0 means no smoothing
   * @throws IllegalArgumentException if a volume has the wrong length or the FWHM is negative or
   *     not finite
   */
  void smooth(float[][] volumes, VolumeGrid grid, double fwhmMm);

  /**
   * How many volumes a caller that streams volumes should gather per {@link #smooth} call: 1
   * (the default) for a backend that gains nothing from batches, more for one that pays a fixed
   * cost per call (an accelerator's transfers and launches). Callers may pass fewer.
   */
  default int batchVolumes() {
    return 1;
  }

  /** Short name of the backend for logs and benchmark output ("jvm", "cuda", ...). */
  String backendName();
}
