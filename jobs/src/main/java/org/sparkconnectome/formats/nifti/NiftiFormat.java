package org.sparkconnectome.formats.nifti;

/** Which header layout an image file uses. */
public enum NiftiFormat {
  NIFTI1("nifti1", 348),
  NIFTI2("nifti2", 540),
  ANALYZE("analyze", 348);

  private final String label;
  private final int headerSize;

  NiftiFormat(String label, int headerSize) {
    this.label = label;
    this.headerSize = headerSize;
  }

  /** The name used in the {@code inspect --json} contract. */
  public String label() {
    return label;
  }

  /** The value of {@code sizeof_hdr}: bytes in the fixed header. */
  public int headerSize() {
    return headerSize;
  }
}
