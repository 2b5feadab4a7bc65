package org.concernet.examples;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import javax.annotation.processing.Generated;
import org.concernet.protocol.Protocol;
import org.concernet.system.DeclaredSystem;
import org.concernet.system.GraphMath;
import org.concernet.system.StateField;
import org.concernet.system.SystemSpec;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TNumber;

/**
 * The {@link SystemSpec} of {@link SpringMass}, generated from its annotations: its names, its
 * equations as Java and as TensorFlow graph builders, and its experiment protocol.
 */
@Generated("org.concernet.processor.DynamicalSystemProcessor")
public final class SpringMassSystem extends DeclaredSystem<SpringMass> {
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
    super("SpringMass",
        List.of(
          StateField.scalar("q", -1.0, 1.0),
          StateField.scalar("p", -1.0, 1.0)),
        List.of("energy"),
        Map.of(),
        parameters);
  }

  @Override
  public Protocol protocol() {
    return Protocol.builder()
          .trajectories(25)
          .points(30)
          .endTime(3.0)
          .evaluationHorizon(50.0)
          .build();
  }

  @Override
  protected SpringMassSystem withValues(Map<String, Double> parameters) {
    return new SpringMassSystem(parameters);
  }

  @Override
  protected SpringMass newSystem() {
    return new SpringMass();
  }

  @Override
  protected void setState(SpringMass system, double[] x) {
    system.q = x[0];
    system.p = x[1];
  }

  @Override
  protected double[] stateOf(SpringMass system) {
    return new double[] {system.q, system.p};
  }

  @Override
  protected double[] derivativeOf(SpringMass system) {
    return new double[] {system.dq(), system.dp()};
  }

  @Override
  protected double[] invariantsOf(SpringMass system) {
    return new double[] {system.energy()};
  }

  @Override
  public double[] sampleInitialState(RandomGenerator rng) {
    return sampled(system -> system.sample(rng));
  }

  @Override
  protected <T extends TNumber> DeclaredSystem.GraphEquations<T> graph(GraphMath<T> math,
      List<Operand<T>> columns) {
    return new Graph<>(math, columns, parameters());
  }

  /**
   * The equations of {@link SpringMass} as TensorFlow graph builders, on a batch of states.
   */
  private static final class Graph<T extends TNumber> implements DeclaredSystem.GraphEquations<T> {
    private final GraphMath<T> g;

    private final Operand<T> q;

    private final Operand<T> p;

    Graph(GraphMath<T> g, List<Operand<T>> columns, Map<String, Double> parameters) {
      this.g = g;
      this.q = columns.get(0);
      this.p = columns.get(1);
    }

    @Override
    public List<Operand<T>> derivatives() {
      return List.of(dq(), dp());
    }

    @Override
    public List<Operand<T>> invariants() {
      return List.of(energy());
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
