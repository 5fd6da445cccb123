package org.sparkconnectome.formats.eeg;

/**
 * An annotation of a recording (an EDF+ TAL entry, a BrainVision marker), in seconds from the
 * first sample, as MNE-Python reports it.
 *
 * @param onsetSeconds seconds from the first sample
 * @param durationSeconds 0 when the file gives none
 * @param description the text (BrainVision: {@code type/description})
 */
public record EegAnnotation(double onsetSeconds, double durationSeconds, String description) {
}
