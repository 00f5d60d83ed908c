package dev.sparkvideo.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rows of the results table: each measure beside its baseline, their ratio and the goal it is held to. */
final class ResultTable {
  private final List<String[]> rows = new ArrayList<>();

  /**
   * Adds a row and prints it at once, so a long run shows progress.
   *
   * @param met whether the goal is met, or {@code null} when the row has no pass/fail goal
   */
  void add(String id, String measure, String ours, String baseline, String ratio, String goal, Boolean met) {
    String[] row = {id, measure, ours, baseline, ratio, goal, met == null ? "-" : met ? "yes" : "no"};
    rows.add(row);
    System.out.println("  " + String.join(" | ", row));
  }

  /** The table in Markdown. */
  String markdown() {
    StringBuilder sb = new StringBuilder("| case | measure | spark-video | baseline | ratio | goal | met |\n");
    sb.append("| --- | --- | --- | --- | --- | --- | --- |\n");
    for (String[] r : rows) {
      sb.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    return sb.toString();
  }

  static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3f s", s);
  }

  static String ratio(double r) {
    return String.format(Locale.ROOT, "%.2fx", r);
  }

  static String number(double n) {
    return String.format(Locale.ROOT, "%.1f", n);
  }

  static String percentOf(long part, long whole) {
    return String.format(Locale.ROOT, "%.2f%% (%,d B)", 100.0 * part / whole, part);
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
