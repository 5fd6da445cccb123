package org.sparkconnectome.formats.cifti;

/**
 * A regularly sampled axis ({@code CIFTI_INDEX_TYPE_SERIES}): for a dense time series, the time
 * points, with {@code step} the repetition time.
 *
 * @param length number of points
 * @param start value of the first point, in {@code unit} ({@code SeriesExponent} applied)
 * @param step distance between points, in {@code unit}, always positive
 * @param unit {@code SECOND}, {@code HERTZ}, {@code METER} or {@code RADIAN}, as in the XML
 */
public record SeriesAxis(int length, double start, double step, String unit)
    implements CiftiAxis {

  @Override
  public String kind() {
    return "series";
  }
}
