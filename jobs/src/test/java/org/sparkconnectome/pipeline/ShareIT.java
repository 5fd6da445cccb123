package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.share.LabelPseudonyms;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;

/**
 * Results leave the lab without the people in them. The sample cohort, renamed to distinctive
 * subject and session labels and run from a folder with a host-like name, gives outputs that
 * name neither its absolute path nor the host (every file, Parquet decoded, gzip inflated, and
 * our log lines; only the manifest table keeps its store URI); {@code share} then gives a copy
 * where no original label, acquisition date, place or path survives anywhere, with pseudonyms
 * stable under one key, and a summary-only copy that suppresses cells of too few subjects.
 */
@Tag("spark")
class ShareIT {
  private static final Map<String, String> SUBJECTS = Map.of("01", "zebraalpha", "02",
      "yakbravo", "03", "xerusdelta", "04", "wombatecho");
  private static final String SESSION = "visitoctober";
  private static final String HOST = "nas7.brainlab.example.org";
  private static final String DATE = "2019-03-14";
  private static final String PLACE = "Secretville";
  private static final String SERIAL = "SN778812";
  private static final String OUR_LOGGERS = "org.sparkconnectome";

  @TempDir
  Path work;

  @Test
  void sharedCopyHoldsNoLabelDateOrPath() throws IOException {
    Path study = work.resolve(HOST).resolve("Private_Study_Q7");
    Path bids = study.resolve("bids");
    copyRenamed(TestData.sampleCohort(), bids);
    Path out = study.resolve("out");
    StringWriter log = new StringWriter();
    CliRun run = withLogCaptured(log, () -> CliRun.of("run", "--bids", bids.toString(),
        "--out", out.toString(), "--set", "graph.null_graphs=0", "--set",
        "graph.louvain_runs=2"));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(Files.isDirectory(out.resolve("sub-zebraalpha/ses-" + SESSION + "/func")));

    // Outputs: no absolute input path, no host, in any file or our own log lines.
    List<String> where = new ArrayList<>();
    for (String secret : List.of(bids.toString(), HOST)) {
      where.addAll(occurrences(out, secret, out.resolve("tables/manifest")));
    }
    assertEquals(List.of(), where);
    // The output folder is the user's own destination and our lines name it (where the report
    // is); input paths and hosts are what must not appear.
    String ours = log.toString().lines().filter(l -> l.startsWith("org.sparkconnectome"))
        .map(l -> l.replace(out.toString(), "OUT")).collect(Collectors.joining("\n"));
    assertTrue(ours.contains("published"), ours);
    assertFalse(ours.contains(bids.toString()) || ours.contains(HOST), ours);
    // The manifest table is where the store URI lives, and only there.
    assertFalse(occurrences(out.resolve("tables/manifest"), bids.toString(), null).isEmpty());

    // Identifying data a sidecar or image header may carry, planted in the outputs.
    Path sidecar = out.resolve("sub-zebraalpha/ses-" + SESSION + "/func/sub-zebraalpha_ses-"
        + SESSION + "_task-rest_space-MNI152NLin2009cAsym_atlas-Sample_stat-"
        + "pearsoncorrelation_relmat.json");
    ObjectMapper json = new ObjectMapper();
    ObjectNode fields = (ObjectNode) json.readTree(sidecar.toFile());
    fields.put("AcquisitionDateTime", DATE + "T09:26:53");
    fields.put("InstitutionName", "Hospital of " + PLACE);
    fields.put("DeviceSerialNumber", SERIAL);
    Files.writeString(sidecar, json.writeValueAsString(fields));
    Path atlas;
    try (Stream<Path> files = Files.walk(out.resolve("sourcedata"))) {
      atlas = files.filter(p -> p.toString().endsWith(".nii.gz")).findFirst().orElseThrow();
    }
    writeDescrip(atlas, "scanned " + DATE + " at " + PLACE);

    Path keyA = work.resolve("a.key");
    Path keyB = work.resolve("b.key");
    Files.write(keyA, "key of the lab, thirty-two bytes".getBytes(StandardCharsets.UTF_8));
    Files.write(keyB, "another key, not the lab's own!!".getBytes(StandardCharsets.UTF_8));
    Path shared = work.resolve("shared1");
    CliRun share = CliRun.of("share", "--out", out.toString(), "--to", shared.toString(),
        "--key", keyA.toString());
    assertEquals(0, share.exitCode(), share.err());

    List<String> secrets = new ArrayList<>(SUBJECTS.values());
    secrets.addAll(List.of("sub-01", "sub-02", SESSION, DATE, "09:26:53", PLACE, SERIAL, HOST,
        bids.toString(), study.toString()));
    List<String> leaks = new ArrayList<>();
    for (String secret : secrets) {
      leaks.addAll(occurrences(shared, secret, null));
    }
    assertEquals(List.of(), leaks);
    assertTrue(Files.isRegularFile(shared.resolve("report/index.html")), "report rebuilt");

    LabelPseudonyms a = new LabelPseudonyms(Files.readAllBytes(keyA),
        Set.copyOf(SUBJECTS.values()), Set.of(SESSION));
    LabelPseudonyms b = new LabelPseudonyms(Files.readAllBytes(keyB),
        Set.copyOf(SUBJECTS.values()), Set.of(SESSION));
    String subject = "sub-" + a.of("sub", "zebraalpha");
    String session = "ses-" + a.of("ses", SESSION);
    assertTrue(Files.isDirectory(shared.resolve(subject).resolve(session).resolve("func")),
        subject + "/" + session);
    assertEquals(Set.of(subject, "sub-" + a.of("sub", "yakbravo"), "sub-" + a.of("sub",
        "xerusdelta"), "sub-" + a.of("sub", "wombatecho")), subjectFolders(shared));
    assertNotEquals(a.of("sub", "zebraalpha"), b.of("sub", "zebraalpha"));

    // Ages in 5-year bins, only the allowed columns; a manifest of counts, not values.
    List<String> participants = Files.readAllLines(shared.resolve("participants.tsv"));
    assertEquals("participant_id\tgroup\tage\tsex\tsite", participants.get(0));
    assertTrue(participants.contains(subject + "\tcontrol\t35-39\tF\tsiteA"), participants
        .toString());
    JsonNode removed = json.readTree(shared.resolve("share_manifest.json").toFile());
    assertEquals(1, removed.path("fields_dropped").path("json").path("AcquisitionDateTime")
        .asInt());
    assertTrue(removed.path("nifti_header_text_fields_cleared").asInt() >= 1, removed
        .toString());
    assertTrue(Files.isDirectory(shared.resolve("tables/connectomes/_delta_log")));
    assertFalse(Files.exists(shared.resolve("tables/manifest")));
    try (Stream<Path> commits = Files.list(shared.resolve("tables/connectomes/_delta_log"))) {
      assertEquals(List.of("00000000000000000000.json"), commits.map(p -> p.getFileName()
          .toString()).filter(n -> n.endsWith(".json")).toList(), "no history");
    }

    // The same key on another night: the same names; another key: other names.
    Path again = work.resolve("shared2");
    assertEquals(0, CliRun.of("share", "--out", out.toString(), "--to", again.toString(),
        "--key", keyA.toString()).exitCode());
    assertEquals(relativeFiles(shared), relativeFiles(again));

    // Summary only: cohort means, no subject; cells of fewer subjects than asked are n/a.
    Path summary = work.resolve("summary");
    CliRun four = CliRun.of("share", "--out", out.toString(), "--to", summary.toString(),
        "--key", keyB.toString(), "--summary-only", "--min-subjects", "4");
    assertEquals(0, four.exitCode(), four.err());
    assertEquals(Set.of(), subjectFolders(summary));
    Path mean = summary.resolve("group/atlas-Sample_stat-pearson_desc-cohortmean_relmat.tsv");
    List<String> rows = Files.readAllLines(mean);
    assertEquals(13, rows.size(), rows.toString());
    assertFalse(rows.get(1).contains("n/a"), rows.get(1));
    Path tooFew = work.resolve("few");
    CliRun five = CliRun.of("share", "--out", out.toString(), "--to", tooFew.toString(),
        "--summary-only");
    assertEquals(0, five.exitCode(), five.err());
    assertTrue(Files.isRegularFile(work.resolve("few.key")), five.out());
    List<String> suppressed = Files.readAllLines(tooFew.resolve(
        "group/atlas-Sample_stat-pearson_desc-cohortmean_relmat.tsv"));
    for (String row : suppressed.subList(1, suppressed.size())) {
      assertTrue(row.substring(row.indexOf('\t') + 1).matches("(n/a\t)*n/a"), row);
    }
    assertTrue(json.readTree(tooFew.resolve("share_manifest.json").toFile())
        .path("suppressed_cells").asLong() >= 12 * 12, "counted");
    for (String secret : secrets) {
      assertEquals(List.of(), occurrences(summary, secret, null));
    }
  }

