/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.training;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * An Adam step that updates exactly the given variables, with PyTorch's defaults (β1 = 0.9,
 * β2 = 0.999, ε = 1e-8, no weight decay) and its bias correction: step t uses β^t, so the first
 * step moves each weight by the learning rate. Built from TensorFlow's {@code ApplyAdam} kernel.
 *
 * <p>Why not the framework's optimizers: {@code Optimizer.minimize} differentiates every variable
 * of the graph and fails once a graph holds two networks, and its Adam starts its bias correction
 * one step late (measured: its first step is 0.74 × lr instead of lr).
 */
public final class Adam {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private Adam() {}

  /** The name of the learning-rate scale placeholder of the optimizer {@code name}. */
  private static String learningRateScale(String name) {
    return name + "_lr_scale";
  }

  /**
   * An Adam step and the optimizer's state: what a checkpoint must hold besides the weights to
   * continue training exactly where it stopped.
   *
   * @param op runs one update
   * @param state β1^t and β2^t (the bias corrections of the next step), then the first and second
   *     moments m and v of every variable, in the variables' order
   * @param rateScale the name of the scalar float32 placeholder (default 1) that multiplies the
   *     learning rate of a step: feed it per step (or per epoch) to follow a learning-rate schedule
   * @param scale that placeholder
   */
  public record Step<T extends TNumber>(Op op, List<Variable<T>> state, String rateScale, Operand<TFloat32> scale) {
    public Step {
      state = List.copyOf(state);
    }
  }

  /**
   * Builds one Adam update of {@code variables} down the gradient of {@code loss}, with the
   * optimizer's state variables.
   *
   * @param name unique prefix for this optimizer's slot variables in the graph; the step's learning
   *     rate is {@code learningRate} times the placeholder {@link Step#rateScale()}
   */
  public static <T extends TNumber> Step<T> build(Ops tf, Operand<T> loss, List<? extends Variable<T>> variables,
      double learningRate, String name) {
    Class<T> type = loss.type();
    Variable<T> beta1Power = tf.withName(name + "_beta1_power").variable(tf.constant(type, BETA1));
    Variable<T> beta2Power = tf.withName(name + "_beta2_power").variable(tf.constant(type, BETA2));
    Operand<TFloat32> scale = tf.withName(learningRateScale(name))
        .placeholderWithDefault(tf.constant(1.0f), Shape.scalar());
    List<Variable<T>> state = new ArrayList<>(List.of(beta1Power, beta2Power));
    for (Variable<T> variable : variables) {
      String slot = name + "_" + variable.op().name();
      // zeros of the variable's static shape: zerosLike(variable) would read the variable before
      // it is initialised (it only works while Grappler folds it away)
      Operand<T> zeros = tf.zeros(tf.constant(variable.shape().asArray()), type);
      state.add(tf.withName(slot + "_m").variable(zeros));
      state.add(tf.withName(slot + "_v").variable(zeros));
    }
    return new Step<>(update(tf, loss, variables, state, scale, learningRate, name + "_step"), state,
        learningRateScale(name), scale);
  }

  /**
   * A second update of {@code step}'s variables down the gradient of another {@code loss}, sharing
   * {@code step}'s moments, bias corrections and learning-rate placeholder: the two updates are one
   * optimizer whose loss changes between epochs (a loss term that is off for some epochs runs the
   * cheaper graph without it). A step of either advances the same state.
   *
   * @param name the update op's name, unique in the graph
   */
  public static <T extends TNumber> Op sameState(Ops tf, Step<T> step, Operand<T> loss,
      List<? extends Variable<T>> variables, double learningRate, String name) {
    if (step.state().size() != 2 + 2 * variables.size()) {
      throw new IllegalArgumentException("the step's state holds " + step.state().size() + " variables, not the "
          + (2 + 2 * variables.size()) + " of " + variables.size() + " variables");
    }
    return update(tf, loss, variables, step.state(), step.scale(), learningRate, name);
  }

  private static <T extends TNumber> Op update(Ops tf, Operand<T> loss, List<? extends Variable<T>> variables,
      List<Variable<T>> state, Operand<TFloat32> scale, double learningRate, String name) {
    Class<T> type = loss.type();
    Gradients gradients = tf.gradients(loss, variables);
    Variable<T> beta1Power = state.get(0);
    Variable<T> beta2Power = state.get(1);
    Operand<T> lr = tf.math.mul(tf.constant(type, learningRate), tf.dtypes.cast(scale, type));
    Operand<T> beta1 = tf.constant(type, BETA1);
    Operand<T> beta2 = tf.constant(type, BETA2);
    Operand<T> epsilon = tf.constant(type, EPSILON);
    // Every update waits for every gradient: ApplyAdam changes its variable in place, and the
    // backward pass reads the weights of layer l + 1 to form the gradient of layer l. Without this
    // gate an update may run before that read (seen with 2 threads: results changed run to run).
    List<Op> computed = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      computed.add(tf.identity(gradients.dy(i)));
    }
    Ops gated = tf.withControlDependencies(computed);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Variable<T> m = state.get(2 + 2 * i);
      Variable<T> v = state.get(3 + 2 * i);
      Operand<T> gradient = gradients.dy(i);
      updates.add(gated.train.applyAdam(variables.get(i), m, v, beta1Power, beta2Power, lr, beta1, beta2, epsilon,
          gradient));
    }
    Ops after = tf.withControlDependencies(updates);
    Op nextBeta1 = after.assign(beta1Power, after.math.mul(beta1Power, beta1));
    Op nextBeta2 = after.assign(beta2Power, after.math.mul(beta2Power, beta2));
    return tf.withControlDependencies(List.of(nextBeta1, nextBeta2)).withName(name).noOp();
  }
}
