/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.protocol;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concernet.annotations.Autoencoder;
import org.concernet.annotations.DynamicalSystem;
import org.concernet.nn.Activation;
import org.junit.jupiter.api.Test;

/** The one declaration of the protocol's settings agrees with everything derived from or checked against it. */
class SettingTest {
  private static List<String> topLevel() {
    return Setting.ALL.stream().filter(s -> s.group().isEmpty()).map(Setting::name).toList();
  }

  private static List<Setting<?>> autoencoderSettings() {
    return Setting.ALL.stream().filter(s -> s.group().isPresent()).toList();
  }

  /** An annotation attribute's default as the setting holds it: int[] as a list of integers. */
  private static Object plain(Object value) {
    if (value instanceof int[] ints) {
      return Arrays.stream(ints).boxed().toList();
    }
    return value;
  }

  @Test
  void settingsAreTheProtocolsRecordComponentsInOrder() {
    List<String> components = new ArrayList<>(Arrays.stream(Protocol.class.getRecordComponents())
        .map(RecordComponent::getName).toList());
    assertThat(components.remove(components.size() - 1)).isEqualTo(Setting.AUTOENCODER);
    assertThat(topLevel()).containsExactlyElementsIn(components).inOrder();
    assertThat(autoencoderSettings().stream().map(Setting::key).toList()).containsExactlyElementsIn(
        Arrays.stream(Protocol.AutoencoderSpec.class.getRecordComponents()).map(RecordComponent::getName).toList())
        .inOrder();
  }

  @Test
  void dynamicalSystemAttributesAreTheSettingsWithTheirDefaults() {
    Map<String, Object> defaults = new LinkedHashMap<>();
    for (Method attribute : DynamicalSystem.class.getDeclaredMethods()) {
      defaults.put(attribute.getName(), plain(attribute.getDefaultValue()));
    }
    assertThat(defaults.remove("name")).isEqualTo("");
    assertThat(defaults.remove(Setting.AUTOENCODER)).isEqualTo(new Autoencoder[0]);
    assertThat(defaults.remove("stateSizes")).isEqualTo(new org.concernet.annotations.StateSize[0]);
    assertThat(defaults.keySet()).containsExactlyElementsIn(topLevel());
    for (Setting<?> setting : Setting.ALL) {
      if (setting.group().isEmpty()) {
        assertWithMessage(setting.name()).that(setting.defaultValue().orElseThrow()).isEqualTo(defaults.get(setting.name()));
      }
    }
  }

  @Test
  void autoencoderAttributesAreTheAutoencoderSettingsWithTheirDefaults() {
    Map<String, Object> defaults = new LinkedHashMap<>();
    for (Method attribute : Autoencoder.class.getDeclaredMethods()) {
      defaults.put(attribute.getName(), plain(attribute.getDefaultValue()));
    }
    assertThat(defaults.keySet()).containsExactlyElementsIn(autoencoderSettings().stream().map(Setting::key).toList());
    for (Setting<?> setting : autoencoderSettings()) {
      assertWithMessage(setting.name()).that(setting.defaultValue().orElse(null)).isEqualTo(defaults.get(setting.key()));
    }
  }

  @Test
  void builderStartsAtTheDefaultsWhichAreValid() {
    Protocol p = Protocol.builder().build();
    for (Setting<?> setting : Setting.ALL) {
      assertWithMessage(setting.name()).that(setting.get(p)).isEqualTo(setting.defaultValue().isPresent()
          && setting.group().isEmpty() ? setting.defaultValue().get() : null);
    }
    assertThat(p.learningRateSchedule()).isEqualTo(Protocol.DEFAULT_SCHEDULE);
    assertThat(Protocol.builder().autoencoder(9).build().autoencoder().orElseThrow())
        .isEqualTo(new Protocol.AutoencoderSpec(9, List.of(32, 16), 200, 100));
  }

  @Test
  void everySettingParsesWhatItFormatsAndSetsWhatItGets() {
    Protocol p = Protocol.builder().autoencoder(3).build();
    for (Setting<?> setting : Setting.ALL) {
      roundTrip(setting, p);
    }
  }

  private static <T> void roundTrip(Setting<T> setting, Protocol p) {
    T value = setting.get(p);
    assertWithMessage(setting.name()).that(setting.parse(setting.format(value))).isEqualTo(value);
    assertThat(setting.get(setting.with(p.toBuilder(), value).build())).isEqualTo(value);
  }

