package org.sparkconnectome.bids;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.io.DataSource;

/**
 * What the manifest records of an image's header: its shape and TR. Reading the header also
 * validates it, so a file with a broken header is marked unreadable at scan time.
 *
 * @param repetitionTime seconds, or null for images without a time axis
 * @param warnings the reader's doubts (a TR that looks like milliseconds), for the manifest
 */
record ImageGeometry(List<Integer> shape, Double repetitionTime, List<String> warnings) {

  static ImageGeometry read(DataSource source) throws IOException {
    NiftiHeader header = NiftiImage.open(source).header();
    List<Integer> shape = new ArrayList<>();
    for (long d : header.shape()) {
      shape.add(Math.toIntExact(d));
    }
    return new ImageGeometry(shape, header.repetitionTime(), header.warnings());
  }
}
