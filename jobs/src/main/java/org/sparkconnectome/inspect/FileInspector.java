package org.sparkconnectome.inspect;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.sparkconnectome.io.DataSource;

/**
 * Reads one kind of file (images, streamlines) into the {@code inspect --json} contract of
 * DESIGN.md: an ordered map that Jackson writes as one JSON object.
 */
public interface FileInspector {

  /** Whether this inspector reads files with this name (by extension). */
  boolean accepts(String fileName);

  /**
   * The full description of the file, keys in contract order.
   *
   * @param probes voxel indices {@code i,j,k[,t]} whose values are reported (images only)
   * @throws org.sparkconnectome.formats.FormatException when the file is broken
   */
  Map<String, Object> inspect(DataSource source, List<long[]> probes) throws IOException;

  /** A readable summary of {@link #inspect}'s result, like nib-ls or mrinfo print. */
  String describe(Map<String, Object> inspection);
}
