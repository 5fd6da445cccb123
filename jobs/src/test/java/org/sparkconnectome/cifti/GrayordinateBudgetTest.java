package org.sparkconnectome.cifti;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.fmri.FunctionalRun;
import org.sparkconnectome.fmri.FunctionalSettings;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.MemoryBudget;
import org.sparkconnectome.formats.cifti.CiftiFile;
import org.sparkconnectome.io.LocalDataSource;

/**
 * Valid-but-huge CIFTI dense series: a NIfTI-2 header and XML declaring 40 million time points
 * of 64 grayordinates (9.5 GiB as float32) over a file as long as declared (sparse: a few KB are
 * written). The run is refused from its header, naming the file, the dimensions and the budget,
 * before the parcel sums or a grayordinate's series are allocated.
 */
class GrayordinateBudgetTest {
  private static final int TIMEPOINTS = 40_000_000;
  private static final int GRAYORDINATES = 64;

  @TempDir
  Path dir;

  @Test
  void aSeriesBeyondTheTaskBudgetFailsItsRunFromTheHeader() throws IOException {
    Path file = hugeDtseries("sub-01_task-rest_space-fsLR_den-91k_bold.dtseries.nii");
    FunctionalSettings settings = FunctionalSettings.from(PipelineConfig.defaults());
    FunctionalRun run = new FunctionalRun(Map.of("sub", "01", "task", "rest", "space", "fsLR"),
        file.toString(), "h", "p", Files.size(file), 0.8, null, "bids:preprocessed:x");
    FormatException e = assertThrows(FormatException.class, () -> new GrayordinateParcellator(
        List.of()).open(run, new LocalDataSource(file), settings));
    String m = e.getMessage();
    assertTrue(m.contains("sub-01_task-rest_space-fsLR_den-91k_bold.dtseries.nii: the dense "
        + "time series"), m);
    assertTrue(m.contains("40000000 x 64"), m);
    assertTrue(m.contains("9.54 GiB (10240000000 bytes)"), m);
    assertTrue(m.contains("run.task_memory_budget_gb"), m);
  }

  @Test
  void parcelSumsBeyondOneArrayAreRefusedUnderALargerBudget() throws IOException {
    Path file = hugeDtseries("sub-02_task-rest_space-fsLR_den-91k_bold.dtseries.nii");
    CiftiFile cifti = CiftiFile.open(new LocalDataSource(file));
    MemoryBudget large = MemoryBudget.ofGigabytes(1000, "run.task_memory_budget_gb");
    assertDoesNotThrow(() -> GrayordinateParcellator.requireRunFits(cifti, "f", large, 12));
    // 40 million time points x 100 regions: 4e9 sums, beyond a Java array (and an int product).
    FormatException e = assertThrows(FormatException.class,
        () -> GrayordinateParcellator.requireRunFits(cifti, file.getFileName().toString(),
            large, 12, 100));
    assertTrue(e.getMessage().contains("the parcel sums"), e.getMessage());
    assertTrue(e.getMessage().contains("more than one Java array holds"), e.getMessage());
  }

  /** A float32 dtseries of TIMEPOINTS x GRAYORDINATES, one left-cortex surface model. */
  private Path hugeDtseries(String name) throws IOException {
    String vertices = IntStream.range(0, GRAYORDINATES).mapToObj(Integer::toString)
        .collect(Collectors.joining(" "));
    String xml = "<CIFTI Version=\"2.0\"><Matrix><MatrixIndicesMap AppliesToMatrixDimension=\"0\""
        + " IndicesMapToDataType=\"CIFTI_INDEX_TYPE_SERIES\" NumberOfSeriesPoints=\""
        + TIMEPOINTS + "\" SeriesExponent=\"0\" SeriesStart=\"0.0\" SeriesStep=\"0.8\" "
        + "SeriesUnit=\"SECOND\" /><MatrixIndicesMap AppliesToMatrixDimension=\"1\" "
        + "IndicesMapToDataType=\"CIFTI_INDEX_TYPE_BRAIN_MODELS\"><BrainModel IndexOffset=\"0\" "
        + "IndexCount=\"" + GRAYORDINATES + "\" ModelType=\"CIFTI_MODEL_TYPE_SURFACE\" "
        + "BrainStructure=\"CIFTI_STRUCTURE_CORTEX_LEFT\" SurfaceNumberOfVertices=\""
        + GRAYORDINATES + "\"><VertexIndices>" + vertices + "</VertexIndices></BrainModel>"
        + "</MatrixIndicesMap></Matrix></CIFTI>";
    byte[] text = xml.getBytes(StandardCharsets.UTF_8);
    int esize = (text.length + 8 + 15) / 16 * 16;
    long voxOffset = 540 + 4 + esize;
    ByteBuffer h = ByteBuffer.allocate((int) voxOffset).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0, 540);
    h.put(4, new byte[] {'n', '+', '2', 0, '\r', '\n', 0x1a, '\n'});
    h.putShort(12, (short) 16).putShort(14, (short) 32);
    long[] dim = {6, 1, 1, 1, 1, TIMEPOINTS, GRAYORDINATES, 1};
    for (int i = 0; i < 8; i++) {
      h.putLong(16 + 8 * i, dim[i]);
      h.putDouble(104 + 8 * i, 1.0);
    }
    h.putLong(168, voxOffset);
    h.putDouble(176, 1.0).putDouble(184, 0.0);
    h.putInt(504, 3002);
    h.put(508, "ConnDenseSeries".getBytes(StandardCharsets.US_ASCII));
    h.put(540, (byte) 1);
    h.putInt(544, esize).putInt(548, 32);
    h.put(552, text);
    Path file = dir.resolve(name);
    Files.write(file, h.array());
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(voxOffset + (long) TIMEPOINTS * GRAYORDINATES * Float.BYTES);
    }
    return file;
  }
}
