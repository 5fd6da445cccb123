package org.sparkconnectome.formats.cifti;

import java.util.List;
import java.util.Optional;

/**
 * The NIfTI intent codes of CIFTI-2 two-dimensional matrices, with nibabel's intent names and,
 * where the standard fixes them, the axis kinds each one requires (dimension 0, dimension 1).
 */
public enum CiftiIntent {
  UNKNOWN(3000, "ConnUnknown", null),
  DENSE(3001, "ConnDense", List.of("brain_models", "brain_models")),
  DENSE_SERIES(3002, "ConnDenseSeries", List.of("series", "brain_models")),
  PARCELS(3003, "ConnParcels", List.of("parcels", "parcels")),
  PARCEL_SERIES(3004, "ConnParcelSries", List.of("series", "parcels")),
  DENSE_SCALAR(3006, "ConnDenseScalar", List.of("scalars", "brain_models")),
  DENSE_LABEL(3007, "ConnDenseLabel", List.of("labels", "brain_models")),
  PARCEL_SCALAR(3008, "ConnParcelScalr", List.of("scalars", "parcels")),
  PARCEL_DENSE(3009, "ConnParcelDense", null),
  DENSE_PARCEL(3010, "ConnDenseParcel", null);

  private final int code;
  private final String intentName;
  private final List<String> axisKinds;

  CiftiIntent(int code, String intentName, List<String> axisKinds) {
    this.code = code;
    this.intentName = intentName;
    this.axisKinds = axisKinds;
  }

  /** The NIfTI {@code intent_code}. */
  public int code() {
    return code;
  }

  /** nibabel's name for the intent ({@code ConnDenseSeries}, ...). */
  public String intentName() {
    return intentName;
  }

  /** The axis kinds the intent requires in matrix order, empty when it fixes none. */
  public Optional<List<String>> axisKinds() {
    return Optional.ofNullable(axisKinds);
  }

  /** The intent with this code, if it is one of the supported ones. */
  public static Optional<CiftiIntent> forCode(int code) {
    for (CiftiIntent intent : values()) {
      if (intent.code == code) {
        return Optional.of(intent);
      }
    }
    return Optional.empty();
  }
}
