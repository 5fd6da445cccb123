package org.sparkconnectome.pipeline;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.sparkconnectome.config.SoftwareVersion;
import org.sparkconnectome.io.OutputFiles;

/**
 * Writes {@code OUT/run-report.json}: per run its status (computed, skipped, failed), the reason,
 * input hashes, settings hash and seconds. Rows are streamed from Spark, never collected at once.
 */
public final class RunReportWriter {
  private RunReportWriter() {
  }

  /** Counts by status, for the summary block and the exit code. */
  public record Counts(long computed, long skipped, long failed) {
    public long total() {
      return computed + skipped + failed;
    }
  }

  public static void write(Configuration conf, String uri, Iterator<Row> rows, Counts counts,
      Map<String, String> settingsHashes, String started) throws IOException {
    try (OutputStream out = OutputFiles.create(conf, uri);
        JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeObjectFieldStart("software");
      json.writeStringField("name", "spark-connectome");
      json.writeStringField("version", SoftwareVersion.current());
      json.writeEndObject();
      json.writeStringField("started", started);
      json.writeStringField("finished", Instant.now().toString());
      json.writeObjectFieldStart("settings_hashes");
      for (Map.Entry<String, String> e : settingsHashes.entrySet()) {
        json.writeStringField(e.getKey(), e.getValue());
      }
      json.writeEndObject();
      json.writeObjectFieldStart("summary");
      json.writeNumberField("computed", counts.computed());
      json.writeNumberField("skipped", counts.skipped());
      json.writeNumberField("failed", counts.failed());
      json.writeEndObject();
      json.writeArrayFieldStart("runs");
      while (rows.hasNext()) {
        writeRun(json, rows.next());
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  private static void writeRun(JsonGenerator json, Row r) throws IOException {
    json.writeStartObject();
    for (String key : new String[] {"subject", "session", "task", "acquisition", "run",
        "space", "pipeline", "source", "status", "reason"}) {
      String v = r.getAs(key);
      if (v == null) {
        json.writeNullField(key);
      } else {
        json.writeStringField(key, v);
      }
    }
    json.writeObjectFieldStart("input_hashes");
    Map<String, String> hashes = r.getJavaMap(r.fieldIndex("input_hashes"));
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(hashes).entrySet()) {
      json.writeStringField(e.getKey(), e.getValue());
    }
    json.writeEndObject();
    json.writeStringField("settings_hash", r.getAs("settings_hash"));
    json.writeNumberField("seconds", ((Number) r.getAs("seconds")).doubleValue());
    json.writeArrayFieldStart("outputs");
    List<String> outputs = r.getList(r.fieldIndex("outputs"));
    for (String o : outputs) {
      json.writeString(o);
    }
    json.writeEndArray();
    json.writeEndObject();
  }
}
