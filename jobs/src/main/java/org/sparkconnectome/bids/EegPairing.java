package org.sparkconnectome.bids;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files a BIDS-EEG recording depends on besides its sidecar: its {@code _channels.tsv},
 * {@code _events.tsv}, {@code _electrodes.tsv} and {@code _coordsystem.json} (each the most
 * specific one whose entities all hold in the recording's name, by the inheritance principle;
 * electrodes and coordinate systems carry a {@code space-} the recording does not), and a
 * BrainVision header's {@code .vmrk} and {@code .eeg} beside it. Their content enters the
 * recording's paired hash, so that editing any of them recomputes the recording.
 */
public final class EegPairing {
  /** The tables and files paired by inheritance, as (suffix, extension). */
  private static final List<Map.Entry<String, String>> TABLES = List.of(
      Map.entry("channels", ".tsv"), Map.entry("events", ".tsv"),
      Map.entry("electrodes", ".tsv"), Map.entry("coordsystem", ".json"));
  private static final Set<String> IGNORED = Set.of("space", "acq");

  private EegPairing() {
  }

  /** A listed file of the subject. */
  record Candidate(String uri, String directory, BidsName name) {
  }

  /** The URIs of the files the recording {@code data} in {@code directory} depends on. */
  static List<String> pairedFiles(BidsName data, String directory, List<Candidate> all) {
    List<String> out = new ArrayList<>();
    if (!data.suffix().equals("eeg") || DataFileKind.of(data) != DataFileKind.EEG_RECORDING) {
      return out;
    }
    for (Map.Entry<String, String> table : TABLES) {
      Candidate best = mostSpecific(data, all, table.getKey(), table.getValue());
      if (best != null) {
        out.add(best.uri());
      }
    }
    if (data.extension().equals(".vhdr")) {
      String stem = data.fileName().substring(0, data.fileName().length() - ".vhdr".length());
      for (Candidate c : all) {
        String fileName = c.name().fileName();
        if (c.directory().equals(directory)
            && (fileName.equals(stem + ".vmrk") || fileName.equals(stem + ".eeg"))) {
          out.add(c.uri());
        }
      }
    }
    return out;
  }

  /**
   * The table of this suffix for a recording: the one whose entities (less {@code space} and
   * {@code acq}, which electrodes name on their own) all hold in the recording's name, the most
   * specific first. Public so that a stage finds the same file the scan hashed.
   */
  public static String tableFor(BidsName recording, List<BidsName> names, List<String> uris,
      String suffix, String extension) {
    List<Candidate> all = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      all.add(new Candidate(uris.get(i), "", names.get(i)));
    }
    Candidate best = mostSpecific(recording, all, suffix, extension);
    return best == null ? null : best.uri();
  }

  private static Candidate mostSpecific(BidsName data, List<Candidate> all, String suffix,
      String extension) {
    Candidate best = null;
    for (Candidate c : all) {
      BidsName n = c.name();
      if (!n.suffix().equals(suffix) || !n.extension().equals(extension)) {
        continue;
      }
      boolean applies = true;
      for (Map.Entry<String, String> e : n.entities().entrySet()) {
        if (!IGNORED.contains(e.getKey()) && !e.getValue().equals(data.get(e.getKey()))) {
          applies = false;
          break;
        }
      }
      if (applies && (best == null
          || n.entities().size() > best.name().entities().size())) {
        best = c;
      }
    }
    return best;
  }
}
