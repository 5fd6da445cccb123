package org.sparkconnectome.fmri;

import java.util.List;

/**
 * Everything one run produced: connectomes per atlas and the quality numbers that say how far to
 * trust them.
 *
 * @param dummyScans volumes dropped at the start
 * @param volumes volumes after dropping dummy scans
 * @param censored indices (after dropping dummy scans) of volumes censored for motion
 * @param meanFd mean framewise displacement in mm after the dummy scans (0 when the confounds
 *     have none: {@code confounds.framewiseDisplacement()} is null then)
 * @param cleanSeconds seconds of data that entered the connectivity estimate
 * @param warnings what a user should know (regions made n/a, a suspicious TR)
 * @param confounds motion, FD, censoring mask and the design regressed, per volume
 * @param qc XCP-D's per-run QC numbers
 */
public record FunctionalRunResult(FunctionalRun run, double repetitionTime, int dummyScans,
    int volumes, int[] censored, double meanFd, double cleanSeconds,
    List<AtlasConnectome> atlases, List<String> warnings, RunConfounds confounds, RunQc qc) {
}
