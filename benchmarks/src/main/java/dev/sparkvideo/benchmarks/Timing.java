package dev.sparkvideo.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** Runs a step once to warm up, then several times, and keeps the median wall time. */
final class Timing {
  /** Repeats for steps of up to a few seconds. */
  static final int REPEATS = 5;
  /** Repeats for steps that decode a whole long file. */
  static final int LONG_REPEATS = 3;

  private Timing() {}

  /** A benchmark step. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  /**
   * Medians of steps compared with each other, run in turns (one warm-up round, then {@code repeats} timed rounds)
   * so that the JVM's warm-up and the machine's load fall on all of them alike.
   */
  static double[] interleavedMedians(int repeats, Step... steps) throws Exception {
    for (Step step : steps) {
      step.run();
    }
    double[][] seconds = new double[steps.length][repeats];
    for (int i = 0; i < repeats; i++) {
      for (int s = 0; s < steps.length; s++) {
        long t0 = System.nanoTime();
        steps[s].run();
        seconds[s][i] = (System.nanoTime() - t0) / 1e9;
      }
    }
    double[] medians = new double[steps.length];
    for (int s = 0; s < steps.length; s++) {
      Arrays.sort(seconds[s]);
      medians[s] = seconds[s][repeats / 2];
    }
    return medians;
  }

  /** The median of {@code repeats} timed runs after one untimed warm-up run, in seconds. */
  static double median(int repeats, Step step) throws Exception {
    step.run();
    double[] seconds = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      step.run();
      seconds[i] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(seconds);
    return seconds[repeats / 2];
  }

  /** CPU seconds this process has used on all its threads so far. */
  static double processCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
  }
}
