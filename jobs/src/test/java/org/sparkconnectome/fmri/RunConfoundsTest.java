package org.sparkconnectome.fmri;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.io.DataSources;
import org.sparkconnectome.signal.Detrend;
import org.sparkconnectome.signal.TimeSeries;

class RunConfoundsTest {
  private static final int VOLUMES = 6;
  private static final int DUMMY = 2;

  /** The motion file has XCP-D's _filtered columns and FD from them when the filter is on. */
  @Test
  void theMotionFilterAddsFilteredColumnsAndItsFramewiseDisplacement(@TempDir Path dir)
      throws IOException {
    StringBuilder tsv = new StringBuilder("trans_x\ttrans_y\ttrans_z\trot_x\trot_y\trot_z\t"
        + "framewise_displacement\n");
    for (int t = 0; t < VOLUMES; t++) {
      tsv.append(t).append("\t0\t0\t0\t0\t0\t").append(t == 0 ? "n/a" : "1").append('\n');
    }
    Path file = dir.resolve("sub-01_task-rest_desc-confounds_timeseries.tsv");
    Files.writeString(file, tsv.toString());
    ConfoundsTable table = ConfoundsTable.read(DataSources.open(file.toString()));
    boolean[] kept = new boolean[VOLUMES - DUMMY];
    Arrays.fill(kept, true);
    TimeSeries none = TimeSeries.zeros(VOLUMES - DUMMY, 0);

    RunConfounds plain = RunConfounds.of(table, DUMMY, kept, none, List.of(), Detrend.NONE,
        null, null);
    assertFalse(plain.motionFiltered());
    assertEquals(List.of("rot_x", "rot_y", "rot_z", "trans_x", "trans_y", "trans_z"),
        plain.motionColumns());
    assertArrayEquals(new double[] {1, 1, 1, 1}, plain.framewiseDisplacement());

    double[][] params = new double[6][VOLUMES];
    for (int t = 0; t < VOLUMES; t++) {
      params[0][t] = 10 + t;
    }
    double[] filteredFd = {0, 5, 6, 7, 8, 9};
    RunConfounds filtered = RunConfounds.of(table, DUMMY, kept, none, List.of(),
        Detrend.NONE, filteredFd, TimeSeries.ofColumns(VOLUMES, params));
    assertTrue(filtered.motionFiltered());
    assertEquals(List.of("rot_x", "rot_y", "rot_z", "trans_x", "trans_y", "trans_z",
        "rot_x_filtered", "rot_y_filtered", "rot_z_filtered", "trans_x_filtered",
        "trans_y_filtered", "trans_z_filtered"), filtered.motionColumns());
    int transX = filtered.motionColumns().indexOf("trans_x_filtered");
    assertArrayEquals(new double[] {12, 13, 14, 15}, filtered.motion().column(transX));
    assertArrayEquals(new double[] {6, 7, 8, 9}, filtered.framewiseDisplacement());
  }
}
