package org.sparkconnectome.dwi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.io.LocalDataSource;

/**
 * Measures single-thread assignment throughput on one tractogram and atlas, for
 * {@code jobs/bench/assignment-vs-mrtrix.sh}: usage {@code TCK ATLAS METHOD [REPEATS]}; prints
 * one JSON line with the fastest run's seconds and streamlines per second per core.
 */
public final class AssignmentThroughput {
  private AssignmentThroughput() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: AssignmentThroughput TCK ATLAS end_voxels|radial_search:MM "
          + "[REPEATS]");
      System.exit(2);
    }
    Atlas atlas = Atlas.load(new LocalDataSource(Path.of(args[1])));
    AssignmentMethod method = AssignmentMethod.parse(args[2]);
    int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    StructuralRunProcessor processor = new StructuralRunProcessor(List.of(atlas),
        StructuralSettings.defaults().withAssignment(method));
    LocalDataSource tck = new LocalDataSource(Path.of(args[0]));
    long streamlines = processor.process(tck, null).connectomes().get(0).streamlines();
    double[] seconds = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long start = System.nanoTime();
      processor.process(tck, null);
      seconds[r] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(seconds);
    double fastest = seconds[0];
    System.out.printf(Locale.ROOT, "{\"tool\":\"spark-connectome\",\"method\":\"%s\","
        + "\"streamlines\":%d,\"seconds\":%.4f,\"streamlines_per_second\":%.1f}%n", method,
        streamlines, fastest, streamlines / fastest);
  }
}
