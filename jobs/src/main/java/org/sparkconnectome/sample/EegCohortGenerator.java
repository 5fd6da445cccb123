package org.sparkconnectome.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a deterministic raw BIDS-EEG dataset with planted phase coupling and a group effect:
 * one resting recording per subject (EDF, BDF and BrainVision in turn), its sidecar and
 * tables, {@code participants.tsv} and {@code ground_truth.json}. See docs/eeg-sample.md.
 */
public final class EegCohortGenerator {
  static final String TASK = "rest";
  /** The channel made bad, in the second subject (or the only one). */
  static final String BAD_CHANNEL = "T7";

  private final EegSampleSpec spec;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public EegCohortGenerator(EegSampleSpec spec) {
    this.spec = spec;
  }

  /** Generates the dataset under {@code out} (created if needed). */
  public void generate(Path out) throws IOException {
    Files.createDirectories(out);
    writeDatasetFiles(out);
    EegBidsSidecars sidecars = new EegBidsSidecars();
    ArrayNode recordings = json.createArrayNode();
    for (int s = 1; s <= spec.subjects(); s++) {
      EegRecordingPlan plan = plan(s);
      Path eegDir = Files.createDirectories(out.resolve("sub-" + plan.subject()).resolve("eeg"));
      Path file = plan.format().write(eegDir, plan.stem(), TenTwentyMontage.names(),
          signals(s));
      sidecars.write(eegDir, plan);
      recordings.add(recordingTruth(plan, out.relativize(file)));
    }
    writeGroundTruth(out, recordings);
  }

  /** The subject whose {@link #BAD_CHANNEL} is bad. */
  public int badChannelSubject() {
    return Math.min(2, spec.subjects());
  }

  /** The subject with artefacts. */
  public int artefactSubject() {
    return Math.min(3, spec.subjects());
  }

  /** What subject {@code index} (from 1) records. */
  public EegRecordingPlan plan(int index) {
    String group = SampleCohortGenerator.groupOf(index);
    int seconds = spec.seconds();
    List<Integer> onsets = new ArrayList<>();
    if (index == artefactSubject()) {
      // Even seconds, so that epochs of 1 or 2 s from the first sample hold each one whole.
      for (int k = 1; k <= 3; k++) {
        onsets.add(2 * (seconds * k / 8));
      }
    }
    return new EegRecordingPlan(SampleCohortGenerator.subjectLabel(index), group,
        EegRecordingFormat.forSubject(index), seconds, EegSampleSpec.ALPHA_COUPLING,
        spec.betaCoupling().of(group), index == badChannelSubject() ? BAD_CHANNEL : null,
        onsets);
  }

  /** The signals of subject {@code index}, {@code [channel][t]} in volts, as written. */
  public double[][] signals(int index) {
    return SyntheticEeg.generate(plan(index),
        new SplittableRandom(spec.seed() * 1_000_003L + index + 0xEE6_0000L));
  }

  private void writeDatasetFiles(Path out) throws IOException {
    SampleFiles.writeDescription(out, "spark-connectome sample EEG cohort", "raw",
        "spark-connectome sample --eeg", "synthetic resting EEG with planted phase coupling; "
            + "seed " + spec.seed());

    SplittableRandom random = new SplittableRandom(spec.seed() ^ 0x5EED_EE6L);
    try (Writer w = Files.newBufferedWriter(out.resolve("participants.tsv"),
        StandardCharsets.UTF_8)) {
      w.write("participant_id\tgroup\tage\tsex\n");
      for (int s = 1; s <= spec.subjects(); s++) {
        int age = 20 + random.nextInt(50);
        String sex = random.nextBoolean() ? "F" : "M";
        w.write("sub-" + SampleCohortGenerator.subjectLabel(s) + "\t"
            + SampleCohortGenerator.groupOf(s) + "\t" + age + "\t" + sex + "\n");
      }
    }
    ObjectNode columns = json.createObjectNode();
    columns.putObject("group").put("Description", "control or patient (alternating); "
        + "patients have the stronger beta_frontal coupling");
    columns.putObject("age").put("Description", "age in years (drawn at random)");
    columns.putObject("sex").put("Description", "F or M (drawn at random)");
    json.writeValue(out.resolve("participants.json").toFile(), columns);
  }

