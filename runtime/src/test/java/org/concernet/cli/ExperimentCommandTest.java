/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.cli;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.concernet.protocol.LearningRateSchedule;
import org.concernet.protocol.Protocol;
import org.concernet.protocol.Setting;
import org.concernet.system.SystemSpec;
import org.concernet.testsystems.SpringMass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class ExperimentCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ExperimentCommand.run(new SpringMass(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpExplainsEveryOptionWithTheSystemsOwnDefaults() {
    assertThat(run("--help")).isEqualTo(0);
    String help = out();
    assertThat(help).contains("Usage: SpringMassExperiment");
    for (String option : List.of("--seeds", "--contrastive-epochs", "--dynamics-epochs", "--trajectories", "--noise",
        "--out", "--preset", "--device", "--sweep", "--data", "--help")) {
      assertThat(help).contains(option);
    }
    assertThat(help).contains("Training trajectories. Default: 25.");
    assertThat(help).contains("Default: 0.01.");
  }

  @Test
  void everySettingIsAnOptionWithItsMeaningAndDefaultAndASweepKey() {
    assertThat(run("--help")).isEqualTo(0);
    String help = out().replaceAll("\\s+", " ");
    Protocol declared = new SpringMass().protocol();
    for (Setting<?> setting : Setting.ALL) {
      String value = setting.formatted(declared);
      assertThat(help).contains(setting.option() + "=" + setting.label());
      assertThat(help).contains(setting.meaning() + (value == null ? " For a system that declares an @Autoencoder"
          : " Default: " + value + "."));
      setting.paperValue().ifPresent(paper -> assertThat(help).contains(
          setting.meaning() + " Default: " + value + ". Paper: " + format(setting, paper) + "."));
    }
    assertThat(help).contains("--lr-schedule");
    assertThat(help).contains("Sweep keys (--sweep KEY=V1,V2,…): " + String.join(", ", Setting.names()) + ".");
    assertThat(Sweep.KEYS).containsExactlyElementsIn(Setting.names()).inOrder();
  }

  @SuppressWarnings("unchecked")
  private static <T> String format(Setting<T> setting, Object value) {
    return setting.format((T) value);
  }

  /** A valid value unlike {@code value}: numbers plus one, one more layer, the next enum constant. */
  private static Object other(Object value) {
    if (value instanceof Integer i) {
      return i + 1;
    }
    if (value instanceof Double d) {
      return d + 1;
    }
    if (value instanceof List<?> list) {
      List<Object> longer = new java.util.ArrayList<>(list);
      longer.add(3);
      return longer;
    }
    Enum<?> e = (Enum<?>) value;
    Object[] constants = e.getDeclaringClass().getEnumConstants();
    return constants[(e.ordinal() + 1) % constants.length];
  }

  @Test
  void everyOptionReachesTheProtocol() {
    CommandSpec spec = CommandSpec.create();
    SettingOptions options = SettingOptions.add(spec, new SpringMass());
    Protocol base = new SpringMass().protocol().toBuilder().autoencoder(1).build();
    List<String> args = new java.util.ArrayList<>();
    Map<Setting<?>, Object> expected = new java.util.LinkedHashMap<>();
    for (Setting<?> setting : Setting.ALL) {
      // a share of the epochs stays in [0, 1)
      Object value = setting == Setting.ALIGNMENT_START ? 0.25 : other(setting.get(base));
      expected.put(setting, value);
      args.add(setting.option());
      args.add(format(setting, value));
    }
    Protocol p = options.apply(base, new CommandLine(spec).parseArgs(args.toArray(String[]::new)));
    for (Map.Entry<Setting<?>, Object> e : expected.entrySet()) {
      assertWithMessage(e.getKey().name()).that(e.getKey().get(p)).isEqualTo(e.getValue());
    }
    Protocol old = options.apply(base, new CommandLine(spec).parseArgs("--lr-schedule", "constant"));
    assertThat(old.learningRateSchedule()).isEqualTo(LearningRateSchedule.CONSTANT);
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> options.apply(base, new CommandLine(spec).parseArgs("--hidden", "8,x")));
    assertThat(bad).hasMessageThat().isEqualTo("--hidden: 'x' is not a number");
  }

  @Test
  void badValuesExitNonZeroWithAMessageAndNoStackTrace(@TempDir Path dir) {
    assertThat(run("--preset", "fast")).isEqualTo(2);
    assertThat(err()).contains("--preset");
    assertThat(run("--device", "tpu", "--out", dir.toString())).isNotEqualTo(0);
    assertThat(err()).contains("expected cpu, gpu or auto, found 'tpu'");
    assertThat(run("--sweep", "colour=1,2", "--device", "cpu", "--out", dir.toString())).isEqualTo(2);
    assertThat(err()).contains("--sweep cannot vary 'colour'");
    assertThat(run("--checkpoint-every", "0", "--device", "cpu", "--out", dir.toString())).isNotEqualTo(0);
    assertThat(err()).contains("--checkpoint-every must be at least 1 epoch, was 0");
    assertThat(run("--dissipation", "rate", "--device", "cpu", "--out", dir.resolve("d").toString())).isEqualTo(2);
    assertThat(err()).contains("dissipation = rate trains a third model for measured systems only");
    assertThat(run("--autoencoder-epochs", "5", "--device", "cpu", "--out", dir.toString())).isEqualTo(2);
    assertThat(err()).contains("--autoencoder-epochs: SpringMass learns in its full state space and has no autoencoder");
    assertThat(run("--r2-trajectories", "1", "--points", "4", "--device", "cpu", "--out", dir.toString())).isEqualTo(2);
    assertThat(err()).contains("r2Trajectories × points = 4 R² points are too few: the cubic R² of 1 learned output"
        + " needs at least 5; raise r2Trajectories");
    assertThat(err()).doesNotContain("\tat ");
  }

  @Test
  void autoencoderOptionsReachTheProtocolOfALatentSystem(@TempDir Path dir) throws IOException {
    int status = ExperimentCommand.run(new org.concernet.testsystems.HeatEquation(),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        // the paper preset declares the heat equation's autoencoder (9, {32, 16}, 200 epochs, batch 100)
        "--preset", "paper", "--seeds", "1", "--trajectories", "6", "--points", "10", "--contrastive-epochs", "3", "--dynamics-epochs", "2",
        "--r2-trajectories", "4", "--evaluation-trajectories", "2", "--autoencoder-epochs", "4",
        "--autoencoder-batch", "30", "--device", "cpu", "--out", dir.toString());
    assertThat(err()).isEmpty();
    assertThat(status).isEqualTo(0);
    com.fasterxml.jackson.databind.JsonNode config = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(dir.resolve("results.json").toFile()).get("config").get("autoencoder");
    assertThat(config.get("epochs").asInt()).isEqualTo(4);
    assertThat(config.get("batch").asInt()).isEqualTo(30);
    assertThat(config.get("latent").asInt()).isEqualTo(9);
  }

  @Test
  void missingDataFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nowhere.csv");
    assertThat(run("--data", missing.toString(), "--device", "cpu", "--out", dir.toString())).isEqualTo(2);
    assertThat(err()).contains("nowhere.csv");
    assertThat(err()).doesNotContain("\tat ");
  }

  @Test
  void noiseSweepPrintsOneRowPerValue(@TempDir Path dir) throws Exception {
    int status = run("--sweep", "noise=0,0.1", "--seeds", "1", "--contrastive-epochs", "50", "--dynamics-epochs", "20",
        "--r2-trajectories", "10", "--evaluation-trajectories", "2", "--device", "cpu", "--out", dir.toString());
    assertThat(status).isEqualTo(0);
    assertThat(out()).contains("SpringMass sweep over [noise]");
    assertThat(out()).containsMatch("(?m)^0\\s+0\\.\\d{5}\\s");  // one seed: the value alone, no "± 0"
    assertThat(out()).containsMatch("(?m)^0\\.1\\s+");
    List<String> csv = Files.readAllLines(dir.resolve("sweep.csv"));
    assertThat(csv).hasSize(3);
    assertThat(csv.get(0)).startsWith("noise,R2 energy");
    assertThat(Files.exists(dir.resolve("sweep-noise-0.1/results.json"))).isTrue();
    String html = Files.readString(dir.resolve("sweep.html"));
    assertThat(html).contains("<a href=\"sweep-noise-0.1/report.html\">report</a>");
    assertThat(html).contains("<th>MSE ConCerNet</th>");

    // a rerun with --resume takes every combination's seed from its folder and prints the same table
    String first = Files.readString(dir.resolve("sweep.csv"));
    out.reset();
    assertThat(run("--sweep", "noise=0,0.1", "--seeds", "1", "--contrastive-epochs", "50", "--dynamics-epochs", "20",
        "--r2-trajectories", "10", "--evaluation-trajectories", "2", "--device", "cpu", "--out", dir.toString(),
        "--resume")).isEqualTo(0);
    assertThat(out()).contains("seed 0: resumed from " + dir.resolve("sweep-noise-0").resolve("seeds"));
    assertThat(out()).contains("seed 0: resumed from " + dir.resolve("sweep-noise-0.1").resolve("seeds"));
    assertThat(Files.readString(dir.resolve("sweep.csv"))).isEqualTo(first);
  }

  /** The test SpringMass with a learning rate of 1e30: training must diverge in its first epochs. */
  private static SystemSpec withLearningRate(SystemSpec system, double rate) {
    return new SystemSpec() {
      @Override public String name() { return system.name(); }
      @Override public int dimension() { return system.dimension(); }
      @Override public List<String> stateNames() { return system.stateNames(); }
      @Override public List<String> invariantNames() { return system.invariantNames(); }
      @Override public Map<String, Double> parameters() { return system.parameters(); }
      @Override public SystemSpec withParameters(Map<String, Double> o) { return withLearningRate(system.withParameters(o), rate); }
      @Override public Protocol protocol() { return system.protocol().toBuilder().learningRate(rate).build(); }
      @Override public double[] derivative(double[] x) { return system.derivative(x); }
      @Override public double[] invariants(double[] x) { return system.invariants(x); }
      @Override public double[] sampleInitialState(RandomGenerator rng) { return system.sampleInitialState(rng); }
      @Override public Optional<String> graphFormUnavailableReason() { return system.graphFormUnavailableReason(); }
      @Override public <T extends TNumber> Operand<T> derivative(Ops tf, Operand<T> x) { return system.derivative(tf, x); }
      @Override public <T extends TNumber> Operand<T> invariants(Ops tf, Operand<T> x) { return system.invariants(tf, x); }
    };
  }

  private static boolean anyResults(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("results.json"));
    }
  }

  @Test
  void divergedTrainingExitsNonZeroNamingWhereAndWritesNoResults(@TempDir Path dir) throws IOException {
    int status = ExperimentCommand.run(withLearningRate(new SpringMass(), 1e30),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        "--seeds", "1", "--first-seed", "7", "--trajectories", "6", "--points", "10", "--contrastive-epochs", "20",
        "--dynamics-epochs", "20", "--r2-trajectories", "5", "--evaluation-trajectories", "2", "--device", "cpu",
        "--out", dir.toString());
    assertThat(status).isEqualTo(2);
    assertThat(err()).containsMatch("SpringMassExperiment: error: contrastive diverged at epoch \\d+ \\(seed -?\\d+\\): "
        + "the square ratio loss became NaN .*; last finite loss \\d");
    assertThat(err()).contains("in the run with seed 7; to repeat just that run: --seeds 1 --first-seed 7");
    assertThat(err()).doesNotContain("\tat ");
    assertThat(anyResults(dir)).isFalse();
  }

  @Test
  void dataScaledTo1e200ExitsNonZeroAndWritesNoResults(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("huge.csv");
    StringBuilder csv = new StringBuilder("trajectory,time,q,p,q_dot,p_dot\n");
    for (int i = 0; i < 4; i++) {
      for (int t = 0; t < 10; t++) {
        double time = 0.3 * t;
        double r = 0.5 + 0.2 * i;
        double q = r * Math.cos(2 * time + i);
        double p = -r * Math.sin(2 * time + i);
        csv.append(i).append(',').append(time).append(',').append(q * 1e200).append(',').append(p * 1e200)
            .append(',').append(2 * p * 1e200).append(',').append(-2 * q * 1e200).append('\n');
      }
    }
    Files.writeString(file, csv);
    Path results = dir.resolve("out");
    assertThat(run("--data", file.toString(), "--seeds", "1", "--contrastive-epochs", "5", "--dynamics-epochs", "5",
        "--r2-trajectories", "5", "--evaluation-trajectories", "2", "--device", "cpu", "--out", results.toString()))
        .isEqualTo(2);
    assertThat(err()).contains("SpringMassExperiment: error: ");
    assertThat(err()).contains("epoch 1");
    assertThat(err()).doesNotContain("\tat ");
    assertThat(Files.exists(results) && anyResults(results)).isFalse();
  }

  @Test
  void badDataIsOneMessageAndExitTwoAndAStackTraceOnlyWhenVerbose(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("still.csv");
    Files.writeString(file, "trajectory,time,q,p,q_dot,p_dot\n"
        + "a,0,1,0,0,-2\na,0.1,0.98,-0.2,-0.4,-1.96\n"
        + "b,0,0.5,0.5,0,0\nb,0.1,0.5,0.5,0,0\n");
    String[] args = {"--data", file.toString(), "--seeds", "1", "--device", "cpu", "--out", dir.resolve("out").toString()};
    assertThat(run(args)).isEqualTo(2);
    assertThat(err()).contains("SpringMassExperiment: error: " + file + ", line 4: trajectory 'b' (lines 4-5): all 2 states"
        + " are identical, (q, p) = (0.5, 0.5)");
    assertThat(err().lines().filter(l -> l.contains("error:")).count()).isEqualTo(1);
    assertThat(err()).doesNotContain("\tat ");
    assertThat(Files.exists(dir.resolve("out").resolve("results.json"))).isFalse();
    err.reset();
    String[] verbose = java.util.Arrays.copyOf(args, args.length + 1);
    verbose[args.length] = "--verbose";
    assertThat(run(verbose)).isEqualTo(2);
    assertThat(err()).contains("org.concernet.data.InvalidDataException");
    assertThat(err()).contains("\tat ");
  }

  /** A one-seed run at the smallest sizes, into {@code dir}. */
  private static String[] quickRun(Path dir) {
    return new String[] {"--seeds", "1", "--trajectories", "6", "--points", "10", "--contrastive-epochs", "5",
        "--dynamics-epochs", "5", "--r2-trajectories", "5", "--evaluation-trajectories", "2", "--device", "cpu",
        "--out", dir.toString()};
  }

  @Test
  void aFailedRerunLeavesThePreviousResultsWholeAndUntouched(@TempDir Path dir) throws IOException {
    String[] quick = quickRun(dir);
    assertThat(run(quick)).isEqualTo(0);
    byte[] before = Files.readAllBytes(dir.resolve("results.json"));
    String[] again = Stream.concat(Stream.of(quick), Stream.of("--overwrite")).toArray(String[]::new);
    int status = ExperimentCommand.run(withLearningRate(new SpringMass(), 1e30),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), again);
    assertThat(status).isEqualTo(2);
    // --overwrite sets the earlier run aside, the new one diverges, and the earlier run is put back
    assertThat(err()).contains("diverged at epoch");
    assertThat(Files.readAllBytes(dir.resolve("results.json"))).isEqualTo(before);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("results.json")).toList())
          .containsExactly("results.json");
    }
  }

  @Test
  void aRerunIntoTheFolderOfAnotherRunIsRefusedAndLosesNothing(@TempDir Path dir) throws IOException {
    String[] quick = quickRun(dir);
    assertThat(run(quick)).isEqualTo(0);
    byte[] before = Files.readAllBytes(dir.resolve("results.json"));
    String[] other = quick.clone();
    other[1] = "2";
    assertThat(run(other)).isEqualTo(2);
    assertThat(err()).contains("SpringMassExperiment: error: " + dir + " holds the outputs of another run (");
    assertThat(err()).contains("give another --out, continue that run with --resume, or replace its outputs with"
        + " --overwrite");
    assertThat(Files.readAllBytes(dir.resolve("results.json"))).isEqualTo(before);
    assertThat(Files.exists(dir.resolve("seeds/seed-1.json"))).isFalse();
  }

  @Test
  void anOutputFolderThatIsAFileIsRefusedBeforeTraining(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("out.txt"), "mine");
    assertThat(run("--seeds", "1", "--device", "cpu", "--out", file.toString())).isEqualTo(2);
    assertThat(err()).contains("error: the output folder " + file + " is a file; give --out a folder");
    assertThat(out()).doesNotContain("contrastive");
    assertThat(Files.readString(file)).isEqualTo("mine");
  }

  @Test
  void sparkRunsTheTasksOfASweepAndNeedsItsArtifact(@TempDir Path dir) {
    assertThat(run("--spark", "--device", "cpu", "--out", dir.toString())).isEqualTo(2);
    assertThat(err()).contains("error: --spark runs the tasks of a --sweep; give --sweep KEY=V1,V2,…");
    assertThat(run("--master", "local[2]", "--device", "cpu", "--out", dir.toString())).isEqualTo(2);
    assertThat(err()).contains("error: --master runs the tasks of a --sweep");
    // the runtime's own tests have no concernet-spark on the class path
    assertThat(run("--sweep", "noise=0,0.1", "--spark", "--device", "cpu", "--out", dir.toString())).isEqualTo(2);
    assertThat(err()).contains("error: --spark needs concernet-spark on the class path");
    assertThat(err()).doesNotContain("\tat ");
    assertThat(anyFile(dir)).isFalse();
  }

  private static boolean anyFile(Path dir) {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      return files.findAny().isPresent();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void resumingAFolderThatDoesNotExistSaysSo(@TempDir Path dir) {
    Path missing = dir.resolve("never-ran");
    assertThat(run("--seeds", "1", "--device", "cpu", "--resume", "--out", missing.toString())).isEqualTo(2);
    assertThat(err()).contains("error: --resume: " + missing + " does not exist, so there is no run to resume there");
    assertThat(Files.exists(missing)).isFalse();
  }

  @Test
  void theCommandIsNamedAfterTheGeneratedClassNotTheSystemsName() {
    assertThat(ExperimentCommand.commandName(new SirSystem())).isEqualTo("SirExperiment");
    assertThat(ExperimentCommand.commandName(new SpringMass())).isEqualTo("SpringMassExperiment");
    assertThat(ExperimentCommand.run(new SirSystem(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), "--help")).isEqualTo(0);
    assertThat(out()).contains("Usage: SirExperiment");
  }

  @Test
  void theHelpDescriptionIsWholeParagraphsThatPicocliWraps() {
    assertThat(run("--help")).isEqualTo(0);
    String help = out();
    // each paragraph flows as one: no hard break inside a sentence (they made ragged lines at 80 columns)
    assertThat(help.replaceAll("\\s+", " ")).contains("Learns the conserved quantities of SpringMass from its"
        + " trajectories by contrastive learning, then a baseline and a ConCerNet (projected) dynamics model, and"
        + " compares their rollouts with the truth.");
    for (String line : help.substring(help.indexOf("Learns"), help.indexOf("\n\n", help.indexOf("Learns")))
        .split("\n")) {
      assertThat(line.length()).isAtMost(80);
    }
    String[] lines = help.substring(help.indexOf("Learns")).split("\n");
    assertThat(lines[0].length()).isAtLeast(60);
    assertThat(lines[1].length()).isAtLeast(60);
  }

  /** A system whose declared name ("SIR") differs from its class's, as generated code for {@code @DynamicalSystem(name = "SIR") class Sir}. */
  private static final class SirSystem implements org.concernet.system.SystemSpec {
    private final org.concernet.system.SystemSpec sir = new org.concernet.testsystems.Sir();

    @Override public String name() { return "SIR"; }
    @Override public int dimension() { return sir.dimension(); }
    @Override public java.util.List<String> stateNames() { return sir.stateNames(); }
    @Override public java.util.List<String> invariantNames() { return sir.invariantNames(); }
    @Override public java.util.Map<String, Double> parameters() { return sir.parameters(); }
    @Override public org.concernet.system.SystemSpec withParameters(java.util.Map<String, Double> o) { return this; }
    @Override public org.concernet.protocol.Protocol protocol() { return sir.protocol(); }
    @Override public double[] derivative(double[] x) { return sir.derivative(x); }
    @Override public double[] invariants(double[] x) { return sir.invariants(x); }
    @Override public double[] sampleInitialState(java.util.random.RandomGenerator rng) {
      return sir.sampleInitialState(rng);
    }
    @Override public java.util.Optional<String> graphFormUnavailableReason() {
      return sir.graphFormUnavailableReason();
    }
    @Override public <T extends org.tensorflow.types.family.TNumber> org.tensorflow.Operand<T> derivative(
        org.tensorflow.op.Ops tf, org.tensorflow.Operand<T> x) {
      return sir.derivative(tf, x);
    }
    @Override public <T extends org.tensorflow.types.family.TNumber> org.tensorflow.Operand<T> invariants(
        org.tensorflow.op.Ops tf, org.tensorflow.Operand<T> x) {
      return sir.invariants(tf, x);
    }
  }
}
