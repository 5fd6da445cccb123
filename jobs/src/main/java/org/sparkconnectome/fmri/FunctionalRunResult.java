package org.sparkconnectome.fmri;

import java.util.List;

/**
 * Everything one run produced: connectomes per atlas and the quality numbers that say how far to
 * trust them.
 *
 * @param dummyScans volumes dropped at the start
 * @param volumes volumes after dropping dummy scans
 * @param censored indices (after dropping dummy scans) of volumes censored for motion
 * @param meanFd mean framewise displacement in mm
 * @param cleanSeconds seconds of data that entered the connectivity estimate
 * @param warnings what a user should know (regions made n/a, a suspicious TR)
 */
public record FunctionalRunResult(FunctionalRun run, double repetitionTime, int dummyScans,
    int volumes, int[] censored, double meanFd, double cleanSeconds,
    List<AtlasConnectome> atlases, List<String> warnings) {
}
