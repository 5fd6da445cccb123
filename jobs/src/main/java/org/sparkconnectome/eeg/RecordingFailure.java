package org.sparkconnectome.eeg;

/** A recording that cannot give a trustworthy result, with the reason for its run report. */
final class RecordingFailure extends Exception {
  private static final long serialVersionUID = 1L;

  RecordingFailure(String message) {
    super(message);
  }
}
