package org.sparkconnectome.sample;

import java.util.List;

/**
 * What one generated recording holds: its subject, participant group, format, length, the two
 * groups' couplings, and the planted faults (a bad channel, artefact windows).
 *
 * @param subject the subject label ({@code 01})
 * @param group {@code control} or {@code patient}
 * @param seconds length in seconds
 * @param alphaCoupling the alpha group's coupling in this recording
 * @param betaCoupling the beta group's coupling in this recording
 * @param badChannel the channel made very noisy (and marked bad), or null
 * @param artefactOnsetsSeconds starts of the 2 s windows holding a large artefact (may be empty)
 */
public record EegRecordingPlan(String subject, String group, EegRecordingFormat format,
    int seconds, double alphaCoupling, double betaCoupling, String badChannel,
    List<Integer> artefactOnsetsSeconds) {

  /** Length of an artefact window; the artefact itself lies in its first half. */
  public static final int ARTEFACT_WINDOW_SECONDS = 2;

  public EegRecordingPlan {
    artefactOnsetsSeconds = List.copyOf(artefactOnsetsSeconds);
  }

  /** Samples per channel. */
  public int sampleCount() {
    return (int) Math.round(seconds * format.samplingRate());
  }

  /** The BIDS file name stem, {@code sub-XX_task-rest_eeg}. */
  public String stem() {
    return "sub-" + subject + "_task-" + EegCohortGenerator.TASK + "_eeg";
  }
}
