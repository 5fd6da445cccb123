package org.sparkconnectome.formats.cifti;

/**
 * What the indices along one dimension of a CIFTI-2 matrix stand for (one
 * {@code MatrixIndicesMap}), as nibabel's {@code cifti2_axes} classes describe it.
 */
public sealed interface CiftiAxis extends java.io.Serializable
    permits SeriesAxis, BrainModelAxis, LabelAxis, ScalarAxis, ParcelsAxis {

  /** {@code series}, {@code brain_models}, {@code labels}, {@code scalars} or {@code parcels}. */
  String kind();

  /** Number of indices along the axis. */
  int length();
}
