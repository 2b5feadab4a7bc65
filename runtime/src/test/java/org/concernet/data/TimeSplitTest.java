/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.data;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TimeSplit}: the first 80% of each trial in time order trains, the rest is held out untouched. */
class TimeSplitTest {
  @TempDir Path dir;

  private static MeasuredSeries pendulum() throws Exception {
    return MeasuredSeries.read(Path.of(TimeSplitTest.class.getResource("schmidt-lipson/real_pend_h_1_head200.txt")
        .toURI()), List.of("o", "v"));
  }

  @Test
  void thePendulumSliceTrainsOnItsFirst80PercentAndHoldsOutTheRest() throws Exception {
    MeasuredSeries series = pendulum();
    TimeSplit split = TimeSplit.of(series, 0.8);
    int cut = (int) Math.round(0.8 * series.points());
    assertThat(split.training().points()).isEqualTo(cut);
    assertThat(split.heldOut()).hasSize(1);
    TimeSplit.HeldOut heldOut = split.heldOut().get(0);
    assertThat(heldOut.points()).isEqualTo(series.points() - cut);
    // every held-out time is later than every training time, and the two parts share no point
    double lastTraining = split.training().segments().stream()
        .mapToDouble(s -> s.times()[s.points() - 1]).max().orElseThrow();
    assertThat(heldOut.times()[0]).isGreaterThan(lastTraining);
    // the held-out part ends where the file ends, with the file's own values
    MeasuredSeries.Segment last = series.segments().get(series.segments().size() - 1);
    assertThat(heldOut.times()[heldOut.points() - 1]).isEqualTo(last.times()[last.points() - 1]);
    assertThat(heldOut.states()[heldOut.points() - 1]).isEqualTo(last.states()[last.points() - 1]);
    assertThat(heldOut.lastLine()).isEqualTo(last.lastLine());
    assertThat(split.training().trials()).isEqualTo(1);
    assertThat(split.summary()).contains("80% of each trial in time order trains (" + cut + " points");
  }

  @Test
  void eachTrialIsSplitOnItsOwn() throws Exception {
    StringBuilder csv = new StringBuilder("trial,time,x,v\n");
    for (String trial : List.of("a", "b")) {
      for (int t = 0; t < 10; t++) {
        csv.append(trial).append(',').append(t * 0.1).append(',').append(Math.sin(t)).append(',')
            .append(Math.cos(t)).append('\n');
      }
    }
    Path file = dir.resolve("two.csv");
    Files.writeString(file, csv);
    TimeSplit split = TimeSplit.of(MeasuredSeries.read(file, List.of("x", "v")), 0.8);
    assertThat(split.heldOut()).hasSize(2);
    assertThat(split.heldOut().get(0).trial()).isEqualTo("a");
    assertThat(split.heldOut().get(1).trial()).isEqualTo("b");
    assertThat(split.heldOut().get(1).points()).isEqualTo(2);
    assertThat(split.heldOut().get(1).times()[0]).isWithin(1e-12).of(0.8);
    assertThat(split.heldOut().get(1).firstLine()).isEqualTo(20);
    assertThat(split.training().points()).isEqualTo(16);
  }

  @Test
  void aHeldOutPartKeepsItsGapsAndCountsThem() throws Exception {
    StringBuilder text = new StringBuilder("% x v\n");
    double[] times = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14};  // 11 train; a gap before 13, held out
    for (double t : times) {
      text.append("0 ").append(t).append(' ').append(Math.sin(t)).append(' ').append(Math.cos(t)).append('\n');
    }
    Path file = dir.resolve("gap.txt");
    Files.writeString(file, text);
    TimeSplit split = TimeSplit.of(MeasuredSeries.read(file, List.of("x", "v")), 0.8);
    TimeSplit.HeldOut heldOut = split.heldOut().get(0);
    assertThat(heldOut.times()).isEqualTo(new double[] {11, 13, 14});
    assertThat(heldOut.gaps()).isEqualTo(1);
    assertThat(heldOut.describe()).contains("1 gap");
  }

  @Test
  void aTrialTooShortToHoldOutTwoPointsIsAnErrorNamingIt() throws Exception {
    Path file = dir.resolve("short.csv");
    Files.writeString(file, "trial,time,x,v\nlong,0,1,0\nlong,1,2,0\nlong,2,3,0\nlong,3,4,0\nlong,4,5,0\n"
        + "long,5,6,0\nlong,6,7,0\nlong,7,8,0\nlong,8,9,0\nlong,9,10,0\nshort,0,1,0\nshort,1,2,0\nshort,2,3,0\n");
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> TimeSplit.of(MeasuredSeries.read(file, List.of("x", "v")), 0.8));
    assertThat(e).hasMessageThat().isEqualTo("short.csv: trial 'short' has 3 points; its last 20% (1 point) cannot be"
        + " held out to compare a rollout with; it needs at least 8 points");
  }

  @Test
  void theFractionMustBeBetweenZeroAndOne() throws Exception {
    MeasuredSeries series = pendulum();
    assertThrows(IllegalArgumentException.class, () -> TimeSplit.of(series, 1.0));
    assertThrows(IllegalArgumentException.class, () -> TimeSplit.of(series, 0));
  }
}
