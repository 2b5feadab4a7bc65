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
 * The {@link SystemSpec} of {@link Kepler}, generated from its annotations: its names, its
 * equations as Java and as TensorFlow graph builders, and its experiment protocol.
 */
@Generated("org.concernet.processor.DynamicalSystemProcessor")
public final class KeplerSystem extends DeclaredSystem<Kepler> {
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
    super("Kepler",
        List.of(
          StateField.scalar("x", -1.0, 1.0),
          StateField.scalar("y", -1.0, 1.0),
          StateField.scalar("vx", -1.0, 1.0),
          StateField.scalar("vy", -1.0, 1.0)),
        List.of("energy", "angularMomentum"),
        Map.of(),
        parameters);
  }

  @Override
  public Protocol protocol() {
    return Protocol.builder()
          .trajectories(400)
          .evaluationHorizon(5.0)
          .contrastiveEpochs(375)
          .dynamicsEpochs(250)
          .build();
  }

  @Override
  protected KeplerSystem withValues(Map<String, Double> parameters) {
    return new KeplerSystem(parameters);
  }

  @Override
  protected Kepler newSystem() {
    return new Kepler();
  }

  @Override
  protected void setState(Kepler system, double[] x) {
    system.x = x[0];
    system.y = x[1];
    system.vx = x[2];
    system.vy = x[3];
  }

  @Override
  protected double[] stateOf(Kepler system) {
    return new double[] {system.x, system.y, system.vx, system.vy};
  }

  @Override
  protected double[] derivativeOf(Kepler system) {
    return new double[] {system.dx(), system.dy(), system.dvx(), system.dvy()};
  }

  @Override
  protected double[] invariantsOf(Kepler system) {
    return new double[] {system.energy(), system.angularMomentum()};
  }

  @Override
  public List<String> candidateTermNames() {
    return List.of("1/r");
  }

  @Override
  protected double[] candidateTermsOf(Kepler system) {
    return new double[] {system.inverseRadius()};
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
   * The equations of {@link Kepler} as TensorFlow graph builders, on a batch of states.
   */
  private static final class Graph<T extends TNumber> implements DeclaredSystem.GraphEquations<T> {
    private final GraphMath<T> g;

    private final Operand<T> x;

    private final Operand<T> y;

    private final Operand<T> vx;

    private final Operand<T> vy;

    Graph(GraphMath<T> g, List<Operand<T>> columns, Map<String, Double> parameters) {
      this.g = g;
      this.x = columns.get(0);
      this.y = columns.get(1);
      this.vx = columns.get(2);
      this.vy = columns.get(3);
    }

    @Override
    public List<Operand<T>> derivatives() {
      return List.of(dx(), dy(), dvx(), dvy());
    }

    @Override
    public List<Operand<T>> invariants() {
      return List.of(energy(), angularMomentum());
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
