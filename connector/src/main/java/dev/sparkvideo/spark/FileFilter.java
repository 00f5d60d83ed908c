package dev.sparkvideo.spark;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * A pushed predicate on what is known of a file at planning ({@code path}, {@code _metadata.file_path},
 * {@code file_name}, {@code file_size}, {@code file_modification_time}): files it rejects get no partition at all.
 */
final class FileFilter {
  private final Comparison comparison;

  private FileFilter(Comparison comparison) {
    this.comparison = comparison;
  }

  /** The filter for {@code c}, or {@code null} when {@code c} is not about files. */
  static FileFilter of(Comparison c) {
    switch (c.column()) {
      case VideoSchema.PATH:
      case "_metadata.file_path":
      case "_metadata.file_name":
        return isTextMatch(c.op()) && c.values().stream().allMatch(v -> v instanceof String) ? new FileFilter(c) : null;
      case "_metadata.file_size":
      case "_metadata.file_modification_time":
        return isOrdering(c.op()) && c.values().stream().allMatch(v -> v instanceof Long) ? new FileFilter(c) : null;
      default:
        return null;
    }
  }

  private static boolean isTextMatch(String op) {
    return op.equals("=") || op.equals("IN") || op.equals("STARTS_WITH") || op.equals("ENDS_WITH")
        || op.equals("CONTAINS");
  }

  private static boolean isOrdering(String op) {
    return op.equals("=") || op.equals("<") || op.equals("<=") || op.equals(">") || op.equals(">=")
        || op.equals("IN");
  }

  /** Whether a listed file passes, its values computed as Spark's file sources give them in rows. */
  boolean accepts(FileStatus file) {
    switch (comparison.column()) {
      case "_metadata.file_path":
        // Spark's _metadata.file_path: the path's URI, URL-encoded.
        return text(new Path(file.getPath().toString()).toUri().toString());
      case "_metadata.file_name":
        String raw = file.getPath().toUri().getRawPath();
        return text(raw.substring(raw.lastIndexOf('/') + 1));
      case "_metadata.file_size":
        return number(file.getLen());
      case "_metadata.file_modification_time":
        return number(file.getModificationTime() * 1000);
      default:
        return text(file.getPath().toString());
    }
  }

  private boolean text(String actual) {
    String v = String.valueOf(comparison.values().get(0));
    switch (comparison.op()) {
      case "=":
        return actual.equals(v);
      case "IN":
        return comparison.values().contains(actual);
      case "STARTS_WITH":
        return actual.startsWith(v);
      case "ENDS_WITH":
        return actual.endsWith(v);
      case "CONTAINS":
        return actual.contains(v);
      default:
        return true;
    }
  }

  private boolean number(long actual) {
    if (comparison.op().equals("IN")) {
      return comparison.values().contains(actual);
    }
    long v = comparison.integral();
    switch (comparison.op()) {
      case "=":
        return actual == v;
      case "<":
        return actual < v;
      case "<=":
        return actual <= v;
      case ">":
        return actual > v;
      case ">=":
        return actual >= v;
      default:
        return true;
    }
  }

  @Override
  public String toString() {
    return comparison.toString();
  }
}
