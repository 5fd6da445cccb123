package org.sparkconnectome.dwi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.streamlines.StreamlineReader;
import org.sparkconnectome.formats.streamlines.TckReader;
import org.sparkconnectome.formats.streamlines.TractogramFormat;
import org.sparkconnectome.io.DataSource;

/**
 * Turns one subject's tractogram (and optional FA map) into structural connectomes for several
 * atlases in one pass. Either whole ({@link #process}) or split: {@link #processRange} on
 * byte ranges of a {@code .tck} in separate tasks, {@link PartialConnectome#merge} of the
 * partials, then {@link #finish}. Build once per executor: it holds the atlases' lookups.
 */
public final class StructuralRunProcessor {
  private final List<RegionLookup> lookups;
  private final StructuralSettings settings;

  public StructuralRunProcessor(List<Atlas> atlases, StructuralSettings settings) {
    if (atlases.isEmpty()) {
      throw new IllegalArgumentException("structural connectomes need at least one atlas");
    }
    this.settings = settings;
    List<RegionLookup> built = new ArrayList<>();
    for (Atlas atlas : atlases) {
      built.add(new RegionLookup(atlas, settings.assignment()));
    }
    this.lookups = List.copyOf(built);
  }

  public StructuralSettings settings() {
    return settings;
  }

  /** The per-atlas lookups, in the order of the atlases given. */
  public List<RegionLookup> lookups() {
    return lookups;
  }

  /**
   * Reads a whole {@code .tck} or {@code .trk} tractogram.
   *
   * @param faMap FA image to sample along streamlines, or null
   * @throws FormatException when a file is broken or not a tractogram (naming it)
   */
  public StructuralRunResult process(DataSource tractogram, DataSource faMap)
      throws IOException {
    ScalarVolume fa = faMap == null ? null : ScalarVolume.load(faMap);
    return finish(processWhole(tractogram, fa), fa != null);
  }

  /** The partial connectomes (one per atlas) of a whole {@code .tck} or {@code .trk}. */
  public List<PartialConnectome> processWhole(DataSource tractogram, ScalarVolume fa)
      throws IOException {
    TractogramFormat format = TractogramFormat.forFileName(tractogram.fileName()).orElseThrow(
        () -> new FormatException(tractogram.name(), "not a tractogram: expected a .tck or "
            + ".trk file"));
    StreamlineConnectomeBuilder builder = new StreamlineConnectomeBuilder(lookups, fa);
    try (StreamlineReader reader = format.open(tractogram)) {
      builder.acceptAll(reader);
    }
    return builder.partials();
  }

  /**
   * The partial connectomes (one per atlas) of the streamlines whose first point record starts
   * in bytes {@code [start, end)} of a {@code .tck} file.
   *
   * @param fa FA map, or null
   */
  public List<PartialConnectome> processRange(DataSource tck, long start, long end,
      ScalarVolume fa) throws IOException {
    StreamlineConnectomeBuilder builder = new StreamlineConnectomeBuilder(lookups, fa);
    try (TckReader reader = TckReader.openRange(tck, start, end)) {
      builder.acceptAll(reader);
    }
    return builder.partials();
  }

  /** Finishes merged partials (one per atlas, in atlas order). */
  public StructuralRunResult finish(List<PartialConnectome> partials, boolean withFa) {
    if (partials.size() != lookups.size()) {
      throw new IllegalArgumentException(partials.size() + " partials for " + lookups.size()
          + " atlases");
    }
    List<StructuralConnectome> out = new ArrayList<>();
    for (int a = 0; a < lookups.size(); a++) {
      out.add(StructuralConnectome.finish(lookups.get(a), partials.get(a), settings, withFa));
    }
    return new StructuralRunResult(out);
  }
}
