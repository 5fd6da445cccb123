package org.sparkconnectome.bids;

/**
 * What a BIDS file holds, as far as the manifest cares: images, CIFTI-2 dense time series,
 * tractograms, or other files.
 */
enum DataFileKind {
  IMAGE, DENSE_SERIES, TRACTOGRAM, OTHER;

  static DataFileKind of(BidsName name) {
    String ext = name.extension();
    if (ext.equals(".dtseries.nii")) {
      return DENSE_SERIES;
    }
    if (ext.equals(".nii") || ext.equals(".nii.gz")) {
      return IMAGE;
    }
    if (ext.equals(".tck") || ext.equals(".trk")) {
      return TRACTOGRAM;
    }
    return OTHER;
  }
}
