package org.sparkconnectome.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparkconnectome.inspect.FileInspector;
import org.sparkconnectome.inspect.Inspectors;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.io.DataSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.sparkconnectome.config.UserException;

/**
 * {@code connectome inspect}: what a NIfTI image, a CIFTI-2 file, a tractogram or an EEG
 * recording holds, as nibabel or MNE-Python reads it.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
        "Show the header, geometry and value statistics of a NIfTI/Analyze image "
            + "(.nii, .nii.gz, .hdr/.img), a CIFTI-2 file (.dtseries.nii, .dlabel.nii, "
            + ".pconn.nii, ...), a tractogram (.tck, .trk) or an EEG recording "
            + "(.edf, .bdf, .vhdr).",
        "A broken file is refused with exit code 2 and a message naming the fault."
    })
final class InspectCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE",
      description = "Image, CIFTI file, tractogram or EEG recording (path or URI).")
  private String file;

  @Option(names = "--json", description = "Print one JSON object (the documented contract).")
  private boolean json;

  @Option(names = "--probe", paramLabel = "i,j,k[,t]",
      description = "Voxel whose scaled value is reported; repeatable.")
  private List<String> probes = new ArrayList<>();

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    List<long[]> voxels = new ArrayList<>();
    for (String probe : probes) {
      voxels.add(parseProbe(probe));
    }
    DataSource source = DataSources.open(file);
    if (!source.exists()) {
      throw new UserException(file + ": no such file");
    }
    FileInspector inspector = Inspectors.forFile(source.fileName()).orElseThrow(() ->
        new UserException(file + ": not a recognised image, tractogram or EEG recording "
            + "(expected .nii, .nii.gz, .hdr, .img, .tck, .trk, .edf, .bdf or .vhdr)"));
    Map<String, Object> inspection = inspector.inspect(source, voxels);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      out.println(mapper.writeValueAsString(inspection));
    } else {
      out.print(inspector.describe(inspection));
    }
    out.flush();
    return ConnectomeCli.EXIT_OK;
  }

  private static long[] parseProbe(String text) {
    String[] parts = text.split(",");
    if (parts.length < 3 || parts.length > 4) {
      throw new UserException("--probe " + text + ": expected i,j,k or i,j,k,t");
    }
    long[] index = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        index[i] = Long.parseLong(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new UserException("--probe " + text + ": '" + parts[i] + "' is not an integer");
      }
      if (index[i] < 0) {
        throw new UserException("--probe " + text + ": indices must not be negative");
      }
    }
    return index;
  }
}
