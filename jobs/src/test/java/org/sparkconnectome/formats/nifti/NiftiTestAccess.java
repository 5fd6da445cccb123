package org.sparkconnectome.formats.nifti;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** Lets tests in other packages use the byte-level test helpers. */
public final class NiftiTestAccess {
  private NiftiTestAccess() {
  }

  /** The first 348 bytes of an image file, gunzipped when needed. */
  public static byte[] plainHeader(Path path) throws IOException {
    return Arrays.copyOf(NiftiTestFiles.plainBytes(path), 348);
  }
}
