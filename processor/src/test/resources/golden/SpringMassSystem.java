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
 * The {@link SystemSpec} of {@link SpringMass}, generated from its annotations: its metadata, its
 * equations as Java and as TensorFlow graph builders, and its experiment protocol.
 */
@Generated("org.concernet.processor.DynamicalSystemProcessor")
public final class SpringMassSystem implements SystemSpec {
  private static final String NAME = "SpringMass";

  private static final int DIMENSION = 2;

  private static final List<String> STATE_NAMES = List.of("q", "p");

  private static final List<String> INVARIANT_NAMES = List.of("energy");

  private final Map<String, Double> parameters;

  /**
   * A system whose parameters have the defaults of a fresh {@code new SpringMass()}.
   */
  public SpringMassSystem() {
    this(Map.of());
  }

  /**
   * A system with the given parameter values; parameters not named keep their defaults.
   *
   * @throws IllegalArgumentException if a name is not a {@code @Parameter} of {@link SpringMass}
   */
  public SpringMassSystem(Map<String, Double> parameters) {
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
  public SpringMassSystem withParameters(Map<String, Double> overrides) {
    Map<String, Double> values = new LinkedHashMap<>(parameters);
    for (Map.Entry<String, Double> entry : overrides.entrySet()) {
      if (!values.containsKey(entry.getKey())) {
        throw new IllegalArgumentException("unknown parameter " + entry.getKey() + " of " + NAME + "; its parameters are " + values.keySet());
      }
      values.put(entry.getKey(), entry.getValue());
    }
    return new SpringMassSystem(values);
  }

  @Override
  public Protocol protocol() {
    return new Protocol(
        25, 30, 0.0, 3.0, 0.01,
        10, 1001, 50.0, 500,
        1, List.of(100, 100), Activation.TANH,
        3000, 10, 1000, 100,
        Protocol.DEFAULT_LEARNING_RATE,
        Optional.empty());
  }

  /**
   * A fresh {@link SpringMass} with this system's parameter values.
   */
  private SpringMass newSystem() {
    SpringMass system = new SpringMass();
    return system;
  }

  /**
   * A fresh {@link SpringMass} at state {@code x}.
   */
  private SpringMass at(double[] x) {
    if (x.length != DIMENSION) {
      throw new IllegalArgumentException(NAME + " has " + DIMENSION + " state coordinates, x has " + x.length);
    }
    SpringMass system = newSystem();
    system.q = x[0];
    system.p = x[1];
    return system;
  }

  @Override
  public double[] derivative(double[] x) {
    SpringMass system = at(x);
    return new double[] {system.dq(), system.dp()};
  }

  @Override
  public double[] invariants(double[] x) {
    SpringMass system = at(x);
    return new double[] {system.energy()};
  }

  /**
   * The state fields of {@code system}.
   */
  private static double[] state(SpringMass system) {
    return new double[] {system.q, system.p};
  }

  @Override
  public double[] sampleInitialState(RandomGenerator rng) {
    SpringMass system = newSystem();
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
   * The equations of {@link SpringMass} as TensorFlow graph builders, on a batch of states.
   */
  private static final class Graph<T extends TNumber> {
    private final GraphMath<T> g;

    private final Operand<T> q;

    private final Operand<T> p;

    Graph(Ops tf, Operand<T> states, Map<String, Double> parameters) {
      if (states.shape().numDimensions() != 2 || states.shape().get(1) != DIMENSION) {
        throw new IllegalArgumentException("states must be shaped [batch, " + DIMENSION + "], found " + states.shape());
      }
      this.g = GraphMath.of(tf, states);
      List<Operand<T>> columns = g.columns(states);
      this.q = columns.get(0);
      this.p = columns.get(1);
    }

    Operand<T> stackDerivatives() {
      return g.stack(List.of(dq(), dp()));
    }

    Operand<T> stackInvariants() {
      return g.stack(List.of(energy()));
    }

    /**
     * Translated from {@link SpringMass#dq()}.
     */
    Operand<T> dq() {
      return g.mul(g.constant(2.0), p);
    }

    /**
     * Translated from {@link SpringMass#dp()}.
     */
    Operand<T> dp() {
      return g.mul(g.constant(-2.0), q);
    }

    /**
     * Translated from {@link SpringMass#energy()}.
     */
    Operand<T> energy() {
      return g.add(g.mul(q, q), g.mul(p, p));
    }
  }
}