  /** Where {@code secret} occurs under {@code root}: every file, decoded by its kind. */
  private static List<String> occurrences(Path root, String secret, Path except)
      throws IOException {
    List<String> found = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile)
          .filter(p -> except == null || !p.startsWith(except))
          .filter(p -> !p.startsWith(root.resolve(".staging"))).toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      String text;
      if (name.endsWith(".parquet")) {
        Dataset<Row> rows = SharedSpark.get().read().parquet(file.toString());
        Column all = functions.to_json(functions.struct(
            java.util.Arrays.stream(rows.columns()).map(functions::col).toArray(Column[]::new)));
        text = String.join("\n", rows.select(all).as(
            org.apache.spark.sql.Encoders.STRING()).collectAsList());
      } else if (name.endsWith(".gz")) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
          text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
      } else {
        text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      }
      if (text.contains(secret) || name.contains(secret)) {
        found.add(root.relativize(file) + " holds " + secret);
      }
    }
    return found;
  }

  /** The sample cohort with distinctive subject labels and one session per subject. */
  private static void copyRenamed(Path from, Path to) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(from)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      String relative = from.relativize(file).toString();
      byte[] bytes = Files.readAllBytes(file);
      for (Map.Entry<String, String> s : SUBJECTS.entrySet()) {
        String old = "sub-" + s.getKey();
        String label = "sub-" + s.getValue();
        if (relative.startsWith(old + "/")) {
          String rest = relative.substring(old.length() + 1);
          int slash = rest.indexOf('/');
          relative = label + "/ses-" + SESSION + "/" + rest.substring(0, slash + 1)
              + rest.substring(slash + 1).replace(old + "_", label + "_ses-" + SESSION + "_");
        }
        if (relative.equals("participants.tsv")) {
          bytes = new String(bytes, StandardCharsets.UTF_8).replace(old + "\t", label + "\t")
              .getBytes(StandardCharsets.UTF_8);
        }
      }
      Path target = to.resolve(relative);
      Files.createDirectories(target.getParent());
      Files.write(target, bytes);
    }
  }

  private static void writeDescrip(Path niftiGz, String text) throws IOException {
    byte[] bytes;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(niftiGz))) {
      bytes = in.readAllBytes();
    }
    byte[] descrip = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(descrip, 0, bytes, 148, descrip.length);
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(buffer)) {
      gz.write(bytes);
    }
    Files.write(niftiGz, buffer.toByteArray());
  }

  private static Set<String> subjectFolders(Path root) throws IOException {
    try (Stream<Path> list = Files.list(root)) {
      return list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("sub-"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Set<String> relativeFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
          .filter(n -> !n.startsWith("tables/") && !n.startsWith("report/"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static CliRun withLogCaptured(StringWriter log,
      java.util.function.Supplier<CliRun> cmd) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    WriterAppender appender = WriterAppender.newBuilder().setName("share-it").setTarget(log)
        .setLayout(PatternLayout.newBuilder().withPattern("%c %m%n").build()).build();
    appender.start();
    Configuration config = context.getConfiguration();
    config.addAppender(appender);
    config.getRootLogger().addAppender(appender, null, null);
    // Our loggers at INFO whatever an earlier test in this JVM left them at (--quiet lowers
    // them): the check below needs our progress lines.
    LoggerConfig ours = config.getLoggerConfig(OUR_LOGGERS);
    boolean added = !ours.getName().equals(OUR_LOGGERS);
    Level before = ours.getLevel();
    if (added) {
      ours = new LoggerConfig(OUR_LOGGERS, Level.INFO, true);
      config.addLogger(OUR_LOGGERS, ours);
    }
    ours.setLevel(Level.INFO);
    ours.addAppender(appender, null, null);
    context.updateLoggers();
    try {
      return cmd.get();
    } finally {
      config.getRootLogger().removeAppender("share-it");
      if (added) {
        config.removeLogger(OUR_LOGGERS);
      } else {
        ours.removeAppender("share-it");
        ours.setLevel(before);
      }
      context.updateLoggers();
      appender.stop();
    }
  }
}
