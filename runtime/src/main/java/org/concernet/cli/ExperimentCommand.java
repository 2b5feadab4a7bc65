/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import java.util.concurrent.Callable;
import org.concernet.data.InvalidDataException;
import org.concernet.experiment.Experiment;
import org.concernet.experiment.ExperimentConfig;
import org.concernet.experiment.Seeds;
import org.concernet.nn.Device;
import org.concernet.nn.Sessions;
import org.concernet.protocol.Preset;
import org.concernet.protocol.Protocol;
import org.concernet.system.SystemSpec;
import org.concernet.training.Checkpoints;
import org.concernet.training.LibraryVersion;
import org.concernet.training.ProgressListener;
import org.concernet.training.TrainingDivergedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * The command line of every generated {@code …Experiment}: runs the ConCerNet pipeline for one
 * system — data, contrastive learning of the invariant, baseline and ConCerNet dynamics,
 * evaluation — and writes the results. Generated code calls {@link #main(SystemSpec, String[])}.
 */
@Command(
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    versionProvider = ExperimentCommand.Version.class,
    description = {
      // one string per paragraph: picocli wraps each to the terminal's width
      "Learns the conserved quantities of %s from its trajectories by contrastive learning, then a"
          + " baseline and a ConCerNet (projected) dynamics model, and compares their rollouts with the truth.",
      "Protocol options (listed last) default to the system's own @DynamicalSystem values; a preset"
          + " replaces them, and options given explicitly win over both. \"Paper:\" is the paper's value"
          + " where it uses one for every system.",
      ""
    })
public final class ExperimentCommand implements Callable<Integer> {
  private final SystemSpec system;
  private final PrintStream out;
  private ParseResult parsed;
  private SettingOptions settingOptions;

  @Option(names = "--preset", paramLabel = "quick|paper",
      description = "paper: the paper's protocol exactly (appendix B); quick: a fifth of the epochs, a fast look."
          + " Default: the system's own protocol.")
  Preset preset;

  @Option(names = "--seeds", paramLabel = "N", defaultValue = "5",
      description = "Number of seeds (independent runs); figures are mean ± std over them. Default: ${DEFAULT-VALUE}.")
  int seeds;

  @Option(names = "--first-seed", paramLabel = "S", defaultValue = "0",
      description = "First seed; runs use S, S+1, … Default: ${DEFAULT-VALUE}.")
  long firstSeed;

  @Option(names = "--param", paramLabel = "NAME=VALUE",
      description = "Overrides a @Parameter of the system (repeatable).")
  Map<String, Double> parameters = new LinkedHashMap<>();

  @Option(names = "--sweep", paramLabel = "KEY=V1,V2,…",
      description = "Runs the experiment for every value (repeatable: every combination) and prints one table,"
          + " e.g. --sweep noise=0,0.01,0.1,1 (paper Tables 8-9) or --sweep trajectories=5,10,20,40,80"
          + " --sweep points=5,10,20,40 (Table 10). KEY is any protocol setting (listed at the end).")
  List<String> sweeps = new ArrayList<>();

  @Option(names = "--spark",
      description = "Runs the --sweep's (combination, seed) runs as Apache Spark tasks (needs concernet-spark on the"
          + " class path): embedded on this machine's cores unless --master names a cluster, or on the cluster"
          + " spark-submit gave. Same folders, table and results as without it.")
  boolean spark;

  @Option(names = "--master", paramLabel = "URL",
      description = "The Spark master to run the --sweep on (implies --spark), e.g. local[4] or spark://host:7077."
          + " Default: local[*], or the one spark-submit gave.")
  String master;

  @Option(names = "--data", paramLabel = "FILE",
      description = "Train on measured trajectories from a .csv or .npz file instead of generating them.")
  Path data;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder; one that holds another run is refused unless --overwrite or --resume is given."
          + " Default: target/concernet/<system>, whose earlier run each run replaces.")
  Path outDir;

  @Option(names = "--overwrite",
      description = "Replace the outputs of an earlier run in --out (only those: other files stay); they are kept"
          + " until this run completes, and put back if it fails.")
  boolean overwrite;

  @Option(names = "--device", paramLabel = "cpu|gpu|auto", defaultValue = "auto",
      converter = DeviceConverter.class,
      description = "Where TensorFlow runs; auto takes a GPU when one works. Default: ${DEFAULT-VALUE}.")
  Device device;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
      description = "Threads per TensorFlow session (1 is fastest at the paper's sizes and fully reproducible). Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "0",
      description = "Seeds trained at once, each on its own thread; results do not depend on it. Default: 0, the"
          + " processors divided by --threads, at most the number of seeds.")
  int jobs;

  @Option(names = "--float64", description = "Train in float64 instead of float32.")
  boolean float64;

  @Option(names = "--resume",
      description = "Take every seed that an interrupted run with the same configuration completed in --out"
          + " from there (results and models), continue an interrupted seed's stages from their last checkpoints,"
          + " and run only the rest; the results equal an uninterrupted run's.")
  boolean resume;

  @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "" + Checkpoints.DEFAULT_EVERY,
      description = "Epochs between two checkpoints of a training stage (under --out/checkpoints, deleted once a"
          + " seed is complete). Default: ${DEFAULT-VALUE}.")
  int checkpointEvery;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  @Option(names = TensorFlowLog.OPTION,
      description = "Show TensorFlow's native start-up log (oneDNN, CPU features, absl, MLIR), which is hidden by"
          + " default.")
  boolean tensorFlowLog;

  /** Whether this JVM was started by spark-submit, which hands its configuration over as system properties. */
  static final boolean SPARK_SUBMIT = System.getProperty("spark.master") != null;

  private ExperimentCommand(SystemSpec system, PrintStream out) {
    this.system = system;
    this.out = out;
  }

  /**
   * Runs the experiment for {@code system} with command-line {@code args}, then exits with its
   * status. Without {@value TensorFlowLog#OPTION} the run happens in a child process whose
   * TensorFlow start-up log is filtered out ({@link TensorFlowLog}).
   */
  public static void main(SystemSpec system, String[] args) {
    Class<?> mainClass = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();
    OptionalInt filtered = TensorFlowLog.runFiltered(mainClass, args, System.err);
    System.exit(filtered.isPresent() ? filtered.getAsInt() : run(system, args));
  }

  /** Runs the experiment for {@code system} with command-line {@code args}; returns the exit status. */
  public static int run(SystemSpec system, String... args) {
    return run(system, System.out, System.err, args);
  }

  /** As {@link #run(SystemSpec, String...)}, printing to the given streams. */
  public static int run(SystemSpec system, PrintStream out, PrintStream err, String... args) {
    ExperimentCommand command = new ExperimentCommand(system, out);
    CommandLine cli = new CommandLine(command)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true));
    command.settingOptions = SettingOptions.add(cli.getCommandSpec(), system);
    cli.setCommandName(commandName(system));
    cli.getCommandSpec().usageMessage().description(Stream.of(cli.getCommandSpec().usageMessage().description())
        .map(paragraph -> paragraph.replace("%s", system.name())).toArray(String[]::new));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      boolean expected = e instanceof InvalidDataException || e instanceof TrainingDivergedException
          || e instanceof IllegalArgumentException || e instanceof IllegalStateException
          || e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException;
      if (command.verbose || !expected) {
        e.printStackTrace(err);
      }
      err.println(commandName(system) + ": error: " + e.getMessage() + command.runSeedHint(e));
      return expected ? 2 : 1;
    });
    cli.setExecutionStrategy(parseResult -> {
      command.parsed = parseResult;
      return new CommandLine.RunLast().execute(parseResult);
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    if (seeds < 1) {
      throw new IllegalArgumentException("--seeds must be at least 1, was " + seeds);
    }
    if (jobs < 0) {
      throw new IllegalArgumentException("--jobs must be at least 1 (or 0 for one per processor), was " + jobs);
    }
    if (checkpointEvery < 1) {
      throw new IllegalArgumentException("--checkpoint-every must be at least 1 epoch, was " + checkpointEvery);
    }
    Protocol protocol = protocol();
    Sessions.setThreads(threads);
    Device.select(device, out);
    SystemSpec configured = parameters.isEmpty() ? system : system.withParameters(parameters);
    List<Long> seedList = new ArrayList<>();
    for (int i = 0; i < seeds; i++) {
      seedList.add(firstSeed + i);
    }
    Path folder = outDir != null ? outDir : Path.of("target", "concernet", system.name());
    Experiment.Start start = resume ? Experiment.Start.RESUME
        : overwrite || outDir == null ? Experiment.Start.OVERWRITE : Experiment.Start.FRESH;
    if (resume && overwrite) {
      throw new IllegalArgumentException("--resume continues the run in --out and --overwrite replaces it: give one");
    }
    ExperimentConfig config = new ExperimentConfig(configured, protocol, preset, seedList,
        float64, data, folder, Sessions.device(), threads, ExperimentConfig.jobs(jobs, threads, seeds));
    if (sweeps.isEmpty() && (spark || master != null)) {
      throw new IllegalArgumentException((spark ? "--spark" : "--master") + " runs the tasks of a --sweep; give"
          + " --sweep KEY=V1,V2,… (one value is a sweep of one combination)");
    }
    if (sweeps.isEmpty()) {
      Experiment.run(config, out, start, checkpointEvery, ProgressListener.NONE);
    } else {
      List<Map.Entry<String, List<String>>> parsedSweeps = new ArrayList<>();
      for (String sweep : sweeps) {
        parsedSweeps.add(Sweep.parse(sweep));
      }
      if (spark || master != null || SPARK_SUBMIT) {
        DistributedSweep engine = DistributedSweep.find().orElseThrow(() -> new IllegalStateException(
            "--spark needs concernet-spark on the class path (the artifact org.concernet:concernet-spark)"));
        Integer given = parsed.hasMatchedOption("--threads") ? threads : null;
        engine.run(new DistributedSweep.Request(config, parsedSweeps, start, checkpointEvery, master, given), out);
      } else {
        Sweep.run(config, parsedSweeps, out, start, checkpointEvery);
      }
    }
    return 0;
  }

  /**
   * The generated class that runs {@code system}: {@code FooExperiment} beside {@code FooSystem}
   * (the annotated class's name, which the system's own name need not match, e.g. {@code SIR} for
   * {@code Sir}); {@code <name>Experiment} for a system written by hand.
   */
  static String commandName(SystemSpec system) {
    String generated = system.getClass().getSimpleName();
    return generated.endsWith("System") && generated.length() > "System".length()
        ? generated.substring(0, generated.length() - "System".length()) + "Experiment"
        : system.name() + "Experiment";
  }

  /**
   * For a diverged run: which run seed it was (the exception carries the seed derived for its
   * stage) and how to rerun just that one; empty otherwise.
   */
  private String runSeedHint(Exception e) {
    if (!(e instanceof TrainingDivergedException diverged)) {
      return "";
    }
    for (int i = 0; i < Math.max(seeds, 0); i++) {
      long run = firstSeed + i;
      for (String purpose : List.of("contrastive", "dynamics")) {
        if (run == diverged.seed() || Seeds.derive(run, purpose) == diverged.seed()) {
          return "\n  in the run with seed " + run + "; to repeat just that run: --seeds 1 --first-seed " + run;
        }
      }
    }
    return "";
  }

  /** The system's protocol, then the preset, then every protocol option given explicitly. */
  private Protocol protocol() {
    Protocol base = preset == null ? system.protocol() : preset.apply(system.name(), system.protocol());
    return settingOptions.apply(base, parsed);
  }

  static final class DeviceConverter implements CommandLine.ITypeConverter<Device> {
    @Override
    public Device convert(String value) {
      try {
        return Device.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("expected cpu, gpu or auto, found '" + value + "'");
      }
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"concernet-java " + LibraryVersion.get()};
    }
  }
}
