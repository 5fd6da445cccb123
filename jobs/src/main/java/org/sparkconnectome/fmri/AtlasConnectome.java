package org.sparkconnectome.fmri;

import java.util.List;
import java.util.Map;
import org.sparkconnectome.signal.RegionMatrix;
import org.sparkconnectome.signal.TimeSeries;

/**
 * One run's results for one atlas.
 *
 * @param timeseries denoised region signals of the kept (uncensored) volumes; n/a regions are NaN
 * @param matrices per measure name (pearson, partial, shrunk, covariance and their Fisher z
 *     variants), full R x R with NaN rows and columns for n/a regions
 * @param coverage per region, the fraction of its atlas voxels with BOLD signal
 * @param tsnr per region, temporal SNR of its mean signal before denoising (mean / sd)
 * @param naRegions names of regions reported as n/a, with the reason
 * @param dvarsInitial standardised DVARS ({@link org.sparkconnectome.signal.Dvars}) of the
 *     available regions' signals after the dummy scans, before denoising, one per volume
 * @param dvarsFinal the same of the denoised signals, one per kept volume
 */
public record AtlasConnectome(String atlas, List<String> regions, TimeSeries timeseries,
    Map<String, RegionMatrix> matrices, double[] coverage, double[] tsnr,
    List<String> naRegions, double[] dvarsInitial, double[] dvarsFinal) {
}
