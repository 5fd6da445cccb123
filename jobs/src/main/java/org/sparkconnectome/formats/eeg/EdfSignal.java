package org.sparkconnectome.formats.eeg;

/**
 * One signal of an EDF/BDF header, its fields as parsed.
 *
 * @param label the label, whitespace stripped (as MNE strips it)
 * @param unit the physical dimension, stripped
 * @param physicalMin physical minimum
 * @param physicalMax physical maximum
 * @param digitalMin digital minimum
 * @param digitalMax digital maximum
 * @param samplesPerRecord samples in each data record
 */
record EdfSignal(String label, String unit, double physicalMin, double physicalMax,
    double digitalMin, double digitalMax, int samplesPerRecord) {

  /** Whether this is the EDF+/BDF+ annotation signal. */
  boolean isAnnotations() {
    return label.equals("EDF Annotations") || label.equals("BDF Annotations");
  }
}
