package org.sparkconnectome.inspect;

import java.util.List;
import java.util.Optional;

/** The inspectors {@code connectome inspect} knows, tried in order. */
public final class Inspectors {
  private Inspectors() {
  }

  /** Every inspector the build has; CIFTI before images, since CIFTI files end with .nii. */
  public static List<FileInspector> all() {
    // CIFTI before images: a CIFTI-2 file is also a NIfTI-2 file.
    return List.of(new CiftiInspector(), new ImageInspector(), new StreamlineInspector(),
        new EegInspector());
  }

  /** The inspector for this file name, if any reads it. */
  public static Optional<FileInspector> forFile(String fileName) {
    return all().stream().filter(i -> i.accepts(fileName)).findFirst();
  }
}
