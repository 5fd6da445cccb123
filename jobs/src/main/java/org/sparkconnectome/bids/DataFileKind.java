package org.sparkconnectome.bids;

import org.sparkconnectome.formats.eeg.EegFiles;

/**
 * What a BIDS file holds, as far as the manifest cares: images, CIFTI-2 dense time series,
 * tractograms, EEG recordings, or other files.
 */
enum DataFileKind {
  IMAGE, DENSE_SERIES, TRACTOGRAM, EEG_RECORDING, OTHER;

  static DataFileKind of(BidsName name) {
    String ext = name.extension();
    if (name.suffix().equals("eeg") && EegFiles.isEegFile("x" + ext)) {
      // BrainVision's .vhdr stands for the recording; its .vmrk and .eeg are paired files.
      return EEG_RECORDING;
    }
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
