package org.concernet.examples;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.annotation.processing.Generated;
import org.concernet.nn.Activation;
import org.concernet.protocol.Protocol;
import org.concernet.system.GraphMath;
import org.concernet.system.SystemSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * The {@link SystemSpec} of {@link Kepler}, generated from its annotations: its metadata, its
 * equations as Java and as TensorFlow graph builders, and its experiment protocol.
 */
@Generated("org.concernet.processor.DynamicalSystemProcessor")
public final class KeplerSystem implements SystemSpec {
  private static final String NAME = "Kepler";

  private static final int DIMENSION = 4;

  private static final List<String> STATE_NAMES = List.of("x", "y", "vx", "vy");

  private static final List<String> INVARIANT_NAMES = List.of("energy", "angularMomentum");

  private final Map<String, Double> parameters;

  /**
   * A system whose parameters have the defaults of a fresh {@code new Kepler()}.
   */
  public KeplerSystem() {
    this(Map.of());
  }

  /**
   * A system with the given parameter values; parameters not named keep their defaults.
   *
   * @throws IllegalArgumentException if a name is not a {@code @Parameter} of {@link Kepler}
   */
  public KeplerSystem(Map<String, Double> parameters) {
    Map<String, Double> values = defaults();
    for (Map.Entry<String, Double> entry : parameters.entrySet()) {
      if (!values.containsKey(entry.getKey())) {
        throw new IllegalArgumentException("unknown parameter " + entry.getKey() + " of " + NAME + "; its parameters are " + values.keySet());
      }
      if (entry.getValue() == null) {
        throw new IllegalArgumentException("parameter " + entry.getKey() + " is null");
      }
      values.put(entry.getKey(), entry.getValue());
    }
    this.parameters = Collections.unmodifiableMap(values);
  }

  private static Map<String, Double> defaults() {
    Map<String, Double> values = new LinkedHashMap<>();
    return values;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public List<String> stateNames() {
    return STATE_NAMES;
  }

  @Override
  public List<String> invariantNames() {
    return INVARIANT_NAMES;
  }

  @Override
  public Map<String, Double> parameters() {
    return parameters;
  }

  @Override
  public KeplerSystem withParameters(Map<String, Double> overrides) {
    Map<String, Double> values = new LinkedHashMap<>(parameters);
    for (Map.Entry<String, Double> entry : overrides.entrySet()) {
      if (!values.containsKey(entry.getKey())) {
        throw new IllegalArgumentException("unknown parameter " + entry.getKey() + " of " + NAME + "; its parameters are " + values.keySet());
      }
      values.put(entry.getKey(), entry.getValue());
    }
    return new KeplerSystem(values);
  }

  @Override
  public Protocol protocol() {
    return new Protocol(
        400, 100, 0.0, 10.0, 0.01,
        10, 1001, 5.0, 500,
        1, List.of(100, 100), Activation.TANH,
        375, 10, 250, 100,
        Protocol.DEFAULT_LEARNING_RATE,
        Optional.empty());
  }

  /**
   * A fresh {@link Kepler} with this system's parameter values.
   */
  private Kepler newSystem() {
    Kepler system = new Kepler();
    return system;
  }

  /**
   * A fresh {@link Kepler} at state {@code x}.
   */
  private Kepler at(double[] x) {
    if (x.length != DIMENSION) {
      throw new IllegalArgumentException(NAME + " has " + DIMENSION + " state coordinates, x has " + x.length);
    }
    Kepler system = newSystem();
    system.x = x[0];
    system.y = x[1];
    system.vx = x[2];
    system.vy = x[3];
    return system;
  }

  @Override
  public double[] derivative(double[] x) {
    Kepler system = at(x);
    return new double[] {system.dx(), system.dy(), system.dvx(), system.dvy()};
  }

  @Override
  public double[] invariants(double[] x) {
    Kepler system = at(x);
    return new double[] {system.energy(), system.angularMomentum()};
  }

  /**
   * The state fields of {@code system}.
   */
  private static double[] state(Kepler system) {
    return new double[] {system.x, system.y, system.vx, system.vy};
  }

  @Override
  public double[] sampleInitialState(RandomGenerator rng) {
    Kepler system = newSystem();
    system.sample(rng);
    return state(system);
  }

  @Override
  public Optional<String> graphFormUnavailableReason() {
    return Optional.empty();
  }

  @Override
  public <T extends TNumber> Operand<T> derivative(Ops tf, Operand<T> x) {
    return new Graph<>(tf, x, parameters).stackDerivatives();
  }

  @Override
  public <T extends TNumber> Operand<T> invariants(Ops tf, Operand<T> x) {
    return new Graph<>(tf, x, parameters).stackInvariants();
  }

  /**
   * The equations of {@link Kepler} as TensorFlow graph builders, on a batch of states.
   */
  private static final class Graph<T extends TNumber> {
    private final GraphMath<T> g;

    private final Operand<T> x;

    private final Operand<T> y;

    private final Operand<T> vx;

    private final Operand<T> vy;

    Graph(Ops tf, Operand<T> states, Map<String, Double> parameters) {
      if (states.shape().numDimensions() != 2 || states.shape().get(1) != DIMENSION) {
        throw new IllegalArgumentException("states must be shaped [batch, " + DIMENSION + "], found " + states.shape());
      }
      this.g = GraphMath.of(tf, states);
      List<Operand<T>> columns = g.columns(states);
      this.x = columns.get(0);
      this.y = columns.get(1);
      this.vx = columns.get(2);
      this.vy = columns.get(3);
    }

    Operand<T> stackDerivatives() {
      return g.stack(List.of(dx(), dy(), dvx(), dvy()));
    }

    Operand<T> stackInvariants() {
      return g.stack(List.of(energy(), angularMomentum()));
    }

    /**
     * Translated from {@link Kepler#r()}.
     */
    Operand<T> r() {
      return g.sqrt(g.add(g.mul(x, x), g.mul(y, y)));
    }

    /**
     * Translated from {@link Kepler#dx()}.
     */
    Operand<T> dx() {
      return vx;
    }

    /**
     * Translated from {@link Kepler#dy()}.
     */
    Operand<T> dy() {
      return vy;
    }

    /**
     * Translated from {@link Kepler#dvx()}.
     */
    Operand<T> dvx() {
      return g.div(g.neg(x), g.mul(g.mul(r(), r()), r()));
    }

    /**
     * Translated from {@link Kepler#dvy()}.
     */
    Operand<T> dvy() {
      return g.div(g.neg(y), g.mul(g.mul(r(), r()), r()));
    }

    /**
     * Translated from {@link Kepler#energy()}.
     */
    Operand<T> energy() {
      return g.sub(g.div(g.add(g.mul(vx, vx), g.mul(vy, vy)), g.constant(2.0)), g.div(g.constant(1.0), r()));
    }

    /**
     * Translated from {@link Kepler#angularMomentum()}.
     */
    Operand<T> angularMomentum() {
      return g.sub(g.mul(x, vy), g.mul(y, vx));
    }
  }
}
