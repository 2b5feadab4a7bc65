/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concernet.protocol.Protocol;
import org.concernet.protocol.Setting;
import org.concernet.system.SystemSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * One command-line option per protocol {@link Setting}, derived from the declaration: the name in
 * kebab case ({@code --contrastive-epochs}), its meaning, the system's own value as the default and
 * the paper's value where it has one. Options given explicitly override the protocol.
 */
final class SettingOptions {
  /** Shorter names kept from earlier versions of the command line. */
  static final Map<String, List<String>> ALIASES = Map.of(
      Setting.LEARNING_RATE_SCHEDULE.name(), List.of("--lr-schedule"));

  private final SystemSpec system;
  private final Map<Setting<?>, OptionSpec> options;

  private SettingOptions(SystemSpec system, Map<Setting<?>, OptionSpec> options) {
    this.system = system;
    this.options = options;
  }

  /** Adds an option for every setting to {@code command}, described with {@code system}'s values. */
  static SettingOptions add(CommandSpec command, SystemSpec system) {
    Protocol declared = system.protocol();
    Map<Setting<?>, OptionSpec> options = new LinkedHashMap<>();
    for (Setting<?> setting : Setting.ALL) {
      OptionSpec option = OptionSpec.builder(names(setting))
          .paramLabel(setting.label())
          .type(String.class)
          .description(escape(description(setting, declared, system.name())))
          .build();
      command.addOption(option);
      options.put(setting, option);
    }
    command.usageMessage().footer(escape(
        "%nSweep keys (--sweep KEY=V1,V2,…): " + String.join(", ", Setting.names()) + "."));
    return new SettingOptions(system, options);
  }

  /** The option names of {@code setting}, the longest first. */
  static String[] names(Setting<?> setting) {
    List<String> aliases = ALIASES.getOrDefault(setting.name(), List.of());
    String[] names = new String[1 + aliases.size()];
    names[0] = setting.option();
    for (int i = 0; i < aliases.size(); i++) {
      names[i + 1] = aliases.get(i);
    }
    return names;
  }

  private static <T> String description(Setting<T> setting, Protocol declared, String system) {
    StringBuilder text = new StringBuilder(setting.meaning());
    String value = setting.formatted(declared);
    if (value != null) {
      text.append(" Default: ").append(value).append('.');
    } else {
      text.append(" For a system that declares an @Autoencoder (").append(system).append(" has none).");
    }
    setting.paperValue().ifPresent(paper -> text.append(" Paper: ").append(setting.format(paper)).append('.'));
    return text.toString();
  }

  /** picocli formats descriptions: a literal % is written %%. */
  private static String escape(String text) {
    return text.replace("%", "%%").replace("%%n", "%n");
  }

  /** {@code base} with every setting option that {@code parsed} matched. */
  Protocol apply(Protocol base, ParseResult parsed) {
    Protocol.Builder b = base.toBuilder();
    for (Map.Entry<Setting<?>, OptionSpec> entry : options.entrySet()) {
      OptionSpec option = entry.getValue();
      if (parsed != null && parsed.hasMatchedOption(option)) {
        set(b, entry.getKey(), option.longestName(), option.getValue());
      }
    }
    return b.build();
  }

  private <T> void set(Protocol.Builder b, Setting<T> setting, String option, String text) {
    if (setting.group().isPresent() && !b.hasAutoencoder()) {
      throw new IllegalArgumentException(option + ": " + system.name()
          + " learns in its full state space and has no autoencoder; declare one with"
          + " @DynamicalSystem(autoencoder = @Autoencoder(...)) to learn in a latent space");
    }
    T value;
    try {
      value = setting.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
    setting.with(b, value);
  }
}
