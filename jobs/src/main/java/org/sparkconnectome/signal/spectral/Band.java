package org.sparkconnectome.signal.spectral;

import java.io.Serializable;

/**
 * A frequency band: its value is the mean over the FFT bins with {@code low <= f < high}.
 *
 * @param name the band's name in output names ({@code desc-<name>})
 * @param low lower edge in Hz, included
 * @param high upper edge in Hz, excluded
 */
public record Band(String name, double low, double high) implements Serializable {

  public Band {
    if (name == null || !name.matches("[A-Za-z0-9]+")) {
      throw new IllegalArgumentException("a band name must be letters and digits (it goes into "
          + "desc-<band>): '" + name + "'");
    }
    if (!(low >= 0) || !(high > low)) {
      throw new IllegalArgumentException("band " + name + " needs 0 <= LOW < HIGH, got " + low
          + "-" + high);
    }
  }

  /** Whether frequency {@code f} (Hz) lies in the band. */
  public boolean contains(double f) {
    return low <= f && f < high;
  }
}
