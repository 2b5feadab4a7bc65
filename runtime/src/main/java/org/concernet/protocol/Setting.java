/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.concernet.nn.Activation;
import org.concernet.protocol.Protocol.AutoencoderSpec;

/**
 * One setting of the experiment {@link Protocol}, declared once: its name, type, default, meaning,
 * the paper's value where the paper has one value for every system, how to read it from a protocol
 * and how to set it on a builder. Everything else is derived from {@link #ALL} or checked against
 * it by tests: the {@code @DynamicalSystem} and {@code @Autoencoder} attribute defaults, the
 * command-line options, the {@code --sweep} keys, the {@code config} map of {@code results.json},
 * the protocol in {@code provenance.json}, and {@link Preset#PAPER}'s method settings.
 *
 * <p>The settings of the {@link Protocol.AutoencoderSpec} (group {@code autoencoder}) exist only
 * for a system that declares an autoencoder: on a protocol without one they read as {@code null}
 * and setting them fails.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {
  /** The group of the autoencoder's settings, and their key in the config and provenance maps. */
  public static final String AUTOENCODER = "autoencoder";

  private static final Type<Integer> INT = number("N", Integer::parseInt);
  private static final Type<Integer> COUNT = number("N|auto", text -> text.equals("auto") ? 0 : Integer.parseInt(text));
  private static final Type<Double> REAL = number("X", Double::parseDouble);
  private static final Type<List<Integer>> WIDTHS = widthsType();

  public static final Setting<Integer> TRAJECTORIES = setting("trajectories", INT,
      "Training trajectories.", 50, null, Protocol::trajectories, Protocol.Builder::trajectories);
  public static final Setting<Integer> POINTS = setting("points", INT,
      "Points per training trajectory, evenly spaced on [startTime, endTime].", 100, null,
      Protocol::points, Protocol.Builder::points);
  public static final Setting<Double> START_TIME = setting("startTime", REAL,
      "Start of the training time span.", 0.0, null, Protocol::startTime, Protocol.Builder::startTime);
  public static final Setting<Double> END_TIME = setting("endTime", REAL,
      "End of the training time span.", 10.0, null, Protocol::endTime, Protocol.Builder::endTime);
  public static final Setting<Double> NOISE = setting("noise", REAL,
      "Std of the Gaussian noise on training states and derivatives.", 0.01, 0.01,
      Protocol::noise, Protocol.Builder::noise);
  public static final Setting<Integer> SMOOTHING_WINDOW = setting("smoothingWindow", COUNT,
      "Savitzky–Golay window (odd, points) in which the training states are smoothed along time before anything"
          + " learns from them, since noise in the states biases what is fitted to them; auto (or 0): for generated data"
          + " with noise σ, the window of 5 to 25 points with the least estimated error (Stein's unbiased risk"
          + " estimate), applied only where that error is below σ² in every coordinate (measured data, noise-free data"
          + " and the states of an autoencoder system are not smoothed); 1: none, as the paper (docs/generality.md).",
      Protocol.AUTO_SMOOTHING, 1, Protocol::smoothingWindow, Protocol.Builder::smoothingWindow);
  public static final Setting<Standardise> STANDARDISE = setting("standardise", choice(Standardise.class),
      "Whether H and both dynamics models learn on standardised states, (x - mean) / std of the training points,"
          + " rather than on the states as declared: auto: when the activation is tanh (it saturates; ReLU does not) and"
          + " some state's training points are far from unit scale (root mean square above 10 or standard deviation"
          + " below 0.01); on: always; off: never, as the paper."
          + " Figures are reported in the system's own units either way; measured data are always standardised.",
      Standardise.AUTO, Standardise.OFF, Protocol::standardise, Protocol.Builder::standardise);
  public static final Setting<Integer> EVALUATION_TRAJECTORIES = setting("evaluationTrajectories", INT,
      "Rollouts for MSE and violation.", 10, 10,
      Protocol::evaluationTrajectories, Protocol.Builder::evaluationTrajectories);
  public static final Setting<Integer> EVALUATION_POINTS = setting("evaluationPoints", INT,
      "Time points per evaluation rollout, on [0, evaluationHorizon].", 1001, 1001,
      Protocol::evaluationPoints, Protocol.Builder::evaluationPoints);
  public static final Setting<Double> EVALUATION_HORIZON = setting("evaluationHorizon", REAL,
      "Length of the evaluation rollouts.", 10.0, null,
      Protocol::evaluationHorizon, Protocol.Builder::evaluationHorizon);
  public static final Setting<Integer> R2_TRAJECTORIES = setting("r2Trajectories", INT,
      "Fresh noise-free trajectories for R² of the learned invariant.", 500, 500,
      Protocol::r2Trajectories, Protocol.Builder::r2Trajectories);
  public static final Setting<Integer> LATENT = setting("latent", COUNT,
      "Number of learned conserved quantities (outputs of H); auto (or 0): estimated from the data, by training"
          + " min(n − 1, 4) outputs and keeping those conserved on held-out trajectories.", 1, 1, Protocol::latent, Protocol.Builder::latent);
  public static final Setting<List<Integer>> HIDDEN = setting("hidden", WIDTHS,
      "Hidden layer widths of the invariant and dynamics networks, comma-separated.", List.of(100, 100),
      List.of(100, 100), Protocol::hidden, Protocol.Builder::hidden);
  public static final Setting<Activation> ACTIVATION = setting("activation", choice(Activation.class),
      "Activation of the hidden layers.", Activation.TANH, null, Protocol::activation, Protocol.Builder::activation);
  public static final Setting<Integer> CONTRASTIVE_EPOCHS = setting("contrastiveEpochs", INT,
      "Epochs of contrastive (square ratio loss) training (the paper: 1000; measured systems: 1000).", 3000, 1000,
      Protocol::contrastiveEpochs, Protocol.Builder::contrastiveEpochs);
  public static final Setting<Integer> CONTRASTIVE_BATCH = setting("contrastiveBatch", INT,
      "Trajectories per contrastive batch.", 10, 10, Protocol::contrastiveBatch, Protocol.Builder::contrastiveBatch);
  public static final Setting<Integer> DYNAMICS_EPOCHS = setting("dynamicsEpochs", INT,
      "Epochs of dynamics training, for each of the two models (the paper: 200 with an autoencoder).", 1000, 1000,
      Protocol::dynamicsEpochs, Protocol.Builder::dynamicsEpochs);
  public static final Setting<Integer> DYNAMICS_BATCH = setting("dynamicsBatch", INT,
      "Points per dynamics batch (the paper: 20 with an autoencoder).", 100, 100,
      Protocol::dynamicsBatch, Protocol.Builder::dynamicsBatch);
  public static final Setting<DynamicsLoss> DYNAMICS_LOSS = setting("dynamicsLoss", choice(DynamicsLoss.class),
      "How both dynamics models are fitted: derivative (the paper's eq. 4, f̃(x) regressed on the observed ẋ) or"
          + " shooting (f̃ integrated with RK4 over segments of shootingSteps observed steps from observed states, fitted"
          + " to the observed states; needs no derivatives).", DynamicsLoss.DERIVATIVE, DynamicsLoss.DERIVATIVE,
      Protocol::dynamicsLoss, Protocol.Builder::dynamicsLoss);
  public static final Setting<Integer> SHOOTING_STEPS = setting("shootingSteps", INT,
      "Observed steps per segment of the shooting loss (dynamicsLoss = shooting).", 4, null,
      Protocol::shootingSteps, Protocol.Builder::shootingSteps);
  public static final Setting<Integer> SHOOTING_SUBSTEPS = setting("shootingSubsteps", INT,
      "RK4 steps per observed step in the shooting loss (dynamicsLoss = shooting).", 1, null,
      Protocol::shootingSubsteps, Protocol.Builder::shootingSubsteps);
  public static final Setting<Double> UNPROJECTED_WEIGHT = setting("unprojectedWeight", REAL,
      "Weight α of the unprojected term in ConCerNet's dynamics loss: its network's own output f is also fitted to"
          + " the derivatives, α·|f − ẋ|² beside the projected |P f − ẋ|², so that f's component along ∇H (which the"
          + " projection removes) is the data's too; 0 is the paper's projected loss alone (docs/generality.md); no effect"
          + " with dynamicsLoss = shooting.",
      0.0, 0.0, Protocol::unprojectedWeight, Protocol.Builder::unprojectedWeight);
  public static final Setting<Double> LEARNING_RATE = setting("learningRate", REAL,
      "Adam's learning rate (of the first epoch of each stage).", Protocol.DEFAULT_LEARNING_RATE,
      Protocol.DEFAULT_LEARNING_RATE, Protocol::learningRate, Protocol.Builder::learningRate);
  public static final Setting<LearningRateSchedule> LEARNING_RATE_SCHEDULE = setting("learningRateSchedule",
      choice(LearningRateSchedule.class), "Learning rate over the contrastive and dynamics epochs: constant, or cosine from"
          + " the rate down to 1% of it at the last epoch.", Protocol.DEFAULT_SCHEDULE, LearningRateSchedule.CONSTANT,
      Protocol::learningRateSchedule, Protocol.Builder::learningRateSchedule);
  public static final Setting<Double> ALIGNMENT_WEIGHT = setting("alignmentWeight", REAL,
      "Weight λ of the derivative-alignment term beside the square ratio loss: λ times the share of the"
          + " data's flow along the gradient of H, which the projection removes;"
          + " 0 is the paper's loss alone (docs/generality.md).", 1.0, 0.0,
      Protocol::alignmentWeight, Protocol.Builder::alignmentWeight);
  public static final Setting<Double> ALIGNMENT_START = setting("alignmentStart", REAL,
      "Share of the contrastive epochs, in [0, 1), trained with the square ratio loss alone before the alignment"
          + " term joins it (the paper's loss chooses the quantity, alignment then sharpens it); 0: from the first"
          + " epoch.", 0.5, 0.0, Protocol::alignmentStart, Protocol.Builder::alignmentStart);
  public static final Setting<Double> INDEPENDENCE_WEIGHT = setting("independenceWeight", REAL,
      "For latent > 1: weight μ of the independence term μ·mean cos²(∇H_i, ∇H_j) over pairs of outputs, with one"
          + " square ratio loss per output; 0 is the joint loss of the paper; no effect with one output.", 0.0, 0.0,
      Protocol::independenceWeight, Protocol.Builder::independenceWeight);
  public static final Setting<Integer> DEFLATION_DEGREE = setting("deflationDegree", INT,
      "For latent > 1: output k's square ratio loss is taken on its residual after a least-squares fit, within the"
          + " batch, on the monomials of degree <= d in the outputs before it (so it cannot repeat them); 0 is the joint"
          + " loss of the paper; no effect with one output.", 0, 0,
      Protocol::deflationDegree, Protocol.Builder::deflationDegree);
  public static final Setting<Double> VOLUME_WEIGHT = setting("volumeWeight", REAL,
      "For latent > 1: one square ratio loss per output plus this weight times −log of the batch mean of the Gram"
          + " determinant of the outputs' normalised gradients (a barrier against outputs that are functions of one"
          + " another); 0: none; no effect with one output.", 0.001, 0.0,
      Protocol::volumeWeight, Protocol.Builder::volumeWeight);
  public static final Setting<Integer> LEVEL_SET_NEWTON = setting("levelSetNewton", INT,
      "Newton steps after each RK4 step of a third evaluation model, ConCerNet projected back onto the level set of"
          + " the learned invariants it started on; 0: no third model.", 0, 0,
      Protocol::levelSetNewton, Protocol.Builder::levelSetNewton);
  public static final Setting<Dissipation> DISSIPATION = setting("dissipation", choice(Dissipation.class),
      "A third dynamics model beside the baseline and ConCerNet for measured systems that lose energy, not the"
          + " paper's ConCerNet: the projected field plus a learned term along the gradient of H that makes the rate of"
          + " change of H equal to a learned g <= 0 exactly; none: no third model; rate: g learned directly; gradient:"
          + " g = r times the squared norm of the gradient of H, with r <= 0 learned. Measured systems default to rate.",
      Dissipation.NONE, Dissipation.NONE, Protocol::dissipation, Protocol.Builder::dissipation);
  public static final Setting<Calibrate> CALIBRATE = setting("calibrate", choice(Calibrate.class),
      "Whether a single learned H is reported on the flow's scale: auto: after H is learned, H = g(h) with g' a"
          + " quartic fitted so that |grad H| matches |dx/dt| on the training points, kept when it fits to 10% (a"
          + " Hamiltonian system's H is then its energy up to a constant; the projection, which sees only H's level"
          + " sets, does not change); off: the network's output, as the paper.",
      Calibrate.AUTO, Calibrate.OFF, Protocol::calibrate, Protocol.Builder::calibrate);
  public static final Setting<Double> HAMILTONIAN_WEIGHT = setting("hamiltonianWeight", REAL,
      "For one learned output with the refinement stage and a choice by validation, on an even number of at least"
          + " four states (positions, then momenta, or each position followed by its momentum; the data tell which):"
          + " the weight of a third ending trained beside the"
          + " refined and the paper-loss ones, the refinement plus this weight times the Hamiltonian term (grad H"
          + " parallel to J^T x', the energy's gradient when the system is Hamiltonian in these coordinates); the H"
          + " with the lowest validation spread is kept, so other systems keep what they had. 0: no third ending."
          + " See docs/generality.md (\"The Hamiltonian ending\").",
      10.0, 0.0, Protocol::hamiltonianWeight, Protocol.Builder::hamiltonianWeight);
  public static final Setting<ProjectedNetwork> PROJECTED_NETWORK = setting("projectedNetwork",
      choice(ProjectedNetwork.class), "Which trained network ConCerNet projects onto H's level sets: auto: the network"
          + " trained through the projection (the paper's) or the baseline's network, whichever has the lower rollout MSE"
          + " once projected on the seed's validation trajectories (generated, noise-free, over the training window; a"
          + " tie keeps the paper's; measured data: the paper's); trained: the paper's. Both keep H exactly. See"
          + " docs/generality.md (\"Which network ConCerNet projects\").",
      ProjectedNetwork.AUTO, ProjectedNetwork.TRAINED, Protocol::projectedNetwork, Protocol.Builder::projectedNetwork);
  public static final Setting<Integer> AUTOENCODER_LATENT = autoencoder(INT, "latent",
      "Size of the autoencoder's latent code.", null, AutoencoderSpec::latent, Protocol.Builder::autoencoderLatent);
  public static final Setting<List<Integer>> AUTOENCODER_HIDDEN = autoencoder(WIDTHS, "hidden",
      "Hidden widths of the autoencoder's encoder (the decoder mirrors them), comma-separated.", List.of(32, 16),
      AutoencoderSpec::hidden, Protocol.Builder::autoencoderHidden);
  public static final Setting<Integer> AUTOENCODER_EPOCHS = autoencoder(INT, "epochs",
      "Epochs of autoencoder training.", 200, AutoencoderSpec::epochs, Protocol.Builder::autoencoderEpochs);
  public static final Setting<Integer> AUTOENCODER_BATCH = autoencoder(INT, "batch",
      "States per autoencoder batch.", 100, AutoencoderSpec::batch, Protocol.Builder::autoencoderBatch);

  /**
   * Every setting: first those of {@link Protocol}'s record components in their order, then the
   * autoencoder's in {@link Protocol.AutoencoderSpec}'s order.
   */
  public static final List<Setting<?>> ALL = List.of(TRAJECTORIES, POINTS, START_TIME, END_TIME, NOISE,
      SMOOTHING_WINDOW, STANDARDISE, EVALUATION_TRAJECTORIES, EVALUATION_POINTS, EVALUATION_HORIZON, R2_TRAJECTORIES, LATENT, HIDDEN, ACTIVATION,
      CONTRASTIVE_EPOCHS, CONTRASTIVE_BATCH, DYNAMICS_EPOCHS, DYNAMICS_BATCH, DYNAMICS_LOSS, SHOOTING_STEPS,
      SHOOTING_SUBSTEPS, UNPROJECTED_WEIGHT, LEARNING_RATE, LEARNING_RATE_SCHEDULE, ALIGNMENT_WEIGHT, ALIGNMENT_START,
      INDEPENDENCE_WEIGHT, DEFLATION_DEGREE, VOLUME_WEIGHT, LEVEL_SET_NEWTON, DISSIPATION, CALIBRATE, HAMILTONIAN_WEIGHT, PROJECTED_NETWORK,
      AUTOENCODER_LATENT, AUTOENCODER_HIDDEN, AUTOENCODER_EPOCHS, AUTOENCODER_BATCH);

  private final String name;
  private final String group;
  private final String key;
  private final Type<T> type;
  private final String meaning;
  private final T defaultValue;
  private final T paperValue;
  private final Function<Protocol, T> getter;
  private final BiFunction<Protocol.Builder, T, Protocol.Builder> with;

  private Setting(String name, String group, String key, Type<T> type, String meaning, T defaultValue, T paperValue,
      Function<Protocol, T> getter, BiFunction<Protocol.Builder, T, Protocol.Builder> with) {
    this.name = name;
    this.group = group;
    this.key = key;
    this.type = type;
    this.meaning = meaning;
    this.defaultValue = defaultValue;
    this.paperValue = paperValue;
    this.getter = getter;
    this.with = with;
  }

  /**
   * The setting's name: the annotation attribute, the builder method, the {@code --sweep} key. For
   * a setting of a group, the group followed by the capitalised key ({@code autoencoderEpochs}).
   */
  public String name() {
    return name;
  }

  /** {@code autoencoder} for the autoencoder's settings, empty for the protocol's own. */
  public Optional<String> group() {
    return Optional.ofNullable(group);
  }

  /** The name inside the group ({@code epochs}), or the name. */
  public String key() {
    return key;
  }

  /** The long command-line option: the name in kebab case ({@code --contrastive-epochs}). */
  public String option() {
    return "--" + name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** What the setting means, one sentence. */
  public String meaning() {
    return meaning;
  }

  /** The library's default: the annotation attribute's default; empty when the attribute is required. */
  public Optional<T> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /**
   * The paper's value when the paper uses one value for every system (appendix B); empty when it
   * differs by system (then {@link Preset#PAPER} sets it from its table of the four systems).
   */
  public Optional<T> paperValue() {
    return Optional.ofNullable(paperValue);
  }

  /** What a value looks like on the command line, e.g. {@code N} or {@code constant|cosine}. */
  public String label() {
    return type.label;
  }

  /** The value in {@code protocol}; {@code null} for an autoencoder setting of a protocol without one. */
  public T get(Protocol protocol) {
    return getter.apply(protocol);
  }

  /** Sets the value on {@code builder}. */
  public Protocol.Builder with(Protocol.Builder builder, T value) {
    return with.apply(builder, value);
  }

  /** {@code protocol} with this setting changed to {@code text}, parsed. */
  public Protocol with(Protocol protocol, String text) {
    return with(protocol.toBuilder(), parse(text)).build();
  }

  /**
   * Parses a command-line value: numbers, comma-separated widths, enum constants in any case.
   *
   * @throws IllegalArgumentException saying what was expected, if {@code text} is not a value
   */
  public T parse(String text) {
    return type.parse.apply(text.trim());
  }

  /** The value as the command line writes it. */
  public String format(T value) {
    return type.format.apply(value);
  }

  /** The value of {@code protocol} as the command line writes it; {@code null} when absent. */
  public String formatted(Protocol protocol) {
    T value = get(protocol);
    return value == null ? null : format(value);
  }

  @Override
  public String toString() {
    return name;
  }

  /** The setting named {@code name}, if any. */
  public static Optional<Setting<?>> named(String name) {
    return ALL.stream().filter(s -> s.name.equals(name)).findFirst();
  }

  /** The names of {@link #ALL}. */
  public static List<String> names() {
    return ALL.stream().map(Setting::name).toList();
  }

  /** The defaults: what a {@code @DynamicalSystem} without attributes declares (no autoencoder). */
  public static Protocol.Builder defaults() {
    Protocol.Builder b = Protocol.Builder.empty();
    for (Setting<?> setting : ALL) {
      if (setting.group == null) {
        setting.withDefault(b);
      }
    }
    return b;
  }

  private void withDefault(Protocol.Builder b) {
    with(b, defaultValue);
  }

  /** Sets this setting of {@code from} on {@code to}. */
  void copy(Protocol from, Protocol.Builder to) {
    with(to, get(from));
  }

  /** Sets the paper's value on {@code b}, when the paper has one. */
  void withPaperValue(Protocol.Builder b) {
    if (paperValue != null) {
      with(b, paperValue);
    }
  }

  /**
   * The settings of {@code protocol} as the {@code config} map of {@code results.json} writes them:
   * by name in {@link #ALL}'s order, enums in lower case, the autoencoder (when there is one) as
   * one nested map, which also names its activation (always tanh).
   */
  public static Map<String, Object> config(Protocol protocol) {
    Map<String, Object> map = values(protocol, true);
    protocol.autoencoder().ifPresent(ae -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> nested = (Map<String, Object>) map.get(AUTOENCODER);
      Map<String, Object> withActivation = new LinkedHashMap<>();
      nested.forEach((k, v) -> {
        withActivation.put(k, v);
        if (k.equals(AUTOENCODER_HIDDEN.key)) {
          withActivation.put("activation", "tanh"); // the autoencoder's layers are always tanh
        }
      });
      map.put(AUTOENCODER, withActivation);
    });
    return map;
  }

  /**
   * The settings of {@code protocol} as {@code provenance.json} writes them: by name in
   * {@link #ALL}'s order, enums by constant name, the autoencoder as one nested map or null.
   */
  public static Map<String, Object> provenance(Protocol protocol) {
    Map<String, Object> map = values(protocol, false);
    map.putIfAbsent(AUTOENCODER, null);
    return map;
  }

  private static Map<String, Object> values(Protocol protocol, boolean lowerCaseEnums) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (Setting<?> setting : ALL) {
      Object value = setting.get(protocol);
      if (value instanceof Enum<?> e) {
        value = lowerCaseEnums ? e.name().toLowerCase(Locale.ROOT) : e.name();
      } else if (value instanceof List<?> list) {
        value = new ArrayList<>(list);
      }
      if (setting.group == null) {
        map.put(setting.name, value);
      } else if (protocol.autoencoder().isPresent()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) map.computeIfAbsent(setting.group, g -> new LinkedHashMap<>());
        nested.put(setting.key, value);
      }
    }
    return map;
  }

  // ---- the value types ----

  /** How values of one type are parsed, written and labelled on the command line. */
  private record Type<T>(String label, Function<String, T> parse, Function<T, String> format) {}

  private static <N> Type<N> number(String label, Function<String, N> parse) {
    return new Type<>(label, text -> {
      try {
        return parse.apply(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' is not a number", e);
      }
    }, String::valueOf);
  }

  private static Type<List<Integer>> widthsType() {
    return new Type<>("W1,W2,…", text -> Arrays.stream(text.split(",")).map(String::trim).map(INT.parse).toList(),
        widths -> String.join(",", widths.stream().map(String::valueOf).toList()));
  }

  private static <E extends Enum<E>> Type<E> choice(Class<E> type) {
    List<String> names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    return new Type<>(String.join("|", names), text -> {
      try {
        return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("expected " + String.join(", ", names) + ", found '" + text + "'", e);
      }
    }, e -> e.name().toLowerCase(Locale.ROOT));
  }

  /** A setting of the protocol itself. */
  private static <T> Setting<T> setting(String name, Type<T> type, String meaning, T defaultValue, T paperValue,
      Function<Protocol, T> getter, BiFunction<Protocol.Builder, T, Protocol.Builder> with) {
    return new Setting<>(name, null, name, type, meaning, defaultValue, paperValue, getter, with);
  }

  /** A setting of the autoencoder; the paper's value is its heat equation's, so none here. */
  private static <T> Setting<T> autoencoder(Type<T> type, String key, String meaning, T defaultValue,
      Function<AutoencoderSpec, T> getter, BiFunction<Protocol.Builder, T, Protocol.Builder> with) {
    String name = AUTOENCODER + Character.toUpperCase(key.charAt(0)) + key.substring(1);
    return new Setting<>(name, AUTOENCODER, key, type, meaning, defaultValue, null,
        p -> p.autoencoder().map(getter).orElse(null), with);
  }
}
