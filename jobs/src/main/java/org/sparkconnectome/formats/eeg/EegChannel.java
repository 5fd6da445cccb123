package org.sparkconnectome.formats.eeg;

/**
 * One data channel of a recording: its name, the unit the file states, and the scaling that
 * turns a stored (digital) value into volts as MNE-Python reads it.
 *
 * <p>Value in volts = {@code digital * gain + offset} for a channel whose unit is a voltage; a
 * channel in another unit (a temperature, a conductance) keeps MNE's scaling of that unit
 * (unscaled, or µS -&gt; S) and is still reported through the same formula. A {@code stim}
 * channel (an EDF/BDF channel MNE takes for a trigger channel, named {@code Status} or
 * {@code Trigger}) holds trigger bits: MNE keeps the low 17 bits of the scaled value truncated
 * to an integer, and so does the sample stream.
 *
 * @param name the channel name (unique within the recording, as MNE makes them)
 * @param unit the unit as the file writes it ({@code uV}, {@code µV}, {@code mV}, {@code degC})
 * @param gain volts per digital unit (or the unit's own scale when it is not a voltage)
 * @param offset volts at digital zero
 * @param stim whether this is a trigger channel (values are bit masks, not volts)
 */
public record EegChannel(String name, String unit, double gain, double offset, boolean stim) {

  /** A data (not trigger) channel. */
  public EegChannel(String name, String unit, double gain, double offset) {
    this(name, unit, gain, offset, false);
  }
}
