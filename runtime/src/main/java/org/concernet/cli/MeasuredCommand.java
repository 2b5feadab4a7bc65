/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.concernet.system.MeasuredSystem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * The whole pipeline on a measured file, with no Java class and no equations: the states are named
 * on the command line, and every other option is that of a generated experiment ({@link
 * ExperimentCommand}: {@code --seeds}, {@code --out}, {@code --points}, the epochs, …).
 *
 * <pre>
 * java … org.concernet.cli.MeasuredCommand --data real_pend_h_1.txt --states theta,omega \
 *     --columns trial,time,theta,omega --name RealPendulum --energy-form pendulum
 * </pre>
 */
@Command(
    name = "MeasuredCommand",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Learns a conserved quantity H and a baseline and a ConCerNet (projected) dynamics model from the first "
          + MeasuredCommand.TRAIN_PERCENT + "%% of each measured series in time order (derivatives estimated by a"
          + " Savitzky-Golay fit), rolls both out from the start of the rest, and reports their MSE there, H's"
          + " drift, and figures. No equations are needed or used.",
      "Every option of a generated experiment is accepted too (--seeds, --out, --overwrite, --points for the"
          + " training window length, the epochs, …); --experiment-help lists them.",
      ""
    })
public final class MeasuredCommand implements Callable<Integer> {
  static final int TRAIN_PERCENT = 80;

  private final PrintStream out;
  private final PrintStream err;

  @Option(names = "--data", paramLabel = "FILE", required = true,
      description = "The measured file: whitespace-separated with a '%%' header (Schmidt-Lipson), or CSV with a header.")
  Path data;

  @Option(names = "--states", paramLabel = "NAME,NAME,…", required = true, split = ",",
      description = "The state columns, in state order (for an energy form: position, then velocity).")
  List<String> states;

  @Option(names = "--time", paramLabel = "NAME", defaultValue = "time",
      description = "The time column. Default: ${DEFAULT-VALUE}.")
  String time;

  @Option(names = "--trial", paramLabel = "NAME",
      description = "The column whose value says which series (trial) a row belongs to. Default: 'trial' if the"
          + " file has it, else the file is one series.")
  String trial;

  @Option(names = "--columns", paramLabel = "NAME,NAME,…", split = ",",
      description = "Names for all the file's columns, replacing its header (e.g. trial,time,theta,omega).")
  List<String> columns;

  @Option(names = "--name", paramLabel = "NAME",
      description = "The system's name in results and figures. Default: the file's name without extension.")
  String name;

  @Option(names = "--energy-form", paramLabel = "pendulum|spring",
      description = "Also report R² (cubic in H) of a physical energy with its constant k fitted: pendulum"
          + " ½ω² − k·cos θ, spring ½v² + ½k·x² (states: position, velocity).")
  String energyForm;

  @Option(names = "--experiment-help", description = "Show the options shared with generated experiments.")
  boolean experimentHelp;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Unmatched
  List<String> rest = new ArrayList<>();

  private MeasuredCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the command with {@code args} and exits with its status. */
  public static void main(String[] args) {
    OptionalInt filtered = TensorFlowLog.runFiltered(MeasuredCommand.class, args, System.err);
    System.exit(filtered.isPresent() ? filtered.getAsInt() : run(System.out, System.err, args));
  }

  /** Runs the command with {@code args}, printing to the given streams; returns the exit status. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    MeasuredCommand command = new MeasuredCommand(out, err);
    CommandLine cli = new CommandLine(command)
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      err.println("MeasuredCommand: error: " + e.getMessage());
      return 2;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    String fileName = String.valueOf(data.getFileName());
    String systemName = name != null ? name
        : fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
    MeasuredSystem system = new MeasuredSystem(systemName, states, MeasuredSystem.defaults().build(),
        new MeasuredSystem.Reading(data.toString(), columns, time, trial, energyForm));
    List<String> args = new ArrayList<>(rest);
    if (experimentHelp) {
      args.add("--help");
    } else {
      args.add("--data");
      args.add(data.toString());
    }
    return ExperimentCommand.run(system, out, err, args.toArray(String[]::new));
  }
}