  @Test
  void withParsesAndChangesOneSetting() {
    Protocol p = Protocol.builder().autoencoder(3).build();
    assertThat(Setting.HIDDEN.with(p, "8, 4").hidden()).containsExactly(8, 4).inOrder();
    assertThat(Setting.ACTIVATION.with(p, "relu").activation()).isEqualTo(Activation.RELU);
    assertThat(Setting.LEARNING_RATE_SCHEDULE.with(p, "Constant").learningRateSchedule())
        .isEqualTo(LearningRateSchedule.CONSTANT);
    assertThat(Setting.AUTOENCODER_EPOCHS.with(p, "7").autoencoder().orElseThrow().epochs()).isEqualTo(7);
    assertThat(Setting.LEARNING_RATE.with(p, "0.5").learningRate()).isEqualTo(0.5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Setting.NOISE.with(p, "loud"));
    assertThat(e).hasMessageThat().isEqualTo("'loud' is not a number");
    e = assertThrows(IllegalArgumentException.class, () -> Setting.ACTIVATION.with(p, "sigmoid"));
    assertThat(e).hasMessageThat().isEqualTo("expected tanh, relu, found 'sigmoid'");
    assertThrows(IllegalStateException.class, () -> Setting.AUTOENCODER_BATCH.with(Protocol.builder().build(), "5"));
  }

  @Test
  void optionsAreTheNamesInKebabCase() {
    assertThat(Setting.CONTRASTIVE_EPOCHS.option()).isEqualTo("--contrastive-epochs");
    assertThat(Setting.R2_TRAJECTORIES.option()).isEqualTo("--r2-trajectories");
    assertThat(Setting.AUTOENCODER_BATCH.option()).isEqualTo("--autoencoder-batch");
    assertThat(Setting.LEARNING_RATE_SCHEDULE.option()).isEqualTo("--learning-rate-schedule");
  }

  @Test
  void configAndProvenanceMapsKeepTheirKeysOrderAndValues() {
    Protocol plain = Protocol.builder().trajectories(25).build();
    Map<String, Object> config = Setting.config(plain);
    assertThat(config.keySet()).containsExactlyElementsIn(topLevel()).inOrder();
    assertThat(config.get("activation")).isEqualTo("tanh");
    assertThat(config.get("learningRateSchedule")).isEqualTo("cosine");
    assertThat(config.get("hidden")).isEqualTo(List.of(100, 100));
    Map<String, Object> provenance = Setting.provenance(plain);
    List<String> withAutoencoder = new ArrayList<>(topLevel());
    withAutoencoder.add(Setting.AUTOENCODER);
    assertThat(provenance.keySet()).containsExactlyElementsIn(withAutoencoder).inOrder();
    assertThat(provenance.get("activation")).isEqualTo("TANH");
    assertThat(provenance.get(Setting.AUTOENCODER)).isNull();

    Protocol latent = Protocol.builder().autoencoder(9).build();
    assertThat(Setting.config(latent).get(Setting.AUTOENCODER)).isEqualTo(Map.of(
        "latent", 9, "hidden", List.of(32, 16), "activation", "tanh", "epochs", 200, "batch", 100));
    assertThat(((Map<?, ?>) Setting.config(latent).get(Setting.AUTOENCODER)).keySet())
        .containsExactly("latent", "hidden", "activation", "epochs", "batch").inOrder();
    assertThat(((Map<?, ?>) Setting.provenance(latent).get(Setting.AUTOENCODER)).keySet())
        .containsExactly("latent", "hidden", "epochs", "batch").inOrder();
  }

  @Test
  void paperValuesAreWhatThePaperPresetSets() {
    Protocol paper = Preset.PAPER.apply("SomeSystem", PresetTest.odd());
    for (Setting<?> setting : Setting.ALL) {
      setting.paperValue().ifPresent(v -> assertWithMessage(setting.name()).that(setting.get(paper)).isEqualTo(v));
    }
    assertThat(Setting.ALL.stream().filter(s -> s.paperValue().isPresent()).map(Setting::name).toList())
        .containsExactly("noise", "smoothingWindow", "standardise", "evaluationTrajectories", "evaluationPoints", "r2Trajectories",
            "latent", "hidden",
            "contrastiveEpochs", "contrastiveBatch", "dynamicsEpochs", "dynamicsBatch", "dynamicsLoss", "unprojectedWeight", "learningRate",
            "learningRateSchedule", "alignmentWeight", "alignmentStart", "independenceWeight", "deflationDegree", "volumeWeight",
            "levelSetNewton",
            "dissipation", "calibrate", "hamiltonianWeight", "projectedNetwork").inOrder();
  }
}