  private ObjectNode recordingTruth(EegRecordingPlan plan, Path file) {
    ObjectNode r = json.createObjectNode();
    r.put("subject", plan.subject());
    r.put("group", plan.group());
    r.put("file", file.toString().replace('\\', '/'));
    r.put("format", plan.format().readerFormat());
    if (plan.format().binaryFormat() != null) {
      r.put("binary_format", plan.format().binaryFormat().name());
    }
    r.put("sampling_frequency", plan.format().samplingRate());
    r.put("n_samples", plan.sampleCount());
    ObjectNode coupling = r.putObject("coupling");
    coupling.put(EegCouplingGroup.ALPHA.name(), plan.alphaCoupling());
    coupling.put(EegCouplingGroup.BETA.name(), plan.betaCoupling());
    ArrayNode bad = r.putArray("bad_channels");
    if (plan.badChannel() != null) {
      bad.add(plan.badChannel());
    }
    ArrayNode onsets = r.putArray("artefact_onsets_seconds");
    plan.artefactOnsetsSeconds().forEach(onsets::add);
    return r;
  }

  private void writeGroundTruth(Path out, ArrayNode recordings) throws IOException {
    ObjectNode truth = json.createObjectNode();
    truth.put("about", "Planted ground truth of this generated EEG cohort. Each member of a "
        + "coupling group carries amplitude * (coupling * shared(t) + sqrt(1 - coupling^2) * "
        + "own(t)), shared and own being oscillators at the group's frequency with "
        + "random-walk phases and slowly varying envelopes; member k's copy of the shared "
        + "oscillator lags the first member's by phase_lags_radians[k] = 2 pi f "
        + "lags_seconds[k], so the cross-spectrum E[X_first conj(X_k)] has that positive "
        + "phase (and positive imaginary part). Channels outside a group carry only own "
        + "oscillators (0.4 times the group amplitude) and are not coupled to anything but "
        + "the 50 Hz line noise, which is in phase on every channel.");
    truth.put("seed", spec.seed());
    truth.put("subjects", spec.subjects());
    truth.put("seconds", spec.seconds());
    truth.put("reference", EegBidsSidecars.REFERENCE);
    truth.put("power_line_frequency", SyntheticEeg.LINE_HZ);
    ArrayNode channels = truth.putArray("channels");
    TenTwentyMontage.names().forEach(channels::add);
    ArrayNode groups = truth.putArray("coupling_groups");
    for (EegCouplingGroup g : List.of(EegCouplingGroup.ALPHA, EegCouplingGroup.BETA)) {
      ObjectNode node = groups.addObject();
      node.put("name", g.name());
      node.put("band", g.band());
      node.put("frequency_hz", g.frequencyHz());
      node.put("amplitude_volts", g.amplitudeVolts());
      g.members().forEach(node.putArray("members")::add);
      g.lagsSeconds().forEach(node.putArray("lags_seconds")::add);
      ArrayNode phases = node.putArray("phase_lags_radians");
      for (int k = 0; k < g.members().size(); k++) {
        phases.add(g.phaseLagRadians(k));
      }
      ObjectNode coupling = node.putObject("coupling");
      boolean beta = g == EegCouplingGroup.BETA;
      coupling.put("control", beta ? spec.betaCoupling().control() : EegSampleSpec.ALPHA_COUPLING);
      coupling.put(GroupEffect.AFFECTED_GROUP,
          beta ? spec.betaCoupling().patient() : EegSampleSpec.ALPHA_COUPLING);
    }
    ObjectNode effect = truth.putObject("group_effect");
    effect.put("group", GroupEffect.AFFECTED_GROUP);
    effect.put("coupling_group", EegCouplingGroup.BETA.name());
    effect.put("control", spec.betaCoupling().control());
    effect.put(GroupEffect.AFFECTED_GROUP, spec.betaCoupling().patient());

    ObjectNode bad = truth.putArray("bad_channels").addObject();
    bad.put("subject", SampleCohortGenerator.subjectLabel(badChannelSubject()));
    bad.put("channel", BAD_CHANNEL);
    bad.put("description", "marked bad in channels.tsv; its data are white noise of "
        + SyntheticEeg.BAD_CHANNEL_VOLTS + " V RMS and ten times the line noise");
    ObjectNode artefacts = truth.putArray("artefacts").addObject();
    EegRecordingPlan artefactPlan = plan(artefactSubject());
    artefacts.put("subject", artefactPlan.subject());
    artefactPlan.artefactOnsetsSeconds().forEach(artefacts.putArray("onsets_seconds")::add);
    artefacts.put("window_seconds", EegRecordingPlan.ARTEFACT_WINDOW_SECONDS);
    artefacts.put("peak_volts", SyntheticEeg.ARTEFACT_VOLTS);
    artefacts.put("description", "a 0.2 s Hann bump centred 0.5 s after each onset on every "
        + "channel, peak_volts at Fp1/Fp2 falling to a tenth at the back (blink-like)");
    truth.set("recordings", recordings);
    json.writeValue(out.resolve("ground_truth.json").toFile(), truth);
  }
}
