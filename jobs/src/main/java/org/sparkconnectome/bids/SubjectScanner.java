package org.sparkconnectome.bids;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.ContentHash;
import org.sparkconnectome.io.FileTrees;
import org.sparkconnectome.io.HadoopDataSource;

/**
 * Scans one subject folder on an executor: lists it, validates names, reads image and recording
 * headers, hashes content and pairs each image with its sidecars, confounds, gradients and
 * tractogram, and each EEG recording with its channels, events and electrodes tables.
 */
public final class SubjectScanner {

  /** BIDS datatype folders; anything else under a subject (figures/, log/) is not data. */
  static final Set<String> DATATYPES = Set.of("anat", "func", "dwi", "fmap", "perf", "beh",
      "eeg", "meg", "ieeg", "pet", "micr", "nirs", "motion");

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Where {@link #mergedSidecar} notes a sidecar that is not JSON. */
  private static final String INVALID_SIDECAR = "_invalid_sidecar";

  private final Configuration conf;
  private final List<Sidecar> datasetSidecars;
  private final KnownFiles known;

  /**
   * @param datasetSidecars top-level sidecars of every dataset root (inheritance from above the
   *     subject folder); the scanner picks those under the subject's own dataset root
   */
  public SubjectScanner(Configuration conf, List<Sidecar> datasetSidecars) {
    this(conf, datasetSidecars, KnownFiles.none());
  }

  /**
   * @param known content hashes of a previous scan: a file whose {@link FileStamp} is unchanged
   *     keeps its hash and is not read beyond its header
   */
  public SubjectScanner(Configuration conf, List<Sidecar> datasetSidecars, KnownFiles known) {
    this.conf = conf;
    this.datasetSidecars = datasetSidecars;
    this.known = known;
  }

  /** A listed file, before classification. */
  private record Listed(String uri, String directory, String fileName, long size,
      String session, String modality, FileSystem fs, FileStatus status) {
  }

  /** A listed file with a valid BIDS name. */
  private record Named(Listed file, BidsName name) {
  }

  /** Every manifest entry of the subject: data files, and files refused with a reason. */
  public List<ManifestEntry> scan(SubjectFolder folder) throws IOException {
    List<ManifestEntry> entries = new ArrayList<>();
    List<Named> named = new ArrayList<>();
    for (Listed file : list(folder, entries)) {
      BidsName.Parsed parsed = BidsName.parse(file.fileName());
      String misplaced = parsed.valid() ? misplacement(folder, file, parsed.name()) : null;
      if (!parsed.valid() || misplaced != null) {
        String reason = parsed.valid() ? misplaced : parsed.invalidReason();
        entries.add(ManifestEntry.invalid(folder.dataset(), folder.subject(), file.modality(),
            file.uri(), file.size(), reason));
      } else {
        named.add(new Named(file, parsed.name()));
      }
    }
    List<Sidecar> sidecars = new ArrayList<>();
    for (Sidecar s : datasetSidecars) {
      if (Sidecar.isAncestorOrSame(folder.datasetRoot(), s.directory())) {
        sidecars.add(s);
      }
    }
    for (Named n : named) {
      if (n.name().extension().equals(".json")) {
        sidecars.add(new Sidecar(n.file().directory(), n.name(), readText(n.file().uri())));
      }
    }
    for (Named n : named) {
      if (DataFileKind.of(n.name()) != DataFileKind.OTHER) {
        entries.add(describe(folder, n, named, sidecars));
      }
    }
    return entries;
  }

  private List<Listed> list(SubjectFolder folder, List<ManifestEntry> refused)
      throws IOException {
    Path root = new Path(folder.uri());
    FileSystem fs = root.getFileSystem(conf);
    String rootText = root.toString();
    List<Listed> files = new ArrayList<>();
    for (FileStatus status : FileTrees.files(fs, root)) {
      String uri = status.getPath().toString();
      String relative = uri.substring(rootText.length()).replaceFirst("^/", "");
      String[] parts = relative.split("/");
      String fileName = parts[parts.length - 1];
      if (fileName.startsWith(".")) {
        continue;
      }
      String session = null;
      int next = 0;
      if (parts.length > 1 && parts[0].startsWith("ses-")) {
        session = parts[0].substring(4);
        next = 1;
      }
      String modality = null;
      if (parts.length - next == 2 && DATATYPES.contains(parts[next])) {
        modality = parts[next];
      } else if (parts.length - next != 1) {
        // Not a BIDS data location (fMRIPrep's figures/, log/): not data, not an error.
        continue;
      }
      String directory = status.getPath().getParent().toString();
      files.add(new Listed(uri, directory, fileName, status.getLen(), session, modality, fs,
          status));
    }
    files.sort(Comparator.comparing(Listed::uri));
    return files;
  }

  /** Why a validly named file is in the wrong place, or null when it is where it belongs. */
  private static String misplacement(SubjectFolder folder, Listed file, BidsName name) {
    String sub = name.get("sub");
    if (sub == null) {
      return "no 'sub' entity (every file in sub-" + folder.subject() + "/ needs sub-"
          + folder.subject() + ")";
    }
    if (!sub.equals(folder.subject())) {
      return "sub-" + sub + " file inside the sub-" + folder.subject() + " folder";
    }
    String ses = name.get("ses");
    if (file.session() != null && !file.session().equals(ses)) {
      return "file in ses-" + file.session() + "/ must carry ses-" + file.session();
    }
    if (file.session() == null && ses != null && file.modality() != null) {
      return "ses-" + ses + " file outside a ses-" + ses + "/ folder";
    }
    return null;
  }

  private ManifestEntry describe(SubjectFolder folder, Named data, List<Named> all,
      List<Sidecar> sidecars) {
    BidsName name = data.name();
    Listed file = data.file();
    String merged = mergedSidecar(file.directory(), name, sidecars);
    Double tr = repetitionTimeFrom(merged);
    List<Integer> shape = null;
    Double samplingRate = null;
    List<String> channels = null;
    String status = ManifestEntry.VALID;
    String reason = null;
    String hash = null;
    Long hashedAt = null;
    FileStamp stamp = FileStamp.of(file.fs(), file.status());
    try {
      HadoopDataSource source = new HadoopDataSource(file.uri(), conf);
      DataFileKind kind = DataFileKind.of(name);
      if (kind == DataFileKind.EEG_RECORDING) {
        ImageGeometry geometry = ImageGeometry.readRecording(source);
        shape = geometry.shape();
        samplingRate = geometry.samplingRate();
        channels = geometry.channels();
      } else if (kind == DataFileKind.IMAGE || kind == DataFileKind.DENSE_SERIES) {
        ImageGeometry geometry = kind == DataFileKind.IMAGE ? ImageGeometry.read(source)
            : ImageGeometry.readDenseSeries(source);
        shape = geometry.shape();
        if (!geometry.warnings().isEmpty()) {
          reason = String.join(" ", geometry.warnings());
        }
        if (tr == null) {
          tr = geometry.repetitionTime();
        } else if (geometry.repetitionTime() != null
            && Math.abs(geometry.repetitionTime() - tr) > 1e-3) {
          reason = "RepetitionTime " + tr + " s in the sidecar differs from "
              + geometry.repetitionTime() + " s in the header: using the sidecar's";
        }
      }
      KnownFiles.Known recorded = known.ifUnchanged(file.uri(), stamp);
      if (recorded != null) {
        hash = recorded.contentHash();
        hashedAt = recorded.hashedAt();
      } else {
        long started = System.currentTimeMillis();
        hash = ContentHash.sha256(source);
        // The same content read again keeps its first hash time, so that its row, and the
        // manifest table's version, stay as they were.
        hashedAt = known.sameContentHashedAt(file.uri(), hash, started);
      }
    } catch (FormatException e) {
      status = ManifestEntry.UNREADABLE;
      reason = e.getMessage();
    } catch (IOException e) {
      status = ManifestEntry.UNREADABLE;
      reason = file.uri() + ": " + e.getMessage();
    }
    String brokenSidecar = invalidSidecar(merged);
    if (brokenSidecar != null && status.equals(ManifestEntry.VALID)) {
      // Its RepetitionTime and SliceTiming would be silently replaced by the header's.
      status = ManifestEntry.UNREADABLE;
      reason = brokenSidecar;
    }
    String confounds = pairedConfounds(name, all);
    String bval = pairedFile(name, all, ".bval");
    String bvec = pairedFile(name, all, ".bvec");
    List<String> paired = new ArrayList<>(java.util.Arrays.asList(confounds, bval, bvec));
    paired.addAll(EegPairing.pairedFiles(name, file.directory(), all.stream()
        .map(n -> new EegPairing.Candidate(n.file().uri(), n.file().directory(), n.name()))
        .toList()));
    String pairedHash = null;
    try {
      pairedHash = pairedHash(merged, paired.toArray(new String[0]));
    } catch (IOException e) {
      status = ManifestEntry.UNREADABLE;
      reason = e.getMessage();
    }
    return new ManifestEntry(folder.dataset(), folder.subject(), name.get("ses"),
        name.get("task"), name.get("acq"), name.get("run"), name.get("space"), name.get("desc"),
        name.suffix(), file.modality(), name.extension(), file.uri(), file.size(), hash, tr,
        shape, samplingRate, channels, merged, confounds, bval, bvec,
        pairedTractogram(data, all), pairedHash, status, reason, stamp.modified(),
        stamp.storeChecksum(), hashedAt);
  }

  /** One hash over the metadata and the paired files' content: any change shows in it. */
  private String pairedHash(String sidecar, String... paired) throws IOException {
    StringBuilder identity = new StringBuilder(sidecar == null ? "" : sidecar);
    for (String uri : paired) {
      if (uri != null) {
        identity.append('\n').append(ContentHash.sha256(new HadoopDataSource(uri, conf)));
      }
    }
    return ContentHash.sha256(identity.toString());
  }

  /** Sidecars merged from the least to the most specific, as BIDS inheritance says. */
  private static String mergedSidecar(String directory, BidsName data, List<Sidecar> sidecars) {
    List<Sidecar> applicable = new ArrayList<>();
    for (Sidecar s : sidecars) {
      if (s.appliesTo(directory, data)) {
        applicable.add(s);
      }
    }
    if (applicable.isEmpty()) {
      return null;
    }
    applicable.sort(Comparator.comparingInt((Sidecar s) -> s.directory().length())
        .thenComparingInt(s -> s.name().entities().size()));
    ObjectNode merged = JSON.createObjectNode();
    for (Sidecar s : applicable) {
      try {
        JsonNode node = JSON.readTree(s.json());
        if (node instanceof ObjectNode object) {
          merged.setAll(object);
        }
      } catch (IOException e) {
        // Named by file name, not path (no output holds an absolute input path); the first
        // broken one is kept.
        if (!merged.has(INVALID_SIDECAR)) {
          merged.put(INVALID_SIDECAR, "sidecar " + s.name().fileName() + " is not valid JSON ("
              + e.getMessage().split("\n")[0] + "): fix it, or remove it to use the header's"
              + " values");
        }
      }
    }
    return merged.toString();
  }

  /** The fault of a sidecar that did not parse, recorded by {@link #mergedSidecar}, or null. */
  static String invalidSidecar(String merged) {
    if (merged == null) {
      return null;
    }
    try {
      JsonNode fault = JSON.readTree(merged).get(INVALID_SIDECAR);
      return fault == null ? null : fault.asText();
    } catch (IOException e) {
      return "merged sidecar is not valid JSON: " + e.getMessage().split("\n")[0];
    }
  }

  private static Double repetitionTimeFrom(String sidecar) {
    if (sidecar == null) {
      return null;
    }
    try {
      JsonNode tr = JSON.readTree(sidecar).get("RepetitionTime");
      return tr != null && tr.isNumber() ? tr.asDouble() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** fMRIPrep's confounds table for a BOLD run: same acquisition entities, no space. */
  private static String pairedConfounds(BidsName data, List<Named> all) {
    if (!data.suffix().equals("bold")) {
      return null;
    }
    for (Named n : all) {
      BidsName c = n.name();
      if (c.suffix().equals("timeseries") && "confounds".equals(c.get("desc"))
          && c.extension().equals(".tsv") && c.get("space") == null
          && sameExcept(c, data, Set.of("desc", "space", "res", "den"))) {
        return n.file().uri();
      }
    }
    return null;
  }

  /** The most specific .bval/.bvec whose entities all hold in the image's name. */
  private static String pairedFile(BidsName data, List<Named> all, String extension) {
    if (!data.suffix().equals("dwi")) {
      return null;
    }
    Named best = null;
    for (Named n : all) {
      BidsName c = n.name();
      if (c.extension().equals(extension) && c.suffix().equals("dwi") && c.appliesTo(data)
          && (best == null || c.entities().size() > best.name().entities().size())) {
        best = n;
      }
    }
    return best == null ? null : best.file().uri();
  }

  /** The tractogram of a diffusion image: same subject, session, acquisition and run. */
  private static String pairedTractogram(Named data, List<Named> all) {
    if (!data.name().suffix().equals("dwi") || DataFileKind.of(data.name()) != DataFileKind.IMAGE) {
      return null;
    }
    for (Named n : all) {
      BidsName c = n.name();
      if (DataFileKind.of(c) == DataFileKind.TRACTOGRAM
          && sameExcept(c, data.name(), Set.of("space", "desc", "model", "alg", "res", "den"))) {
        return n.file().uri();
      }
    }
    return null;
  }

  /** Every entity of {@code candidate}, except the ignored ones, has the same value in data. */
  private static boolean sameExcept(BidsName candidate, BidsName data, Set<String> ignored) {
    for (String key : BidsEntity.ORDER) {
      if (ignored.contains(key)) {
        continue;
      }
      String a = candidate.get(key);
      String b = data.get(key);
      if (a == null ? b != null : !a.equals(b)) {
        return false;
      }
    }
    return true;
  }

  private String readText(String uri) throws IOException {
    try (InputStream in = new HadoopDataSource(uri, conf).openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
