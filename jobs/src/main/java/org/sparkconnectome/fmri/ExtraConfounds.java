package org.sparkconnectome.fmri;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.sparkconnectome.bids.BidsName;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.io.HadoopDataSource;

/**
 * Where a run's extra confounds tables come from ({@code fmri.extra_confounds}): a comma list
 * of places, each the word {@code beside} (the BOLD run's own folder) or the root of a
 * BIDS-derivative dataset such as fMRIPost-AROMA's output, searched in
 * {@code sub-<label>/[ses-<label>/]func/}. A table belongs to a run when it is named
 * {@code <the run's entities>_desc-<label>_timeseries.tsv}: the same entities as the BOLD file
 * except {@code space}, {@code res}, {@code den}, {@code cohort} and {@code desc}
 * ({@code desc-confounds}, fMRIPrep's own table, is paired by the scan and not taken again).
 */
public final class ExtraConfounds {
  /** The place word for the BOLD run's own folder. */
  public static final String BESIDE = "beside";
  private static final Set<String> IGNORED = Set.of("space", "res", "den", "cohort", "desc");

  private ExtraConfounds() {
  }

  /**
   * The places of the setting: {@code beside}, or absolute URIs (a relative local folder is
   * made absolute here, on the driver, so tasks elsewhere find it).
   */
  public static List<String> places(String setting) {
    List<String> out = new ArrayList<>();
    for (String item : setting.split(",")) {
      String place = item.trim();
      if (place.isEmpty()) {
        continue;
      }
      if (place.equalsIgnoreCase(BESIDE)) {
        out.add(BESIDE);
      } else if (place.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
        out.add(place.replaceAll("/+$", ""));
      } else {
        Path local = Path.of(place).toAbsolutePath().normalize();
        if (!local.toFile().isDirectory()) {
          throw new UserException("fmri.extra_confounds: " + place + " is not a folder (give "
              + "the word 'beside' or the root of a BIDS-derivative dataset)");
        }
        out.add(local.toUri().toString().replaceAll("/+$", ""));
      }
    }
    return out;
  }

  /** The run's extra tables in the places, in order; none when no place holds one. */
  public static List<DataSource> find(FunctionalRun run, List<String> places, Configuration conf)
      throws IOException {
    Map<String, DataSource> found = new LinkedHashMap<>();
    for (String place : places) {
      String folder;
      if (place.equals(BESIDE)) {
        folder = run.bold().substring(0, run.bold().lastIndexOf('/'));
      } else {
        StringBuilder f = new StringBuilder(place).append("/sub-").append(run.subject());
        if (run.session() != null) {
          f.append("/ses-").append(run.session());
        }
        folder = f.append("/func").toString();
      }
      for (String uri : list(folder, conf)) {
        String name = uri.substring(uri.lastIndexOf('/') + 1);
        if (belongsTo(name, run.entities())) {
          found.putIfAbsent(uri, new HadoopDataSource(uri, conf));
        }
      }
    }
    return new ArrayList<>(found.values());
  }

  /** Whether a file name is an extra confounds table of the run with these entities. */
  static boolean belongsTo(String fileName, Map<String, String> runEntities) {
    BidsName.Parsed parsed = BidsName.parse(fileName);
    if (!parsed.valid()) {
      return false;
    }
    BidsName name = parsed.name();
    String desc = name.get("desc");
    if (!name.suffix().equals("timeseries") || !name.extension().equals(".tsv") || desc == null
        || desc.equals(ConfoundTables.FMRIPREP)) {
      return false;
    }
    return withoutIgnored(name.entities()).equals(withoutIgnored(runEntities));
  }

  private static Map<String, String> withoutIgnored(Map<String, String> entities) {
    Map<String, String> out = new LinkedHashMap<>(entities);
    out.keySet().removeAll(IGNORED);
    return out;
  }

  private static List<String> list(String folder, Configuration conf) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(folder);
    FileSystem fs = path.getFileSystem(conf);
    List<String> out = new ArrayList<>();
    FileStatus[] statuses;
    try {
      statuses = fs.listStatus(path);
    } catch (FileNotFoundException e) {
      return out;
    }
    for (FileStatus s : statuses) {
      if (s.isFile()) {
        out.add(s.getPath().toString());
      }
    }
    out.sort(String::compareTo);
    return out;
  }

  /** Where tables were looked for, in words, without the folders' paths. */
  static String describe(List<String> places) {
    if (places.isEmpty()) {
      return "(fmri.extra_confounds is not set: it names where such tables are, 'beside' the "
          + "runs or a BIDS-derivative folder)";
    }
    return "in the " + places.size() + " place" + (places.size() == 1 ? "" : "s")
        + " of fmri.extra_confounds";
  }
}
