package org.sparkconnectome.dwi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs MRtrix3's tck2connectome and reads its matrix, for agreement tests. */
final class MrtrixConnectome {
  static final Path TCK2CONNECTOME = Path.of("/usr/bin/tck2connectome");

  private MrtrixConnectome() {
  }

  static boolean installed() {
    return Files.isExecutable(TCK2CONNECTOME);
  }

  /**
   * Runs {@code tck2connectome tck nodes out.csv -symmetric -keep_unassigned -nthreads 1
   * <options>} and returns the (max label + 1) square matrix, row and column 0 the unassigned.
   */
  static double[][] run(Path tck, Path nodes, Path folder, String name, String... options)
      throws IOException, InterruptedException {
    Path out = folder.resolve(name + ".csv");
    List<String> command = new ArrayList<>(List.of(TCK2CONNECTOME.toString(), tck.toString(),
        nodes.toString(), out.toString(), "-symmetric", "-keep_unassigned", "-nthreads", "1",
        "-force", "-quiet"));
    command.addAll(List.of(options));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("tck2connectome failed: " + command + "\n" + log);
    }
    List<double[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(out)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.trim().split("[,\\s]+");
      double[] row = new double[cells.length];
      for (int i = 0; i < cells.length; i++) {
        row[i] = Double.parseDouble(cells[i]);
      }
      rows.add(row);
    }
    return rows.toArray(new double[0][]);
  }
}
